/**
 * Row-oriented helpers that turn long-format scores (ScoreRow, HumanRow) into metric tables: a
 * join and a grouping in plain code (no table library, so loading core stays light), then the
 * statistics of this module on the grouped arrays. Row order, grouping order and the running mean
 * follow what arquero gave when it did this job, so the outputs stay byte-identical.
 */
import { kendallTauB, meanAbsoluteError, pearson, spearman, spreadRatio } from './correlation.js';
import { deviationRatio, globalAverage } from './distance.js';
import type { HumanRow, ScoreRow, Vector } from './types.js';

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
export function globalAverageFromRows(humanRows: readonly HumanRow[], dimensions: readonly string[], countries: readonly string[]): Vector {
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

  const grouped = groupPairs(joinHumans(rows, humanRows));
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

interface Joined {
  model: string;
  condition: string;
  dimension: string;
  score: number | null;
  human: number | null;
}

/**
 * Each score row with the human score of its country × dimension (null when there is none), in
 * the order of a hash join that scans the larger side: score-row order when there are at least as
 * many score rows as human rows, else human-row order; unmatched score rows last.
 */
function joinHumans(rows: readonly ScoreRow[], humanRows: readonly HumanRow[]): Joined[] {
  const key = (country: string, dimension: string) => JSON.stringify([country, dimension]);
  const joined = (r: ScoreRow, human: number | null): Joined => ({
    model: r.model,
    condition: r.condition,
    dimension: r.dimension,
    score: clean(r.score),
    human,
  });
  const out: Joined[] = [];
  const hit = new Set<ScoreRow>();
  if (rows.length >= humanRows.length) {
    const humans = new Map(humanRows.map((h) => [key(h.country, h.dimension), clean(h.score)]));
    for (const r of rows) {
      const k = key(r.country, r.dimension);
      if (!humans.has(k)) continue;
      out.push(joined(r, humans.get(k)!));
      hit.add(r);
    }
  } else {
    const byKey = new Map<string, ScoreRow[]>();
    for (const r of rows) {
      const k = key(r.country, r.dimension);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    for (const h of humanRows) {
      for (const r of byKey.get(key(h.country, h.dimension)) ?? []) {
        out.push(joined(r, clean(h.score)));
        hit.add(r);
      }
    }
  }
  for (const r of rows) if (!hit.has(r)) out.push(joined(r, null));
  return out;
}

/** (model score, human score) pairs per model × condition × dimension, groups in first-appearance order. */
function groupPairs(joined: readonly Joined[]) {
  const groups = new Map<string, { model: string; condition: string; dimension: string; pairs: [number | null, number | null][] }>();
  for (const j of joined) {
    const id = JSON.stringify([j.model, j.condition, j.dimension]);
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { model: j.model, condition: j.condition, dimension: j.dimension, pairs: [] }));
    g.pairs.push([j.score, j.human]);
  }
  return [...groups.values()];
}

/** Running mean in input order (the update arquero's mean used; the last bits differ from sum / n). */
function runningMean(values: readonly number[]): number | null {
  let m = 0;
  values.forEach((v, i) => (m += (v - m) / (i + 1)));
  return values.length ? m : null;
}

/** The median as the 0.5 quantile with linear interpolation: v0 + (v1 − v0) / 2 for an even count. */
function midpoint(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) / 2;
  const i0 = Math.floor(i);
  return i0 === i ? s[i0]! : s[i0]! + (s[i0 + 1]! - s[i0]!) * (i - i0);
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

/** Mean, median and count of the present DRs per key × condition (first-appearance order; null/NaN skipped). */
function summarizeBy(rows: readonly DrInput[]) {
  if (rows.length === 0) return [];
  const groups = new Map<string, { key: string; condition: string; values: number[] }>();
  for (const r of rows) {
    const id = JSON.stringify([r.key, r.condition]);
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { key: r.key, condition: r.condition, values: [] }));
    const v = clean(r.deviation_ratio);
    if (v !== null) g.values.push(v);
  }
  const out = [...groups.values()].map((g) => ({
    key: g.key,
    condition: g.condition,
    mean_dr: runningMean(g.values),
    median_dr: midpoint(g.values),
    n: g.values.length,
  }));
  return out.sort(bestFirst);
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
  return summarizeBy(rows.map((r) => ({ key: r.model, condition: r.condition, deviation_ratio: r.deviation_ratio }))).map((s) => ({
    model: s.key,
    condition: s.condition,
    mean_dr: s.mean_dr,
    median_dr: s.median_dr,
    n_countries: s.n,
  }));
}

/**
 * Mean and median DR per country × condition over models (missing DRs skipped, n reported), best
 * aligned country first — the paper's "the US is best aligned" view.
 */
export function countrySummary(rows: readonly Pick<AlignmentRow, 'country' | 'condition' | 'deviation_ratio'>[]): CountrySummaryRow[] {
  return summarizeBy(rows.map((r) => ({ key: r.country, condition: r.condition, deviation_ratio: r.deviation_ratio }))).map((s) => ({
    country: s.key,
    condition: s.condition,
    mean_dr: s.mean_dr,
    median_dr: s.median_dr,
    n_models: s.n,
  }));
}
