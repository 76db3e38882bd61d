/**
 * 3. Middle ground (the paper's Figure 1 and finding 1): do models compress countries toward the
 * global average? Per dimension, the spread ratio sd_c(M_c) / sd_c(H_c) (below 1 = compressed;
 * core's spreadRatio), and per model the mean distance of its country profiles to G against the
 * mean distance to the countries themselves.
 */
import type { AnalysisModule } from '../analysis-module.js';
import { si, type Context, type Realisation } from '../context.js';
import type { Statistic } from '../estimate.js';
import { fmt } from '../format.js';
import { completePairsInto, distanceN, sampleSdN, spreadN } from '../kernels.js';
import { iv, ivCols, kinds } from '../output-kit.js';
import { num } from '../quantile.js';
import type { Interval } from '../results.js';

export interface MiddleGroundResults {
  /** 3. Middle ground (Figure 1): spread ratio per dimension (sd over countries, model / human). */
  middleGround: { model: string; condition: string; dimension: string; spreadRatio: Interval; modelSd: number | null; humanSd: number | null }[];
  /** 3b. Middle ground: mean distance of the model's country profiles to G vs to the countries themselves. */
  middleGroundDistance: {
    model: string;
    condition: string;
    /** mean_c d(M_c, G) */
    toGlobal: Interval;
    /** mean_c d(M_c, H_c) */
    toCountry: Interval;
    /** mean_c d(H_c, G) over the same countries: how far the humans are from G. */
    humanToGlobal: number | null;
    nCountries: number;
  }[];
}

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

/**
 * Model and human values of dimension d across countries into ctx.scratch.a / .b (NaN = missing),
 * then the complete pairs into ctx.scratch.x / .y; returns the number of complete pairs.
 */
export function dimensionPairs(ctx: Context, real: Realisation, m: number, k: number, d: number): number {
  const D = ctx.dims.length;
  const C = ctx.countries.length;
  const { a, b } = ctx.scratch;
  for (let c = 0; c < C; c++) {
    a[c] = real.scores[si(ctx, m, c, k, d)]!;
    b[c] = ctx.human[c * D + d]!;
  }
  return completePairsInto(a, b, ctx.scratch, C);
}

const DIM_SLOTS = 3; // spread ratio, model sd, human sd
const DIST_SLOTS = 4; // mean d(M, G), mean d(M, H), mean d(H, G), countries

export const middleGroundStatistic: Statistic<{ spread: MiddleGroundResults['middleGround']; distance: MiddleGroundResults['middleGroundDistance'] }> = {
  id: 'middleGround',
  size: (ctx) => ctx.conditions.length * ctx.models.length * (ctx.dims.length * DIM_SLOTS + DIST_SLOTS),
  stats(ctx, real, out) {
    const D = ctx.dims.length;
    const per = D * DIM_SLOTS + DIST_SLOTS;
    const { x, y } = ctx.scratch;
    for (let k = 0; k < ctx.conditions.length; k++) {
      for (let m = 0; m < ctx.models.length; m++) {
        const o = (k * ctx.models.length + m) * per;
        for (let d = 0; d < D; d++) {
          const n = dimensionPairs(ctx, real, m, k, d);
          out[o + d * DIM_SLOTS] = spreadN(x, y, n);
          out[o + d * DIM_SLOTS + 1] = sampleSdN(x, n);
          out[o + d * DIM_SLOTS + 2] = sampleSdN(y, n);
        }
        // Over the countries where the model has a DR: mean d(M_c, G), mean d(M_c, H_c), mean d(H_c, G).
        let toGlobal = 0;
        let toCountry = 0;
        let humanToGlobal = 0;
        let n = 0;
        for (let c = 0; c < ctx.countries.length; c++) {
          const a = (m * ctx.countries.length + c) * ctx.conditions.length + k;
          const dm = real.distance[a]!;
          const g = distanceN(real.scores, si(ctx, m, c, k, 0), ctx.global, 0, D);
          const h = ctx.humanToGlobal[c]!;
          if (!finite(dm) || !finite(g) || !finite(h)) continue;
          toGlobal += g;
          toCountry += dm;
          humanToGlobal += h;
          n++;
        }
        out[o + D * DIM_SLOTS] = n > 0 ? toGlobal / n : NaN;
        out[o + D * DIM_SLOTS + 1] = n > 0 ? toCountry / n : NaN;
        out[o + D * DIM_SLOTS + 2] = n > 0 ? humanToGlobal / n : NaN;
        out[o + D * DIM_SLOTS + 3] = n;
      }
    }
  },
  assemble(ctx, est) {
    const D = ctx.dims.length;
    const per = D * DIM_SLOTS + DIST_SLOTS;
    const spread: MiddleGroundResults['middleGround'] = [];
    const dist: MiddleGroundResults['middleGroundDistance'] = [];
    ctx.conditions.forEach((condition, k) =>
      ctx.models.forEach((model, m) => {
        const o = (k * ctx.models.length + m) * per;
        ctx.dims.forEach((dimension, d) =>
          spread.push({
            model: model.id,
            condition,
            dimension,
            spreadRatio: est.interval(o + d * DIM_SLOTS),
            modelSd: num(est.point(o + d * DIM_SLOTS + 1)),
            humanSd: num(est.point(o + d * DIM_SLOTS + 2)),
          }),
        );
        dist.push({
          model: model.id,
          condition,
          toGlobal: est.interval(o + D * DIM_SLOTS),
          toCountry: est.interval(o + D * DIM_SLOTS + 1),
          humanToGlobal: num(est.point(o + D * DIM_SLOTS + 2)),
          nCountries: est.point(o + D * DIM_SLOTS + 3),
        });
      }),
    );
    return { spread, distance: dist };
  },
};

export const middleGroundAnalysis: AnalysisModule<MiddleGroundResults> = {
  id: 'middleGround',
  schema: {
    middleGround: {
      type: 'array',
      description: '3. Spread ratio per dimension.',
      items: {
        type: 'object',
        required: ['model', 'condition', 'dimension', 'spreadRatio', 'modelSd', 'humanSd'],
        properties: {
          model: { type: 'string' },
          condition: { type: 'string' },
          dimension: { type: 'string' },
          spreadRatio: { $ref: '#/$defs/interval' },
          modelSd: { type: ['number', 'null'] },
          humanSd: { type: ['number', 'null'] },
        },
        additionalProperties: false,
      },
    },
    middleGroundDistance: {
      type: 'array',
      description: "3b. Mean distance of the model's profiles to G and to the countries.",
      items: {
        type: 'object',
        required: ['model', 'condition', 'toGlobal', 'toCountry', 'humanToGlobal', 'nCountries'],
        properties: {
          model: { type: 'string' },
          condition: { type: 'string' },
          toGlobal: { $ref: '#/$defs/interval' },
          toCountry: { $ref: '#/$defs/interval' },
          humanToGlobal: { type: ['number', 'null'] },
          nCountries: { type: 'integer', minimum: 0 },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => ({
    ...middleGroundStatistic,
    assemble(ctx, est) {
      const r = middleGroundStatistic.assemble(ctx, est);
      return { middleGround: r.spread, middleGroundDistance: r.distance };
    },
  }),
  csv: [
    {
      file: 'middle-ground.csv',
      description: 'spread ratio per model × dimension',
      columns: ['model', 'kind', 'condition', 'dimension', ...ivCols('spread_ratio'), 'model_sd', 'human_sd'],
      rows: (doc) => {
        const kind = kinds(doc);
        return doc.middleGround.map((r) => ({
          model: r.model,
          kind: kind.get(r.model),
          condition: r.condition,
          dimension: r.dimension,
          ...iv('spread_ratio', r.spreadRatio),
          model_sd: r.modelSd,
          human_sd: r.humanSd,
        }));
      },
    },
    {
      file: 'middle-ground-distance.csv',
      description: 'mean distance of the model to G and to the countries',
      columns: ['model', 'kind', 'condition', ...ivCols('to_global'), ...ivCols('to_country'), 'human_to_global', 'n_countries'],
      rows: (doc) => {
        const kind = kinds(doc);
        return doc.middleGroundDistance.map((r) => ({
          model: r.model,
          kind: kind.get(r.model),
          condition: r.condition,
          ...iv('to_global', r.toGlobal),
          ...iv('to_country', r.toCountry),
          human_to_global: r.humanToGlobal,
          n_countries: r.nCountries,
        }));
      },
    },
  ],
  findingsOrder: 20,
  findings(doc) {
    const llmIds = doc.models.filter((m) => m.kind === 'llm').map((m) => m.id);
    const spread = doc.middleGround.filter((r) => r.condition === doc.headline && llmIds.includes(r.model) && r.spreadRatio.estimate !== null);
    if (spread.length === 0) return [];
    const dims = doc.dimensions.filter((d) => spread.some((r) => r.dimension === d));
    const meanBy = dims.map((d) => {
      const xs = spread.filter((r) => r.dimension === d).map((r) => r.spreadRatio.estimate!);
      return { d, v: xs.reduce((a, b) => a + b, 0) / xs.length };
    });
    const below = meanBy.filter((x) => x.v < 1);
    const allBelow = spread.every((r) => r.spreadRatio.estimate! < 1);
    const lowest = [...meanBy].sort((a, b) => a.v - b.v)[0]!;
    return [
      allBelow
        ? `All LLMs compress country differences: spread ratio below 1 on ${dims.length} of ${dims.length} dimensions for every LLM (strongest on ${lowest.d}, mean spread ratio ${fmt(lowest.v, 2)}).`
        : `LLMs compress country differences on ${below.length} of ${dims.length} dimensions (mean spread ratio over the LLMs below 1; strongest on ${lowest.d} at ${fmt(lowest.v, 2)}).`,
    ];
  },
  charts: ['chart-middle-ground', 'chart-middle-distance'],
};
