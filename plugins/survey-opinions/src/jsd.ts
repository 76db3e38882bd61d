/**
 * Jensen–Shannon divergence and distance between two discrete distributions, base 2, so that the
 * divergence lies in [0, 1] and so does the distance (its square root).
 *
 *   M = (P + Q) / 2
 *   JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M),   KL(P ‖ M) = Σ p_i log2(p_i / m_i), with 0 · log 0 = 0
 *   JS distance = √JSD,   similarity = 1 − JS distance
 *
 * Both inputs are normalised to sum 1 first (survey shares are rounded and often sum to 0.99 or
 * 1.01). This is the similarity of Durmus et al. (2023) with base-2 logarithms (SciPy's
 * `jensenshannon(p, q, base=2)` gives the same distance).
 */

export function normalise(p: readonly number[], what = 'distribution'): number[] {
  if (p.length === 0) throw new Error(`${what}: empty`);
  let sum = 0;
  for (const x of p) {
    if (!Number.isFinite(x) || x < 0) throw new Error(`${what}: ${x} is not a non-negative number`);
    sum += x;
  }
  if (sum <= 0) throw new Error(`${what}: all shares are 0`);
  return p.map((x) => x / sum);
}

function klToMixture(p: readonly number[], m: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s += p[i] * Math.log2(p[i] / m[i]);
  return s;
}

/** Jensen–Shannon divergence, base 2, in [0, 1]. */
export function jsDivergence(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new Error(`distributions differ in length: ${p.length} vs ${q.length}`);
  const a = normalise(p, 'first distribution');
  const b = normalise(q, 'second distribution');
  const m = a.map((x, i) => (x + b[i]) / 2);
  const d = 0.5 * klToMixture(a, m) + 0.5 * klToMixture(b, m);
  // Rounding can leave a tiny negative for identical inputs, or a hair above 1 for disjoint ones.
  return Math.min(1, Math.max(0, d));
}

/** Jensen–Shannon distance: √JSD (a metric), in [0, 1]. */
export function jsDistance(p: readonly number[], q: readonly number[]): number {
  return Math.sqrt(jsDivergence(p, q));
}

/** 1 − Jensen–Shannon distance: 1 for identical distributions, 0 for disjoint ones. */
export function jsSimilarity(p: readonly number[], q: readonly number[]): number {
  return 1 - jsDistance(p, q);
}
