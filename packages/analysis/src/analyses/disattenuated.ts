/**
 * Disattenuated correlations (issue 10, item 1): the correlation across countries between a
 * model's and the humans' scores on one dimension, corrected for the model side's sampling noise.
 * Noise in M_c adds variance but no covariance, so the plain Pearson r is pulled toward 0 by
 * √reliability (Spearman's correction for attenuation), with
 *
 *   reliability = 1 − mean_c Var̂(M_c) / var_c(M_c)   (error variance from the respondents),
 *   r* = r / √reliability.
 *
 * r* is null when reliability ≤ 0 (the spread across countries is all noise) or with fewer than
 * MIN_COUNTRIES countries. The human scores are taken as exact. r* is not clamped: it can exceed 1
 * by sampling error, which its interval shows. Its interval is analytic (delta method, below): the
 * bootstrap's percentile interval held the true r in only 67–87 % of simulated runs. This whole analysis is this one file plus its line in
 * registry.ts (results.json key, schema, CSV, leaderboard section and report chart included).
 */
import type { AnalysisModule } from '../analysis-module.js';
import { si, type Context, type Realisation } from '../context.js';
import type { Statistic } from '../estimate.js';
import { fmt, fmtInterval } from '../format.js';
import { MIN_COUNTRIES } from '../limits.js';
import { iv, ivCols, kinds, label, mdTable } from '../output-kit.js';
import type { Interval, ResultsDocument } from '../results.js';
import { normalInterval } from './skill.js';

const { max, min, sqrt } = Math;
const finite = Number.isFinite;

export interface DisattenuatedResults {
  /** Per model × condition × dimension across countries: Pearson r, the model side's reliability, and r corrected for it. */
  disattenuatedCorrelation: {
    model: string;
    condition: string;
    dimension: string;
    /** Countries with a model score, its variance and a human score. */
    n: number;
    /** Plain Pearson r (attenuated by the model's sampling noise). */
    pearson: Interval;
    /** 1 − mean_c Var̂(M_c) / var_c(M_c). */
    reliability: Interval;
    /** r / √reliability; null when reliability ≤ 0 or n < 5. */
    pearsonDisattenuated: Interval;
  }[];
}
type Row = DisattenuatedResults['disattenuatedCorrelation'][number];

const SLOTS = 5; // r, reliability, r*, n, SE of r*

/** Below this reliability the correction is unstable (heavy tails, wide intervals): flagged. */
export const LOW_RELIABILITY = 0.5;

/** r, reliability, r*, n and the SE of r* of model m, condition k, dimension d into out[o..o+4]. */
export function disattenuate(
  ctx: Context,
  real: Realisation,
  m: number,
  k: number,
  d: number,
  out: Float64Array,
  o: number,
  minCountries = MIN_COUNTRIES,
): void {
  const D = ctx.dims.length;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sv = 0;
  for (let c = 0; c < ctx.countries.length; c++) {
    const x = real.scores[si(ctx, m, c, k, d)]!;
    const y = ctx.human[c * D + d]!;
    const v = real.variance[si(ctx, m, c, k, d)]!;
    if (!finite(x) || !finite(y) || !finite(v)) continue;
    n++;
    sx += x;
    sy += y;
    sv += v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let c = 0; c < ctx.countries.length; c++) {
    const x = real.scores[si(ctx, m, c, k, d)]!;
    const y = ctx.human[c * D + d]!;
    if (!finite(x) || !finite(y) || !finite(real.variance[si(ctx, m, c, k, d)]!)) continue;
    sxx += (x - mx) * (x - mx);
    syy += (y - my) * (y - my);
    sxy += (x - mx) * (y - my);
  }
  const r = n >= minCountries && sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NaN;
  const reliability = n >= minCountries && sxx > 0 ? 1 - sv / n / (sxx / (n - 1)) : NaN;
  const rStar = finite(r) && reliability > 0 ? r / sqrt(reliability) : NaN;
  out[o] = r;
  out[o + 1] = reliability;
  out[o + 2] = rStar;
  out[o + 3] = n;
  out[o + 4] = finite(rStar) ? disattenuatedSe(ctx, real, m, k, d, mx, my, sxy, sxx - (sv / n) * (n - 1), syy) : NaN;
}

/**
 * The true correlation lies in [−1, 1]: the interval is cut there (coverage unchanged), but it
 * still reaches its estimate when sampling error puts r* beyond ±1.
 */
export function withinCorrelationRange(i: Interval): Interval {
  if (i.estimate === null || i.lo === null || i.hi === null) return i;
  return { estimate: i.estimate, lo: max(i.lo, min(-1, i.estimate)), hi: min(i.hi, max(1, i.estimate)) };
}

/**
 * Standard error of r* = a / √(b · syy) by the delta method, with a = Σ(x − x̄)(y − ȳ), b = Σ(x − x̄)² −
 * (n − 1)·mean v the noise-corrected sum of squares, the human scores fixed and each M_c = T_c + e_c
 * with Var e_c = v_c:
 *   Var a = Σ (y − ȳ)² v,   Var b ≈ Σ [4 (T − T̄)² v + 2 v²],   Cov(a, b) ≈ Σ 2 (y − ȳ)(x − x̄) v,
 * (T − T̄)² estimated by (x − x̄)² − v, clamped at 0 (as the skill's SE does). The bootstrap cannot
 * give this: in a replicate the correction removes the replicate's extra noise around M̂, so the
 * replicates of r* scatter around the plain r.
 */
function disattenuatedSe(ctx: Context, real: Realisation, m: number, k: number, d: number, mx: number, my: number, a: number, b: number, syy: number): number {
  const D = ctx.dims.length;
  let va = 0;
  let vb = 0;
  let cab = 0;
  for (let c = 0; c < ctx.countries.length; c++) {
    const x = real.scores[si(ctx, m, c, k, d)]!;
    const y = ctx.human[c * D + d]!;
    const v = real.variance[si(ctx, m, c, k, d)]!;
    if (!finite(x) || !finite(y) || !finite(v)) continue;
    const dx = x - mx;
    const dy = y - my;
    va += dy * dy * v;
    vb += 4 * max(0, dx * dx - v) * v + 2 * v * v;
    cab += 2 * dy * dx * v;
  }
  // r*² · [Var a / a² + Var b / (4 b²) − Cov / (a b)], written without dividing by a (a may be 0)
  const var_ = (va / b + (a * a * vb) / (4 * b * b * b) - (a * cab) / (b * b)) / syy;
  return var_ > 0 ? sqrt(var_) : 0;
}

export const disattenuatedStatistic = (minCountries = MIN_COUNTRIES): Statistic<DisattenuatedResults> => ({
  id: 'disattenuatedCorrelation',
  size: (ctx) => ctx.models.length * ctx.conditions.length * ctx.dims.length * SLOTS,
  stats(ctx, real, out) {
    let o = 0;
    for (let m = 0; m < ctx.models.length; m++)
      for (let k = 0; k < ctx.conditions.length; k++)
        for (let d = 0; d < ctx.dims.length; d++, o += SLOTS) disattenuate(ctx, real, m, k, d, out, o, minCountries);
  },
  assemble(ctx, est) {
    const rows: Row[] = [];
    let o = 0;
    for (const model of ctx.models)
      for (const condition of ctx.conditions)
        for (const dimension of ctx.dims) {
          rows.push({
            model: model.id,
            condition,
            dimension,
            n: est.point(o + 3),
            pearson: est.interval(o),
            reliability: est.interval(o + 1),
            pearsonDisattenuated: withinCorrelationRange(normalInterval(est.point(o + 2), est.point(o + 4))),
          });
          o += SLOTS;
        }
    return { disattenuatedCorrelation: rows };
  },
});

const ROW_SCHEMA = {
  type: 'object',
  required: ['model', 'condition', 'dimension', 'n', 'pearson', 'reliability', 'pearsonDisattenuated'],
  properties: {
    model: { type: 'string' },
    condition: { type: 'string' },
    dimension: { type: 'string' },
    n: { type: 'integer', minimum: 0 },
    pearson: { $ref: '#/$defs/interval' },
    reliability: { $ref: '#/$defs/interval' },
    pearsonDisattenuated: { $ref: '#/$defs/interval' },
  },
  additionalProperties: false,
};

// results.json of runs analysed before this module existed have no such key
const headlineRows = (doc: ResultsDocument) =>
  (doc.disattenuatedCorrelation ?? []).filter((r) => r.condition === doc.headline && doc.models.some((m) => m.id === r.model && m.kind !== 'reference'));

export const disattenuatedAnalysis: AnalysisModule<DisattenuatedResults> = {
  id: 'disattenuatedCorrelation',
  schema: {
    disattenuatedCorrelation: {
      type: 'array',
      description:
        'Per model × condition × dimension across countries: Pearson r of model vs human scores, the model side’s reliability 1 − mean Var̂(M_c) / var_c(M_c), and r / √reliability (disattenuated; null when reliability ≤ 0 or fewer than 5 countries; not clamped, can exceed 1 by sampling error). The interval of the disattenuated r is analytic: estimate ± 1.96 SE by the delta method with the respondents’ error variances, cut to [−1, 1] but always holding the estimate; pearson and reliability have bootstrap intervals.',
      items: ROW_SCHEMA,
    },
  },
  statistic: () => disattenuatedStatistic(),
  csv: [
    {
      file: 'dimensions-disattenuated.csv',
      description: 'Pearson r, the model side’s reliability and the disattenuated r per dimension',
      columns: ['model', 'kind', 'condition', 'dimension', 'n', ...ivCols('pearson'), ...ivCols('reliability'), ...ivCols('pearson_disattenuated'), 'note'],
      rows: (doc) => {
        const kind = kinds(doc);
        return doc.disattenuatedCorrelation.map((r) => ({
          model: r.model,
          kind: kind.get(r.model),
          condition: r.condition,
          dimension: r.dimension,
          n: r.n,
          ...iv('pearson', r.pearson),
          ...iv('reliability', r.reliability),
          ...iv('pearson_disattenuated', r.pearsonDisattenuated),
          note:
            r.n < MIN_COUNTRIES
              ? `n < ${MIN_COUNTRIES}: no correlation`
              : r.reliability.estimate !== null && r.reliability.estimate <= 0
                ? 'reliability ≤ 0: no correction'
                : r.reliability.estimate !== null && r.reliability.estimate < LOW_RELIABILITY
                  ? `reliability < ${LOW_RELIABILITY}: unstable`
                  : '',
        }));
      },
    },
  ],
  leaderboard(doc) {
    const rows = headlineRows(doc);
    if (rows.length === 0) return [];
    const kind = kinds(doc);
    const cell = new Map(rows.map((r) => [`${r.model}\u0000${r.dimension}`, r]));
    const models = [...new Set(rows.map((r) => r.model))];
    return [
      `## Dimension correlations, disattenuated (condition: ${doc.headline})`,
      '',
      `Pearson r across countries between model and human scores, corrected for the model side’s sampling noise: r / √reliability, reliability = 1 − mean error variance / observed variance of the model’s scores across countries (the plain r is pulled toward 0 by that noise). Each cell: disattenuated r [95 % CI] (plain r). "–": reliability ≤ 0 or fewer than ${MIN_COUNTRIES} countries; "†": reliability below ${LOW_RELIABILITY}, where the correction is unstable and its interval wide (simulation: analysis README). Not clamped: above 1 is sampling error.`,
      '',
      mdTable(
        ['model', ...doc.dimensions],
        models.map((id) => [
          label(id, kind.get(id)),
          ...doc.dimensions.map((d) => {
            const r = cell.get(`${id}\u0000${d}`);
            if (!r) return '–';
            const low = r.pearsonDisattenuated.estimate !== null && r.reliability.estimate !== null && r.reliability.estimate < LOW_RELIABILITY ? ' †' : '';
            return `${fmtInterval(r.pearsonDisattenuated, 2)}${low} (${fmt(r.pearson.estimate, 2)})`;
          }),
        ]),
      ),
      '',
    ];
  },
  chart(doc) {
    const values = headlineRows(doc)
      .flatMap((r) => [
        { model: r.model, dimension: r.dimension, series: 'plain r', value: r.pearson.estimate, lo: null, hi: null },
        {
          model: r.model,
          dimension: r.dimension,
          series: 'disattenuated r',
          value: r.pearsonDisattenuated.estimate,
          lo: r.pearsonDisattenuated.lo,
          hi: r.pearsonDisattenuated.hi,
        },
      ])
      .filter((v) => v.value !== null);
    const y = { field: 'dimension', type: 'nominal', sort: doc.dimensions, title: null };
    return {
      id: 'chart-disattenuated',
      title: 'Dimension correlations, plain and disattenuated',
      description: `Pearson r across countries between model and human scores in the headline condition (${doc.headline}), plain (hollow) and corrected for the model’s sampling noise (filled, with its 95 % interval, delta method): r / √reliability. Not clamped at 1.`,
      spec:
        values.length === 0
          ? null
          : {
              data: { values },
              facet: { row: { field: 'model', type: 'nominal', title: null } },
              spec: {
                width: 520,
                height: { step: 18 },
                layer: [
                  {
                    transform: [{ filter: 'datum.lo !== null' }],
                    mark: { type: 'rule' },
                    encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'Pearson r across countries' }, x2: { field: 'hi' } },
                  },
                  {
                    mark: { type: 'point', size: 60 },
                    encoding: {
                      y,
                      x: { field: 'value', type: 'quantitative' },
                      shape: { field: 'series', type: 'nominal', title: null, scale: { domain: ['plain r', 'disattenuated r'] } },
                      fill: {
                        field: 'series',
                        type: 'nominal',
                        scale: { domain: ['plain r', 'disattenuated r'], range: ['transparent', '#1f5f9e'] },
                        legend: null,
                      },
                      stroke: { value: '#1f5f9e' },
                      tooltip: [{ field: 'model' }, { field: 'dimension' }, { field: 'series' }, { field: 'value', format: '.2f' }],
                    },
                  },
                ],
              },
            },
    };
  },
};
