import type { AnswerDistribution } from './distribution.js';

export type VerbalizedResult = { ok: true; distribution: AnswerDistribution } | { ok: false; reason: string };

/** The first balanced {...} object in a reply (models wrap JSON in prose or code fences). */
export function firstJsonObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/**
 * A stated distribution: a JSON object whose keys are exactly the codes 1..k (as shown) and whose
 * values are probabilities summing to 1 or percentages summing to 100 (±2 % either way, for
 * rounding). Anything else is not a distribution: the reply is a non-answer, never repaired or
 * guessed. `codeMap` maps displayed codes back to the original ones.
 */
export function parseVerbalized(text: string, scaleSize: number, codeMap?: number[]): VerbalizedResult {
  const json = firstJsonObject(text);
  if (!json) return { ok: false, reason: 'no JSON object in the reply' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the JSON object does not parse' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const entries = Object.entries(value as Record<string, unknown>);
  const expected = Array.from({ length: scaleSize }, (_, i) => String(i + 1));
  const keys = entries.map(([k]) => k.trim());
  if (keys.length !== scaleSize || !expected.every((k) => keys.includes(k))) {
    return { ok: false, reason: `keys must be exactly ${expected.join(', ')}` };
  }
  const displayed = new Array<number>(scaleSize).fill(0);
  for (const [k, v] of entries) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return { ok: false, reason: `value of "${k.slice(0, 10)}" is not a non-negative number` };
    displayed[Number(k.trim()) - 1] = v;
  }
  const sum = displayed.reduce((a, b) => a + b, 0);
  const scale = Math.abs(sum - 1) <= 0.02 ? 1 : Math.abs(sum - 100) <= 2 ? 100 : null;
  if (scale === null) return { ok: false, reason: `values sum to ${sum}, not 1 or 100` };
  const normalised = displayed.map((p) => p / sum);
  const probs = codeMap ? normalised.reduce((out, p, i) => ((out[codeMap[i] - 1] += p), out), new Array<number>(scaleSize).fill(0)) : normalised;
  return { ok: true, distribution: { probs, nonAnswer: 0, source: 'verbalized' } };
}
