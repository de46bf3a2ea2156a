/**
 * Seeded pseudo-random numbers for the demo org. The same seed always
 * yields the same sequence, so the same seed always yields the same org.
 * Not for anything that needs unpredictability: mulberry32 has only 32
 * bits of state.
 */

/** A source of reproducible random choices. */
export interface Random {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns an integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** Returns true with the given probability, from 0 to 1. */
  chance(probability: number): boolean;
  /** Returns one element of a non-empty array, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /** Returns one value, each as likely as its weight allows. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
}

/** Returns a mulberry32 generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hashes text to 32 bits with FNV-1a. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Creates the generator for one named stream of a seed. Each slice of the
 * demo org draws from its own stream, so adding a slice or changing how
 * many numbers one slice draws leaves every other slice unchanged.
 */
export function createRandom(seed: number, stream: string): Random {
  const next = mulberry32(hashText(`${seed}:${stream}`));
  const random: Random = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`Invalid integer range [${min}, ${max}].`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      if (items.length === 0) {
        throw new RangeError("Cannot pick from an empty array.");
      }
      return items[Math.floor(next() * items.length)] as (typeof items)[0];
    },
    weighted(choices) {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) {
        throw new RangeError("Weighted choices need a positive total weight.");
      }
      let remaining = next() * total;
      for (const [value, weight] of choices) {
        remaining -= weight;
        if (remaining < 0) {
          return value;
        }
      }
      // Floating-point rounding can leave a tiny remainder: take the last.
      return (choices[choices.length - 1] as (typeof choices)[0])[0];
    }
  };
  return random;
}
