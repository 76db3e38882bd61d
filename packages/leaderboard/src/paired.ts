/**
 * Paired bootstrap of a difference between two models (two runs, or two models of one run).
 *
 * Pairing: both sides asked the same benchmark (same countries, languages, items and respondent
 * design), so respondent r of country c in language l is the same persona on both sides. Per
 * replicate the respondents of every country × language are drawn with replacement once, and the
 * same draw is applied to both sides; each side's answers then go through core's `analyse()`
 * (score → constants → the survey's alignment metric), and the differences A − B are taken.
 * Intervals are 95 % percentile intervals of the replicates, widened to reach the observed
 * difference in the rare case it lies outside them (an interval never excludes its own estimate).
 * Bias-corrected (BC) percentiles were tried and covered worse under a known null (their bias
 * estimate is noisy at a few hundred replicates): see scripts/coverage.ts.
 */
import { analyse, type AnswerRow, type RunManifest, type Survey } from '@culturebench/core';
import { mixSeed, mulberry32, type Interval } from '@culturebench/analysis';

export interface PairedInput {
  manifest: RunManifest;
  survey: Survey;
  /** Rows of side A and side B (already restricted to the model compared on each side). */
  a: AnswerRow[];
  b: AnswerRow[];
  /** Condition the differences are taken in. */
  condition: string;
  replicates: number;
  seed: number;
}

/** The statistics compared, for one side. */
interface Stats {
  headline: number | null;
  country: Map<string, number | null>;
  /** Mean over countries of |model score − human score| per dimension. */
  dimension: Map<string, number | null>;
}

export interface PairedResult {
  condition: string;
  replicates: number;
  headline: { a: number | null; b: number | null; difference: Interval };
  countries: { country: string; a: number | null; b: number | null; difference: Interval }[];
  dimensions: { dimension: string; a: number | null; b: number | null; difference: Interval }[];
}

const A = 'side-a';
const B = 'side-b';

function stats(input: PairedInput, model: string, analysis: ReturnType<typeof analyse>): Stats {
  const { condition, survey } = input;
  const countries = input.manifest.config.countries.map((c) => c.code);
  const country = new Map<string, number | null>(countries.map((c) => [c, null]));
  for (const a of analysis.alignment) if (a.model === model && a.condition === condition) country.set(a.country, a.deviation_ratio);
  const summary = analysis.models.find((m) => m.model === model && m.condition === condition);
  const dimension = new Map<string, number | null>();
  for (const d of analysis.dimensions) {
    let sum = 0;
    let n = 0;
    for (const s of analysis.scores) {
      if (s.model !== model || s.condition !== condition || s.dimension !== d || s.score === null) continue;
      const h = survey.groundTruth.countries[s.country]?.[d];
      if (typeof h !== 'number') continue;
      sum += Math.abs(s.score - h);
      n++;
    }
    dimension.set(d, n ? sum / n : null);
  }
  return { headline: summary?.mean_dr ?? null, country, dimension };
}

function both(input: PairedInput, rowsA: AnswerRow[], rowsB: AnswerRow[]): { a: Stats; b: Stats } {
  const manifest: RunManifest = {
    ...input.manifest,
    models: [
      { ...(input.manifest.models[0] ?? {}), id: A, kind: 'llm' } as RunManifest['models'][number],
      { ...(input.manifest.models[0] ?? {}), id: B, kind: 'llm' } as RunManifest['models'][number],
    ],
  };
  const rows = [...rowsA, ...rowsB];
  const analysis = analyse(rows, manifest, input.survey);
  return { a: stats(input, A, analysis), b: stats(input, B, analysis) };
}

const diff = (x: number | null | undefined, y: number | null | undefined) =>
  typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? x - y : null;

/** Standard normal CDF and its inverse (Acklam's rational approximation; ample for 95 % intervals). */
function phi(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}
function phiInv(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  if (q > 1 - 0.02425) return -phiInv(1 - q);
  const r = q - 0.5;
  const s = r * r;
  return ((((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r) / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
}

function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * Percentile interval of `reps`, widened to contain `estimate` (null when undefined). With
 * `biasCorrected`, Efron's BC percentiles (shifted by the share of replicates below the estimate).
 */
export function bcInterval(estimate: number | null, reps: number[], level = 0.95, biasCorrected = false): Interval {
  if (estimate === null) return { estimate: null, lo: null, hi: null };
  const values = reps.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (values.length < 2) return { estimate, lo: null, hi: null };
  const below = values.filter((v) => v < estimate).length + 0.5 * values.filter((v) => v === estimate).length;
  const z0 = biasCorrected ? phiInv(below / values.length) : 0;
  const z = phiInv(1 - (1 - level) / 2);
  let lo = quantile(values, phi(2 * z0 - z));
  let hi = quantile(values, phi(2 * z0 + z));
  // An estimate in the replicates' far tail would fall outside: widen to it rather than report an
  // interval that excludes its own estimate.
  lo = Math.min(lo, estimate);
  hi = Math.max(hi, estimate);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { estimate: r6(estimate), lo: r6(lo), hi: r6(hi) };
}

interface Group {
  respondents: number[];
  a: Map<number, AnswerRow[]>;
  b: Map<number, AnswerRow[]>;
}

function groups(a: AnswerRow[], b: AnswerRow[]): Group[] {
  const out = new Map<string, Group>();
  const add = (rows: AnswerRow[], side: 'a' | 'b') => {
    for (const r of rows) {
      const k = `${r.country}\u0000${r.language}`;
      let g = out.get(k);
      if (!g) out.set(k, (g = { respondents: [], a: new Map(), b: new Map() }));
      let list = g[side].get(r.respondent);
      if (!list) g[side].set(r.respondent, (list = []));
      list.push(r);
    }
  };
  add(a, 'a');
  add(b, 'b');
  for (const g of out.values()) g.respondents = [...new Set([...g.a.keys(), ...g.b.keys()])].sort((x, y) => x - y);
  return [...out.keys()].sort().map((k) => out.get(k)!);
}

export function pairedBootstrap(input: PairedInput): PairedResult {
  const tag = (rows: AnswerRow[], model: string) => rows.map((r) => ({ ...r, model }));
  const rowsA = tag(input.a, A);
  const rowsB = tag(input.b, B);
  const observed = both(input, rowsA, rowsB);
  const gs = groups(rowsA, rowsB);
  const rand = mulberry32(mixSeed(input.seed, 0x70a1));
  const reps = { headline: [] as number[], country: new Map<string, number[]>(), dimension: new Map<string, number[]>() };
  for (let rep = 0; rep < input.replicates; rep++) {
    const ra: AnswerRow[] = [];
    const rb: AnswerRow[] = [];
    for (const g of gs) {
      const n = g.respondents.length;
      for (let j = 0; j < n; j++) {
        const pick = g.respondents[Math.floor(rand() * n)];
        // Each draw is a new respondent j, so a respondent drawn twice counts twice.
        for (const r of g.a.get(pick) ?? []) ra.push({ ...r, respondent: j, key: `${r.key}#${j}` });
        for (const r of g.b.get(pick) ?? []) rb.push({ ...r, respondent: j, key: `${r.key}#${j}` });
      }
    }
    const s = both(input, ra, rb);
    const h = diff(s.a.headline, s.b.headline);
    if (h !== null) reps.headline.push(h);
    for (const [c, v] of s.a.country) {
      const d = diff(v, s.b.country.get(c));
      if (d !== null) (reps.country.get(c) ?? reps.country.set(c, []).get(c)!).push(d);
    }
    for (const [dim, v] of s.a.dimension) {
      const d = diff(v, s.b.dimension.get(dim));
      if (d !== null) (reps.dimension.get(dim) ?? reps.dimension.set(dim, []).get(dim)!).push(d);
    }
  }
  const o = observed;
  return {
    condition: input.condition,
    replicates: input.replicates,
    headline: { a: o.a.headline, b: o.b.headline, difference: bcInterval(diff(o.a.headline, o.b.headline), reps.headline) },
    countries: [...o.a.country.keys()].map((c) => ({
      country: c,
      a: o.a.country.get(c) ?? null,
      b: o.b.country.get(c) ?? null,
      difference: bcInterval(diff(o.a.country.get(c), o.b.country.get(c)), reps.country.get(c) ?? []),
    })),
    dimensions: [...o.a.dimension.keys()].map((d) => ({
      dimension: d,
      a: o.a.dimension.get(d) ?? null,
      b: o.b.dimension.get(d) ?? null,
      difference: bcInterval(diff(o.a.dimension.get(d), o.b.dimension.get(d)), reps.dimension.get(d) ?? []),
    })),
  };
}
