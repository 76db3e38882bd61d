/**
 * Alignment on the cultural map, after standardising.
 *
 * The human positions are factor scores on the source's own scaling and the model's are a fixed
 * index in [−1, 1] (scoring.ts): the two share the construct, not the unit or the origin. So, per
 * model × condition and per axis, both sides are standardised across the benchmark's countries
 * (z = (x − mean) / sd, sample sd, over the countries where both model and human have that axis).
 * On that common map:
 *
 * - `distance` = d(M̃_c, H̃_c), Euclidean over the two axes, in standard deviations of the
 *   benchmark countries: how far the model puts country c from where its people are;
 * - `baseline_distance` = d(G̃, H̃_c) = |H̃_c|, since the human mean G sits at the origin;
 * - `deviation_ratio` = d(G̃, H̃_c) / max(d(M̃_c, H̃_c), floor), the 2-D deviation ratio;
 * - rank correlations per axis are the core's agreement table (they ignore scaling anyway).
 *
 * A model that places every country at the same point has no spread to standardise: it is put at
 * the origin (z = 0), i.e. it answers the human global average, DR = 1 — the same anchor as the
 * core's `human-global-average` reference row. Standardising also removes the model's overall
 * offset and spread, so this metric measures the arrangement of the countries on the map, not
 * where the whole cloud sits; the README says so.
 */
import { deviationRatio, mean, sampleSd, type AlignmentMetric, type AlignmentRow, type MetricInput, type Vector } from '@culturebench/core';

/**
 * Resolution floor for d(M̃, H̃), in standard deviations. Two independent surveys of Germany a
 * year apart (EVS 2017, WVS 2018) lie 0.09 SD apart on this map; closer than 0.1 SD is within the
 * ground truth's own noise, so a smaller distance counts as 0.1.
 */
export const MAP_DISTANCE_FLOOR = 0.1;

function present(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * z-scores of `values` over `keys` (sample sd). A key without a value stays null; a constant
 * series (sd 0) gives 0 for every key; fewer than two values give null everywhere.
 */
export function standardise(values: Record<string, number | null | undefined>, keys: readonly string[]): Record<string, number | null> {
  const xs = keys.map((k) => values[k]).filter(present);
  const m = mean(xs);
  const sd = sampleSd(xs);
  const out: Record<string, number | null> = {};
  for (const k of keys) {
    const v = values[k];
    out[k] = !present(v) || m === null || sd === null ? null : sd === 0 ? 0 : (v - m) / sd;
  }
  return out;
}

export interface MapPosition {
  model: string;
  condition: string;
  country: string;
  /** Standardised model position, per dimension (null where not comparable). */
  model_z: Vector;
  /** Standardised human position, per dimension. */
  human_z: Vector;
}

/**
 * Both sides standardised per model × condition and per dimension, over the listed countries where
 * both are present. A dimension where the humans have fewer than two such countries or no spread
 * is not comparable (null on both sides).
 */
export function mapPositions({ scores, human, dimensions, countries }: MetricInput): MapPosition[] {
  const wanted = new Set(countries);
  const humans: Record<string, Vector> = {};
  for (const r of human) if (wanted.has(r.country)) (humans[r.country] ??= {})[r.dimension] = r.score;
  const groups = new Map<string, { model: string; condition: string; order: string[]; vectors: Record<string, Vector> }>();
  for (const r of scores) {
    const key = JSON.stringify([r.model, r.condition]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { model: r.model, condition: r.condition, order: [], vectors: {} }));
    if (!g.vectors[r.country]) {
      g.vectors[r.country] = {};
      g.order.push(r.country);
    }
    if (dimensions.includes(r.dimension)) {
      if (r.dimension in g.vectors[r.country]) throw new Error(`duplicate score for ${r.model} × ${r.country} × ${r.condition} × ${r.dimension}`);
      g.vectors[r.country][r.dimension] = r.score;
    }
  }
  const out: MapPosition[] = [];
  for (const g of groups.values()) {
    const model_z: Record<string, Vector> = Object.fromEntries(g.order.map((c) => [c, {}]));
    const human_z: Record<string, Vector> = Object.fromEntries(g.order.map((c) => [c, {}]));
    for (const dim of dimensions) {
      const basis = g.order.filter((c) => wanted.has(c) && present(g.vectors[c][dim]) && present(humans[c]?.[dim]));
      const hz = standardise(Object.fromEntries(basis.map((c) => [c, humans[c][dim]])), basis);
      const mz = standardise(Object.fromEntries(basis.map((c) => [c, g.vectors[c][dim]])), basis);
      const humanSd = sampleSd(basis.map((c) => humans[c][dim] as number));
      const comparable = humanSd !== null && humanSd > 0;
      for (const c of g.order) {
        model_z[c][dim] = comparable ? (mz[c] ?? null) : null;
        human_z[c][dim] = comparable ? (hz[c] ?? null) : null;
      }
    }
    for (const c of g.order) out.push({ model: g.model, condition: g.condition, country: c, model_z: model_z[c], human_z: human_z[c] });
  }
  return out;
}

/** The map metric; `floor` in standard deviations (default {@link MAP_DISTANCE_FLOOR}). */
export function ivsMapMetric(options: { floor?: number } = {}): AlignmentMetric {
  const floor = options.floor ?? MAP_DISTANCE_FLOOR;
  return {
    id: 'ivs-map-standardised',
    differentUnits:
      'the model scores are a range-normalised index in [−1, 1] and the ground truth is factor scores (standardised), so raw differences between them mean nothing; the alignment metric compares standardised map positions instead',
    description: `Both model and human map positions standardised per axis across the benchmark countries (per model × condition); distance = d(M̃_c, H̃_c) in SD units; DR_c = d(G̃, H̃_c) / max(d(M̃_c, H̃_c), ${floor}) with G̃ = origin; a model with no spread sits at G̃ (DR = 1)`,
    compute(input: MetricInput): AlignmentRow[] {
      const origin: Vector = Object.fromEntries(input.dimensions.map((d) => [d, 0]));
      return mapPositions(input).map((p) => {
        const r = deviationRatio({ model: p.model_z, human: p.human_z, global: origin, dimensions: input.dimensions, floor });
        return {
          model: p.model,
          country: p.country,
          condition: p.condition,
          deviation_ratio: r.deviationRatio,
          distance: r.distance,
          baseline_distance: r.baselineDistance,
          dims: r.dimensions,
        };
      });
    },
  };
}
