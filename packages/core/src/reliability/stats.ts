/** Small descriptive statistics for the reliability report (no resampling here). */

export function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Sample variance (n − 1). */
export function variance(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

export function pearson(xs: number[], ys: number[]): number | null {
  if (xs.length < 3 || xs.length !== ys.length) return null;
  const mx = mean(xs)!;
  const my = mean(ys)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export function euclidean(a: (number | null)[], b: (number | null)[]): number | null {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] == null || b[i] == null) return null;
    s += (a[i]! - b[i]!) ** 2;
  }
  return Math.sqrt(s);
}

/**
 * Cronbach's α of k signed items over cases: rows = cases, columns = items (already multiplied by
 * their sign). Null with fewer than 3 complete cases, fewer than 2 items, or no total variance.
 */
export function cronbachAlpha(rows: (number | null)[][]): number | null {
  const complete = rows.filter((r) => r.every((v) => v != null)) as number[][];
  const k = complete[0]?.length ?? 0;
  if (complete.length < 3 || k < 2) return null;
  const itemVar = Array.from({ length: k }, (_, j) => variance(complete.map((r) => r[j]))!);
  const totalVar = variance(complete.map((r) => r.reduce((a, b) => a + b, 0)))!;
  if (!(totalVar > 0)) return null;
  return (k / (k - 1)) * (1 - itemVar.reduce((a, b) => a + b, 0) / totalVar);
}
