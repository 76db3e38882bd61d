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
 * With `tau` set, the non-uniform part is a discretised normal of spread τ (a temperature-like
 * sharpness of each prompt's answer distribution) instead of two codes, its centre solved so the
 * mean stays exact. With `personaSpread` set, each persona (the text that introduces it) moves each
 * item's mean by a fixed N(0, personaSpread²) draw (seeded by `personaSeed`): the item mean is then
 * the truth in expectation over personas, not for every finite set of them.
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
  /**
   * τ: spread (in answer codes) of one prompt's answer distribution, 0.05 … 5; small is sharp (one
   * code nearly always), large is flat. Absent: the two codes around the mean (the default process).
   */
  tau?: number;
  /** How much personas differ: SD (in answer codes) of a persona's shift of each item mean, 0 … 2 (default 0). */
  personaSpread?: number;
  /** Which draw of persona shifts (another seed: another set of persona idiosyncrasies). */
  personaSeed?: number;
}

export interface SimulationProcess {
  dims: string[];
  /** G: the human mean over the benchmark's countries. */
  global: number[];
  /** True profile of a country (score scale, in dims order). */
  truth(country: string): number[];
  /**
   * Answer probabilities of an item for a country (codes 1..size) and, with `personaSpread`, for
   * the persona introduced by `persona` (any text that identifies it).
   */
  probabilities(country: string, itemId: string, persona?: string): Float64Array;
  /** The same, cumulative (last = 1). */
  cumulative(country: string, itemId: string, persona?: string): Float64Array;
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
  if (spec.tau !== undefined && !(spec.tau >= 0.05 && spec.tau <= 5)) return `tau must be between 0.05 and 5 answer codes, got ${spec.tau}`;
  if (spec.personaSpread !== undefined && !(spec.personaSpread >= 0 && spec.personaSpread <= 2))
    return `personaSpread must be between 0 and 2 answer codes, got ${spec.personaSpread}`;
  if (spec.personaSeed !== undefined && !Number.isInteger(spec.personaSeed)) return `personaSeed must be a whole number, got ${spec.personaSeed}`;
  if (spec.country && !survey.groundTruth.countries[spec.country]) return `country "${spec.country}" has no human scores in ${survey.groundTruth.name}`;
  if (typeof spec.default === 'string' && !survey.groundTruth.countries[spec.default])
    return `default: country "${spec.default}" has no human scores in ${survey.groundTruth.name}`;
  if (spec.default !== undefined && typeof spec.default !== 'string') {
    if (typeof spec.default !== 'object' || spec.default === null) return 'default must be a country code or a profile {DIM: score}';
    for (const d of dims)
      if (typeof spec.default[d] !== 'number') return `default: profile needs a number for every dimension (missing ${d}; dimensions: ${dims.join(', ')})`;
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
  const spread = spec.personaSpread ?? 0;
  const clipped = new Set<string>();
  const means = new Map<string, number>();
  const cache = new Map<string, { probs: Float64Array; cum: Float64Array }>();
  // The item mean the country's true profile implies (least-norm move from the midpoints).
  const itemMean = (country: string, itemId: string): { mean: number; size: number } => {
    const i = survey.items.findIndex((it) => it.id === itemId);
    if (i < 0) throw new Error(`simulated respondent: unknown item "${itemId}"`);
    const size = survey.scales[survey.items[i]!.scale]!.size;
    const key = `${country}\u0000${itemId}`;
    let mean = means.get(key);
    if (mean === undefined) {
      const t = truth(country);
      mean = mid[itemId]!;
      dims.forEach((_, j) => {
        const g = grad[i]![j]!;
        if (g !== 0 && norm[j]! > 0) mean! += (g * (t[j]! - global[j]! - (raw0[dims[j]!] ?? 0))) / norm[j]!;
      });
      means.set(key, mean);
    }
    return { mean, size };
  };
  const lookup = (country: string, itemId: string, persona?: string) => {
    const who = spread > 0 ? (persona ?? '') : '';
    const key = `${country}\u0000${itemId}\u0000${who}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const { mean, size } = itemMean(country, itemId);
    const shift = spread > 0 ? spread * standardNormal(`${spec.personaSeed ?? 0}\u0000${country}\u0000${who}`, itemId) : 0;
    // A persona's shift past the scale's end is cut there (not a clipped truth: the truth is the mean over personas).
    const target = shift === 0 ? mean : Math.min(size - 1e-6, Math.max(1 + 1e-6, mean + shift));
    const onClip = () => {
      if (shift === 0) clipped.add(itemId);
    };
    const p = spec.tau === undefined ? answerProbabilities(target, size, noise, onClip) : sharpProbabilities(target, size, noise, spec.tau, onClip);
    const probs = Float64Array.from(p);
    const cum = new Float64Array(size);
    let acc = 0;
    probs.forEach((q, c) => (cum[c] = acc += q));
    cum[size - 1] = 1;
    if (cache.size > 20_000) cache.clear();
    const entry = { probs, cum };
    cache.set(key, entry);
    return entry;
  };
  return {
    dims,
    global,
    truth,
    refusal: spec.refusal ?? 0,
    get clipped() {
      return [...clipped];
    },
    probabilities: (country, itemId, persona) => lookup(country, itemId, persona).probs,
    cumulative: (country, itemId, persona) => lookup(country, itemId, persona).cum,
  };
}

/**
 * Probabilities of codes 1..size with mean `mean`: a uniform share `noise` plus a discretised
 * normal of spread τ whose centre is solved (bisection; the mean rises with the centre) so that
 * the mixture's mean is exactly `mean`.
 */
export function sharpProbabilities(mean: number, size: number, noise: number, tau: number, onClip: () => void = () => {}): number[] {
  const uniformMean = (size + 1) / 2;
  let inner = noise < 1 ? (mean - noise * uniformMean) / (1 - noise) : uniformMean;
  if (inner <= 1 || inner >= size) {
    onClip();
    inner = Math.min(size - 1e-9, Math.max(1 + 1e-9, inner));
  }
  const shape = (centre: number): number[] => {
    const logs = Array.from({ length: size }, (_, k) => -((k + 1 - centre) ** 2) / (2 * tau * tau));
    const top = Math.max(...logs);
    const w = logs.map((l) => Math.exp(l - top));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const meanOf = (p: number[]) => p.reduce((a, q, k) => a + q * (k + 1), 0);
  let lo = 1 - 50 * tau - size;
  let hi = size + 50 * tau + size;
  for (let it = 0; it < 200 && hi - lo > 1e-13; it++) {
    const c = (lo + hi) / 2;
    if (meanOf(shape(c)) < inner) lo = c;
    else hi = c;
  }
  return shape((lo + hi) / 2).map((q) => noise / size + (1 - noise) * q);
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
