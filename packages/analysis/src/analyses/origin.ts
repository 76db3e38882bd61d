/**
 * 4. Model origin (the paper's Figures 4–5, finding 3): do models align better with the country
 * they come from? For each country pair (default US vs China) and each origin group of LLMs
 * (origin from the manifest), the group's mean DR with each country of the pair, and a paired
 * test of DR(first) − DR(second) over the group's models.
 *
 * The test is a two-sided sign-flip permutation test on the mean paired difference: under H0 the
 * sign of each model's difference is exchangeable. Exact (all 2^n sign vectors) for n ≤ 12,
 * Monte Carlo (10,000 seeded draws, p = (1 + hits) / (1 + draws)) above. With fewer than two
 * models there is no test, and the result says so.
 */
import { mean, summarizeRatios } from '@culturebench/core';
import type { AnalysisModule } from '../analysis-module.js';
import { ai, type Context } from '../context.js';
import { keyed, type Statistic } from '../estimate.js';
import { fmt, fmtInterval } from '../format.js';
import { iv, ivCols } from '../output-kit.js';
import { num } from '../quantile.js';
import type { Interval } from '../results.js';

export interface OriginResults {
  /** 4. Model origin (Figures 4–5): alignment with each country of a pair, by origin group, with a paired test. */
  origin: {
    pair: [string, string];
    condition: string;
    /** Per origin group: mean DR over the group's models, per country of the pair. */
    groups: { origin: string; models: string[]; dr: Record<string, Interval> }[];
    /** Per LLM with an origin: its DR with each country of the pair and the difference first − second. */
    models: { model: string; origin: string; dr: Record<string, Interval>; difference: Interval }[];
    /** Per origin group: paired difference DR(first) − DR(second) over models, sign-flip permutation test (two-sided). */
    tests: {
      origin: string;
      meanDifference: Interval;
      pValue: number | null;
      /** 'exact sign-flip permutation', 'monte-carlo sign-flip permutation', or 'none' (fewer than 2 models). */
      test: string;
      n: number;
      note: string | null;
    }[];
    notes: string[];
  }[];
}
import { hashString, mixSeed, mulberry32 } from '../rng.js';

export const EXACT_LIMIT = 12;
export const MONTE_CARLO_DRAWS = 10_000;

export interface PairedTest {
  pValue: number | null;
  test: 'exact sign-flip permutation' | 'monte-carlo sign-flip permutation' | 'none';
  n: number;
}

/** Two-sided sign-flip permutation test of mean(diffs) = 0. */
export function signFlipTest(diffs: readonly number[], seed: number): PairedTest {
  const n = diffs.length;
  if (n < 2) return { pValue: null, test: 'none', n };
  const observed = Math.abs(diffs.reduce((a, b) => a + b, 0));
  // Compare sums (same ordering as means); a tolerance so that ties up to rounding count as extreme.
  const tol = 1e-9 * Math.max(1, observed);
  if (n <= EXACT_LIMIT) {
    let hits = 0;
    const total = 2 ** n;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -diffs[i]! : diffs[i]!;
      if (Math.abs(s) >= observed - tol) hits++;
    }
    return { pValue: hits / total, test: 'exact sign-flip permutation', n };
  }
  const rand = mulberry32(seed);
  let hits = 0;
  for (let b = 0; b < MONTE_CARLO_DRAWS; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rand() < 0.5 ? -diffs[i]! : diffs[i]!;
    if (Math.abs(s) >= observed - tol) hits++;
  }
  return { pValue: (1 + hits) / (1 + MONTE_CARLO_DRAWS), test: 'monte-carlo sign-flip permutation', n };
}

interface Layout {
  pairs: { pair: [string, string]; a: number; b: number }[];
  groups: { origin: string; models: number[] }[];
  /** LLMs with an origin, in ctx order. */
  models: number[];
  unassigned: string[];
  /** Slots per pair × condition. */
  block: number;
}

const G_SLOTS = 4; // mean DR first, mean DR second, mean difference, n
const M_SLOTS = 3; // DR first, DR second, difference

export function originLayout(ctx: Context, pairs: readonly (readonly [string, string])[]): Layout {
  const ci = new Map(ctx.countries.map((c, i) => [c, i]));
  const valid = pairs.filter(([a, b]) => ci.has(a) && ci.has(b)).map(([a, b]) => ({ pair: [a, b] as [string, string], a: ci.get(a)!, b: ci.get(b)! }));
  const models = ctx.llm.filter((m) => ctx.models[m]!.origin);
  const origins = [...new Set(models.map((m) => ctx.models[m]!.origin!))].sort();
  const groups = origins.map((origin) => ({ origin, models: models.filter((m) => ctx.models[m]!.origin === origin) }));
  const unassigned = ctx.llm.filter((m) => !ctx.models[m]!.origin).map((m) => ctx.models[m]!.id);
  return { pairs: valid, groups, models, unassigned, block: groups.length * G_SLOTS + models.length * M_SLOTS };
}

export function originStatistic(pairs: readonly (readonly [string, string])[]): Statistic<OriginResults['origin']> {
  return {
    id: 'origin',
    size: (ctx) => {
      const l = originLayout(ctx, pairs);
      return l.pairs.length * ctx.conditions.length * l.block;
    },
    stats(ctx, real, out) {
      const l = originLayout(ctx, pairs);
      l.pairs.forEach(({ a, b }, p) =>
        ctx.conditions.forEach((_, k) => {
          const o = (p * ctx.conditions.length + k) * l.block;
          l.groups.forEach((g, gi) => {
            const da = g.models.map((m) => real.dr[ai(ctx, m, a, k)]!);
            const db = g.models.map((m) => real.dr[ai(ctx, m, b, k)]!);
            const diffs = da.map((x, i) => x - db[i]!).filter(Number.isFinite);
            out[o + gi * G_SLOTS] = summarizeRatios(da).mean ?? NaN;
            out[o + gi * G_SLOTS + 1] = summarizeRatios(db).mean ?? NaN;
            out[o + gi * G_SLOTS + 2] = mean(diffs) ?? NaN;
            out[o + gi * G_SLOTS + 3] = diffs.length;
          });
          l.models.forEach((m, mi) => {
            const x = real.dr[ai(ctx, m, a, k)]!;
            const y = real.dr[ai(ctx, m, b, k)]!;
            const q = o + l.groups.length * G_SLOTS + mi * M_SLOTS;
            out[q] = x;
            out[q + 1] = y;
            out[q + 2] = x - y;
          });
        }),
      );
    },
    assemble(ctx, est) {
      const l = originLayout(ctx, pairs);
      const out: OriginResults['origin'] = [];
      l.pairs.forEach(({ pair }, p) =>
        ctx.conditions.forEach((condition, k) => {
          const o = (p * ctx.conditions.length + k) * l.block;
          const [first, second] = pair;
          const notes: string[] = [];
          if (ctx.llm.length === 0) notes.push('No LLM was run: there is nothing to compare by origin.');
          else if (l.models.length === 0) notes.push('No LLM has an origin in the config: set `origin` on each model entry to compare by origin.');
          if (l.unassigned.length > 0 && l.models.length > 0) notes.push(`LLMs without an origin are left out: ${l.unassigned.join(', ')}.`);
          const models = l.models.map((m, mi) => {
            const q = o + l.groups.length * G_SLOTS + mi * M_SLOTS;
            return {
              model: ctx.models[m]!.id,
              origin: ctx.models[m]!.origin!,
              dr: { [first]: est.interval(q), [second]: est.interval(q + 1) },
              difference: est.interval(q + 2),
            };
          });
          const groups = l.groups.map((g, gi) => ({
            origin: g.origin,
            models: g.models.map((m) => ctx.models[m]!.id),
            dr: { [first]: est.interval(o + gi * G_SLOTS), [second]: est.interval(o + gi * G_SLOTS + 1) },
          }));
          const tests = l.groups.map((g, gi) => {
            // The models' point differences (unrounded), in manifest order.
            const raw = l.models
              .map((m, mi) => ({ m, v: est.point(o + l.groups.length * G_SLOTS + mi * M_SLOTS + 2) }))
              .filter((x) => ctx.models[x.m]!.origin === g.origin && Number.isFinite(x.v))
              .map((x) => x.v);
            const t = signFlipTest(raw, mixSeed(ctx.seed, hashString(`${first}\u0000${second}\u0000${condition}\u0000${g.origin}`)));
            const note =
              t.n < 2
                ? `Only ${t.n} ${g.origin}-origin model${t.n === 1 ? '' : 's'} with a DR for both ${first} and ${second}: a paired test needs at least 2.`
                : t.test === 'exact sign-flip permutation' && t.n < 6
                  ? `With ${t.n} models the smallest attainable two-sided p-value is ${(2 / 2 ** t.n).toFixed(3)}.`
                  : null;
            return { origin: g.origin, meanDifference: est.interval(o + gi * G_SLOTS + 2), pValue: num(t.pValue), test: t.test, n: t.n, note };
          });
          out.push({ pair: [first, second], condition, groups, models, tests, notes });
        }),
      );
      return out;
    },
  };
}

export const originAnalysis: AnalysisModule<OriginResults> = {
  id: 'origin',
  schema: {
    origin: {
      type: 'array',
      description: '4. Model origin (Figures 4-5).',
      items: {
        type: 'object',
        required: ['pair', 'condition', 'groups', 'models', 'tests', 'notes'],
        properties: {
          pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], minItems: 2, maxItems: 2 },
          condition: { type: 'string' },
          groups: {
            type: 'array',
            items: {
              type: 'object',
              required: ['origin', 'models', 'dr'],
              properties: {
                origin: { type: 'string' },
                models: { type: 'array', items: { type: 'string' } },
                dr: { type: 'object', description: 'country code → interval', additionalProperties: { $ref: '#/$defs/interval' } },
              },
              additionalProperties: false,
            },
          },
          models: {
            type: 'array',
            items: {
              type: 'object',
              required: ['model', 'origin', 'dr', 'difference'],
              properties: {
                model: { type: 'string' },
                origin: { type: 'string' },
                dr: { type: 'object', description: 'country code → interval', additionalProperties: { $ref: '#/$defs/interval' } },
                difference: { $ref: '#/$defs/interval' },
              },
              additionalProperties: false,
            },
          },
          tests: {
            type: 'array',
            items: {
              type: 'object',
              required: ['origin', 'meanDifference', 'pValue', 'test', 'n', 'note'],
              properties: {
                origin: { type: 'string' },
                meanDifference: { $ref: '#/$defs/interval' },
                pValue: { type: ['number', 'null'], minimum: 0, maximum: 1 },
                test: { enum: ['exact sign-flip permutation', 'monte-carlo sign-flip permutation', 'none'] },
                n: { type: 'integer', minimum: 0 },
                note: { type: ['string', 'null'] },
              },
              additionalProperties: false,
            },
          },
          notes: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: (setup) => keyed('origin', originStatistic(setup.originPairs)),
  csv: [
    {
      file: 'origin.csv',
      description: 'alignment by model origin with paired tests',
      columns: [
        'first',
        'second',
        'condition',
        'origin',
        'models',
        'n',
        ...ivCols('dr_first'),
        ...ivCols('dr_second'),
        ...ivCols('mean_difference'),
        'p_value',
        'test',
        'note',
      ],
      rows: (doc) =>
        doc.origin.flatMap((o) =>
          o.tests.map((t) => {
            const g = o.groups.find((x) => x.origin === t.origin)!;
            return {
              first: o.pair[0],
              second: o.pair[1],
              condition: o.condition,
              origin: t.origin,
              models: g.models,
              n: t.n,
              ...iv('dr_first', g.dr[o.pair[0]]!),
              ...iv('dr_second', g.dr[o.pair[1]]!),
              ...iv('mean_difference', t.meanDifference),
              p_value: t.pValue,
              test: t.test,
              note: t.note,
            };
          }),
        ),
    },
  ],
  findingsOrder: 30,
  findings(doc) {
    if (!doc.models.some((m) => m.kind === 'llm')) return [];
    const origin = doc.origin.find((o) => o.condition === doc.headline);
    if (!origin) return [];
    const [a, b] = origin.pair;
    const parts = origin.tests
      .filter((t) => t.n >= 1 && t.meanDifference.estimate !== null)
      .map((t) => {
        const d = t.meanDifference;
        // A direction is claimed only when the interval excludes 0 and the test could reach p ≤ 0.05.
        const minP = t.n >= 1 ? 2 / 2 ** t.n : 1;
        const clear = d.lo !== null && d.hi !== null && (d.lo > 0 || d.hi < 0) && minP <= 0.05 && t.pValue !== null && t.pValue <= 0.05;
        const dir = !clear
          ? `show no clear difference between ${a} and ${b}`
          : d.estimate! > 0
            ? `align better with ${a} than with ${b}`
            : `align better with ${b} than with ${a}`;
        const test =
          t.pValue === null
            ? 'too few models for a paired test'
            : `sign-flip p = ${fmt(t.pValue, 3)}${minP > 0.05 ? `; with ${t.n} models the smallest attainable p is ${fmt(minP, 4)}` : ''}`;
        return `${t.origin}-origin LLMs (n = ${t.n}) ${dir} (mean DR(${a}) − DR(${b}) = ${fmtInterval(d)}; ${test})`;
      });
    return parts.length > 0 ? [`${parts.join('; ')}.`] : [];
  },
};
