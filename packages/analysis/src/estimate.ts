/**
 * Runs bootstrap statistics on the observed realisation and on every replicate (one shared draw
 * per replicate for all of them), and turns point values and replicates into results.
 */
import type { Context, Realisation } from './context.js';
import { centredInterval } from './quantile.js';
import type { Interval } from './results.js';
import { mixSeed, mulberry32 } from './rng.js';

const { floor } = Math;

/** Point values and bootstrap replicates of one analysis' statistics (its "slots"). */
export interface Estimates {
  readonly replicates: number;
  /** The statistic on the observed data (NaN = undefined). */
  point(slot: number): number;
  /** The statistic in every replicate (NaN where undefined). */
  column(slot: number): Float64Array;
  /** Point estimate with its 95 % median-centred percentile interval. */
  interval(slot: number): Interval;
}

/**
 * A bootstrap statistic of an analysis: a fixed list of scalar statistics computed from a realisation (`stats` writes
 * `size` values, NaN where undefined), and `assemble`, which turns point values and replicates
 * into its section of results.json.
 */
export interface Statistic<Out> {
  readonly id: string;
  size(ctx: Context): number;
  stats(ctx: Context, real: Realisation, out: Float64Array): void;
  assemble(ctx: Context, est: Estimates): Out;
}

/** Point values and replicate matrix of one module. */
class ModuleEstimates implements Estimates {
  constructor(
    private readonly pointValues: Float64Array,
    private readonly matrix: Float64Array,
    readonly replicates: number,
    private readonly size: number,
  ) {}
  point(slot: number): number {
    return this.pointValues[slot]!;
  }
  column(slot: number): Float64Array {
    const out = new Float64Array(this.replicates);
    for (let r = 0; r < this.replicates; r++) out[r] = this.matrix[r * this.size + slot]!;
    return out;
  }
  interval(slot: number) {
    return centredInterval(this.pointValues[slot]!, this.column(slot));
  }
}

/**
 * Runs the modules on the observed realisation and on `replicates` bootstrap replicates (drawn
 * from one seeded stream, in a fixed order), and assembles each module's section.
 */
export function estimate<T extends Record<string, Statistic<unknown>>>(
  ctx: Context,
  modules: T,
  observed: Realisation,
  draw: ((rand: () => number) => Realisation) | Realisation[],
  replicates: number,
  seed: number,
  /** Also resample countries (multinomial weights per replicate), for averages over countries as a sample of cultures. */
  resampleCountries = false,
): { [K in keyof T]: T[K] extends Statistic<infer O> ? O : never } {
  const entries = Object.entries(modules);
  const sizes = entries.map(([, m]) => m.size(ctx));
  const points = entries.map(([, m], i) => {
    const out = new Float64Array(sizes[i]!).fill(NaN);
    m.stats(ctx, observed, out);
    return out;
  });
  const R = Array.isArray(draw) ? draw.length : replicates;
  const matrices = sizes.map((s) => new Float64Array(s * R).fill(NaN));
  const rand = mulberry32(mixSeed(seed, 0x5eed));
  // Countries are resampled on a stream of their own, so the respondent draws stay as they were.
  const countryRand = mulberry32(mixSeed(seed, 0xc0de));
  const C = ctx.countries.length;
  for (let r = 0; r < R; r++) {
    const real = Array.isArray(draw) ? draw[r]! : draw(rand);
    real.memo = undefined;
    if (resampleCountries) {
      real.countryWeights.fill(0);
      for (let j = 0; j < C; j++) real.countryWeights[floor(countryRand() * C)]! += 1;
    } else real.countryWeights.fill(1);
    entries.forEach(([, m], i) => m.stats(ctx, real, matrices[i]!.subarray(r * sizes[i]!, (r + 1) * sizes[i]!)));
  }
  const result: Record<string, unknown> = {};
  entries.forEach(([id, m], i) => (result[id] = m.assemble(ctx, new ModuleEstimates(points[i]!, matrices[i]!, R, sizes[i]!))));
  return result as never;
}

/** A statistic whose result becomes one key of results.json. */
export function keyed<K extends string, O>(key: K, s: Statistic<O>): Statistic<{ [P in K]: O }> {
  return {
    id: s.id,
    size: (ctx) => s.size(ctx),
    stats: (ctx, real, out) => s.stats(ctx, real, out),
    assemble: (ctx, est) => ({ [key]: s.assemble(ctx, est) }) as { [P in K]: O },
  };
}
