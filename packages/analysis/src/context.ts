/**
 * The shared frame of every analysis: which models, countries, conditions and dimensions, the
 * human scores, and one *realisation* of the model scores (the observed data or one bootstrap
 * replicate) as flat typed arrays, so that 1,000 replicates stay cheap.
 */
import { HUMAN_GLOBAL_AVERAGE, type AlignmentMetric, type Vector } from '@culturebench/core';
import { distanceN, Scratch } from './kernels.js';
import type { ModelKind } from './results.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { max } = Math;
const finite = Number.isFinite;

export interface ModelInfo {
  id: string;
  kind: ModelKind;
  origin: string | null;
  provider: string | null;
}

export interface Context {
  dims: string[];
  countries: string[];
  /** Prompt language of each country's native condition (same order as countries). */
  countryLanguages: string[];
  conditions: string[];
  models: ModelInfo[];
  /** Human scores, country-major: human[c * D + d]; NaN = missing. */
  human: Float64Array;
  /** Human global average G over the benchmark countries; NaN = missing. */
  global: Float64Array;
  headline: string;
  /** Model indices by kind (in `models` order). */
  llm: number[];
  baselines: number[];
  /** Index of the analytic reference row (human global average), or -1. */
  reference: number;
  /** Models the per-country means average over: the LLMs, or the baselines when no LLM ran. */
  countryBasis: number[];
  countryBasisKind: 'llm' | 'simulation' | 'baseline' | 'none';
  seed: number;
  /** Custom alignment metric of the survey, if it declares one (default: the deviation ratio). */
  metric?: AlignmentMetric;
  /** d(H_c, G) per country (NaN = no common dimension). */
  humanToGlobal: Float64Array;
  /** Reusable buffers of the typed kernels. */
  scratch: Scratch;
}

export interface ContextSpec {
  dims: string[];
  countries: string[];
  countryLanguages?: string[];
  conditions: string[];
  /** Without a reference row: one is appended (the human global average). */
  models: ModelInfo[];
  human: Record<string, Record<string, number | null | undefined>>;
  headline?: string;
  seed?: number;
  metric?: AlignmentMetric;
  /** Countries that define G (default: countries); `human` must hold their scores. */
  globalCountries?: string[];
}

/** Builds a Context: G is the mean of the human scores over the countries (core's globalAverage). */
export function createContext(spec: ContextSpec): Context {
  const { dims, countries } = spec;
  const D = dims.length;
  const human = new Float64Array(countries.length * D);
  countries.forEach((c, ci) => dims.forEach((d, di) => (human[ci * D + di] = spec.human[c]?.[d] ?? NaN)));
  const global = new Float64Array(D);
  const gCountries = spec.globalCountries ?? countries;
  dims.forEach((d, di) => {
    // core globalAverage: mean over the countries that have the dimension, in country order
    let sum = 0;
    let n = 0;
    for (const gc of gCountries) {
      const v = spec.human[gc]?.[d] ?? NaN;
      if (finite(v)) {
        sum += v;
        n++;
      }
    }
    global[di] = n > 0 ? sum / n : NaN;
  });
  const models: ModelInfo[] = [
    ...spec.models.filter((m) => m.kind !== 'reference'),
    { id: HUMAN_GLOBAL_AVERAGE, kind: 'reference', origin: null, provider: null },
  ];
  const llm = models.flatMap((m, i) => (m.kind === 'llm' ? [i] : []));
  const baselines = models.flatMap((m, i) => (m.kind === 'baseline' ? [i] : []));
  const simulations = models.flatMap((m, i) => (m.kind === 'simulation' ? [i] : []));
  return {
    dims,
    countries,
    countryLanguages: spec.countryLanguages ?? countries.map(() => 'und'),
    conditions: spec.conditions,
    models,
    human,
    global,
    headline: spec.headline ?? spec.conditions[0]!,
    llm,
    baselines,
    reference: models.length - 1,
    // Simulated respondents stand in for LLMs when no LLM ran (a design study), labelled as simulations.
    countryBasis: llm.length > 0 ? llm : simulations.length > 0 ? simulations : baselines,
    countryBasisKind: llm.length > 0 ? 'llm' : simulations.length > 0 ? 'simulation' : baselines.length > 0 ? 'baseline' : 'none',
    seed: spec.seed ?? 1,
    metric: spec.metric,
    humanToGlobal: Float64Array.from(countries, (_, c) => distanceN(global, 0, human, c * D, D)),
    scratch: new Scratch(max(countries.length, models.length, 2)),
  };
}

/** One realisation of everything downstream of the item means. */
export interface Realisation {
  /** Scores incl. constants: scores[si(m, c, k, d)]; NaN = missing. */
  scores: Float64Array;
  /** Deviation ratio per model × country × condition: dr[ai(m, c, k)]; NaN = missing. */
  dr: Float64Array;
  /** d(M_c, H_c), unfloored; NaN = missing. */
  distance: Float64Array;
  /** Estimated sampling variance of each score (same layout as scores); NaN = unknown. */
  variance: Float64Array;
  /**
   * How often each country counts in averages over countries: all 1 on the observed data, a
   * multinomial draw in a replicate (countries resampled for the headline's country-level variation).
   */
  countryWeights: Float64Array;
  /** Summaries shared by several analyses, computed once per realisation. */
  memo?: { models?: Summaries; countries?: Summaries };
}

/** mean, median and count of DRs: [k * N + i] for condition k and model/country i. */
export interface Summaries {
  mean: Float64Array;
  median: Float64Array;
  n: Float64Array;
}

export const M = (ctx: Context) => ctx.models.length;

/** Flat index of a score. */
export function si(ctx: Context, m: number, c: number, k: number, d: number): number {
  return ((m * ctx.countries.length + c) * ctx.conditions.length + k) * ctx.dims.length + d;
}

/** Flat index of a model × country × condition value. */
export function ai(ctx: Context, m: number, c: number, k: number): number {
  return (m * ctx.countries.length + c) * ctx.conditions.length + k;
}

export function emptyRealisation(ctx: Context): Realisation {
  const n = ctx.models.length * ctx.countries.length * ctx.conditions.length;
  return {
    scores: new Float64Array(n * ctx.dims.length).fill(NaN),
    dr: new Float64Array(n).fill(NaN),
    distance: new Float64Array(n).fill(NaN),
    variance: new Float64Array(n * ctx.dims.length).fill(NaN),
    countryWeights: new Float64Array(ctx.countries.length).fill(1),
  };
}

/** Human vector of country c. */
export function humanVector(ctx: Context, c: number): Vector {
  const v: Vector = {};
  ctx.dims.forEach((d, j) => (v[d] = ctx.human[c * ctx.dims.length + j]));
  return v;
}

export function globalVector(ctx: Context): Vector {
  const v: Vector = {};
  ctx.dims.forEach((d, j) => (v[d] = ctx.global[j]));
  return v;
}

export function indexOf(xs: readonly string[]): Map<string, number> {
  return new Map(xs.map((x, i) => [x, i]));
}

export { HUMAN_GLOBAL_AVERAGE };
