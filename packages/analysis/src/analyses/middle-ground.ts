/**
 * 3. Middle ground (the paper's Figure 1 and finding 1): do models compress countries toward the
 * global average? Per dimension, the spread ratio sd_c(M_c) / sd_c(H_c) (below 1 = compressed;
 * core's spreadRatio), and per model the mean distance of its country profiles to G against the
 * mean distance to the countries themselves.
 */
import { si, type AnalysisModule, type Context, type Realisation } from '../context.js';
import { completePairsInto, distanceN, sampleSdN, spreadN } from '../kernels.js';
import { num } from '../quantile.js';
import type { ResultsDocument } from '../results.js';

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

export const middleGroundModule: AnalysisModule<{ spread: ResultsDocument['middleGround']; distance: ResultsDocument['middleGroundDistance'] }> = {
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
    const spread: ResultsDocument['middleGround'] = [];
    const dist: ResultsDocument['middleGroundDistance'] = [];
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
