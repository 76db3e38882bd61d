/**
 * Model scores and deviation ratios per model × country × condition, with intervals: the raw
 * material of the heatmaps and scatter plots.
 */
import { ai, si, type AnalysisModule, type Context } from '../context.js';
import { num } from '../quantile.js';
import type { ResultsDocument } from '../results.js';

const cells = (ctx: Context) => ctx.models.length * ctx.countries.length * ctx.conditions.length;

export const scoresModule: AnalysisModule<{ scores: ResultsDocument['scores']; alignment: ResultsDocument['alignment'] }> = {
  id: 'scores',
  size: (ctx) => cells(ctx) * (ctx.dims.length + 2),
  stats(ctx, real, out) {
    const n = cells(ctx);
    out.set(real.scores, 0);
    out.set(real.dr, n * ctx.dims.length);
    out.set(real.distance, n * ctx.dims.length + n);
  },
  assemble(ctx, est) {
    const n = cells(ctx);
    const D = ctx.dims.length;
    const baseline = ctx.countries.map((_, c) => num(ctx.humanToGlobal[c]));
    const scores: ResultsDocument['scores'] = [];
    const alignment: ResultsDocument['alignment'] = [];
    ctx.models.forEach((model, m) =>
      ctx.countries.forEach((country, c) =>
        ctx.conditions.forEach((condition, k) => {
          ctx.dims.forEach((dimension, d) =>
            scores.push({ model: model.id, country, condition, dimension, score: est.interval(si(ctx, m, c, k, d)), human: num(ctx.human[c * D + d]) }),
          );
          const a = ai(ctx, m, c, k);
          alignment.push({ model: model.id, country, condition, dr: est.interval(n * D + a), distance: est.interval(n * D + n + a), baselineDistance: baseline[c]! });
        }),
      ),
    );
    return { scores, alignment };
  },
};
