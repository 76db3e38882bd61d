import { describe, expect, it } from '@jest/globals';
import { canonicalJson, hashJson } from './hash.js';

// The definition of canonical JSON (what every request key and text hash was computed with):
// JSON.stringify with each object rebuilt from its entries sorted by key.
const reference = (value: unknown) =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** Deterministic pseudo-random JSON-like values, with the odd cases JSON.stringify treats specially. */
function randomValue(next: () => number, depth: number): unknown {
  const leaves = [null, true, false, 0, -0, 1.5, 1e21, -3e-7, Number.NaN, Number.POSITIVE_INFINITY, undefined, '', 'é\u2028"\\\n', '\ud800', 'zz', () => 1];
  const r = next();
  if (depth <= 0 || r < 0.4) return leaves[Math.floor(next() * leaves.length)];
  const keys = ['b', 'a', 'B', '10', '2', '0', '01', '4294967295', '4294967294', '-1', 'é', '', 'role', 'content', '__proto__x'];
  if (r < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth - 1));
  const o: Record<string, unknown> = r < 0.7 ? Object.create(null) : {};
  for (let i = Math.floor(next() * 6); i > 0; i--) o[keys[Math.floor(next() * keys.length)]] = randomValue(next, depth - 1);
  return o;
}

describe('canonicalJson', () => {
  it('writes exactly what the definition writes, for 5,000 random values', () => {
    let s = 12345;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(next, 4);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('falls back to the definition for values with toJSON, class instances and sparse arrays', () => {
    class Point {
      constructor(
        public y: number,
        public x: number,
      ) {}
    }
    const sparse: unknown[] = [1];
    sparse[3] = { b: 1, a: 2 };
    for (const v of [{ when: new Date(0), a: 1 }, { p: new Point(1, 2) }, sparse, new Map([[1, 2]]), { toJSON: () => ({ z: 1, y: 2 }) }, 'top', 3, null]) {
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('keeps a request key as it was', () => {
    const key = {
      provider: 'openai',
      baseUrl: null,
      model: 'm',
      params: { temperature: 0.7 },
      messages: [
        { role: 'system', content: 'Du bist eine Frau aus Deutschland.' },
        { role: 'user', content: '1. sehr wichtig\n2. wichtig' },
      ],
      respondent: 0,
      seed: 42,
    };
    expect(hashJson(key)).toBe('fa8c969443b788efb8d82fa237ba308a4b88e689d0cc3c0d328c09283fed8fc3');
  });
});
