import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { KeySet } from './key-set.js';
import { mulberry32 } from './rng.js';

const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');

describe('KeySet', () => {
  it('answers has() exactly as a Set does for request keys and other strings, across growth', () => {
    const rand = mulberry32(7);
    const set = new KeySet();
    const ref = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      const pick = rand();
      // sha256 keys, keys sharing their first bytes, conversation-style and upper-case keys
      const key =
        pick < 0.7
          ? hex(Math.floor(rand() * 20_000))
          : pick < 0.8
            ? `00000000${hex(i).slice(8)}`
            : pick < 0.9
              ? `${hex(i % 50)}#${i % 7}`
              : hex(i).toUpperCase();
      set.add(key);
      ref.add(key);
    }
    expect(set.size).toBe(ref.size);
    const probes = Array.from({ length: 40_000 }, (_, i) => (i % 2 ? hex(i) : `00000000${hex(i).slice(8)}`));
    const disagree = probes.filter((key) => set.has(key) !== ref.has(key));
    expect(disagree).toEqual([]);
    expect(probes.filter((key) => set.has(key)).length).toBeGreaterThan(5_000);
    expect([...ref].filter((key) => !set.has(key))).toEqual([]);
    expect(set.has('')).toBe(false);
    expect(set.has(hex(1).slice(0, 63))).toBe(false);
  });
});
