/**
 * Per-dimension statistics across countries on paired arrays (model value, human value) for the
 * same countries in the same order. Pairs with a missing side are dropped; `n` reports how many
 * pairs remained. Correlations do not depend on the VSM constant C (vsm2013.md §7).
 */
import { isConstant, mean, ranks, sampleSd, tieSign } from './stats.js';
import { completePairs, type PairedStat } from './types.js';

type Values = readonly (number | null | undefined)[];

/** Pearson r on already-complete pairs; null for n < 2 or a constant side. */
function pearsonComplete(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 2 || isConstant(x) || isConstant(y)) return null;
  const mx = mean(x)!;
  const my = mean(y)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Clamp: rounding can push |r| a hair above 1 for perfectly linear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pearson r: does the model order and space countries linearly like the humans? */
export function pearson(xs: Values, ys: Values): PairedStat {
  const { x, y } = completePairs(xs, ys);
  return { value: pearsonComplete(x, y), n: x.length };
}

/**
 * Spearman ρ = Pearson r of the ranks, ties getting average ranks (the textbook tie correction):
 * agreement in country order, robust to the model's compressed scale.
 */
export function spearman(xs: Values, ys: Values): PairedStat {
  const { x, y } = completePairs(xs, ys);
  return { value: pearsonComplete(ranks(x), ranks(y)), n: x.length };
}

/**
 * Kendall τ-b = (C − D) / sqrt((n0 − n1)(n0 − n2)), n0 = n(n−1)/2, n1/n2 = pairs tied in x/y.
 * τ-b (not τ-a) because model scores often tie when answers are coarse. O(n²), fine for ~100
 * countries. null for n < 2 or when either side is constant.
 */
export function kendallTauB(xs: Values, ys: Values): PairedStat {
  const { x, y } = completePairs(xs, ys);
  const n = x.length;
  if (n < 2) return { value: null, n };
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sx = tieSign(x[i]! - x[j]!, x[i]!, x[j]!);
      const sy = tieSign(y[i]! - y[j]!, y[i]!, y[j]!);
      if (sx === 0) tiesX++;
      if (sy === 0) tiesY++;
      if (sx * sy > 0) concordant++;
      else if (sx * sy < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return { value: denom === 0 ? null : (concordant - discordant) / denom, n };
}

/**
 * sd(model) / sd(human) across countries (sample sd, n − 1). Below 1 means the model compresses
 * countries toward the middle ground (the paper's finding 1). null for fewer than two pairs or a
 * constant human side (nothing to compress).
 */
export function spreadRatio(modelValues: Values, humanValues: Values): PairedStat {
  const { x, y } = completePairs(modelValues, humanValues);
  const sdH = sampleSd(y);
  const sdM = sampleSd(x);
  if (sdH === null || sdM === null || sdH === 0) return { value: null, n: x.length };
  return { value: sdM / sdH, n: x.length };
}

/** Mean of |model − human| over complete pairs; null when there is none. */
export function meanAbsoluteError(modelValues: Values, humanValues: Values): PairedStat {
  const { x, y } = completePairs(modelValues, humanValues);
  return { value: mean(x.map((v, i) => Math.abs(v - y[i]!))), n: x.length };
}
