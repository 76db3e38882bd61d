import { isConstant, mean, median, ranks, sampleSd, tied } from './stats.js';

describe('stats', () => {
  it('mean: (1+2+3+4)/4 = 2.5; empty -> null', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });

  it('median: odd count takes the middle, even count averages the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2); // sorted 1 2 3
    expect(median([4, 1, 3, 2])).toBe(2.5); // sorted 1 2 3 4 -> (2+3)/2
    expect(median([])).toBeNull();
  });

  it('sampleSd uses n − 1', () => {
    // Textbook set 2,4,4,4,5,5,7,9: mean 5, squared deviations sum to 9+1+1+1+0+0+4+16 = 32.
    // Population sd = sqrt(32/8) = 2; sample sd = sqrt(32/7) = 2.13809…
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // 1, 3: mean 2, ss = 2, sd = sqrt(2/1)
    expect(sampleSd([1, 3])).toBeCloseTo(Math.SQRT2, 12);
  });

  it('sampleSd: fewer than two values -> null; constant -> exactly 0 (no rounding noise)', () => {
    expect(sampleSd([5])).toBeNull();
    expect(sampleSd([])).toBeNull();
    expect(sampleSd([0.1, 0.1, 0.1])).toBe(0);
    expect(isConstant([0.1, 0.1, 0.1])).toBe(true);
    expect(isConstant([1, 2])).toBe(false);
  });

  it('ranks are 1-based with ties averaged', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]); // the 20s share ranks 2 and 3
    expect(ranks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]); // the 3s share ranks 2,3,4 -> 3
    expect(ranks([30, 10, 20])).toEqual([3, 1, 2]); // order of input preserved
    expect(ranks([])).toEqual([]);
  });
});

describe('ties', () => {
  it('treats values equal up to float noise as tied (issue 10)', () => {
    expect(tied(0.1 + 0.2, 0.3)).toBe(true);
    expect(tied(1, 1.0001)).toBe(false);
    expect(ranks([0.1 + 0.2, 0.3, 1])).toEqual([1.5, 1.5, 3]);
  });
});
