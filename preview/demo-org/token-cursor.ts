/**
 * The opaque cursor between token slices, in the format of Apex
 * TokenCursor: base64 of a JSON object with version, createdDate (epoch
 * milliseconds), userId and appName. Decoding checks the fields in the
 * same order as Apex and rejects a bad cursor with the same reasons.
 */
import { caseSafeSuffix } from "./salesforce-id";
import type { TokenOrderKey } from "./token-order";
import { USER_KEY_PREFIX } from "./users";

const FORMAT_VERSION = 1;
const MAXIMUM_ENCODED_LENGTH = 2000;
const FIELD_NAMES = new Set(["version", "createdDate", "userId", "appName"]);
const ID_PATTERN = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/**
 * Raised for a cursor that cannot be decoded. The message is the reason
 * alone, for example "it does not contain valid JSON", as in Apex.
 */
export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

function encodeBase64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function decodeBase64Utf8(encoded: string): string {
  try {
    const binary = atob(encoded);
    const bytes = Uint8Array.from(binary, (character) =>
      character.charCodeAt(0)
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidCursorError("it is not base64-encoded UTF-8 text");
  }
}

/** Writes a parsed JSON value as Apex string concatenation would. */
function apexText(value: unknown): string {
  if (value === undefined || value === null) {
    return "null";
  }
  if (typeof value === "string") {
    return value;
  }
  // Numbers, booleans, arrays and objects: JSON text, as Apex prints them.
  return JSON.stringify(value);
}

/** Returns the cursor string that resumes right after this key. */
export function encodeTokenCursor(key: TokenOrderKey): string {
  return encodeBase64Utf8(
    JSON.stringify({
      version: FORMAT_VERSION,
      createdDate: key.createdAt,
      userId: key.userId,
      appName: key.appName
    })
  );
}

function parseFields(encoded: string): Record<string, unknown> {
  const text = decodeBase64Utf8(encoded);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidCursorError("it does not contain valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCursorError("it does not contain a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/**
 * Returns the 18-character User Id, as Apex Id.valueOf accepts 15 and 18
 * characters and checks the suffix of the longer form.
 */
function readUserId(value: unknown): string {
  if (typeof value !== "string") {
    throw new InvalidCursorError("its userId is missing or not text");
  }
  const id15 = value.slice(0, 15);
  if (
    !ID_PATTERN.test(value) ||
    (value.length === 18 && value.slice(15) !== caseSafeSuffix(id15))
  ) {
    throw new InvalidCursorError(
      `its userId "${value}" is not a Salesforce id`
    );
  }
  if (!value.startsWith(USER_KEY_PREFIX)) {
    throw new InvalidCursorError(`its userId "${value}" is not a user id`);
  }
  return id15 + caseSafeSuffix(id15);
}

/**
 * Decodes a cursor that encodeTokenCursor produced. Returns null for a
 * blank or missing cursor, which means "from the first token". Throws
 * InvalidCursorError naming the first problem found.
 */
export function decodeTokenCursor(
  encoded: string | null | undefined
): TokenOrderKey | null {
  if (encoded === null || encoded === undefined || encoded.trim() === "") {
    return null;
  }
  if (encoded.length > MAXIMUM_ENCODED_LENGTH) {
    throw new InvalidCursorError(
      `it is ${encoded.length} characters long, more than the ` +
        `${MAXIMUM_ENCODED_LENGTH} a cursor can have`
    );
  }
  const fields = parseFields(encoded);
  for (const name of Object.keys(fields)) {
    if (!FIELD_NAMES.has(name)) {
      throw new InvalidCursorError(`it has the unknown field ${name}`);
    }
  }
  if (fields.version !== FORMAT_VERSION) {
    throw new InvalidCursorError(
      `its version is ${apexText(fields.version)}, expected ${FORMAT_VERSION}`
    );
  }
  const createdDate = fields.createdDate;
  if (typeof createdDate !== "number" || !Number.isSafeInteger(createdDate)) {
    throw new InvalidCursorError(
      "its createdDate is missing or not a whole number of milliseconds"
    );
  }
  const userId = readUserId(fields.userId);
  const appName = fields.appName ?? null;
  if (appName !== null && typeof appName !== "string") {
    throw new InvalidCursorError("its appName is not text or null");
  }
  return { createdAt: createdDate, userId, appName };
}
