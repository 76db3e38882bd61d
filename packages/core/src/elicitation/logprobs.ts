import type { TokenLogprob } from '../provider.js';
import type { AnswerDistribution } from './distribution.js';

/** A token as a code: surrounding spaces and bracket/period/colon punctuation dropped. */
function codeOf(token: string, scaleSize: number): number | null {
  const t = token.trim().replace(/^[([{"'*]+|[)\]}.:,"'*]+$/g, '');
  if (!/^\d{1,2}$/.test(t)) return null;
  const code = Number(t);
  return code >= 1 && code <= scaleSize ? code : null;
}

/**
 * The distribution over codes at the answer position: the first generated token that is a code,
 * or, when none is, the first token (a preamble or refusal, whose valid mass is then small).
 * Probabilities of the alternatives that are valid codes are summed per code (" 3" and "3" are the
 * same answer) and renormalised; the rest — other tokens and the mass beyond the listed
 * alternatives — is the non-answer share. Returns null when no valid code has any probability.
 */
export function distributionFromLogprobs(tokens: TokenLogprob[] | undefined, scaleSize: number): AnswerDistribution | null {
  if (!tokens?.length) return null;
  const position = tokens.find((t) => codeOf(t.token, scaleSize) !== null) ?? tokens[0];
  const alternatives = position.top.length ? position.top : [{ token: position.token, logprob: position.logprob }];
  // The generated token is one of the alternatives; when the API leaves it out, add it.
  const listed = alternatives.some((a) => a.token === position.token) ? alternatives : [...alternatives, { token: position.token, logprob: position.logprob }];
  const probs = new Array<number>(scaleSize).fill(0);
  const seen = new Set<string>();
  for (const a of listed) {
    if (seen.has(a.token)) continue;
    seen.add(a.token);
    const code = codeOf(a.token, scaleSize);
    if (code !== null && Number.isFinite(a.logprob)) probs[code - 1] += Math.exp(a.logprob);
  }
  const valid = probs.reduce((a, b) => a + b, 0);
  if (!(valid > 0)) return null;
  return { probs: probs.map((p) => p / valid), nonAnswer: Math.max(0, 1 - valid), source: 'logprobs' };
}
