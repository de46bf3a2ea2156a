/**
 * Builds 18-character Salesforce record Ids for demo records, so that ids
 * look and validate like the ones an org returns.
 */

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
// Characters 4 to 8 of a demo Id: a made-up instance and reserved part.
const DEMO_POD = "8d000";
const SEQUENCE_LENGTH = 7;

/**
 * Returns the 3-character suffix that makes a 15-character Id safe to
 * compare case-insensitively: one character per block of five, whose
 * bits mark the block's upper-case letters.
 */
export function caseSafeSuffix(id15: string): string {
  if (id15.length !== 15) {
    throw new RangeError(`Expected a 15-character Id, got "${id15}".`);
  }
  let suffix = "";
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const character = id15.charAt(block * 5 + position);
      if (character >= "A" && character <= "Z") {
        bits |= 1 << position;
      }
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * Returns the 18-character Id of the demo record with the given key prefix
 * (for example `005` for User) and sequence number.
 */
export function demoRecordId(keyPrefix: string, sequence: number): string {
  if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix)) {
    throw new RangeError(`Invalid key prefix "${keyPrefix}".`);
  }
  if (!Number.isInteger(sequence) || sequence < 0) {
    throw new RangeError(`Invalid sequence number ${sequence}.`);
  }
  let digits = "";
  let remaining = sequence;
  do {
    digits = BASE62.charAt(remaining % 62) + digits;
    remaining = Math.floor(remaining / 62);
  } while (remaining > 0);
  if (digits.length > SEQUENCE_LENGTH) {
    throw new RangeError(`Sequence number ${sequence} is too large.`);
  }
  const id15 = keyPrefix + DEMO_POD + digits.padStart(SEQUENCE_LENGTH, "0");
  return id15 + caseSafeSuffix(id15);
}
