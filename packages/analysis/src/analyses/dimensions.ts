/**
 * 6. Dimensions: which dimensions does a model capture? Per model × condition × dimension, across
 * countries: Pearson r, Spearman ρ, Kendall τ-b (these ignore the constant C) and the mean
 * absolute error (which does not), with intervals — core's perDimensionAgreement, per replicate.
 */
import type { AnalysisModule } from '../analysis-module.js';
import { keyed, type Statistic } from '../estimate.js';
import { kendallN, maeN, pearsonN, spearmanN } from '../kernels.js';
import { MIN_COUNTRIES } from '../limits.js';
import { iv, ivCols, kinds } from '../output-kit.js';
import type { Interval } from '../results.js';
import { dimensionPairs } from './middle-ground.js';
import { bounded } from './skill.js';

export interface DimensionResults {
  /** 6. Dimensions: per model × condition × dimension agreement across countries. */
  dimensionAgreement: {
    model: string;
    condition: string;
    dimension: string;
    pearson: Interval;
    spearman: Interval;
    kendall: Interval;
    meanAbsError: Interval;
    n: number;
  }[];
}
type Row = DimensionResults['dimensionAgreement'][number];

const SLOTS = 5; // pearson, spearman, kendall, MAE, n

/** Correlations on fewer than `minCountries` countries are not computed (null; outputs print "n < 5"). */
export const dimensionsStatistic = (minCountries = MIN_COUNTRIES): Statistic<Row[]> => ({
  id: 'dimensionAgreement',
  size: (ctx) => ctx.models.length * ctx.conditions.length * ctx.dims.length * SLOTS,
  stats(ctx, real, out) {
    const { x, y } = ctx.scratch;
    let o = 0;
    for (let m = 0; m < ctx.models.length; m++) {
      for (let k = 0; k < ctx.conditions.length; k++) {
        for (let d = 0; d < ctx.dims.length; d++) {
          const n = dimensionPairs(ctx, real, m, k, d);
          const few = n < minCountries;
          out[o] = few ? NaN : pearsonN(x, y, n);
          out[o + 1] = few ? NaN : spearmanN(ctx.scratch, n);
          out[o + 2] = few ? NaN : kendallN(x, y, n);
          out[o + 3] = maeN(x, y, n);
          out[o + 4] = n;
          o += SLOTS;
        }
      }
    }
  },
  assemble(ctx, est) {
    const rows: Row[] = [];
    let o = 0;
    for (const model of ctx.models) {
      for (const condition of ctx.conditions) {
        for (const dimension of ctx.dims) {
          rows.push({
            model: model.id,
            condition,
            dimension,
            // correlations stay in [−1, 1] (the median-centring shift could push an interval out)
            pearson: bounded(est.interval(o), -1, 1),
            spearman: bounded(est.interval(o + 1), -1, 1),
            kendall: bounded(est.interval(o + 2), -1, 1),
            meanAbsError: est.interval(o + 3),
            n: est.point(o + 4),
          });
          o += SLOTS;
        }
      }
    }
    return rows;
  },
});

export const dimensionsAnalysis: AnalysisModule<DimensionResults> = {
  id: 'dimensionAgreement',
  schema: {
    dimensionAgreement: {
      type: 'array',
      description: '6. Agreement per dimension across countries.',
      items: {
        type: 'object',
        required: ['model', 'condition', 'dimension', 'pearson', 'spearman', 'kendall', 'meanAbsError', 'n'],
        properties: {
          model: { type: 'string' },
          condition: { type: 'string' },
          dimension: { type: 'string' },
          pearson: { $ref: '#/$defs/interval' },
          spearman: { $ref: '#/$defs/interval' },
          kendall: { $ref: '#/$defs/interval' },
          meanAbsError: { $ref: '#/$defs/interval' },
          n: { type: 'integer', minimum: 0 },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => keyed('dimensionAgreement', dimensionsStatistic()),
  csv: [
    {
      file: 'dimensions.csv',
      description: 'Pearson, Spearman, Kendall and MAE per dimension',
      columns: [
        'model',
        'kind',
        'condition',
        'dimension',
        'n',
        ...ivCols('pearson'),
        ...ivCols('spearman'),
        ...ivCols('kendall'),
        ...ivCols('mean_abs_error'),
        'note',
      ],
      rows: (doc) => {
        const kind = kinds(doc);
        return doc.dimensionAgreement.map((r) => ({
          model: r.model,
          kind: kind.get(r.model),
          condition: r.condition,
          dimension: r.dimension,
          n: r.n,
          ...iv('pearson', r.pearson),
          ...iv('spearman', r.spearman),
          ...iv('kendall', r.kendall),
          ...iv('mean_abs_error', r.meanAbsError),
          note: r.n < MIN_COUNTRIES ? `n < ${MIN_COUNTRIES}: no correlation` : '',
        }));
      },
    },
  ],
};
