/**
 * Row-oriented helpers that turn long-format scores (ScoreRow, HumanRow) into metric tables.
 * arquero does the joining and grouping; the statistics themselves are the plain functions of
 * this module, applied to the grouped arrays (arquero expressions cannot close over them).
 */
import * as aq from 'arquero';
import { kendallTauB, meanAbsoluteError, pearson, spearman, spreadRatio } from './correlation.js';
import { deviationRatio, globalAverage } from './distance.js';
import type { HumanRow, ScoreRow, Vector } from './types.js';

const { op } = aq;

/** A missing score may arrive as null, undefined or NaN; tables store null. */
function clean(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Human rows -> country -> Vector, optionally restricted to `dimensions`. Duplicate
 * (country, dimension) rows throw: silently picking one would make results depend on row order.
 */
export function humanVectors(humanRows: readonly HumanRow[], dimensions?: readonly string[]): Record<string, Vector> {
  const keep = dimensions === undefined ? null : new Set(dimensions);
  const out: Record<string, Vector> = {};
  for (const r of humanRows) {
    if (keep !== null && !keep.has(r.dimension)) continue;
    const v = (out[r.country] ??= {});
    if (r.dimension in v) throw new Error(`duplicate human score for ${r.country} × ${r.dimension}`);
    v[r.dimension] = clean(r.score);
  }
  return out;
}

interface Sample {
  model: string;
  country: string;
  condition: string;
  vector: Vector;
}

/** Score rows -> one Vector per model × country × condition, in first-appearance order; duplicates throw. */
function sampleVectors(scoreRows: readonly ScoreRow[], dimensions?: readonly string[]): Sample[] {
  const keep = dimensions === undefined ? null : new Set(dimensions);
  const samples = new Map<string, Sample>();
  for (const r of scoreRows) {
    const key = JSON.stringify([r.model, r.country, r.condition]);
    let s = samples.get(key);
    if (s === undefined) {
      s = { model: r.model, country: r.country, condition: r.condition, vector: {} };
      samples.set(key, s);
    }
    if (keep !== null && !keep.has(r.dimension)) continue;
    if (r.dimension in s.vector) {
      throw new Error(`duplicate score for ${r.model} × ${r.country} × ${r.condition} × ${r.dimension}`);
    }
    s.vector[r.dimension] = clean(r.score);
  }
  return [...samples.values()];
}

/**
 * G from long-format human rows over the given countries. Every listed country must have human
 * rows: a silently missing country would shift the baseline of every DR.
 */
export function globalAverageFromRows(
  humanRows: readonly HumanRow[],
  dimensions: readonly string[],
  countries: readonly string[],
): Vector {
  const humans = humanVectors(humanRows, dimensions);
  const picked: Record<string, Vector> = {};
  for (const c of countries) {
    const v = humans[c];
    if (v === undefined) throw new Error(`no human scores for country ${c}, which is meant to define G`);
    picked[c] = v;
  }
  return globalAverage(picked, dimensions);
}

export interface AlignmentOptions {
  /**
   * Countries whose human vectors define the global average G. Default: the countries present in
   * scoreRows that have human scores (G is the average of the benchmark's countries, vsm2013.md §7).
   */
  globalCountries?: readonly string[];
  /** Resolution floor for d(M, H); default DISTANCE_FLOOR. */
  floor?: number;
}

/** One deviation-ratio row: model × country × condition. */
export interface AlignmentRow {
  model: string;
  country: string;
  condition: string;
  deviation_ratio: number | null;
  /** d(M_c, H_c), unfloored. */
  distance: number | null;
  /** d(G, H_c). */
  baseline_distance: number | null;
  /** Dimensions both distances used. */
  dims: string[];
}

/**
 * Deviation ratio for every model × country × condition in scoreRows (first-appearance order).
 * A country without human scores still gets a row, with nulls, so gaps stay visible.
 */
export function alignmentRows(
  scoreRows: readonly ScoreRow[],
  humanRows: readonly HumanRow[],
  dimensions: readonly string[],
  options: AlignmentOptions = {},
): AlignmentRow[] {
  const humans = humanVectors(humanRows, dimensions);
  const samples = sampleVectors(scoreRows, dimensions);
  const countries = options.globalCountries ?? [...new Set(samples.map((s) => s.country))].filter((c) => c in humans);
  const global = globalAverageFromRows(humanRows, dimensions, countries);
  return samples.map((s) => {
    const r = deviationRatio({
      model: s.vector,
      human: humans[s.country] ?? {},
      global,
      dimensions,
      ...(options.floor === undefined ? {} : { floor: options.floor }),
    });
    return {
      model: s.model,
      country: s.country,
      condition: s.condition,
      deviation_ratio: r.deviationRatio,
      distance: r.distance,
      baseline_distance: r.baselineDistance,
      dims: r.dimensions,
    };
  });
}

/** Per model × condition × dimension agreement with the humans across countries. */
export interface AgreementRow {
  model: string;
  condition: string;
  dimension: string;
  /** Countries with both a model and a human score. */
  n: number;
  pearson: number | null;
  spearman: number | null;
  kendall: number | null;
  spread_ratio: number | null;
  mean_abs_error: number | null;
}

/**
 * Across-country agreement per model × condition × dimension (first-appearance order): Pearson,
 * Spearman, Kendall τ-b, spread ratio and mean absolute error, each over the countries where both
 * sides are present. Human rows for countries the model was not asked about are ignored.
 */
export function perDimensionAgreement(
  scoreRows: readonly ScoreRow[],
  humanRows: readonly HumanRow[],
  options: { dimensions?: readonly string[] } = {},
): AgreementRow[] {
  humanVectors(humanRows); // validates: no duplicate human rows (they would duplicate joined rows)
  sampleVectors(scoreRows); // validates: no duplicate score rows
  const keep = options.dimensions === undefined ? null : new Set(options.dimensions);
  const rows = scoreRows.filter((r) => keep === null || keep.has(r.dimension));
  if (rows.length === 0) return [];

  const scores = aq.from(
    rows.map((r) => ({ model: r.model, condition: r.condition, country: r.country, dimension: r.dimension, score: clean(r.score) })),
  );
  const humans = aq.table({
    country: humanRows.map((r) => r.country),
    dimension: humanRows.map((r) => r.dimension),
    human: humanRows.map((r) => clean(r.score)),
  });
  const grouped = scores
    .join_left(humans, [['country', 'dimension'], ['country', 'dimension']], [aq.all(), aq.not('country', 'dimension')])
    .derive({ pair: (d: { score: number | null; human: number | null }) => [d.score, d.human] })
    .groupby('model', 'condition', 'dimension')
    .rollup({ pairs: op.array_agg('pair') })
    .objects() as { model: string; condition: string; dimension: string; pairs: [number | null, number | null][] }[];

  return grouped.map((g) => {
    const m = g.pairs.map((p) => p[0]);
    const h = g.pairs.map((p) => p[1]);
    const r = pearson(m, h);
    return {
      model: g.model,
      condition: g.condition,
      dimension: g.dimension,
      n: r.n,
      pearson: r.value,
      spearman: spearman(m, h).value,
      kendall: kendallTauB(m, h).value,
      spread_ratio: spreadRatio(m, h).value,
      mean_abs_error: meanAbsoluteError(m, h).value,
    };
  });
}

/** Per model × condition: deviation ratio over countries. */
export interface ModelSummaryRow {
  model: string;
  condition: string;
  mean_dr: number | null;
  median_dr: number | null;
  /** Countries with a non-missing DR (missing ones are skipped). */
  n_countries: number;
}

/** Per country × condition: deviation ratio over models. */
export interface CountrySummaryRow {
  country: string;
  condition: string;
  mean_dr: number | null;
  median_dr: number | null;
  /** Models with a non-missing DR (missing ones are skipped). */
  n_models: number;
}

interface DrInput {
  key: string;
  condition: string;
  deviation_ratio: number | null | undefined;
}

/** groupby(key, condition) + rollup of mean/median/valid count of deviation_ratio (arquero skips null/NaN). */
function summarizeBy(rows: readonly DrInput[]) {
  if (rows.length === 0) return [];
  const t = aq.table({
    key: rows.map((r) => r.key),
    condition: rows.map((r) => r.condition),
    deviation_ratio: rows.map((r) => clean(r.deviation_ratio)),
  });
  const out = t
    .groupby('key', 'condition')
    .rollup({ mean_dr: op.mean('deviation_ratio'), median_dr: op.median('deviation_ratio'), n: op.valid('deviation_ratio') })
    .objects() as { key: string; condition: string; mean_dr?: number; median_dr?: number; n: number }[];
  // An all-missing group yields undefined mean/median: normalise to null.
  return out
    .map((o) => ({ ...o, mean_dr: clean(o.mean_dr), median_dr: clean(o.median_dr) }))
    .sort(bestFirst);
}

/** Best first: higher mean DR, then higher median, missing last; ties by key, then condition, for a stable order. */
function bestFirst(
  a: { key: string; condition: string; mean_dr: number | null; median_dr: number | null },
  b: { key: string; condition: string; mean_dr: number | null; median_dr: number | null },
): number {
  const desc = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x);
  const asc = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return desc(a.mean_dr, b.mean_dr) || desc(a.median_dr, b.median_dr) || asc(a.key, b.key) || asc(a.condition, b.condition);
}

/**
 * Mean and median DR per model × condition over countries (missing DRs skipped, n reported),
 * best first — the paper's headline ranking of models.
 */
export function modelSummary(rows: readonly Pick<AlignmentRow, 'model' | 'condition' | 'deviation_ratio'>[]): ModelSummaryRow[] {
  return summarizeBy(rows.map((r) => ({ key: r.model, condition: r.condition, deviation_ratio: r.deviation_ratio }))).map(
    (s) => ({ model: s.key, condition: s.condition, mean_dr: s.mean_dr, median_dr: s.median_dr, n_countries: s.n }),
  );
}

/**
 * Mean and median DR per country × condition over models (missing DRs skipped, n reported), best
 * aligned country first — the paper's "the US is best aligned" view.
 */
export function countrySummary(
  rows: readonly Pick<AlignmentRow, 'country' | 'condition' | 'deviation_ratio'>[],
): CountrySummaryRow[] {
  return summarizeBy(rows.map((r) => ({ key: r.country, condition: r.condition, deviation_ratio: r.deviation_ratio }))).map(
    (s) => ({ country: s.key, condition: s.condition, mean_dr: s.mean_dr, median_dr: s.median_dr, n_models: s.n }),
  );
}
