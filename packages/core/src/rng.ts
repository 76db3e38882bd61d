/**
 * The project's one seeded PRNG (mulberry32, with seed mixing and string salts) for simulations,
 * bootstraps, tests and the perf suite: the same seed gives the same stream on every platform and
 * Node version (Math.random cannot be seeded).
 */

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { imul, trunc } = Math;

/** Mixes a seed and a salt into 32 bits (murmur3 finaliser), so nearby seeds give unrelated streams. */
export function mixSeed(seed: number, salt = 0): number {
  let h = (trunc(seed) ^ imul(salt >>> 0, 0x9e3779b1)) >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform floats in [0, 1) from a 32-bit state (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string's 32-bit FNV-1a hash: a salt for a named sub-stream. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}
