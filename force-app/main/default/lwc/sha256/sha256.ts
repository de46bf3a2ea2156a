/**
 * SHA-256 (FIPS 180-4) of text encoded as UTF-8, written out in TypeScript
 * so that the audit trail verifies the same way in the org, the preview,
 * Node and Jest. Web Crypto's digest would do the same work, but jsdom, on
 * which the component tests run, has no crypto.subtle, and its digest is
 * asynchronous.
 */

/**
 * Returns the first 32 bits of a number's fractional part. FIPS 180-4
 * takes the initial hash value from the square roots of the first 8
 * primes and the round constants from the cube roots of the first 64.
 * Double precision keeps about 18 bits beyond the 32 taken, and the tests
 * compare the digests with Node's crypto module.
 */
function fractionBits(value: number): number {
  return Math.floor((value - Math.floor(value)) * 0x100000000) >>> 0;
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate += 1) {
    if (primes.every((prime) => candidate % prime !== 0)) {
      primes.push(candidate);
    }
  }
  return primes;
}

const PRIMES = firstPrimes(64);
const ROUND_CONSTANTS = Uint32Array.from(PRIMES, (prime) =>
  fractionBits(Math.cbrt(prime))
);
const INITIAL_HASH = Uint32Array.from(PRIMES.slice(0, 8), (prime) =>
  fractionBits(Math.sqrt(prime))
);

/**
 * Encodes text as UTF-8. A lone surrogate becomes U+FFFD, as TextEncoder
 * encodes it.
 */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    let codePoint = text.charCodeAt(index);
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      const next = text.charCodeAt(index + 1);
      if (codePoint <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00);
        index += 1;
      } else {
        codePoint = 0xfffd;
      }
    }
    if (codePoint < 0x80) {
      bytes.push(codePoint);
    } else if (codePoint < 0x800) {
      bytes.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
      bytes.push(
        0xe0 | (codePoint >> 12),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f)
      );
    } else {
      bytes.push(
        0xf0 | (codePoint >> 18),
        0x80 | ((codePoint >> 12) & 0x3f),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f)
      );
    }
  }
  return Uint8Array.from(bytes);
}

/**
 * Appends the padding: a 1 bit, zeros up to 56 bytes modulo 64, and the
 * message length in bits as a 64-bit big-endian number.
 */
function padMessage(message: Uint8Array): Uint8Array {
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLength = message.length * 8;
  view.setUint32(paddedLength - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(paddedLength - 4, bitLength >>> 0);
  return padded;
}

function rotateRight(value: number, bits: number): number {
  return (value >>> bits) | (value << (32 - bits));
}

/**
 * Reads one word of a typed array. Indexes stay within 0 to 63 here, so
 * the fallback for an index out of range never applies.
 */
function wordAt(words: Uint32Array, index: number): number {
  return words[index] ?? 0;
}

/** Expands one 64-byte block into the 64-word message schedule. */
function fillSchedule(
  view: DataView,
  offset: number,
  schedule: Uint32Array
): void {
  for (let round = 0; round < 16; round += 1) {
    schedule[round] = view.getUint32(offset + round * 4);
  }
  for (let round = 16; round < 64; round += 1) {
    const back15 = wordAt(schedule, round - 15);
    const back2 = wordAt(schedule, round - 2);
    const sigma0 =
      rotateRight(back15, 7) ^ rotateRight(back15, 18) ^ (back15 >>> 3);
    const sigma1 =
      rotateRight(back2, 17) ^ rotateRight(back2, 19) ^ (back2 >>> 10);
    schedule[round] =
      (wordAt(schedule, round - 16) +
        sigma0 +
        wordAt(schedule, round - 7) +
        sigma1) >>>
      0;
  }
}

/** Runs the 64 rounds on one scheduled block and adds the result to hash. */
function compressBlock(hash: Uint32Array, schedule: Uint32Array): void {
  let a = wordAt(hash, 0);
  let b = wordAt(hash, 1);
  let c = wordAt(hash, 2);
  let d = wordAt(hash, 3);
  let e = wordAt(hash, 4);
  let f = wordAt(hash, 5);
  let g = wordAt(hash, 6);
  let h = wordAt(hash, 7);
  for (let round = 0; round < 64; round += 1) {
    const sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
    const choice = (e & f) ^ (~e & g);
    const temporary1 =
      (h +
        sum1 +
        choice +
        wordAt(ROUND_CONSTANTS, round) +
        wordAt(schedule, round)) >>>
      0;
    const sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const temporary2 = (sum0 + majority) >>> 0;
    h = g;
    g = f;
    f = e;
    e = (d + temporary1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (temporary1 + temporary2) >>> 0;
  }
  const results = [a, b, c, d, e, f, g, h];
  results.forEach((word, index) => {
    hash[index] = (wordAt(hash, index) + word) >>> 0;
  });
}

/** Returns the SHA-256 digest of the bytes as 64 lowercase hex digits. */
export function sha256HexOfBytes(message: Uint8Array): string {
  const padded = padMessage(message);
  const view = new DataView(padded.buffer);
  const hash = Uint32Array.from(INITIAL_HASH);
  const schedule = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    fillSchedule(view, offset, schedule);
    compressBlock(hash, schedule);
  }
  return Array.from(hash, (word) => word.toString(16).padStart(8, "0")).join(
    ""
  );
}

/** Returns the SHA-256 digest of the text's UTF-8 bytes as lowercase hex. */
export function sha256Hex(text: string): string {
  return sha256HexOfBytes(utf8Bytes(text));
}
