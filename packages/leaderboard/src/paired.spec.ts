import { bcInterval } from './paired.js';

describe('bias-corrected percentile interval', () => {
  it('is the percentile interval, contains its estimate, and shifts with the bias correction', () => {
    const reps = Array.from({ length: 2001 }, (_, i) => (i - 1000) / 1000);
    const i = bcInterval(0, reps);
    expect(i.lo).toBeCloseTo(-0.95, 2);
    expect(i.hi).toBeCloseTo(0.95, 2);
    // An estimate in the far tail of its replicates is still inside its interval.
    const tail = bcInterval(0.999, reps, 0.95, true);
    expect(tail.lo!).toBeLessThanOrEqual(0.999);
    expect(tail.hi!).toBeGreaterThanOrEqual(0.999);
    expect(bcInterval(null, reps)).toEqual({ estimate: null, lo: null, hi: null });
  });
});
