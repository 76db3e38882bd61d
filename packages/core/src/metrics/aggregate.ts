/** Plain aggregation of deviation ratios (the table versions are in tables.ts). */
import { mean, median } from './stats.js';
import { isPresent } from './types.js';

export interface RatioSummary {
  mean: number | null;
  median: number | null;
  /** Number of non-missing ratios that entered mean and median. */
  n: number;
}

/**
 * Mean and median of deviation ratios, skipping missing ones. The median is reported next to the
 * mean because one country with a tiny d(M, H) can dominate a mean of ratios.
 */
export function summarizeRatios(values: readonly (number | null | undefined)[]): RatioSummary {
  const xs = values.filter(isPresent);
  return { mean: mean(xs), median: median(xs), n: xs.length };
}
