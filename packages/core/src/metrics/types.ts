/**
 * Shared data shapes of the alignment metrics.
 *
 * Missing values are `null` or `undefined` (a non-finite number such as NaN is treated as missing
 * too): a country without a published score, a model sample that produced no index, and so on.
 */

/** Dimension name (e.g. 'PDI') -> index score; null/undefined = missing. */
export type Vector = Record<string, number | null | undefined>;

/** One model index score: model × country × prompt condition × dimension. */
export interface ScoreRow {
  model: string;
  country: string;
  condition: string;
  dimension: string;
  score: number | null;
}

/** One human ground-truth score: country × dimension. */
export interface HumanRow {
  country: string;
  dimension: string;
  score: number | null;
}

/** A statistic over paired values, with the number of complete pairs it was computed from. */
export interface PairedStat {
  /** null when the statistic is undefined for these data (too few pairs, zero variance …). */
  value: number | null;
  /** Number of pairs where both sides were present. */
  n: number;
}

/** A value may be missing in many ways; only finite numbers count as present. */
export function isPresent(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Both sides present, in input order. Throws on arrays of unequal length (a caller bug, not missing data). */
export function completePairs(xs: readonly (number | null | undefined)[], ys: readonly (number | null | undefined)[]): { x: number[]; y: number[] } {
  if (xs.length !== ys.length) {
    throw new Error(`paired arrays differ in length: ${xs.length} vs ${ys.length}`);
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i];
    const b = ys[i];
    if (isPresent(a) && isPresent(b)) {
      x.push(a);
      y.push(b);
    }
  }
  return { x, y };
}
