/**
 * A stated or measured distribution over a question's answer codes, and the item-level moments
 * a scorer needs from it. Codes run 1..k; `probs[i]` is the probability of code i + 1 in the
 * survey's original order (a reversed presentation is mapped back before it is stored).
 */
export interface AnswerDistribution {
  /** Probability of each code, index 0 = code 1; renormalised over the valid codes (sums to 1). */
  probs: number[];
  /**
   * Share of the probability the method saw that fell outside the valid codes (logprobs: tokens
   * that are no code, and mass beyond the listed alternatives). Reported, never imputed.
   */
  nonAnswer: number;
  /** How the distribution was obtained. */
  source: 'logprobs' | 'verbalized';
}

/** Expected code and variance of one answer drawn from the distribution. */
export function distributionMoments(d: Pick<AnswerDistribution, 'probs'>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < d.probs.length; i++) mean += (i + 1) * d.probs[i];
  let variance = 0;
  for (let i = 0; i < d.probs.length; i++) variance += (i + 1 - mean) ** 2 * d.probs[i];
  return { mean, variance };
}

/** Item-level summary of n respondents (personas) that each gave a distribution. */
export interface ItemMoments {
  /** Respondents with a distribution. */
  n: number;
  /** Mean over respondents of each one's expected code: the item mean the scorer uses. */
  mean: number;
  /**
   * Variance of one answer drawn from the respondents' mixture: mean within-respondent variance
   * plus the variance of their expectations (law of total variance). With n respondents, a mean of
   * one sampled answer each would have variance `answerVariance / n`.
   */
  answerVariance: number;
  /**
   * Sampling variance of `mean` itself, from the spread of the respondents' expectations
   * (s² / n with the n − 1 denominator; 0 with one respondent, which says nothing about spread).
   * The within-respondent part is known exactly and does not enter: the expectation is not sampled.
   */
  varianceOfMean: number;
}

/**
 * The item mean and its variances from respondents' distributions. This is the one function
 * scorers and interval estimators call to consume distribution rows: a distribution feeds the
 * item mean as its expectation, with a variance that is known rather than estimated from draws.
 */
export function itemMoments(distributions: Pick<AnswerDistribution, 'probs'>[]): ItemMoments | null {
  const n = distributions.length;
  if (n === 0) return null;
  const moments = distributions.map(distributionMoments);
  const mean = moments.reduce((a, m) => a + m.mean, 0) / n;
  const within = moments.reduce((a, m) => a + m.variance, 0) / n;
  const between = moments.reduce((a, m) => a + (m.mean - mean) ** 2, 0) / n;
  const s2 = n > 1 ? (between * n) / (n - 1) : 0;
  return { n, mean, answerVariance: within + between, varianceOfMean: s2 / n };
}

/** Checks that probabilities are finite, non-negative and sum to 1 (within `tolerance`). */
export function isDistribution(probs: number[], tolerance = 1e-6): boolean {
  if (probs.length === 0 || probs.some((p) => !Number.isFinite(p) || p < 0)) return false;
  return Math.abs(probs.reduce((a, b) => a + b, 0) - 1) <= tolerance;
}

/** Re-orders a distribution given in displayed order into original code order. */
export function toOriginalOrder(displayed: number[], codeMap: number[]): number[] {
  const out = new Array<number>(displayed.length).fill(0);
  displayed.forEach((p, i) => (out[codeMap[i] - 1] += p));
  return out;
}
