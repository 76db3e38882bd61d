/** Mean, median and count of DRs per model and per country, computed once per realisation (memo). */
import { ai, type Context, type Realisation, type Summaries } from './context.js';
import { summarize } from './kernels.js';

/** Per model × condition: DR over the countries (core modelSummary, for every model). */
export function modelSummaries(ctx: Context, real: Realisation): Summaries {
  const memo = (real.memo ??= {});
  if (memo.models) return memo.models;
  const K = ctx.conditions.length;
  const Mn = ctx.models.length;
  const C = ctx.countries.length;
  const out: Summaries = { mean: new Float64Array(K * Mn), median: new Float64Array(K * Mn), n: new Float64Array(K * Mn) };
  const values = new Float64Array(C);
  for (let k = 0; k < K; k++) {
    for (let m = 0; m < Mn; m++) {
      for (let c = 0; c < C; c++) values[c] = real.dr[ai(ctx, m, c, k)]!;
      const s = summarize(values, ctx.scratch);
      out.mean[k * Mn + m] = s.mean;
      out.median[k * Mn + m] = s.median;
      out.n[k * Mn + m] = s.n;
    }
  }
  return (memo.models = out);
}

/** Per country × condition: DR over the basis models (core countrySummary of the LLMs, or the baselines). */
export function countrySummaries(ctx: Context, real: Realisation): Summaries {
  const memo = (real.memo ??= {});
  if (memo.countries) return memo.countries;
  const K = ctx.conditions.length;
  const C = ctx.countries.length;
  const out: Summaries = { mean: new Float64Array(K * C), median: new Float64Array(K * C), n: new Float64Array(K * C) };
  const values = new Float64Array(ctx.countryBasis.length);
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < C; c++) {
      ctx.countryBasis.forEach((m, i) => (values[i] = real.dr[ai(ctx, m, c, k)]!));
      const s = summarize(values, ctx.scratch);
      out.mean[k * C + c] = s.mean;
      out.median[k * C + c] = s.median;
      out.n[k * C + c] = s.n;
    }
  }
  return (memo.countries = out);
}
