import { canonicalJson, fmtInterval, round, roundDeep } from './format.js';
import { percentileInterval, quantileSorted, rankInterval } from './quantile.js';
import { mixSeed, mulberry32 } from './rng.js';
import { validateJsonSchema } from './schema.js';

describe('percentiles', () => {
  it('type 7 (linear interpolation): 1..5 at 0.25 -> 2; 1..4 at 0.5 -> 2.5; at 0.025 of 0..100 -> 2.5', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(
      quantileSorted(
        Array.from({ length: 101 }, (_, i) => i),
        0.025,
      ),
    ).toBeCloseTo(2.5, 12);
    expect(quantileSorted([], 0.5)).toBeNull();
  });
  it('intervals skip undefined replicates; no estimate -> all null', () => {
    // replicates 0..100 shuffled with NaNs: percentiles 2.5 and 97.5
    const reps = [NaN, ...Array.from({ length: 101 }, (_, i) => (i * 37) % 101), NaN];
    const i = percentileInterval(50, reps);
    expect(i.estimate).toBe(50);
    expect(i.lo).toBeCloseTo(2.5, 12);
    expect(i.hi).toBeCloseTo(97.5, 12);
    expect(percentileInterval(NaN, reps)).toEqual({ estimate: null, lo: null, hi: null });
    expect(percentileInterval(3, [])).toEqual({ estimate: 3, lo: null, hi: null });
  });
  it('rank intervals are order statistics (integers)', () => {
    // 40 replicates: 39 × rank 1, one rank 3 -> lo = s[floor(39·0.025)] = s[0], hi = s[ceil(39·0.975)] = s[39]
    expect(rankInterval([...Array(39).fill(1), 3])).toEqual({ lo: 1, hi: 3 });
    expect(rankInterval([NaN])).toBeNull();
  });
});

describe('formatting', () => {
  it('rounds to 6 decimals, −0 to 0, non-finite to null', () => {
    expect(round(1.23456789)).toBe(1.234568);
    expect(Object.is(round(-0.0000001), 0)).toBe(true);
    expect(round(NaN)).toBeNull();
    expect(roundDeep({ a: [1 / 3, null, 'x'], b: { c: 2 / 3 } })).toEqual({ a: [0.333333, null, 'x'], b: { c: 0.666667 } });
  });
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }], u: undefined })).toBe('{\n  "a": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ],\n  "b": 1\n}\n');
  });
  it('intervals as text', () => {
    expect(fmtInterval({ estimate: 1.2345, lo: 1.1, hi: 1.35 })).toBe('1.23 [1.10, 1.35]');
    expect(fmtInterval({ estimate: 1.2345, lo: null, hi: null }, 3)).toBe('1.234');
    expect(fmtInterval({ estimate: null, lo: null, hi: null })).toBe('–');
  });
});

describe('PRNG', () => {
  it('is deterministic per seed, uniform-looking, and seeds are mixed', () => {
    const a = mulberry32(mixSeed(1));
    const b = mulberry32(mixSeed(1));
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(mixSeed(1)).not.toBe(mixSeed(2));
    expect(mixSeed(1, 5)).not.toBe(mixSeed(1, 6));
  });
});

describe('the JSON Schema subset validator', () => {
  const schema = {
    $defs: { iv: { type: 'object', required: ['v'], properties: { v: { type: ['number', 'null'], minimum: 0 } }, additionalProperties: false } },
    type: 'object',
    required: ['kind', 'pair', 'map'],
    properties: {
      kind: { enum: ['a', 'b'] },
      tag: { const: 'x' },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], minItems: 2, maxItems: 2 },
      map: { type: 'object', additionalProperties: { $ref: '#/$defs/iv' } },
      maybe: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/iv' }] },
      code: { type: 'string', pattern: '^[A-Z]{2}$' },
    },
    additionalProperties: false,
  };
  it('accepts a valid value', () => {
    expect(validateJsonSchema(schema, { kind: 'a', pair: ['x', 2], map: { US: { v: 1 }, CN: { v: null } }, maybe: null, code: 'US' })).toEqual([]);
  });
  it('reports each violation with its path', () => {
    const errors = validateJsonSchema(schema, {
      kind: 'c',
      tag: 'y',
      pair: ['x', 2.5, 3],
      map: { US: { v: -1, w: 0 } },
      maybe: { v: 'no' },
      code: 'usa',
      extra: true,
    });
    expect(errors.map((e) => `${e.path} ${e.message}`)).toEqual([
      '/kind expected one of ["a","b"], got "c"',
      '/tag expected "x"',
      '/pair more than 2 items',
      '/pair/1 expected integer, got number',
      '/map/US/v below minimum 0',
      '/map/US/w property not allowed by the schema',
      '/maybe matches none of anyOf',
      '/code does not match ^[A-Z]{2}$',
      '/extra property not allowed by the schema',
    ]);
  });
  it('refuses keywords it does not implement', () => {
    expect(() => validateJsonSchema({ type: 'string', format: 'date' }, 'x')).toThrow(/"format" .* not supported/);
  });
});
