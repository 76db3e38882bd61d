/** Between a realisation's typed arrays and core's long-format rows; the deviation ratio per cell. */
import type { HumanRow, ScoreRow } from '@culturebench/core';
import { ai, indexOf, si, type Context, type Realisation } from './context.js';
import { deviationRatioN } from './kernels.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

export function humanRows(ctx: Context): HumanRow[] {
  return ctx.countries.flatMap((country, c) =>
    ctx.dims.map((dimension, d) => ({ country, dimension, score: finite(ctx.human[c * ctx.dims.length + d]) ? ctx.human[c * ctx.dims.length + d] : null })),
  );
}

/** A realisation's scores as core's long-format rows. */
export function scoreRows(ctx: Context, scores: Float64Array): ScoreRow[] {
  const rows: ScoreRow[] = [];
  ctx.models.forEach((model, m) =>
    ctx.countries.forEach((country, c) =>
      ctx.conditions.forEach((condition, k) =>
        ctx.dims.forEach((dimension, d) => {
          const v = scores[si(ctx, m, c, k, d)];
          rows.push({ model: model.id, country, condition, dimension, score: finite(v) ? v : null });
        }),
      ),
    ),
  );
  return rows;
}

/**
 * Fills dr and distance from scores: the deviation ratio per model × country × condition (a typed
 * copy of core's deviationRatio, which core's alignmentRows applies; bit-identical, tested), or the
 * survey's own metric when it declares one.
 */
export function computeAlignment(ctx: Context, real: Realisation): void {
  const D = ctx.dims.length;
  if (ctx.metric && ctx.metric.id !== 'deviation-ratio') {
    const rows = ctx.metric.compute({ scores: scoreRows(ctx, real.scores), human: humanRows(ctx), dimensions: ctx.dims, countries: ctx.countries });
    fillAlignmentFromRows(ctx, real, rows);
    return;
  }
  const r = { dr: NaN, distance: NaN };
  for (let m = 0; m < ctx.models.length; m++) {
    for (let c = 0; c < ctx.countries.length; c++) {
      for (let k = 0; k < ctx.conditions.length; k++) {
        deviationRatioN(real.scores, si(ctx, m, c, k, 0), ctx.human, c * D, ctx.global, D, r);
        real.dr[ai(ctx, m, c, k)] = r.dr;
        real.distance[ai(ctx, m, c, k)] = r.distance;
      }
    }
  }
}

/** Copies core AlignmentRow-like rows into a realisation (unknown rows are ignored). */
export function fillAlignmentFromRows(
  ctx: Context,
  real: Realisation,
  rows: readonly { model: string; country: string; condition: string; deviation_ratio: number | null; distance: number | null }[],
): void {
  const mi = indexOf(ctx.models.map((m) => m.id));
  const ci = indexOf(ctx.countries);
  const ki = indexOf(ctx.conditions);
  real.dr.fill(NaN);
  real.distance.fill(NaN);
  for (const r of rows) {
    const m = mi.get(r.model);
    const c = ci.get(r.country);
    const k = ki.get(r.condition);
    if (m === undefined || c === undefined || k === undefined) continue;
    real.dr[ai(ctx, m, c, k)] = r.deviation_ratio ?? NaN;
    real.distance[ai(ctx, m, c, k)] = r.distance ?? NaN;
  }
}

/** Copies core ScoreRows into a realisation's scores (unknown rows are ignored). */
export function fillScoresFromRows(ctx: Context, real: Realisation, rows: readonly ScoreRow[]): void {
  const mi = indexOf(ctx.models.map((m) => m.id));
  const ci = indexOf(ctx.countries);
  const ki = indexOf(ctx.conditions);
  const di = indexOf(ctx.dims);
  real.scores.fill(NaN);
  for (const r of rows) {
    const m = mi.get(r.model);
    const c = ci.get(r.country);
    const k = ki.get(r.condition);
    const d = di.get(r.dimension);
    if (m === undefined || c === undefined || k === undefined || d === undefined) continue;
    real.scores[si(ctx, m, c, k, d)] = r.score ?? NaN;
  }
}
