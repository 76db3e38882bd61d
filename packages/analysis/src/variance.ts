/**
 * Sampling variance of each index of one sample, estimated from its respondents, so that squared
 * distances can be corrected for noise: E[(M̂ − H)²] = (M − H)² + Var(M̂).
 *
 * Delta method with the scorer's gradient (exact for scorers linear in the item means, like VSM
 * 2013's weighted differences): each respondent's influence on index d is
 * u_r = Σ_i a_di (x_ri − m_i) / n_i over the items r answered, and Var = n/(n − 1) Σ_r u_r².
 * With complete answers this is s²(y)/n of the respondents' own index values y_r — the unbiased
 * textbook variance of a mean. Refusals are not imputed: they simply add nothing.
 */
import type { Survey } from '@culturebench/core';

const { max } = Math;

/** Sparse gradient of each raw index with respect to the item means: per dimension, item indices and weights. */
export interface ScorerGradient {
  items: Int32Array[];
  weights: Float64Array[];
}

/**
 * The gradient by finite differences around the scale midpoints (h = 1: exact for linear scorers).
 * null when the scorer reads the answer distribution (`needsDistributions`): no delta method then.
 */
export function scorerGradient(survey: Survey, dims: readonly string[]): ScorerGradient | null {
  if (survey.scorer.needsDistributions) return null;
  const base: Record<string, number | null> = Object.fromEntries(survey.items.map((it) => [it.id, survey.scales[it.scale]?.midpoint ?? 3]));
  const at = survey.scorer.rawScores(base);
  const items: number[][] = dims.map(() => []);
  const weights: number[][] = dims.map(() => []);
  survey.items.forEach((it, i) => {
    const moved = survey.scorer.rawScores({ ...base, [it.id]: base[it.id]! + 1 });
    dims.forEach((d, di) => {
      const a = (moved[d] ?? NaN) - (at[d] ?? NaN);
      if (Number.isFinite(a) && Math.abs(a) > 1e-12) {
        items[di]!.push(i);
        weights[di]!.push(a);
      }
    });
  });
  return { items: items.map((x) => Int32Array.from(x)), weights: weights.map((x) => Float64Array.from(x)) };
}

/**
 * Writes Var(index d) of one (possibly resampled) sample into out[outOff + d].
 * `drawn` lists the respondents (rows of sums/counts) in the sample; `means` and `cnt` are the
 * item means and answer counts over exactly those respondents.
 */
export function indexVariance(
  g: ScorerGradient,
  sums: Float64Array,
  counts: Float64Array,
  I: number,
  drawn: Int32Array,
  n: number,
  means: Float64Array,
  cnt: Float64Array,
  out: Float64Array,
  outOff: number,
): void {
  const D = g.items.length;
  for (let d = 0; d < D; d++) {
    const items = g.items[d]!;
    const w = g.weights[d]!;
    let ss = 0;
    for (let j = 0; j < n; j++) {
      const off = drawn[j]! * I;
      let u = 0;
      for (let t = 0; t < items.length; t++) {
        const i = items[t]!;
        const c = counts[off + i]!;
        if (c > 0) u += (w[t]! * (sums[off + i]! - c * means[i]!)) / cnt[i]!;
      }
      ss += u * u;
    }
    out[outOff + d] = n > 1 ? (ss * n) / (n - 1) : NaN;
  }
}

/**
 * Var of each index of a complete sample: s²(y)/n over the drawn respondents' own index values
 * (the same number indexVariance gives when every respondent answered every item).
 */
export function completeVariance(y: Float64Array, drawn: Int32Array, n: number, D: number, out: Float64Array, outOff: number): void {
  for (let d = 0; d < D; d++) {
    let sum = 0;
    let sq = 0;
    for (let j = 0; j < n; j++) {
      const v = y[drawn[j]! * D + d]!;
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    out[outOff + d] = n > 1 ? max(sq - n * mean * mean, 0) / ((n - 1) * n) : NaN;
  }
}
