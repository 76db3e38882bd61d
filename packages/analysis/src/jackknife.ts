/**
 * Sampling variance of the raw indices for scorers of answer distributions (no gradient for the
 * delta method): the delete-one-respondent jackknife on the observed data.
 */
import type { Survey } from '@culturebench/core';
import type { SampleData } from './samples.js';

/**
 * Jackknife variance of each raw index of each sample: θ_(j) with respondent j left out,
 * Var = (n − 1)/n Σ_j (θ_(j) − θ̄)². For a statistic linear in the respondents' answers (shares
 * of an option, means of recoded codes: the distribution scorers) it equals s²/n exactly, as the
 * delta method does for VSM; NaN where an index is missing in any leave-one-out sample.
 */
export function jackknifeVariances(samples: SampleData[], survey: Survey, itemIds: string[], dims: string[]): Float64Array {
  const I = itemIds.length;
  const D = dims.length;
  const out = new Float64Array(samples.length * D).fill(NaN);
  samples.forEach((sample, s) => {
    const { n, sums, counts, codes } = sample;
    if (n < 2 || !codes) return;
    const total = new Float64Array(I);
    const cnt = new Float64Array(I);
    for (let r = 0; r < n; r++)
      for (let i = 0; i < I; i++) {
        total[i] += sums[r * I + i]!;
        cnt[i] += counts[r * I + i]!;
      }
    const theta = new Float64Array(n * D);
    for (let j = 0; j < n; j++) {
      const means: Record<string, number | null> = {};
      const answers: Record<string, number[]> = {};
      for (let i = 0; i < I; i++) {
        const c = cnt[i]! - counts[j * I + i]!;
        means[itemIds[i]!] = c > 0 ? (total[i]! - sums[j * I + i]!) / c : null;
        const list: number[] = [];
        for (let r = 0; r < n; r++) if (r !== j) list.push(...codes[r * I + i]!);
        answers[itemIds[i]!] = list;
      }
      const raw = survey.scorer.rawScores(means, answers);
      for (let d = 0; d < D; d++) theta[j * D + d] = raw[dims[d]!] ?? NaN;
    }
    for (let d = 0; d < D; d++) {
      let mean = 0;
      for (let j = 0; j < n; j++) mean += theta[j * D + d]! / n;
      let ss = 0;
      for (let j = 0; j < n; j++) ss += (theta[j * D + d]! - mean) ** 2;
      out[s * D + d] = ((n - 1) / n) * ss;
    }
  });
  return out;
}
