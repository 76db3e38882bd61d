/**
 * 7. Web content (the paper's finding 4): is a country better aligned when its language has a
 * larger share of web content? Pearson and Spearman correlation, across countries, between the
 * share of the country's language (datasets/web-content, both 2022 measures by default) and the
 * country's mean DR (over the LLMs; over the baselines when no LLM ran), with bootstrap intervals
 * from resampling respondents (the shares are fixed published numbers), and inference across
 * countries (permutation p, leave-one-out influence: web-inference.ts).
 *
 * The paper reports r = 0.94 (one unnamed share measure); W3Techs counts home pages and is
 * dominated by English, the Observatory's estimate is much higher for Chinese, Hindi and Arabic,
 * so the two measures can tell different stories: both are reported.
 */
import { datasetPath, readSimpleCsv } from '@culturebench/core';
import { countrySummaries, type AnalysisModule, type Context } from '../context.js';
import { completePairsInto, pearsonN, spearmanN } from '../kernels.js';
import { num } from '../quantile.js';
import { MIN_COUNTRIES } from '../limits.js';
import type { ResultsDocument } from '../results.js';
import { hashString, mixSeed } from '../rng.js';
import { bounded } from './skill.js';
import { webInference } from './web-inference.js';

/** One row per language; `iso639_1` names it, the other numeric columns are share measures in percent. */
export type WebContentRow = Record<string, string | number | null | undefined>;
/** Rows, or a table with `.objects()` (an arquero table). */
export type WebContentTable = readonly WebContentRow[] | { objects(): object[] };

export const DEFAULT_WEB_CONTENT_MEASURES = ['w3techs_2022_pct', 'obslc_2022_pct'];

export function loadWebContent(path = datasetPath('web-content', 'content-language-share.csv')): WebContentRow[] {
  return readSimpleCsv(path);
}

/** The web-content key of a prompt language: its primary subtag (pt-BR → pt). */
export function webLanguage(language: string): string {
  return language.split(/[-_]/)[0]!.toLowerCase();
}

function share(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Below `minCountries` usable countries no correlation is computed (null; outputs print "n < 5"). */
export function webContentModule(
  table: WebContentTable,
  measures: readonly string[] = DEFAULT_WEB_CONTENT_MEASURES,
  minCountries = MIN_COUNTRIES,
): AnalysisModule<ResultsDocument['webContent']> {
  const rows = (Array.isArray(table) ? table : (table as { objects(): object[] }).objects()) as WebContentRow[];
  const byLanguage = new Map(rows.map((r) => [String(r['iso639_1'] ?? '').toLowerCase(), r]));
  const sharesOf = (ctx: Context, measure: string) => ctx.countryLanguages.map((l) => share(byLanguage.get(webLanguage(l))?.[measure]));
  const typedShares = (ctx: Context) => measures.map((m) => Float64Array.from(sharesOf(ctx, m), (v) => v ?? NaN));
  const per = (ctx: Context) => ctx.countries.length + measures.length * 3;
  return {
    id: 'webContent',
    size: (ctx) => ctx.conditions.length * per(ctx),
    stats(ctx, real, out) {
      const C = ctx.countries.length;
      const shares = typedShares(ctx);
      const summaries = countrySummaries(ctx, real);
      for (let k = 0; k < ctx.conditions.length; k++) {
        const o = k * per(ctx);
        const dr = summaries.mean.subarray(k * C, (k + 1) * C);
        out.set(dr, o);
        shares.forEach((s, j) => {
          const n = completePairsInto(s, dr, ctx.scratch);
          out[o + C + j * 3] = n < minCountries ? NaN : pearsonN(ctx.scratch.x, ctx.scratch.y, n);
          out[o + C + j * 3 + 1] = n < minCountries ? NaN : spearmanN(ctx.scratch, n);
          out[o + C + j * 3 + 2] = n;
        });
      }
    },
    assemble(ctx, est) {
      const C = ctx.countries.length;
      const out: ResultsDocument['webContent'] = [];
      measures.forEach((measure, j) => {
        const shares = sharesOf(ctx, measure);
        ctx.conditions.forEach((condition, k) => {
          const o = k * per(ctx);
          const points = ctx.countries.flatMap((country, c) =>
            shares[c] === null ? [] : [{ country, language: webLanguage(ctx.countryLanguages[c]!), share: shares[c]!, meanDr: num(est.point(o + c)) }],
          );
          // Across countries: shares permuted over the country points (seed stated in results.json).
          const usable = points.filter((p) => p.meanDr !== null).length;
          const inference = webInference(usable < minCountries ? [] : points, mixSeed(ctx.seed, hashString('webContent')));
          // a correlation's interval stays in [−1, 1] (the median-centring shift could push it out)
          out.push({ measure, condition, pearson: bounded(est.interval(o + C + j * 3), -1, 1), spearman: bounded(est.interval(o + C + j * 3 + 1), -1, 1), n: est.point(o + C + j * 3 + 2), points, inference });
        });
      });
      return out;
    },
  };
}
