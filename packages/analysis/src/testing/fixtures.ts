/**
 * Test fixtures: a tiny two-dimension survey, synthetic run directories (manifest.json +
 * responses.jsonl), and hand-built realisations. Used by this package's specs only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConstantsSpec, ResponseRecord, RunManifest, Survey } from '@culturebench/core';
import { computeAlignment } from '../alignment-rows.js';
import { ai, createContext, emptyRealisation, si, type Context, type ContextSpec, type ModelInfo, type Realisation } from '../context.js';
import { mulberry32 } from '../rng.js';

/**
 * Two items, two dimensions: X = 20·(m1 − 1), Y = 20·(m2 − 1), so a single answer 1..5 gives
 * 0, 20, 40, 60, 80. Human scores of four countries: G = (30, 40) and
 * d(G, US) = d(G, CN) = 30, d(G, DE) = d(G, JP) = 40.
 */
export const TINY_HUMAN: Record<string, Record<string, number | null>> = {
  US: { X: 60, Y: 40 },
  CN: { X: 0, Y: 40 },
  DE: { X: 30, Y: 0 },
  JP: { X: 30, Y: 80 },
};

export function tinySurvey(human = TINY_HUMAN): Survey {
  return {
    id: 'tiny',
    title: 'Tiny two-item survey',
    version: '1',
    items: [
      { id: '1', block: 'A', scale: 'five' },
      { id: '2', block: 'A', scale: 'five' },
    ],
    scales: { five: { id: 'five', size: 5, midpoint: 3 } },
    languages: {},
    scorer: {
      dimensions: ['X', 'Y'],
      rawScores(means) {
        const m1 = means['1'];
        const m2 = means['2'];
        return { X: m1 == null ? null : 20 * (m1 - 1), Y: m2 == null ? null : 20 * (m2 - 1) };
      },
      describe: () => ({ X: '20(m1 − 1)', Y: '20(m2 − 1)' }),
    },
    groundTruth: { name: 'tiny', version: '1', source: 'test', hash: '0', dimensions: ['X', 'Y'], countries: human },
  };
}

export interface RunSpec {
  models: { id: string; kind: 'llm' | 'baseline'; origin?: string }[];
  countries: { code: string; language: string }[];
  /** Condition ids and languages; 'native' = each country's own. */
  conditions?: { id: string; language: string }[];
  aggregates?: string[];
  headline?: string;
  constants?: ConstantsSpec;
  seed?: number;
  samples?: number;
  skipped?: RunManifest['skipped'];
  stopped?: RunManifest['stopped'];
}

export function manifestFor(spec: RunSpec, survey: Survey, runId = 'test-run'): RunManifest {
  const conditions = spec.conditions ?? [{ id: 'native', language: 'native' }];
  return {
    tool: 'culturebench',
    runId,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    status: 'complete',
    stopped: spec.stopped ?? [],
    config: {
      file: '/dev/null/bench.json',
      hash: 'f'.repeat(64),
      name: 'test bench',
      survey: survey.id,
      countries: spec.countries,
      conditions,
      aggregates: spec.aggregates ?? [],
      headline: spec.headline ?? conditions[0]!.id,
      samples: spec.samples ?? 2,
      seed: spec.seed ?? 7,
      temperature: 0.7,
      persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      constants: spec.constants ?? { mode: 'fixed', values: {} },
    },
    models: spec.models.map((m) => ({
      id: m.id,
      provider: m.kind === 'baseline' ? 'baseline' : 'test',
      model: m.id,
      kind: m.kind,
      origin: m.origin ?? null,
      params: {},
      price: null,
      baseUrl: null,
    })),
    skipped: spec.skipped ?? [],
    survey: {
      id: survey.id,
      version: survey.version,
      texts: {},
      formulas: survey.scorer.describe(),
      groundTruth: { name: survey.groundTruth.name, version: survey.groundTruth.version, hash: survey.groundTruth.hash, source: survey.groundTruth.source },
    },
    plan: { requests: 0, cells: 0, items: survey.items.length },
    prompter: 'test',
    parser: 'test',
    software: { node: 'v20', culturebench: '0.0.0', packages: {} },
    git: { commit: null, dirty: null },
  };
}

/** An answer, or a non-answer: 'refusal' | 'invalid' | 'error'. */
export type Answer = number | 'refusal' | 'invalid' | 'error';

/** One response record (fields the analysis does not read are filled with placeholders). */
export function record(
  model: string,
  kind: 'llm' | 'baseline',
  country: string,
  language: string,
  item: string,
  respondent: number,
  answer: Answer,
): ResponseRecord {
  const code = typeof answer === 'number' ? answer : null;
  return {
    key: `${model}|${country}|${language}|${item}|${respondent}`,
    promptHash: '0',
    model,
    provider: kind === 'baseline' ? 'baseline' : 'test',
    kind,
    country,
    language,
    conditions: [],
    item,
    respondent,
    persona: { gender: 'female', age: '30-34', education: '16', occupation: 'professional' },
    seed: respondent,
    raw: code === null ? null : String(code),
    parsed:
      answer === 'error'
        ? null
        : answer === 'refusal'
          ? { kind: 'refusal', reason: 'test' }
          : answer === 'invalid'
            ? { kind: 'invalid', reason: 'no-answer', detail: 'test' }
            : { kind: 'answer', code: code!, via: 'number' },
    answer: code,
    tokens: null,
    costUsd: 0,
    latencyMs: 0,
    attempts: 1,
    cached: false,
    error: answer === 'error' ? 'boom' : null,
    at: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * Records of a run: `answers(model, country, language)` gives each respondent's answers, one
 * array per respondent in item order.
 */
export function recordsFor(spec: RunSpec, survey: Survey, answers: (model: string, country: string, language: string) => Answer[][] | null): ResponseRecord[] {
  const conditions = spec.conditions ?? [{ id: 'native', language: 'native' }];
  const out: ResponseRecord[] = [];
  for (const m of spec.models) {
    for (const c of spec.countries) {
      const languages = [...new Set(conditions.map((k) => (k.language === 'native' ? c.language : k.language)))];
      for (const language of languages) {
        const respondents = answers(m.id, c.code, language);
        if (!respondents) continue;
        respondents.forEach((row, r) => survey.items.forEach((item, i) => out.push(record(m.id, m.kind, c.code, language, item.id, r, row[i]!))));
      }
    }
  }
  return out;
}

export function writeRun(dir: string, manifest: RunManifest, records: ResponseRecord[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(dir, 'responses.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return dir;
}

/** Random answers 1..5 for `n` respondents (seeded). */
export function randomAnswers(n: number, items: number, seed: number): Answer[][] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Array.from({ length: items }, () => 1 + Math.floor(rand() * 5)));
}

/** Model scores as `{ model: { condition: { country: [x, y, …] } } }` → a realisation with its DRs. */
export type ScoreTable = Record<string, Record<string, Record<string, (number | null)[]>>>;

/** The tiny frame of the module tests: four countries, dimensions X and Y. */
export function tinyContext(models: ModelInfo[], conditions = ['native'], extra: Partial<ContextSpec> = {}): Context {
  return createContext({
    dims: ['X', 'Y'],
    countries: ['US', 'CN', 'DE', 'JP'],
    countryLanguages: ['en', 'zh', 'de', 'ja'],
    conditions,
    models,
    human: TINY_HUMAN,
    ...extra,
  });
}

export function realisationOf(ctx: Context, table: ScoreTable): Realisation {
  const real = emptyRealisation(ctx);
  ctx.models.forEach((model, m) =>
    ctx.conditions.forEach((condition, k) =>
      ctx.countries.forEach((country, c) => {
        const v = model.kind === 'reference' ? Array.from(ctx.global) : table[model.id]?.[condition]?.[country];
        if (!v) return;
        ctx.dims.forEach((_, d) => (real.scores[si(ctx, m, c, k, d)] = v[d] ?? NaN));
      }),
    ),
  );
  computeAlignment(ctx, real);
  return real;
}

/** DR of model `id` for country `code` in condition `k` of a realisation. */
export function drOf(ctx: Context, real: Realisation, id: string, code: string, k = 0): number {
  return real.dr[
    ai(
      ctx,
      ctx.models.findIndex((m) => m.id === id),
      ctx.countries.indexOf(code),
      k,
    )
  ]!;
}

export const llm = (id: string, origin: string | null = null): ModelInfo => ({ id, kind: 'llm', origin, provider: 'test' });
export const baseline = (id: string): ModelInfo => ({ id, kind: 'baseline', origin: null, provider: 'baseline' });

/**
 * The module tests' score table (condition 'native'). Humans: US (60,40), CN (0,40), DE (30,0),
 * JP (30,80); G = (30,40); d(G,US) = d(G,CN) = 30, d(G,DE) = d(G,JP) = 40.
 */
export const TABLE: ScoreTable = {
  // A: d(M,H) = 10, 15, 20, 40 -> DR 3, 2, 2, 1 (mean 2, median 2)
  A: { native: { US: [60, 50], CN: [0, 55], DE: [30, 20], JP: [30, 40] } },
  // B: d(M,H) = 30, 10, 40, 20 -> DR 1, 3, 1, 2 (mean 1.75, median 1.5)
  B: { native: { US: [60, 70], CN: [0, 30], DE: [30, 40], JP: [30, 60] } },
  // mid answers G everywhere -> DR 1
  mid: { native: { US: [30, 40], CN: [30, 40], DE: [30, 40], JP: [30, 40] } },
};
