/**
 * 2. Per model (the paper's Figure 3b): mean and median DR over countries with intervals, the
 * ranking, and how stable it is: the rank is recomputed in every replicate, giving P(rank = k)
 * and a 95 % rank interval.
 *
 * LLMs are ranked among the LLMs. Baselines and the reference are ranked among all models (where
 * they would sit in the full table), so that they never take an LLM's place in the LLM ranking.
 * Ranks are competition ranks: 1 + the number of models of the group with a strictly higher mean.
 */
import { answerTotalsByModel, stabilityCell } from '@culturebench/core';
import type { AnalysisModule } from '../analysis-module.js';
import type { Context } from '../context.js';
import { keyed, type Statistic } from '../estimate.js';
import { fmtInterval } from '../format.js';
import { iv, ivCols, kinds, label, mdTable, NO_INTERVAL } from '../output-kit.js';
import { modelSummaries } from '../summaries.js';
import { num, rankInterval } from '../quantile.js';
import type { Interval } from '../results.js';
import { bestFirst } from './per-country.js';
import { attachMeanDrAcrossCountries } from './per-model-across.js';

export interface PerModelResults {
  /** 2. Per model (paper Figure 3b): mean and median DR over countries, rank and rank probabilities; best first per condition. */
  perModel: {
    model: string;
    condition: string;
    meanDr: Interval;
    /**
     * The same mean DR with the interval of countries taken as a sample of cultures (cluster
     * bootstrap over countries); absent in results.json written before it existed.
     */
    meanDrAcrossCountries?: Interval;
    medianDr: Interval;
    nCountries: number;
    /** Competition rank (ties share the better rank) of the mean DR; null when the mean DR is missing. */
    rank: number | null;
    /** P(rank = k+1) over bootstrap replicates, k = 0.. (LLMs ranked among LLMs; baselines and the reference among all models). */
    rankProbabilities: number[];
    /** 2.5th–97.5th percentile of the rank over replicates (nearest rank); null when the rank is. */
    rankInterval: { lo: number; hi: number } | null;
  }[];
}
type Row = PerModelResults['perModel'][number];

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

/** The models model m is ranked among. */
export function rankGroup(ctx: Context, m: number): number[] {
  return ctx.models[m]!.kind === 'llm' ? ctx.llm : ctx.models.map((_, i) => i);
}

const SLOTS = 4; // mean, median, n, rank

export const perModelStatistic: Statistic<Row[]> = {
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
    const rows: Row[] = [];
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
      rows.push(
        ...bestFirst(
          block,
          (r) => r.meanDr.estimate,
          (r) => r.model,
        ),
      );
    });
    return rows;
  },
};

const DR_TEXT =
  "Deviation ratio DR_c = d(G, H_c) / d(M_c, H_c), the paper's formula, kept so that the reproduction stays visible: above 1 the model is closer to country c than the human global average G is. It is not the ranking number: sampling noise inflates d(M, H), so DR grows with the number of respondents, rewards low-variance answering, and its intervals do not cover the noise-free value.";

export const perModelAnalysis: AnalysisModule<PerModelResults> = {
  id: 'perModel',
  schema: {
    perModel: {
      type: 'array',
      description: '2. Per model (Figure 3b), best first per condition.',
      items: {
        type: 'object',
        required: ['model', 'condition', 'meanDr', 'medianDr', 'nCountries', 'rank', 'rankProbabilities', 'rankInterval'],
        properties: {
          model: { type: 'string' },
          condition: { type: 'string' },
          meanDr: { $ref: '#/$defs/interval' },
          meanDrAcrossCountries: {
            $ref: '#/$defs/interval',
            description:
              'meanDr with countries resampled (a cluster bootstrap over the observed DR_c: which countries were chosen); respondent intervals are meanDr’s',
          },
          medianDr: { $ref: '#/$defs/interval' },
          nCountries: { type: 'integer', minimum: 0 },
          rank: { type: ['integer', 'null'], minimum: 1 },
          rankProbabilities: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 } },
          rankInterval: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['lo', 'hi'],
                properties: { lo: { type: 'integer', minimum: 1 }, hi: { type: 'integer', minimum: 1 } },
                additionalProperties: false,
              },
            ],
          },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => keyed('perModel', perModelStatistic),
  finish: (setup, slice) => attachMeanDrAcrossCountries(setup.ctx, setup.observed, slice.perModel, setup.replicates, setup.seed),
  csv: [
    {
      file: 'per-model.csv',
      description: 'mean and median DR per model with intervals and rank intervals',
      columns: [
        'condition',
        'rank',
        'model',
        'kind',
        'origin',
        ...ivCols('mean_dr'),
        ...ivCols('mean_dr_across_countries'),
        ...ivCols('median_dr'),
        'n_countries',
        'rank_lo',
        'rank_hi',
        'rank_probabilities',
      ],
      rows: (doc) => {
        const kind = kinds(doc);
        const origin = new Map(doc.models.map((m) => [m.id, m.origin]));
        return doc.perModel.map((r) => ({
          condition: r.condition,
          rank: r.rank,
          model: r.model,
          kind: kind.get(r.model),
          origin: origin.get(r.model) ?? null,
          ...iv('mean_dr', r.meanDr),
          ...iv('mean_dr_across_countries', r.meanDrAcrossCountries ?? NO_INTERVAL),
          ...iv('median_dr', r.medianDr),
          n_countries: r.nCountries,
          rank_lo: r.rankInterval?.lo ?? null,
          rank_hi: r.rankInterval?.hi ?? null,
          rank_probabilities: r.rankProbabilities,
        }));
      },
    },
  ],
  leaderboard(doc) {
    const h = doc.headline;
    const kind = kinds(doc);
    const origin = new Map(doc.models.map((x) => [x.id, x.origin]));
    const totals = answerTotalsByModel(doc.answers);
    const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
    const metric = doc.manifest.survey.metric;
    const headline = doc.perModel.filter((r) => r.condition === h);
    return [
      `## The paper's deviation ratio (reproduction; condition: ${h})`,
      '',
      (metric && metric.id !== 'deviation-ratio' ? `Metric (${metric.id}): ${metric.description}. The "DR" columns hold this metric's value.` : DR_TEXT) +
        ' "Across countries": the interval of the mean DR when the countries are taken as a sample of cultures (countries resampled); the CI beside it resamples respondents only. LLMs are ranked among the LLMs; a baseline’s or the reference’s rank (in parentheses) is its place among all rows.',
      '',
      mdTable(
        [
          'rank',
          'model',
          'origin',
          'mean DR [95 % CI]',
          'across countries',
          'median DR [95 % CI]',
          'rank interval',
          'countries',
          'answered',
          'refused',
          'invalid',
          'errors',
          'stability',
        ],
        headline.map((r) => {
          const k = kind.get(r.model);
          const t = totals.get(r.model);
          const rank = r.rank === null ? '–' : k === 'llm' ? String(r.rank) : `(${r.rank})`;
          const ri = r.rankInterval ? (r.rankInterval.lo === r.rankInterval.hi ? String(r.rankInterval.lo) : `${r.rankInterval.lo}–${r.rankInterval.hi}`) : '–';
          return [
            rank,
            label(r.model, k),
            origin.get(r.model) ?? '–',
            fmtInterval(r.meanDr, 3),
            r.meanDrAcrossCountries ? fmtInterval(r.meanDrAcrossCountries, 3) : '–',
            fmtInterval(r.medianDr, 3),
            ri,
            String(r.nCountries),
            t ? pct(t.answers, t.total) : '–',
            t ? pct(t.refusals, t.total) : '–',
            t ? pct(t.invalid, t.total) : '–',
            t ? pct(t.errors, t.total) : '–',
            stabilityCell(doc.reliability, r.model),
          ];
        }),
      ),
      '',
    ];
  },
  charts: ['chart-dr-model'],
};
