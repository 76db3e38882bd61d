/**
 * Model scores and deviation ratios per model × country × condition, with intervals: the raw
 * material of the heatmaps and scatter plots.
 */
import type { AnalysisModule } from '../analysis-module.js';
import { ai, si, type Context } from '../context.js';
import type { Statistic } from '../estimate.js';
import { fmt } from '../format.js';
import { kinds, label, mdTable } from '../output-kit.js';
import { num } from '../quantile.js';
import type { Interval, ResultsDocument } from '../results.js';

export interface ScoreResults {
  /** Model scores with intervals: model × country × condition × dimension. */
  scores: { model: string; country: string; condition: string; dimension: string; score: Interval; human: number | null }[];
  /** Deviation ratio per model × country × condition, d(M_c, H_c) and d(G, H_c). */
  alignment: { model: string; country: string; condition: string; dr: Interval; distance: Interval; baselineDistance: number | null }[];
}

const cells = (ctx: Context) => ctx.models.length * ctx.countries.length * ctx.conditions.length;

export const scoresStatistic: Statistic<ScoreResults> = {
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
    const scores: ScoreResults['scores'] = [];
    const alignment: ScoreResults['alignment'] = [];
    ctx.models.forEach((model, m) =>
      ctx.countries.forEach((country, c) =>
        ctx.conditions.forEach((condition, k) => {
          ctx.dims.forEach((dimension, d) =>
            scores.push({ model: model.id, country, condition, dimension, score: est.interval(si(ctx, m, c, k, d)), human: num(ctx.human[c * D + d]) }),
          );
          const a = ai(ctx, m, c, k);
          alignment.push({
            model: model.id,
            country,
            condition,
            dr: est.interval(n * D + a),
            distance: est.interval(n * D + n + a),
            baselineDistance: baseline[c]!,
          });
        }),
      ),
    );
    return { scores, alignment };
  },
};

/**
 * Per model, each country's scores under every condition side by side (dimensions in the
 * survey's order), folded so that the leaderboard stays short.
 */
function scoresByCondition(doc: ResultsDocument): string[] {
  const kind = kinds(doc);
  const dims = doc.dimensions;
  const score = new Map(doc.scores.map((r) => [`${r.model}\u0000${r.country}\u0000${r.condition}\u0000${r.dimension}`, r.score.estimate]));
  const models = doc.models.filter((x) => x.kind !== 'reference').map((x) => x.id);
  if (models.length === 0) return [];
  const out = ['## Scores by condition', '', `Each cell: ${dims.join(' · ')} (human scores in the last column).`, ''];
  for (const id of models) {
    const cell = (country: string, condition: string) =>
      dims.map((d) => fmt(score.get(`${id}\u0000${country}\u0000${condition}\u0000${d}`) ?? null, 0)).join(' · ');
    out.push(`<details><summary>${label(id, kind.get(id))}</summary>`, '');
    out.push(
      mdTable(
        ['country', ...doc.conditions, 'human'],
        doc.countries.map((c) => [
          c.code,
          ...doc.conditions.map((cond) => cell(c.code, cond)),
          dims.map((d) => fmt(doc.human.countries[c.code]?.[d] ?? null, 0)).join(' · '),
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

export const scoresAnalysis: AnalysisModule<ScoreResults> = {
  id: 'scores',
  schema: {
    scores: {
      type: 'array',
      description: 'Model scores per model × country × condition × dimension.',
      items: {
        type: 'object',
        required: ['model', 'country', 'condition', 'dimension', 'score', 'human'],
        properties: {
          model: { type: 'string' },
          country: { type: 'string' },
          condition: { type: 'string' },
          dimension: { type: 'string' },
          score: { $ref: '#/$defs/interval' },
          human: { type: ['number', 'null'] },
        },
        additionalProperties: false,
      },
    },
    alignment: {
      type: 'array',
      description: 'Deviation ratio, d(M_c, H_c) and d(G, H_c) per model × country × condition.',
      items: {
        type: 'object',
        required: ['model', 'country', 'condition', 'dr', 'distance', 'baselineDistance'],
        properties: {
          model: { type: 'string' },
          country: { type: 'string' },
          condition: { type: 'string' },
          dr: { $ref: '#/$defs/interval' },
          distance: { $ref: '#/$defs/interval' },
          baselineDistance: { type: ['number', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => scoresStatistic,
  leaderboard: scoresByCondition,
  charts: ['chart-heatmap', 'chart-scatter'],
};
