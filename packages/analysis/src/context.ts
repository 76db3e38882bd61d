/**
 * The shared frame of every analysis: which models, countries, conditions and dimensions, the
 * human scores, and one *realisation* of the model scores (the observed data or one bootstrap
 * replicate) as flat typed arrays, so that 1,000 replicates stay cheap.
 */
import { HUMAN_GLOBAL_AVERAGE, type AlignmentMetric, type HumanRow, type ScoreRow, type Vector } from '@culturebench/core';
import { deviationRatioN, distanceN, Scratch, summarize } from './kernels.js';
import type { Interval, ModelKind } from './results.js';

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
  const models: ModelInfo[] = [...spec.models.filter((m) => m.kind !== 'reference'), { id: HUMAN_GLOBAL_AVERAGE, kind: 'reference', origin: null, provider: null }];
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

/** Per model × condition: DR over the countries (core modelSummary, for every model). */
export function modelSummaries(ctx: Context, real: Realisation): Summaries {
  const memo = (real.memo ??= {});
  if (memo.models) return memo.models;
  const K = ctx.conditions.length;
  const Mn = ctx.models.length;
  const C = ctx.countries.length;
  const out: Summaries = { mean: new Float64Array(K * Mn), median: new Float64Array(K * Mn), n: new Float64Array(K * Mn) };
  const values = new Float64Array(C);
  for (let k = 0; k < K; k++) {
    for (let m = 0; m < Mn; m++) {
      for (let c = 0; c < C; c++) values[c] = real.dr[ai(ctx, m, c, k)]!;
      const s = summarize(values, ctx.scratch);
      out.mean[k * Mn + m] = s.mean;
      out.median[k * Mn + m] = s.median;
      out.n[k * Mn + m] = s.n;
    }
  }
  return (memo.models = out);
}

/** Per country × condition: DR over the basis models (core countrySummary of the LLMs, or the baselines). */
export function countrySummaries(ctx: Context, real: Realisation): Summaries {
  const memo = (real.memo ??= {});
  if (memo.countries) return memo.countries;
  const K = ctx.conditions.length;
  const C = ctx.countries.length;
  const out: Summaries = { mean: new Float64Array(K * C), median: new Float64Array(K * C), n: new Float64Array(K * C) };
  const values = new Float64Array(ctx.countryBasis.length);
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < C; c++) {
      ctx.countryBasis.forEach((m, i) => (values[i] = real.dr[ai(ctx, m, c, k)]!));
      const s = summarize(values, ctx.scratch);
      out.mean[k * C + c] = s.mean;
      out.median[k * C + c] = s.median;
      out.n[k * C + c] = s.n;
    }
  }
  return (memo.countries = out);
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

export function humanRows(ctx: Context): HumanRow[] {
  return ctx.countries.flatMap((country, c) =>
    ctx.dims.map((dimension, d) => ({ country, dimension, score: finite(ctx.human[c * ctx.dims.length + d]) ? ctx.human[c * ctx.dims.length + d] : null })),
  );
}

/** A realisation's scores as core's long-format rows. */
export function scoreRows(ctx: Context, scores: Float64Array): ScoreRow[] {
  const rows: ScoreRow[] = [];
  ctx.models.forEach((model, m) =>
    ctx.countries.forEach((country, c) =>
      ctx.conditions.forEach((condition, k) =>
        ctx.dims.forEach((dimension, d) => {
          const v = scores[si(ctx, m, c, k, d)];
          rows.push({ model: model.id, country, condition, dimension, score: finite(v) ? v : null });
        }),
      ),
    ),
  );
  return rows;
}

/**
 * Fills dr and distance from scores: the deviation ratio per model × country × condition (a typed
 * copy of core's deviationRatio, which core's alignmentRows applies; bit-identical, tested), or the
 * survey's own metric when it declares one.
 */
export function computeAlignment(ctx: Context, real: Realisation): void {
  const D = ctx.dims.length;
  if (ctx.metric && ctx.metric.id !== 'deviation-ratio') {
    const rows = ctx.metric.compute({ scores: scoreRows(ctx, real.scores), human: humanRows(ctx), dimensions: ctx.dims, countries: ctx.countries });
    fillAlignmentFromRows(ctx, real, rows);
    return;
  }
  const r = { dr: NaN, distance: NaN };
  for (let m = 0; m < ctx.models.length; m++) {
    for (let c = 0; c < ctx.countries.length; c++) {
      for (let k = 0; k < ctx.conditions.length; k++) {
        deviationRatioN(real.scores, si(ctx, m, c, k, 0), ctx.human, c * D, ctx.global, D, r);
        real.dr[ai(ctx, m, c, k)] = r.dr;
        real.distance[ai(ctx, m, c, k)] = r.distance;
      }
    }
  }
}

/** Copies core AlignmentRow-like rows into a realisation (unknown rows are ignored). */
export function fillAlignmentFromRows(
  ctx: Context,
  real: Realisation,
  rows: readonly { model: string; country: string; condition: string; deviation_ratio: number | null; distance: number | null }[],
): void {
  const mi = indexOf(ctx.models.map((m) => m.id));
  const ci = indexOf(ctx.countries);
  const ki = indexOf(ctx.conditions);
  real.dr.fill(NaN);
  real.distance.fill(NaN);
  for (const r of rows) {
    const m = mi.get(r.model);
    const c = ci.get(r.country);
    const k = ki.get(r.condition);
    if (m === undefined || c === undefined || k === undefined) continue;
    real.dr[ai(ctx, m, c, k)] = r.deviation_ratio ?? NaN;
    real.distance[ai(ctx, m, c, k)] = r.distance ?? NaN;
  }
}

/** Copies core ScoreRows into a realisation's scores (unknown rows are ignored). */
export function fillScoresFromRows(ctx: Context, real: Realisation, rows: readonly ScoreRow[]): void {
  const mi = indexOf(ctx.models.map((m) => m.id));
  const ci = indexOf(ctx.countries);
  const ki = indexOf(ctx.conditions);
  const di = indexOf(ctx.dims);
  real.scores.fill(NaN);
  for (const r of rows) {
    const m = mi.get(r.model);
    const c = ci.get(r.country);
    const k = ki.get(r.condition);
    const d = di.get(r.dimension);
    if (m === undefined || c === undefined || k === undefined || d === undefined) continue;
    real.scores[si(ctx, m, c, k, d)] = r.score ?? NaN;
  }
}

export function indexOf(xs: readonly string[]): Map<string, number> {
  return new Map(xs.map((x, i) => [x, i]));
}

/** Point values and bootstrap replicates of one analysis' statistics (its "slots"). */
export interface Estimates {
  readonly replicates: number;
  /** The statistic on the observed data (NaN = undefined). */
  point(slot: number): number;
  /** The statistic in every replicate (NaN where undefined). */
  column(slot: number): Float64Array;
  /** Point estimate with its 95 % percentile interval. */
  interval(slot: number): Interval;
}

/**
 * One analysis: a fixed list of scalar statistics computed from a realisation (`stats` writes
 * `size` values, NaN where undefined), and `assemble`, which turns point values and replicates
 * into its section of results.json.
 */
export interface AnalysisModule<Out> {
  readonly id: string;
  size(ctx: Context): number;
  stats(ctx: Context, real: Realisation, out: Float64Array): void;
  assemble(ctx: Context, est: Estimates): Out;
}

export { HUMAN_GLOBAL_AVERAGE };
