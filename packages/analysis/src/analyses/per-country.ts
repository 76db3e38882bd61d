/**
 * 1. Per country (the paper's Table 3): the deviation ratio of each country averaged over the
 * LLMs (over the baselines when no LLM ran), with intervals; best aligned first.
 *
 * Per replicate the statistic is the mean over the basis models of DR_c in that replicate, so the
 * interval reflects respondent sampling in every model at once.
 */
import { countrySummaries, type AnalysisModule } from '../context.js';
import { num } from '../quantile.js';
import type { ResultsDocument } from '../results.js';

/** Best first: higher estimate, missing last, ties by key (stable). */
export function bestFirst<T>(rows: T[], value: (r: T) => number | null, key: (r: T) => string): T[] {
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    }
    const p = key(a);
    const q = key(b);
    return p < q ? -1 : p > q ? 1 : 0;
  });
}

/** Competition ranks (1 + number strictly better) of the values; null stays null. */
export function competitionRanks(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && w > v).length));
}

export const perCountryModule: AnalysisModule<ResultsDocument['perCountry']> = {
  id: 'perCountry',
  // per condition × country: mean DR, median DR, number of models
  size: (ctx) => ctx.conditions.length * ctx.countries.length * 3,
  stats(ctx, real, out) {
    const s = countrySummaries(ctx, real);
    for (let i = 0; i < s.mean.length; i++) {
      out[i * 3] = s.mean[i]!;
      out[i * 3 + 1] = s.median[i]!;
      out[i * 3 + 2] = s.n[i]!;
    }
  },
  assemble(ctx, est) {
    const C = ctx.countries.length;
    const rows: ResultsDocument['perCountry'] = [];
    ctx.conditions.forEach((condition, k) => {
      const block = ctx.countries.map((country, c) => {
        const o = (k * C + c) * 3;
        return {
          country,
          condition,
          rank: null as number | null,
          meanDr: est.interval(o),
          medianDr: num(est.point(o + 1)),
          nModels: est.point(o + 2),
          baselineDistance: num(ctx.humanToGlobal[c]),
        };
      });
      const ranks = competitionRanks(block.map((r) => r.meanDr.estimate));
      block.forEach((r, i) => (r.rank = ranks[i]!));
      rows.push(...bestFirst(block, (r) => r.meanDr.estimate, (r) => r.country));
    });
    return rows;
  },
};
