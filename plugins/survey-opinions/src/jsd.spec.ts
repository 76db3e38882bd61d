import { jsDistance, jsDivergence, jsSimilarity } from './jsd.js';

describe('Jensen–Shannon (base 2)', () => {
  it('is 0 apart (similarity 1) for identical distributions, also after normalising', () => {
    expect(jsDivergence([0.2, 0.5, 0.3], [0.2, 0.5, 0.3])).toBe(0);
    expect(jsSimilarity([0.2, 0.5, 0.3], [0.2, 0.5, 0.3])).toBe(1);
    // Shares that sum to 0.99 and counts are the same distribution as their normalised form.
    expect(jsSimilarity([1, 2], [0.33, 0.66])).toBeCloseTo(1, 12);
  });

  it('is 1 apart (similarity 0) for disjoint distributions', () => {
    expect(jsDivergence([1, 0], [0, 1])).toBe(1);
    expect(jsDistance([0.5, 0.5, 0, 0], [0, 0, 0.3, 0.7])).toBe(1);
    expect(jsSimilarity([0, 1, 0], [0.6, 0, 0.4])).toBe(0);
  });

  it('matches a worked example: P = (1, 0), Q = (½, ½)', () => {
    // M = (¾, ¼); KL(P‖M) = log2(4/3); KL(Q‖M) = ½ log2(2/3) + ½ log2 2
    // JSD = ½ [log2 4 − log2 3] + ¼ [1 − log2 3] + ¼ = 3/2 − ¾ log2 3 = 0.3112781…
    const jsd = 1.5 - 0.75 * Math.log2(3);
    expect(jsDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(jsd, 12);
    expect(jsDistance([1, 0], [0.5, 0.5])).toBeCloseTo(Math.sqrt(jsd), 12); // 0.5579230…
    expect(jsSimilarity([1, 0], [0.5, 0.5])).toBeCloseTo(0.4420769547, 9);
  });

  it('matches a second worked example: half-overlapping supports give JSD = ½', () => {
    // P = (½, ½, 0), Q = (0, ½, ½), M = (¼, ½, ¼): KL(P‖M) = ½ log2 2 + ½ log2 1 = ½ = KL(Q‖M)
    expect(jsDivergence([0.5, 0.5, 0], [0, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(jsSimilarity([0.5, 0.5, 0], [0, 0.5, 0.5])).toBeCloseTo(1 - Math.SQRT1_2, 12);
  });

  it('is symmetric and a one-hot answer against a uniform 4-option country gives 0.5488 (SciPy base 2: same)', () => {
    expect(jsDivergence([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0.5487949407, 9);
    expect(jsDivergence([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0.5487949407, 9);
  });

  it('rejects inputs that are not distributions', () => {
    expect(() => jsDivergence([0.5, 0.5], [1, 0, 0])).toThrow(/differ in length/);
    expect(() => jsDivergence([0, 0], [1, 0])).toThrow(/all shares are 0/);
    expect(() => jsDivergence([-0.1, 1.1], [1, 0])).toThrow(/not a non-negative number/);
    expect(() => jsDivergence([NaN, 1], [1, 0])).toThrow(/not a non-negative number/);
  });
});
