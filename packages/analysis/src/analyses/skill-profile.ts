/**
 * The skill module's per-model profile statistics: bias per dimension and its corrected length,
 * corrected spread and country signal, and the default culture (nearest human country).
 */
import { si, type Context, type Realisation } from '../context.js';
import type { Interval } from '../results.js';

const { max, sqrt } = Math;
const finite = Number.isFinite;

/** A human profile the default culture can be. */
export interface Candidate {
  code: string;
  /** Scores in ctx.dims order (complete). */
  scores: number[];
}

/** Bias per dimension, corrected spread per dimension, pooled country signal and |bias| (corrected). */
export function spreadAndBias(ctx: Context, real: Realisation, m: number, k: number, out: Float64Array, o: number, H: number): void {
  const D = ctx.dims.length;
  const C = ctx.countries.length;
  const w = real.countryWeights;
  let signalNum = 0;
  let signalDen = 0;
  let normSq = 0;
  let normVar = 0;
  let allKnown = true;
  for (let d = 0; d < D; d++) {
    let sw = 0;
    let sm = 0;
    let sh = 0;
    let sv = 0;
    let sbias = 0;
    for (let c = 0; c < C; c++) {
      const x = real.scores[si(ctx, m, c, k, d)]!;
      const h = ctx.human[c * D + d]!;
      if (!finite(x) || !finite(h) || w[c] === 0) continue;
      sw += w[c]!;
      sm += w[c]! * x;
      sh += w[c]! * h;
      sv += w[c]! * real.variance[si(ctx, m, c, k, d)]!;
      sbias += w[c]! * real.variance[si(ctx, m, c, k, d)]! * w[c]!;
    }
    const mm = sm / sw;
    const mh = sh / sw;
    let vm = 0;
    let vh = 0;
    for (let c = 0; c < C; c++) {
      const x = real.scores[si(ctx, m, c, k, d)]!;
      const h = ctx.human[c * D + d]!;
      if (!finite(x) || !finite(h) || w[c] === 0) continue;
      vm += w[c]! * (x - mm) * (x - mm);
      vh += w[c]! * (h - mh) * (h - mh);
    }
    vm /= sw - 1;
    vh /= sw - 1;
    const noise = sv / sw;
    const bias = sw > 0 ? mm - mh : NaN;
    out[o + H + d] = bias;
    out[o + H + D + d] = sw > 1 && vh > 0 && finite(noise) ? sqrt(max(vm - noise, 0) / vh) : NaN;
    if (sw > 1 && finite(noise)) {
      signalNum += vm - noise;
      signalDen += vh;
    } else allKnown = false;
    normSq += bias * bias;
    normVar += sbias / (sw * sw);
  }
  out[o + 3] = allKnown && signalDen > 0 ? max(signalNum, 0) / signalDen : NaN;
  out[o + 4] = finite(normSq) && finite(normVar) ? sqrt(max(normSq - normVar, 0)) : NaN;
}

/** Corrected squared distance from the model's persona-averaged profile to each candidate country. */
export function defaultCulture(ctx: Context, real: Realisation, m: number, k: number, candidates: Candidate[], out: Float64Array, o: number): void {
  const D = ctx.dims.length;
  const C = ctx.countries.length;
  const w = real.countryWeights;
  const profile = new Float64Array(D);
  let varSum = 0;
  let ok = true;
  for (let d = 0; d < D; d++) {
    let sw = 0;
    let s = 0;
    let sv = 0;
    for (let c = 0; c < C; c++) {
      const x = real.scores[si(ctx, m, c, k, d)]!;
      if (!finite(x) || w[c] === 0) continue;
      sw += w[c]!;
      s += w[c]! * x;
      sv += w[c]! * w[c]! * real.variance[si(ctx, m, c, k, d)]!;
    }
    if (sw === 0) ok = false;
    profile[d] = s / sw;
    varSum += sv / (sw * sw);
  }
  candidates.forEach((cand, j) => {
    if (!ok) {
      out[o + j] = NaN;
      return;
    }
    let s = 0;
    for (let d = 0; d < D; d++) s += (profile[d]! - cand.scores[d]!) ** 2;
    out[o + j] = s - (finite(varSum) ? varSum : 0);
  });
}

export function nearestCulture(
  est: { point(s: number): number; column(s: number): Float64Array; interval(s: number): Interval },
  o: number,
  J: number,
  nearest: number,
  candidates: Candidate[],
) {
  const cols = Array.from({ length: J }, (_, j) => est.column(o + j));
  const R = cols[0]?.length ?? 0;
  const wins = new Array<number>(J).fill(0);
  for (let r = 0; r < R; r++) {
    let best = -1;
    for (let j = 0; j < J; j++) if (finite(cols[j]![r]!) && (best < 0 || cols[j]![r]! < cols[best]![r]!)) best = j;
    if (best >= 0) wins[best]!++;
  }
  const d2 = est.interval(o + nearest);
  const root = (v: number | null) => (v === null ? null : sqrt(max(v, 0)));
  const order = wins
    .map((n, j) => [n, j] as const)
    .filter(([n]) => n > 0)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3);
  return {
    country: candidates[nearest]!.code,
    distance: { estimate: root(d2.estimate), lo: root(d2.lo), hi: root(d2.hi) },
    probability: R > 0 ? wins[nearest]! / R : null,
    alternatives: order.map(([n, j]) => ({ country: candidates[j]!.code, probability: n / R })),
  };
}
