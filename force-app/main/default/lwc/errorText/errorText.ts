/**
 * Reduces any error shape the platform hands a component to plain text:
 * an Apex AuraHandledException, a UI API error with pageErrors and
 * fieldErrors, a JavaScript Error, a string, or an array of any of these.
 */

interface ErrorBody {
  message?: unknown;
  pageErrors?: { message?: unknown }[];
  fieldErrors?: Record<string, { message?: unknown }[]>;
}

function messagesFromBody(body: ErrorBody): string[] {
  const messages: string[] = [];
  if (typeof body.message === "string") {
    messages.push(body.message);
  }
  for (const pageError of body.pageErrors ?? []) {
    if (typeof pageError.message === "string") {
      messages.push(pageError.message);
    }
  }
  for (const errors of Object.values(body.fieldErrors ?? {})) {
    for (const fieldError of errors) {
      if (typeof fieldError.message === "string") {
        messages.push(fieldError.message);
      }
    }
  }
  return messages;
}

function messagesFrom(error: unknown): string[] {
  if (error === null || error === undefined) {
    return [];
  }
  if (typeof error === "string") {
    return [error];
  }
  if (Array.isArray(error)) {
    return error.flatMap((item) => messagesFrom(item));
  }
  if (
    typeof error === "number" ||
    typeof error === "boolean" ||
    typeof error === "bigint"
  ) {
    return [String(error)];
  }
  if (typeof error !== "object") {
    return [];
  }
  const candidate: { body?: unknown; message?: unknown } = error;
  if (Array.isArray(candidate.body)) {
    return candidate.body.flatMap((item) => messagesFrom(item));
  }
  if (candidate.body && typeof candidate.body === "object") {
    const fromBody = messagesFromBody(candidate.body);
    if (fromBody.length > 0) {
      return fromBody;
    }
  }
  if (typeof candidate.message === "string") {
    return [candidate.message];
  }
  return [];
}

/** Returns every distinct message found in the error, in order. */
export function errorMessages(error: unknown): string[] {
  return [...new Set(messagesFrom(error).map((text) => text.trim()))].filter(
    (text) => text.length > 0
  );
}

/** Returns one line of text for the error, with a fallback for no message. */
export function errorText(error: unknown): string {
  const messages = errorMessages(error);
  return messages.length > 0
    ? messages.join(" ")
    : "An unknown error occurred. Reload the page, and if it persists, check the browser console.";
}
