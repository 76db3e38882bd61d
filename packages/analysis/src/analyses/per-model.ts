/**
 * 2. Per model (the paper's Figure 3b): mean and median DR over countries with intervals, the
 * ranking, and how stable it is: the rank is recomputed in every replicate, giving P(rank = k)
 * and a 95 % rank interval.
 *
 * LLMs are ranked among the LLMs. Baselines and the reference are ranked among all models (where
 * they would sit in the full table), so that they never take an LLM's place in the LLM ranking.
 * Ranks are competition ranks: 1 + the number of models of the group with a strictly higher mean.
 */
import { modelSummaries, type AnalysisModule, type Context } from '../context.js';
import { num, rankInterval } from '../quantile.js';
import type { ResultsDocument } from '../results.js';
import { bestFirst } from './per-country.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

/** The models model m is ranked among. */
export function rankGroup(ctx: Context, m: number): number[] {
  return ctx.models[m]!.kind === 'llm' ? ctx.llm : ctx.models.map((_, i) => i);
}

const SLOTS = 4; // mean, median, n, rank

export const perModelModule: AnalysisModule<ResultsDocument['perModel']> = {
  id: 'perModel',
  size: (ctx) => ctx.conditions.length * ctx.models.length * SLOTS,
  stats(ctx, real, out) {
    const Mn = ctx.models.length;
    const s = modelSummaries(ctx, real);
    for (let k = 0; k < ctx.conditions.length; k++) {
      for (let m = 0; m < Mn; m++) {
        const o = (k * Mn + m) * SLOTS;
        out[o] = s.mean[k * Mn + m]!;
        out[o + 1] = s.median[k * Mn + m]!;
        out[o + 2] = s.n[k * Mn + m]!;
      }
      for (let m = 0; m < Mn; m++) {
        const v = s.mean[k * Mn + m]!;
        let rank = NaN;
        if (finite(v)) {
          rank = 1;
          for (const j of rankGroup(ctx, m)) if (s.mean[k * Mn + j]! > v) rank++;
        }
        out[(k * Mn + m) * SLOTS + 3] = rank;
      }
    }
  },
  assemble(ctx, est) {
    const Mn = ctx.models.length;
    const rows: ResultsDocument['perModel'] = [];
    ctx.conditions.forEach((condition, k) => {
      const block = ctx.models.map((model, m) => {
        const o = (k * Mn + m) * SLOTS;
        const rank = num(est.point(o + 3));
        const ranks = est.column(o + 3);
        const size = rankGroup(ctx, m).length;
        const counts = new Array<number>(size).fill(0);
        for (const r of ranks) if (finite(r)) counts[r - 1]!++;
        return {
          model: model.id,
          condition,
          meanDr: est.interval(o),
          medianDr: est.interval(o + 1),
          nCountries: est.point(o + 2),
          rank,
          rankProbabilities: counts.map((n) => (est.replicates > 0 ? n / est.replicates : 0)),
          rankInterval: rank === null ? null : rankInterval(ranks),
        };
      });
      rows.push(...bestFirst(block, (r) => r.meanDr.estimate, (r) => r.model));
    });
    return rows;
  },
};
