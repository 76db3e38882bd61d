/**
 * 5. Prompt language: mean DR per model × condition (native, English, Chinese, the language
 * average, whatever the config declares), and over the LLMs (model id `all-llms`: the mean of the
 * LLMs' mean DRs, recomputed per replicate).
 */
import { modelSummaries, type AnalysisModule } from '../context.js';
import { ALL_LLMS, type ResultsDocument } from '../results.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

export const languageModule: AnalysisModule<ResultsDocument['language']> = {
  id: 'language',
  size: (ctx) => ctx.conditions.length * (ctx.models.length + 1),
  stats(ctx, real, out) {
    const Mn = ctx.models.length;
    const per = Mn + 1;
    const s = modelSummaries(ctx, real);
    for (let k = 0; k < ctx.conditions.length; k++) {
      for (let m = 0; m < Mn; m++) out[k * per + m] = s.mean[k * Mn + m]!;
      // mean over the LLMs that have a mean DR, in model order
      let sum = 0;
      let n = 0;
      for (const m of ctx.llm) {
        const v = s.mean[k * Mn + m]!;
        if (finite(v)) {
          sum += v;
          n++;
        }
      }
      out[k * per + Mn] = n > 0 ? sum / n : NaN;
    }
  },
  assemble(ctx, est) {
    const per = ctx.models.length + 1;
    const rows: ResultsDocument['language'] = [];
    ctx.models.forEach((model, m) => ctx.conditions.forEach((condition, k) => rows.push({ model: model.id, condition, meanDr: est.interval(k * per + m) })));
    if (ctx.llm.length > 0) ctx.conditions.forEach((condition, k) => rows.push({ model: ALL_LLMS, condition, meanDr: est.interval(k * per + ctx.models.length) }));
    return rows;
  },
};
