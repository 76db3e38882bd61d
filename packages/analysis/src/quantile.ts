/** Percentiles and intervals over bootstrap replicates. */
import type { Interval } from './results.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { ceil, floor } = Math;
const finite = Number.isFinite;

/** Quantile of sorted values, linear interpolation between order statistics (R type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = floor(h);
  const hi = ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The finite values of xs, sorted ascending. */
export function sortedFinite(xs: ArrayLike<number>): Float64Array {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (finite(v)) {
      n++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < xs.length; i++) if (finite(xs[i])) out[j++] = xs[i]!;
  // A constant statistic (a baseline answering the middle, the reference row) needs no sorting.
  return min === max ? out : out.sort();
}

/** A NaN / ±Infinity is missing: null. */
export function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && finite(v) ? v : null;
}

/**
 * 95 % percentile interval: the point estimate and the 2.5th / 97.5th percentiles of the
 * replicates where the statistic is defined. Everything is null when the estimate is.
 */
export function percentileInterval(estimate: number, replicates: ArrayLike<number>, level = 0.95): Interval {
  const e = num(estimate);
  if (e === null) return { estimate: null, lo: null, hi: null };
  const s = sortedFinite(replicates);
  const a = (1 - level) / 2;
  return { estimate: e, lo: quantileSorted(s, a), hi: quantileSorted(s, 1 - a) };
}

/** Nearest-rank interval for integer statistics (ranks): the lower and upper order statistic around the percentiles. */
export function rankInterval(replicates: ArrayLike<number>, level = 0.95): { lo: number; hi: number } | null {
  const s = sortedFinite(replicates);
  if (s.length === 0) return null;
  const a = (1 - level) / 2;
  return { lo: s[floor((s.length - 1) * a)]!, hi: s[ceil((s.length - 1) * (1 - a))]! };
}

/**
 * 95 % median-centred percentile interval: the replicates' 2.5th / 97.5th percentiles shifted by
 * (estimate − replicate median). The shift removes the bootstrap's estimate of the statistic's
 * bias (a percentile interval of a biased statistic sits off its estimate, and can exclude it), and
 * the interval always contains its estimate. Coverage is checked by simulation (README).
 */
export function centredInterval(estimate: number, replicates: ArrayLike<number>, level = 0.95): Interval {
  const e = num(estimate);
  if (e === null) return { estimate: null, lo: null, hi: null };
  const s = sortedFinite(replicates);
  if (s.length === 0) return { estimate: e, lo: null, hi: null };
  const a = (1 - level) / 2;
  const shift = e - quantileSorted(s, 0.5)!;
  return { estimate: e, lo: quantileSorted(s, a)! + shift, hi: quantileSorted(s, 1 - a)! + shift };
}
