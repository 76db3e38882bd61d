/**
 * The paper's mean DR per model with countries taken as a sample of cultures (issue 10: averages
 * over countries reflect country-level variation too). A cluster bootstrap over countries of the
 * observed DR_c: each replicate draws the run's countries with replacement (multinomial weights)
 * and averages their DRs. The spread of DR_c across countries already holds each DR_c's
 * respondent noise, so the respondents are not redrawn (as for the skill's `acrossCountries`).
 * The mean DR stays a biased statistic (it grows with the number of respondents): this interval
 * says how much it depends on which countries were chosen, not where the noise-free value is.
 */
import { ai, type Context, type Realisation } from '../context.js';
import { estimate, type Statistic } from '../estimate.js';
import type { Interval } from '../results.js';

const finite = Number.isFinite;

/** Weighted mean DR over countries per condition × model, with the replicate's country weights. */
const acrossStatistic: Statistic<Map<string, Interval>> = {
  id: 'meanDrAcrossCountries',
  size: (ctx) => ctx.conditions.length * ctx.models.length,
  stats(ctx, real, out) {
    const Mn = ctx.models.length;
    const w = real.countryWeights;
    for (let k = 0; k < ctx.conditions.length; k++)
      for (let m = 0; m < Mn; m++) {
        let s = 0;
        let n = 0;
        for (let c = 0; c < ctx.countries.length; c++) {
          const dr = real.dr[ai(ctx, m, c, k)]!;
          if (!finite(dr) || w[c] === 0) continue;
          s += w[c]! * dr;
          n += w[c]!;
        }
        out[k * Mn + m] = n > 0 ? s / n : NaN;
      }
  },
  assemble: (ctx, est) =>
    new Map(
      ctx.conditions.flatMap((condition, k) => ctx.models.map((m, i) => [`${m.id}\u0000${condition}`, est.interval(k * ctx.models.length + i)] as const)),
    ),
};

/** Sets `meanDrAcrossCountries` on every per-model row (countries resampled on their own seeded stream). */
export function attachMeanDrAcrossCountries(
  ctx: Context,
  observed: Realisation,
  rows: { model: string; condition: string; meanDrAcrossCountries?: Interval }[],
  replicates: number,
  seed: number,
): void {
  const copy: Realisation = { ...observed, countryWeights: new Float64Array(observed.countryWeights), memo: undefined };
  const byKey = estimate(ctx, { across: acrossStatistic }, observed, () => copy, replicates, seed, true).across;
  for (const r of rows) r.meanDrAcrossCountries = byKey.get(`${r.model}\u0000${r.condition}`) ?? { estimate: null, lo: null, hi: null };
}
