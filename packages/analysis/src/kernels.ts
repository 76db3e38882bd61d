/**
 * Allocation-free versions of core's metric functions for the bootstrap's inner loop, on typed
 * arrays with NaN as missing. Each mirrors its core counterpart operation by operation (same
 * summation order, same edge cases), so results are bit-identical; kernels.spec.ts checks this
 * against core's pearson, spearman, kendallTauB, spreadRatio, meanAbsoluteError, sampleSd,
 * summarizeRatios, distance and deviationRatio. Undefined statistics are NaN here (null in core).
 */
import { DISTANCE_FLOOR, tied, tieSign } from '@culturebench/core';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { abs, max, min, sqrt } = Math;
const finite = Number.isFinite;
const isNaN_ = Number.isNaN;

/** Scratch buffers for up to `capacity` values. */
export class Scratch {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  readonly order: Int32Array;
  readonly sorted: Float64Array;
  /** Column buffers (model and human values across countries). */
  readonly a: Float64Array;
  readonly b: Float64Array;
  constructor(readonly capacity: number) {
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.rx = new Float64Array(capacity);
    this.ry = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.sorted = new Float64Array(capacity);
  }
}

/** Copies the pairs where both sides are finite into s.x / s.y (input order); returns how many (core's completePairs). */
export function completePairsInto(xs: ArrayLike<number>, ys: ArrayLike<number>, s: Scratch, length = xs.length): number {
  let n = 0;
  for (let i = 0; i < length; i++) {
    const a = xs[i]!;
    const b = ys[i]!;
    if (finite(a) && finite(b)) {
      s.x[n] = a;
      s.y[n] = b;
      n++;
    }
  }
  return n;
}

function isConstant(x: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (x[i] !== x[0]) return false;
  return true;
}

function meanN(x: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  return s / n;
}

/** core sampleSd on the first n values: NaN for n < 2, exactly 0 when constant. */
export function sampleSdN(x: Float64Array, n: number): number {
  if (n < 2) return NaN;
  if (isConstant(x, n)) return 0;
  const m = meanN(x, n);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - m) * (x[i]! - m);
  return sqrt(ss / (n - 1));
}

/** core pearsonComplete on the first n pairs. */
export function pearsonN(x: Float64Array, y: Float64Array, n: number): number {
  if (n < 2 || isConstant(x, n) || isConstant(y, n)) return NaN;
  const mx = meanN(x, n);
  const my = meanN(y, n);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return max(-1, min(1, sxy / sqrt(sxx * syy)));
}

/** core ranks (1-based, ties averaged) of the first n values into out. */
export function ranksN(x: Float64Array, n: number, out: Float64Array, order: Int32Array): void {
  for (let i = 0; i < n; i++) order[i] = i;
  // insertion sort of indices by value (n is the number of countries: small)
  for (let i = 1; i < n; i++) {
    const o = order[i]!;
    const v = x[o]!;
    let j = i - 1;
    while (j >= 0 && x[order[j]!]! > v) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = o;
  }
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && tied(x[order[j + 1]!]!, x[order[i]!]!)) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = avg;
    i = j + 1;
  }
}

/** Spearman ρ on the pairs in s.x / s.y (first n). */
export function spearmanN(s: Scratch, n: number): number {
  ranksN(s.x, n, s.rx, s.order);
  ranksN(s.y, n, s.ry, s.order);
  return pearsonN(s.rx, s.ry, n);
}

/** Kendall τ-b on the first n pairs (core kendallTauB). */
export function kendallN(x: Float64Array, y: Float64Array, n: number): number {
  if (n < 2) return NaN;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sx = tieSign(x[i]! - x[j]!, x[i]!, x[j]!);
      const sy = tieSign(y[i]! - y[j]!, y[i]!, y[j]!);
      if (sx === 0) tiesX++;
      if (sy === 0) tiesY++;
      if (sx * sy > 0) concordant++;
      else if (sx * sy < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = sqrt((n0 - tiesX) * (n0 - tiesY));
  return denom === 0 ? NaN : (concordant - discordant) / denom;
}

/** sd(model) / sd(human) on the first n pairs (core spreadRatio). */
export function spreadN(x: Float64Array, y: Float64Array, n: number): number {
  const sdH = sampleSdN(y, n);
  const sdM = sampleSdN(x, n);
  if (isNaN_(sdH) || isNaN_(sdM) || sdH === 0) return NaN;
  return sdM / sdH;
}

/** Mean |x − y| on the first n pairs (core meanAbsoluteError). */
export function maeN(x: Float64Array, y: Float64Array, n: number): number {
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += abs(x[i]! - y[i]!);
  return s / n;
}

/** core summarizeRatios: mean and median of the finite values, and their count. */
export function summarize(values: ArrayLike<number>, s: Scratch): { mean: number; median: number; n: number } {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (finite(values[i])) s.sorted[n++] = values[i]!;
  if (n === 0) return { mean: NaN, median: NaN, n: 0 };
  const mean = meanN(s.sorted, n);
  const sorted = s.sorted.subarray(0, n).sort();
  const mid = n >> 1;
  return { mean, median: n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, n };
}

/** Euclidean distance over the dimensions where both are finite (core distance); NaN when none. */
export function distanceN(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, D: number): number {
  let ss = 0;
  let used = 0;
  for (let d = 0; d < D; d++) {
    const x = a[aOff + d]!;
    const y = b[bOff + d]!;
    if (finite(x) && finite(y)) {
      used++;
      ss += (x - y) * (x - y);
    }
  }
  return used === 0 ? NaN : sqrt(ss);
}

/**
 * core deviationRatio: both distances over the dimensions present in H, M and G;
 * DR = d(G, H) / max(d(M, H), floor). Writes DR and the unfloored d(M, H); NaN when no dimension.
 */
export function deviationRatioN(
  model: ArrayLike<number>,
  mOff: number,
  human: ArrayLike<number>,
  hOff: number,
  global: ArrayLike<number>,
  D: number,
  out: { dr: number; distance: number },
  floor = DISTANCE_FLOOR,
): void {
  let sm = 0;
  let sg = 0;
  let used = 0;
  for (let d = 0; d < D; d++) {
    const h = human[hOff + d]!;
    const m = model[mOff + d]!;
    const g = global[d]!;
    if (finite(h) && finite(m) && finite(g)) {
      used++;
      sm += (m - h) * (m - h);
      sg += (g - h) * (g - h);
    }
  }
  if (used === 0) {
    out.dr = NaN;
    out.distance = NaN;
    return;
  }
  const dm = sqrt(sm);
  out.dr = sg === 0 ? NaN : sqrt(sg) / max(dm, floor);
  out.distance = dm;
}
