/**
 * Inference across countries for the web-content correlation. The shares are a handful of
 * published numbers with one extreme point (English ≈ 63 % vs ≤ 6 % for the other languages), so a
 * bootstrap of respondents says nothing about whether the relation holds across countries. Two
 * checks on the country points:
 * - a permutation p-value: the shares shuffled over the countries (two-sided, |r| ≥ |r_obs|, with
 *   the observed assignment counted: p = (1 + hits) / (1 + B));
 * - leave-one-out influence: r and its permutation p without each country, flagged when dropping
 *   that one country changes the sign of r or whether p ≤ α.
 * A direction is supported only when p ≤ α and no single country carries it.
 */
import { pearsonN } from '../kernels.js';
import { mulberry32 } from '../rng.js';

// Bound once: in a vm context (Jest) a global lookup such as Math.floor in the hot loop is slow.
const { abs, floor } = Math;

export const WEB_PERMUTATIONS = 9999;
export const WEB_ALPHA = 0.05;

export interface LeaveOneOut {
  country: string;
  pearson: number | null;
  pValue: number | null;
  signChanges: boolean;
  significanceChanges: boolean;
}

export interface PermutationInference {
  statistic: 'pearson';
  permutations: number;
  seed: number;
  pValue: number | null;
  leaveOneOut: LeaveOneOut[];
  /** Countries whose removal alone changes the sign or the significance. */
  carriedBy: string[];
  /** p ≤ α and no single country carries the correlation: the finding may state a direction. */
  supported: boolean;
}

/** Two-sided permutation p of Pearson's r (x shuffled over the points, Fisher–Yates, seeded). */
export function permutationP(x: readonly number[], y: readonly number[], permutations: number, seed: number): { r: number | null; p: number | null } {
  const n = x.length;
  if (n < 3) return { r: null, p: null };
  const py = Float64Array.from(y);
  const px = Float64Array.from(x);
  const r = pearsonN(px, py, n);
  if (!Number.isFinite(r)) return { r: null, p: null };
  const rand = mulberry32(seed);
  const bound = abs(r) - 1e-12; // exact ties with the observed |r| count as hits
  let hits = 0;
  for (let b = 0; b < permutations; b++) {
    for (let i = n - 1; i > 0; i--) {
      const j = floor(rand() * (i + 1));
      const t = px[i]!;
      px[i] = px[j]!;
      px[j] = t;
    }
    if (abs(pearsonN(px, py, n)) >= bound) hits++;
  }
  return { r, p: (1 + hits) / (1 + permutations) };
}

/** Permutation p and leave-one-out influence of the correlation between share and alignment over the points. */
export function webInference(
  points: readonly { country: string; share: number; meanDr: number | null }[],
  seed: number,
  permutations = WEB_PERMUTATIONS,
  alpha = WEB_ALPHA,
): PermutationInference {
  const usable = points.filter((p) => p.meanDr !== null && Number.isFinite(p.meanDr) && Number.isFinite(p.share));
  const x = usable.map((p) => p.share);
  const y = usable.map((p) => p.meanDr!);
  const all = permutationP(x, y, permutations, seed);
  const significant = all.p !== null && all.p <= alpha;
  const leaveOneOut: LeaveOneOut[] = usable.map((p, i) => {
    const keep = (_: number, j: number) => j !== i;
    const loo = permutationP(x.filter(keep), y.filter(keep), permutations, seed);
    const signChanges = all.r !== null && loo.r !== null && Math.sign(loo.r) !== Math.sign(all.r);
    const significanceChanges = all.p !== null && loo.p !== null && loo.p <= alpha !== significant;
    return { country: p.country, pearson: loo.r, pValue: loo.p, signChanges, significanceChanges };
  });
  const carriedBy = leaveOneOut.filter((l) => l.signChanges || l.significanceChanges).map((l) => l.country);
  return { statistic: 'pearson', permutations, seed, pValue: all.p, leaveOneOut, carriedBy, supported: significant && carriedBy.length === 0 };
}
