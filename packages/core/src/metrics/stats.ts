/**
 * Small descriptive statistics shared by the metrics. Inputs are clean numbers (callers drop
 * missing values first); an undefined statistic is `null`, never NaN.
 */

// Bound once: in a vm context (Jest) a global lookup such as Math.abs in a hot loop is slow.
const { abs, max, sign } = Math;

/** Arithmetic mean; null for no values. */
export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Median (mean of the two middle values for an even count); null for no values. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** True when all values are identical: zero variance detected exactly, free of rounding noise. */
export function isConstant(xs: readonly number[]): boolean {
  return xs.every((x) => x === xs[0]);
}

/**
 * Sample standard deviation (n − 1 denominator): countries are a sample of the world's cultures.
 * null for fewer than two values; exactly 0 for constant input.
 */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  if (isConstant(xs)) return 0;
  const m = mean(xs)!;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * 1-based ranks with ties given the average of the ranks they span (the convention Spearman's ρ
 * needs): ranks([10, 20, 20, 30]) = [1, 2.5, 2.5, 4].
 */
/**
 * Scores that differ only by floating-point noise (anchoring and averaging add ~1e-14) are ties:
 * equal within 1e-9 relative to their size.
 */
export function tied(a: number, b: number): boolean {
  return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b));
}

/** -1, 0 (tied) or 1. */
export function tieSign(diff: number, a: number, b: number): number {
  return tied(a, b) ? 0 : sign(diff);
}

export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const out = new Array<number>(xs.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && tied(xs[order[j + 1]!]!, xs[order[i]!]!)) j++;
    const avg = (i + j) / 2 + 1; // positions i..j hold ranks i+1..j+1
    for (let k = i; k <= j; k++) out[order[k]!] = avg;
    i = j + 1;
  }
  return out;
}
