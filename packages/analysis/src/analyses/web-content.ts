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
import type { AnalysisModule } from '../analysis-module.js';
import type { Context } from '../context.js';
import { keyed, type Statistic } from '../estimate.js';
import { fmt, fmtInterval } from '../format.js';
import { countrySummaries } from '../summaries.js';
import { completePairsInto, pearsonN, spearmanN } from '../kernels.js';
import { num } from '../quantile.js';
import { MIN_COUNTRIES } from '../limits.js';
import { iv, ivCols } from '../output-kit.js';
import type { Interval } from '../results.js';
import { hashString, mixSeed } from '../rng.js';
import { MEASURE_LABELS, webSection, webVerdict } from '../web-outputs.js';
import { bounded } from './skill.js';
import { webInference, type PermutationInference } from './web-inference.js';

export interface WebContentResults {
  /** 7. Web content: correlation of a language's share of web content with the country's mean DR. */
  webContent: {
    measure: string;
    condition: string;
    pearson: Interval;
    spearman: Interval;
    n: number;
    points: { country: string; language: string; share: number; meanDr: number | null }[];
    /** Across countries: permutation p of Pearson r and leave-one-out influence per country. */
    inference: PermutationInference;
  }[];
}

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
export function webContentStatistic(
  table: WebContentTable,
  measures: readonly string[] = DEFAULT_WEB_CONTENT_MEASURES,
  minCountries = MIN_COUNTRIES,
): Statistic<WebContentResults['webContent']> {
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
      const out: WebContentResults['webContent'] = [];
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
          out.push({
            measure,
            condition,
            pearson: bounded(est.interval(o + C + j * 3), -1, 1),
            spearman: bounded(est.interval(o + C + j * 3 + 1), -1, 1),
            n: est.point(o + C + j * 3 + 2),
            points,
            inference,
          });
        });
      });
      return out;
    },
  };
}

export const webContentAnalysis: AnalysisModule<WebContentResults> = {
  id: 'webContent',
  schema: {
    webContent: {
      type: 'array',
      description: '7. Web-content share vs mean DR.',
      items: {
        type: 'object',
        required: ['measure', 'condition', 'pearson', 'spearman', 'n', 'points', 'inference'],
        properties: {
          measure: { type: 'string' },
          condition: { type: 'string' },
          pearson: { $ref: '#/$defs/interval' },
          spearman: { $ref: '#/$defs/interval' },
          n: { type: 'integer', minimum: 0 },
          points: {
            type: 'array',
            items: {
              type: 'object',
              required: ['country', 'language', 'share', 'meanDr'],
              properties: {
                country: { type: 'string' },
                language: { type: 'string' },
                share: { type: 'number' },
                meanDr: { type: ['number', 'null'] },
              },
              additionalProperties: false,
            },
          },
          inference: {
            type: 'object',
            description:
              "Inference across countries: two-sided permutation p of Pearson r (shares permuted over the countries; p = (1 + hits) / (1 + permutations)) and leave-one-out influence per country. supported = p <= 0.05 and no single country's removal changes the sign or the significance.",
            required: ['statistic', 'permutations', 'seed', 'pValue', 'leaveOneOut', 'carriedBy', 'supported'],
            properties: {
              statistic: { const: 'pearson' },
              permutations: { type: 'integer', minimum: 0 },
              seed: { type: 'integer' },
              pValue: { type: ['number', 'null'] },
              leaveOneOut: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['country', 'pearson', 'pValue', 'signChanges', 'significanceChanges'],
                  properties: {
                    country: { type: 'string' },
                    pearson: { type: ['number', 'null'] },
                    pValue: { type: ['number', 'null'] },
                    signChanges: { type: 'boolean' },
                    significanceChanges: { type: 'boolean' },
                  },
                  additionalProperties: false,
                },
              },
              carriedBy: { type: 'array', items: { type: 'string' } },
              supported: { type: 'boolean' },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: (setup) => keyed('webContent', webContentStatistic(setup.webContent, setup.webContentMeasures)),
  csv: [
    {
      file: 'web-content.csv',
      description: 'correlation of web-content share with mean DR',
      columns: [
        'measure',
        'condition',
        'basis',
        'n',
        ...ivCols('pearson'),
        ...ivCols('spearman'),
        'permutation_p',
        'permutations',
        'permutation_seed',
        'carried_by',
        'direction_supported',
        'note',
      ],
      rows: (doc) =>
        doc.webContent.map((w) => ({
          measure: w.measure,
          condition: w.condition,
          basis: doc.countryBasis,
          n: w.n,
          ...iv('pearson', w.pearson),
          ...iv('spearman', w.spearman),
          permutation_p: w.inference.pValue,
          permutations: w.inference.permutations,
          permutation_seed: w.inference.seed,
          carried_by: w.inference.carriedBy.join(' '),
          direction_supported: w.inference.supported,
          note: w.n < MIN_COUNTRIES ? `n < ${MIN_COUNTRIES}: no correlation` : '',
        })),
    },
    {
      file: 'web-content-points.csv',
      description: 'the points of the web-content chart',
      columns: [
        'measure',
        'condition',
        'country',
        'language',
        'share',
        'mean_dr',
        'pearson_without',
        'permutation_p_without',
        'sign_changes_without',
        'significance_changes_without',
      ],
      rows: (doc) =>
        doc.webContent.flatMap((w) =>
          w.points.map((p) => {
            const loo = w.inference.leaveOneOut.find((l) => l.country === p.country);
            return {
              measure: w.measure,
              condition: w.condition,
              country: p.country,
              language: p.language,
              share: p.share,
              mean_dr: p.meanDr,
              pearson_without: loo?.pearson ?? null,
              permutation_p_without: loo?.pValue ?? null,
              sign_changes_without: loo?.signChanges ?? null,
              significance_changes_without: loo?.significanceChanges ?? null,
            };
          }),
        ),
    },
  ],
  leaderboard: (doc) => webSection(doc, MIN_COUNTRIES),
  findingsOrder: 50,
  findings(doc) {
    if (!doc.models.some((m) => m.kind === 'llm')) return [];
    const web = doc.webContent.filter((w) => w.condition === doc.headline && w.pearson.estimate !== null && w.n >= MIN_COUNTRIES);
    if (web.length === 0) return [];
    const parts = web.map(
      (w) =>
        `r = ${fmtInterval(w.pearson)} with ${MEASURE_LABELS[w.measure] ?? w.measure} shares (Spearman ρ = ${fmt(w.spearman.estimate, 2)}, n = ${w.n}): ${webVerdict(w)}`,
    );
    return [`A language’s share of web content and its countries’ mean DR: Pearson ${parts.join('; ')}. The paper reports r = 0.94.`];
  },
  charts: ['chart-web-content'],
};
