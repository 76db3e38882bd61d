/**
 * The generating process of simulated respondents: a true score profile per country, turned into
 * a distribution of answer codes per item whose means reproduce that profile exactly in
 * expectation (for scorers linear in the item means, like VSM 2013).
 *
 * Profile T_c (score scale, constants included): the country's human scores (or one country's
 * everywhere, or given profiles), shrunk toward G by k: G + (1 − k)(H − G), plus an offset vector.
 * Raw target r = T − C with C = G (the 'global' constants: raw 0 ↔ the global average).
 * Item means: the least-norm change of the scale midpoints that moves each raw index to its target.
 * Answers: with probability `noise` uniform over the scale, else the two codes around a mean ν
 * chosen so that the mixture's mean is exactly the item mean; `refusal` is the share of refusals.
 */
import { hash32, NO_PERSONA_COUNTRY, type Survey } from '@culturebench/core';

export interface SimulationSpec {
  /** Each country answers with this country's human profile (a respondent with one culture). */
  country?: string;
  /** Given true profiles per country (score scale); others fall back to the human scores. */
  profiles?: Record<string, Record<string, number>>;
  /**
   * The default profile, answered when the prompt has no persona (a no-persona condition): a
   * country code (its human scores) or a given profile (score scale). Absent: `country`'s profile
   * if set, else G. Shrink and offset apply to it as to any country; jitter does not.
   */
  default?: string | Record<string, number>;
  /** Shrinkage toward G, 0 (none) … 1 (answers G for everyone). */
  shrink?: number;
  /** Added to every country's profile, per dimension. */
  offset?: Record<string, number>;
  /**
   * Country-specific error: a fixed pseudo-random N(0, jitter²) per country and dimension (seeded by
   * the codes), so that some countries are truly better aligned than others.
   */
  jitter?: number;
  /** Share of uniformly random answers, 0 … 0.9 (default 0.5). */
  noise?: number;
  /** Share of refusals, 0 … 0.9 (default 0). */
  refusal?: number;
}

export interface SimulationProcess {
  dims: string[];
  /** G: the human mean over the benchmark's countries. */
  global: number[];
  /** True profile of a country (score scale, in dims order). */
  truth(country: string): number[];
  /** Cumulative answer probabilities of an item for a country (codes 1..size), last = 1. */
  cumulative(country: string, itemId: string): Float64Array;
  refusal: number;
  /** Items whose target mean had to be clipped to the scale (the truth is then not reachable). */
  clipped: string[];
}

export const DEFAULT_NOISE = 0.5;

export function checkSpec(spec: SimulationSpec, survey: Survey): string | null {
  const dims = survey.scorer.dimensions;
  if (spec.noise !== undefined && !(spec.noise >= 0 && spec.noise <= 0.9)) return `noise must be between 0 and 0.9, got ${spec.noise}`;
  if (spec.refusal !== undefined && !(spec.refusal >= 0 && spec.refusal <= 0.9)) return `refusal must be between 0 and 0.9, got ${spec.refusal}`;
  if (spec.shrink !== undefined && !(spec.shrink >= 0 && spec.shrink <= 1)) return `shrink must be between 0 and 1, got ${spec.shrink}`;
  if (spec.jitter !== undefined && !(spec.jitter >= 0 && spec.jitter <= 100)) return `jitter must be between 0 and 100 index points, got ${spec.jitter}`;
  if (spec.country && !survey.groundTruth.countries[spec.country]) return `country "${spec.country}" has no human scores in ${survey.groundTruth.name}`;
  if (typeof spec.default === 'string' && !survey.groundTruth.countries[spec.default]) return `default: country "${spec.default}" has no human scores in ${survey.groundTruth.name}`;
  if (spec.default !== undefined && typeof spec.default !== 'string') {
    if (typeof spec.default !== 'object' || spec.default === null) return 'default must be a country code or a profile {DIM: score}';
    for (const d of dims) if (typeof spec.default[d] !== 'number') return `default: profile needs a number for every dimension (missing ${d}; dimensions: ${dims.join(', ')})`;
  }
  for (const d of Object.keys(spec.offset ?? {})) if (!dims.includes(d)) return `offset: unknown dimension "${d}" (allowed: ${dims.join(', ')})`;
  return null;
}

export function simulationProcess(survey: Survey, countries: readonly string[], spec: SimulationSpec = {}): SimulationProcess {
  const problem = checkSpec(spec, survey);
  if (problem) throw new Error(`simulated respondent: ${problem}`);
  const dims = survey.scorer.dimensions;
  const human = (c: string) => dims.map((d) => survey.groundTruth.countries[c]?.[d] ?? NaN);
  const global = dims.map((_, j) => {
    const vals = countries.map((c) => human(c)[j]!).filter(Number.isFinite);
    return vals.reduce((a, b) => a + b, 0) / vals.length;
  });
  const k = spec.shrink ?? 0;
  // With no persona: the declared default, else the one country's profile, else G.
  const defaultBase = (): number[] => {
    const d = spec.default;
    if (typeof d === 'object') return dims.map((x) => d[x] ?? NaN);
    const code = d ?? spec.country;
    return code ? human(code) : [...global];
  };
  const truth = (c: string): number[] => {
    const none = c === NO_PERSONA_COUNTRY;
    const given = spec.profiles?.[c];
    const base = none ? defaultBase() : given ? dims.map((d) => given[d] ?? NaN) : human(spec.country ?? c);
    const jitter = none ? 0 : (spec.jitter ?? 0);
    return base.map((h, j) => global[j]! + (1 - k) * (h - global[j]!) + (spec.offset?.[dims[j]!] ?? 0) + jitter * standardNormal(c, dims[j]!));
  };
  // Gradient of the raw scores at the scale midpoints (exact for linear scorers).
  const mid: Record<string, number | null> = Object.fromEntries(survey.items.map((it) => [it.id, survey.scales[it.scale]!.midpoint]));
  const raw0 = survey.scorer.rawScores(mid);
  const grad = survey.items.map((it) => {
    const moved = survey.scorer.rawScores({ ...mid, [it.id]: mid[it.id]! + 1 });
    return dims.map((d) => (moved[d] ?? 0) - (raw0[d] ?? 0));
  });
  const norm = dims.map((_, j) => grad.reduce((s, g) => s + g[j]! * g[j]!, 0));
  const noise = spec.noise ?? DEFAULT_NOISE;
  const clipped = new Set<string>();
  const cache = new Map<string, Float64Array>();
  return {
    dims,
    global,
    truth,
    refusal: spec.refusal ?? 0,
    get clipped() {
      return [...clipped];
    },
    cumulative(country, itemId) {
      const key = `${country}\u0000${itemId}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const i = survey.items.findIndex((it) => it.id === itemId);
      if (i < 0) throw new Error(`simulated respondent: unknown item "${itemId}"`);
      const item = survey.items[i]!;
      const size = survey.scales[item.scale]!.size;
      const t = truth(country);
      let mean = mid[itemId]!;
      dims.forEach((_, j) => {
        const g = grad[i]![j]!;
        if (g !== 0 && norm[j]! > 0) mean += (g * (t[j]! - global[j]! - (raw0[dims[j]!] ?? 0))) / norm[j]!;
      });
      const probs = answerProbabilities(mean, size, noise, () => clipped.add(itemId));
      const cum = new Float64Array(size);
      let acc = 0;
      probs.forEach((p, c) => (cum[c] = acc += p));
      cum[size - 1] = 1;
      cache.set(key, cum);
      return cum;
    },
  };
}

/** Probabilities of codes 1..size with mean `mean`: a uniform share `noise` plus two adjacent codes. */
export function answerProbabilities(mean: number, size: number, noise: number, onClip: () => void = () => {}): number[] {
  const uniformMean = (size + 1) / 2;
  let nu = noise < 1 ? (mean - noise * uniformMean) / (1 - noise) : uniformMean;
  if (nu < 1 || nu > size) {
    onClip();
    nu = Math.min(size, Math.max(1, nu));
  }
  const lo = Math.floor(nu);
  const frac = nu - lo;
  const p = new Array<number>(size).fill(noise / size);
  p[lo - 1]! += (1 - noise) * (1 - frac);
  if (frac > 0) p[lo]! += (1 - noise) * frac;
  return p;
}

/** A code 1..size from a uniform u ∈ [0, 1). */
export function drawCode(cum: Float64Array, u: number): number {
  let c = 0;
  while (c < cum.length - 1 && u >= cum[c]!) c++;
  return c + 1;
}

/** A fixed N(0, 1) value per (country, dimension) (Box–Muller on two hashes). */
export function standardNormal(country: string, dimension: string): number {
  const u1 = (hash32('jitter', country, dimension, 1) + 0.5) / 2 ** 32;
  const u2 = (hash32('jitter', country, dimension, 2) + 0.5) / 2 ** 32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
