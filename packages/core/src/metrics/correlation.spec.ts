import { kendallTauB, meanAbsoluteError, pearson, spearman, spreadRatio } from './correlation.js';
import { completePairs } from './types.js';

describe('pearson', () => {
  it('hand-checked: x = 1,2,3 vs y = 1,3,2 -> 0.5', () => {
    // means 2, 2; dx = −1,0,1; dy = −1,1,0; Σdxdy = 1; Σdx² = 2; Σdy² = 2 -> 1/sqrt(4) = 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toEqual({ value: 0.5, n: 3 });
  });

  it('exactly linear -> ±1', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8]).value).toBe(1);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2]).value).toBe(-1);
  });

  it('drops pairs with a missing side', () => {
    // third pair (null, 5) and fifth (7, undefined) dropped -> the 1,2,3 / 1,3,2 case
    expect(pearson([1, 2, null, 3, 7], [1, 3, 5, 2, undefined])).toEqual({ value: 0.5, n: 3 });
  });

  it('fewer than two pairs (e.g. one country) -> null', () => {
    expect(pearson([1], [2])).toEqual({ value: null, n: 1 });
    expect(pearson([1, null], [null, 2])).toEqual({ value: null, n: 0 });
    expect(pearson([], [])).toEqual({ value: null, n: 0 });
  });

  it('zero variance on either side -> null', () => {
    expect(pearson([1, 2, 3], [5, 5, 5]).value).toBeNull();
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3]).value).toBeNull();
  });

  it('throws on arrays of different length', () => {
    expect(() => pearson([1, 2], [1])).toThrow(/length/);
    expect(() => completePairs([1], [])).toThrow(/length/);
  });
});

describe('spearman', () => {
  it('textbook value without ties: IQ vs hours of TV (Wikipedia "Spearman\'s rank correlation") = −29/165', () => {
    // Σd² = 194, n = 10: ρ = 1 − 6·194/(10·99) = 1 − 1164/990 = −174/990 = −29/165 ≈ −0.17576
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const r = spearman(iq, tv);
    expect(r.n).toBe(10);
    expect(r.value).toBeCloseTo(-29 / 165, 12);
  });

  it('with ties uses average ranks (the scipy.stats docs example; scipy gives −0.5407…)', () => {
    // x = 12,2,1,12,2 -> ranks 4.5,2.5,1,4.5,2.5; y = 1,4,7,1,0 -> ranks 2.5,4,5,2.5,1.
    // Both rank means 3; dx = 1.5,−.5,−2,1.5,−.5; dy = −.5,1,2,−.5,−2.
    // Σdxdy = −.75 −.5 −4 −.75 +1 = −5; Σdx² = 9; Σdy² = 9.5 -> ρ = −5/sqrt(85.5) ≈ −0.540738
    const r = spearman([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
    expect(r.value).toBeCloseTo(-5 / Math.sqrt(85.5), 12);
    expect(r.value).toBeCloseTo(-0.540738, 6);
  });

  it('monotone but non-linear -> 1 (ranks only)', () => {
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000]).value).toBe(1);
  });

  it('n < 2 and zero variance -> null', () => {
    expect(spearman([1], [1]).value).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4]).value).toBeNull();
  });
});

describe('kendallTauB', () => {
  it('no ties: 1,2,3 vs 1,3,2 -> (C − D)/n0 = (2 − 1)/3', () => {
    // pairs (1,2): C, (1,3): C, (2,3): 2<3 but 3>2 -> D
    const r = kendallTauB([1, 2, 3], [1, 3, 2]);
    expect(r.n).toBe(3);
    expect(r.value).toBeCloseTo(1 / 3, 12);
  });

  it('with ties: the scipy.stats.kendalltau docs example, τ-b = −0.47140452079103173', () => {
    // x = 12,2,1,12,2; y = 1,4,7,1,0. Pairs (i,j):
    // 12: D  13: D  14: tied in x and y  15: C  23: D  24: D  25: tied in x  34: D  35: D  45: C
    // C = 2, D = 6, n0 = 10, x-ties n1 = 2 (14, 25), y-ties n2 = 1 (14)
    // τ-b = (2 − 6)/sqrt((10 − 2)(10 − 1)) = −4/sqrt(72)
    const r = kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
    expect(r.value).toBeCloseTo(-4 / Math.sqrt(72), 12);
    expect(r.value).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('perfect agreement -> 1, perfect reversal -> −1', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]).value).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [40, 30, 20, 10]).value).toBe(-1);
  });

  it('n < 2, zero variance and missing values', () => {
    expect(kendallTauB([1], [2])).toEqual({ value: null, n: 1 });
    expect(kendallTauB([1, 2, 3], [7, 7, 7]).value).toBeNull();
    expect(kendallTauB([1, null, 2, 3], [1, 9, 3, 2])).toEqual(kendallTauB([1, 2, 3], [1, 3, 2]));
  });
});

describe('spreadRatio', () => {
  it('sd(model)/sd(human) with n − 1: model 2,4,6 (sd 2) vs human 1,5,9 (sd 4) -> 0.5', () => {
    // model: mean 4, ss = 4+0+4 = 8, sd = sqrt(8/2) = 2; human: mean 5, ss = 16+0+16 = 32, sd = sqrt(32/2) = 4
    expect(spreadRatio([2, 4, 6], [1, 5, 9])).toEqual({ value: 0.5, n: 3 });
  });

  it('uses only pairs where both are present', () => {
    // the (100, null) and (null, 50) pairs are dropped -> same as above
    expect(spreadRatio([2, 100, 4, null, 6], [1, null, 5, 50, 9])).toEqual({ value: 0.5, n: 3 });
  });

  it('a model that gives every country the same score compresses fully -> 0', () => {
    expect(spreadRatio([3, 3, 3], [1, 5, 9]).value).toBe(0);
  });

  it('< 2 pairs or constant human side -> null', () => {
    expect(spreadRatio([1], [2])).toEqual({ value: null, n: 1 });
    expect(spreadRatio([1, 2, 3], [4, 4, 4]).value).toBeNull();
  });
});

describe('meanAbsoluteError', () => {
  it('mean of |M − H| over complete pairs', () => {
    // |1−2| = 1, |2−4| = 2, third pair missing -> 3/2
    expect(meanAbsoluteError([1, 2, null], [2, 4, 7])).toEqual({ value: 1.5, n: 2 });
    expect(meanAbsoluteError([null], [1])).toEqual({ value: null, n: 0 });
  });
});
