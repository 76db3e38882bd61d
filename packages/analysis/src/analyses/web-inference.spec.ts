import { mulberry32 } from '../rng.js';
import { permutationP, webInference } from './web-inference.js';

// Known truth: 20 countries, one language with an extreme share (English ≈ 63 %), the others ≤ 6 %
// (shape of the shipped W3Techs 2022 column); alignment simulated with or without a relation.
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'FR', 'BR', 'RU', 'IN', 'ID', 'TR', 'KR', 'IT', 'ES', 'MX', 'PL', 'NL', 'SA', 'EG', 'NG', 'VN'];
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
function simulate(seed: number, relation: 'outlier-only' | 'real') {
  const rand = mulberry32(seed);
  const shares = COUNTRIES.map((c) => (c === 'US' ? 62.9 : 0.3 + 5.8 * rand()));
  return COUNTRIES.map((country, c) => {
    const share = shares[c]!;
    const noise = 0.15 * normal(rand);
    // outlier-only: unrelated to share, except the US is far better aligned
    // real: alignment rises with log share in every country
    const meanDr = relation === 'real' ? 1 + 0.35 * Math.log(share) + noise : country === 'US' ? 2.2 : 1 + noise;
    return { country, share, meanDr };
  });
}

describe('web-content inference across countries', () => {
  it('permutation p: (1 + hits) / (1 + B), hand-checked on 3 points, reproducible by seed', () => {
    // x = 1,2,3, y = 1,2,3: r = 1; of the 6 orderings two give |r| = 1 (1,2,3 and 3,2,1)
    const a = permutationP([1, 2, 3], [1, 2, 3], 3000, 7);
    expect(a.r).toBeCloseTo(1, 12);
    expect(a.p!).toBeGreaterThan(0.3);
    expect(a.p!).toBeLessThan(0.37);
    expect(permutationP([1, 2, 3], [1, 2, 3], 3000, 7)).toEqual(a);
    expect(permutationP([1, 2], [1, 2], 100, 1)).toEqual({ r: null, p: null });
    expect(permutationP([1, 2, 3], [5, 5, 5], 100, 1)).toEqual({ r: null, p: null });
  });

  it('share unrelated to alignment except one extreme point: flagged as carried by that country, no direction', () => {
    let flagged = 0;
    let supported = 0;
    const runs = 40;
    for (let s = 1; s <= runs; s++) {
      const inf = webInference(simulate(s, 'outlier-only'), 100 + s, 199);
      if (inf.carriedBy.includes('US')) flagged++;
      if (inf.supported) supported++;
      const us = inf.leaveOneOut.find((l) => l.country === 'US')!;
      expect(us.pearson === null || Math.abs(us.pearson) < 0.6).toBe(true);
    }
    // The outlier makes r large; a permutation moves the 63 % share to a random country, so
    // p ≈ 1/20 at best, and without the US only noise is left: a supported direction needs both
    // tests to pass by chance (≈ 5 % × P(p ≤ .05)).
    expect(supported).toBeLessThanOrEqual(runs * 0.1);
    expect(flagged).toBeGreaterThanOrEqual(runs * 0.7);
  });

  it('a real relation over all countries: supported (p ≤ 0.05, no country carries it)', () => {
    let supported = 0;
    const runs = 20;
    for (let s = 1; s <= runs; s++) {
      const inf = webInference(simulate(s, 'real'), 200 + s, 199);
      expect(inf.permutations).toBe(199);
      expect(inf.leaveOneOut).toHaveLength(20);
      if (inf.supported) supported++;
    }
    expect(supported).toBeGreaterThanOrEqual(runs * 0.9);
  });

  it('null points and missing alignment are left out', () => {
    const pts = simulate(3, 'real');
    pts[0] = { ...pts[0]!, meanDr: null as unknown as number };
    const inf = webInference(pts, 1, 99);
    expect(inf.leaveOneOut.map((l) => l.country)).not.toContain('US');
    expect(inf.leaveOneOut).toHaveLength(19);
  });
});
