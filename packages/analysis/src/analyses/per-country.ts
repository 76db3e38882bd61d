/**
 * 1. Per country (the paper's Table 3): the deviation ratio of each country averaged over the
 * LLMs (over the baselines when no LLM ran), with intervals; best aligned first.
 *
 * Per replicate the statistic is the mean over the basis models of DR_c in that replicate, so the
 * interval reflects respondent sampling in every model at once.
 */
import type { AnalysisModule } from '../analysis-module.js';
import { keyed, type Statistic } from '../estimate.js';
import { fmt, fmtInterval } from '../format.js';
import { languageAverageNote } from '../language-note.js';
import { MIN_COUNTRIES } from '../limits.js';
import { iv, ivCols, mdTable } from '../output-kit.js';
import { countrySummaries } from '../summaries.js';
import { num } from '../quantile.js';
import type { Interval } from '../results.js';

export interface PerCountryResults {
  /** 1. Per country (paper Table 3): DR averaged over the LLMs (or the baselines if none ran); best first per condition. */
  perCountry: {
    country: string;
    condition: string;
    rank: number | null;
    meanDr: Interval;
    medianDr: number | null;
    nModels: number;
    baselineDistance: number | null;
  }[];
}
type Row = PerCountryResults['perCountry'][number];

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

/** Below `minCountries` countries the rows are not ranked (rank null, the run's order). */
export const perCountryStatisticFor = (minCountries: number): Statistic<Row[]> => ({
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
    const rows: Row[] = [];
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
      // Below MIN_COUNTRIES no ranking: rank null, the run's country order.
      if (C < minCountries) {
        rows.push(...block);
        return;
      }
      const ranks = competitionRanks(block.map((r) => r.meanDr.estimate));
      block.forEach((r, i) => (r.rank = ranks[i]!));
      rows.push(
        ...bestFirst(
          block,
          (r) => r.meanDr.estimate,
          (r) => r.country,
        ),
      );
    });
    return rows;
  },
});

export const perCountryStatistic = perCountryStatisticFor(MIN_COUNTRIES);

export const perCountryAnalysis: AnalysisModule<PerCountryResults> = {
  id: 'perCountry',
  schema: {
    perCountry: {
      type: 'array',
      description: '1. Per country (Table 3), best first per condition.',
      items: {
        type: 'object',
        required: ['country', 'condition', 'rank', 'meanDr', 'medianDr', 'nModels', 'baselineDistance'],
        properties: {
          country: { type: 'string' },
          condition: { type: 'string' },
          rank: { type: ['integer', 'null'], minimum: 1 },
          meanDr: { $ref: '#/$defs/interval' },
          medianDr: { type: ['number', 'null'] },
          nModels: { type: 'integer', minimum: 0 },
          baselineDistance: { type: ['number', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => keyed('perCountry', perCountryStatistic),
  csv: [
    {
      file: 'per-country.csv',
      description: 'mean DR per country with intervals',
      columns: ['condition', 'rank', 'country', 'name', 'language', ...ivCols('mean_dr'), 'median_dr', 'n_models', 'basis', 'baseline_distance'],
      rows: (doc) => {
        const lang = new Map(doc.countries.map((c) => [c.code, c]));
        return doc.perCountry.map((r) => ({
          condition: r.condition,
          rank: r.rank,
          country: r.country,
          name: lang.get(r.country)?.name ?? r.country,
          language: lang.get(r.country)?.language ?? null,
          ...iv('mean_dr', r.meanDr),
          median_dr: r.medianDr,
          n_models: r.nModels,
          basis: doc.countryBasis,
          baseline_distance: r.baselineDistance,
        }));
      },
    },
  ],
  leaderboard(doc) {
    const h = doc.headline;
    const basis = doc.countryBasis === 'llm' ? 'the LLMs' : doc.countryBasis === 'baseline' ? 'the baselines: no LLM was run' : 'no model';
    const country = new Map(doc.countries.map((x) => [x.code, x]));
    const few = doc.countries.length > 0 && doc.countries.length < MIN_COUNTRIES;
    return [
      `## Countries (condition: ${h}; mean DR over ${basis})`,
      '',
      ...(few ? [`Fewer than ${MIN_COUNTRIES} countries were run: they are listed, not ranked.`, ''] : []),
      mdTable(
        ['rank', 'country', 'language', 'd(G, H)', 'mean DR [95 % CI]', 'median DR', 'models'],
        doc.perCountry
          .filter((r) => r.condition === h)
          .map((r) => [
            r.rank === null ? '–' : String(r.rank),
            `${r.country} ${country.get(r.country)?.name ?? ''}`.trim(),
            country.get(r.country)?.language ?? '–',
            fmt(r.baselineDistance, 1),
            fmtInterval(r.meanDr, 3),
            fmt(r.medianDr, 3),
            String(r.nModels),
          ]),
      ),
      '',
      ...languageAverageNote(doc),
    ];
  },
  charts: ['chart-dr-country'],
};
