/**
 * Vector metrics on country profiles: the global average G, Euclidean distance, the deviation
 * ratio DR_c = d(G, H_c) / d(M_c, H_c) (vsm2013.md §7) and absolute errors.
 */
import { mean } from './stats.js';
import { isPresent, type PairedStat, type Vector } from './types.js';

/**
 * Resolution floor for d(M, H), in index points. The human matrix is published as integers, so a
 * model distance below 0.5 cannot be told apart from 0; flooring keeps DR finite and stops a
 * lucky exact hit from dominating means.
 */
export const DISTANCE_FLOOR = 0.5;

/**
 * Per-dimension mean over the countries that have that dimension. G is the "answer the world
 * average for everyone" baseline that the deviation ratio compares a model against. A dimension
 * no country has is null.
 */
export function globalAverage(humans: Readonly<Record<string, Vector>>, dimensions: readonly string[]): Vector {
  const g: Vector = {};
  for (const dim of dimensions) {
    const values = Object.values(humans)
      .map((v) => v[dim])
      .filter(isPresent);
    g[dim] = mean(values);
  }
  return g;
}

/** Result of {@link distance}: the Euclidean distance and the dimensions it was computed over. */
export interface DistanceResult {
  distance: number;
  dims: string[];
}

/**
 * Euclidean distance over the dimensions where both vectors are present, so a missing score
 * shrinks the comparison instead of poisoning it. Returns the dimensions used (callers must
 * compare like with like); null when no dimension is shared.
 */
export function distance(a: Vector, b: Vector, dims: readonly string[]): DistanceResult | null {
  const used: string[] = [];
  let ss = 0;
  for (const dim of dims) {
    const x = a[dim];
    const y = b[dim];
    if (isPresent(x) && isPresent(y)) {
      used.push(dim);
      ss += (x - y) * (x - y);
    }
  }
  return used.length === 0 ? null : { distance: Math.sqrt(ss), dims: used };
}

export interface DeviationRatioInput {
  /** M_c: the model's scores for country c (one condition). */
  model: Vector;
  /** H_c: the human scores of country c. */
  human: Vector;
  /** G: the global average of the human scores (see {@link globalAverage}). */
  global: Vector;
  /** Dimensions to consider (e.g. the six Hofstede indices). */
  dimensions: readonly string[];
  /** Resolution floor for d(M, H); default {@link DISTANCE_FLOOR}. */
  floor?: number;
}

export interface DeviationRatioResult {
  /** DR_c = d(G, H_c) / max(d(M_c, H_c), floor); null when no dimension can be compared. */
  deviationRatio: number | null;
  /** d(M_c, H_c), unfloored. */
  distance: number | null;
  /** d(G, H_c). */
  baselineDistance: number | null;
  /** Dimensions both distances were computed over (the same set for both). */
  dimensions: string[];
  /** True when d(M_c, H_c) was below the floor and the floor was used instead. */
  floored: boolean;
}

/**
 * The deviation ratio of one model for one country: > 1 means the model is closer to the country
 * than the global average is, 1 means no better than answering G everywhere.
 *
 * Both distances use the same dimensions: those present in H_c, M_c and G. A country missing a
 * human dimension is compared on the rest; a model missing a dimension drops it from the baseline
 * too, so the ratio never mixes 5-D and 6-D distances.
 */
export function deviationRatio(input: DeviationRatioInput): DeviationRatioResult {
  const { model, human, global, dimensions } = input;
  const floor = input.floor ?? DISTANCE_FLOOR;
  const dims = dimensions.filter((d) => isPresent(human[d]) && isPresent(model[d]) && isPresent(global[d]));
  const dm = distance(model, human, dims);
  const dg = distance(global, human, dims);
  if (dm === null || dg === null) {
    return { deviationRatio: null, distance: null, baselineDistance: null, dimensions: [], floored: false };
  }
  const floored = dm.distance < floor;
  return {
    // A country at G (d(G, H) = 0) has no distance to improve on: 0/… is undefined, not 0.
    deviationRatio: dg.distance === 0 ? null : dg.distance / Math.max(dm.distance, floor),
    distance: dm.distance,
    baselineDistance: dg.distance,
    dimensions: dims,
    floored,
  };
}

/** |M − H| per dimension (null where either is missing): the most literal error, in index points. */
export function absoluteError(model: Vector, human: Vector, dims: readonly string[]): Vector {
  const out: Vector = {};
  for (const dim of dims) {
    const m = model[dim];
    const h = human[dim];
    out[dim] = isPresent(m) && isPresent(h) ? Math.abs(m - h) : null;
  }
  return out;
}

/**
 * Mean absolute error per dimension over the countries where both model and human are present;
 * a country missing on either side is skipped for that dimension only.
 */
export function meanAbsoluteErrorByDimension(
  models: Readonly<Record<string, Vector>>,
  humans: Readonly<Record<string, Vector>>,
  dims: readonly string[],
): Record<string, PairedStat> {
  const out: Record<string, PairedStat> = {};
  for (const dim of dims) {
    const errors: number[] = [];
    for (const [country, m] of Object.entries(models)) {
      const h = humans[country];
      if (h === undefined) continue;
      const e = absoluteError(m, h, [dim])[dim];
      if (isPresent(e)) errors.push(e);
    }
    out[dim] = { value: mean(errors), n: errors.length };
  }
  return out;
}
