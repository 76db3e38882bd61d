import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyse, type Analysis } from './analyse.js';
import { ask, type AskProgress, type ReadyModel } from './ask.js';
import type { BenchmarkConfig } from './config.js';
import { loadBenchmarkCountries } from './datasets.js';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { gitState, packageVersions, type RunManifest } from './manifest.js';
import { buildPlan, resolveConditions } from './plan.js';
import type { ModelEntry, ProviderContext } from './provider.js';
import { getProvider, getSurvey, type Registry } from './registry.js';
import { writeReport } from './report.js';
import { JsonlAppender, readResponses, type ResponseRecord } from './responses.js';
import type { Survey } from './survey.js';

export interface RunOptions {
  config: BenchmarkConfig;
  registry: Registry;
  /** Restrict to these model ids / country codes / this many respondents (CLI flags). */
  models?: string[];
  countries?: string[];
  samples?: number;
  /** Parent folder of run directories (default: config.outDir, relative to the working directory). */
  outDir?: string;
  /** Use this run directory (resume: requests already answered there are not asked again). */
  runDir?: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  onProgress?: (p: AskProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface RunResult {
  runDir: string;
  manifest: RunManifest;
  analysis: Analysis;
  leaderboard: string;
}

export interface SkippedModel {
  id: string;
  provider: string;
  reason: string;
  fix: string;
}

/** Validates the config against the survey and the registry; every problem names its field. */
export function validateConfig(config: BenchmarkConfig, registry: Registry, survey: Survey): void {
  const where = config.file;
  const native = loadBenchmarkCountries();
  for (const c of config.countries) {
    const code = typeof c === 'string' ? c : c.code;
    if (!(code in survey.groundTruth.countries)) {
      throw new InputError(
        `${where}: field "countries": unknown country code "${code}": it has no row in ${survey.groundTruth.name} (${survey.groundTruth.version}); use an ISO 3166-1 alpha-2 code such as ${Object.keys(native).slice(0, 5).join(', ')}`,
      );
    }
  }
  for (const m of config.models) getProvider(registry, m.provider, `${where}: model "${m.id}": field "provider"`);
  const languages = new Set<string>();
  for (const cond of resolveConditions(config)) {
    if (cond.language !== 'native') languages.add(cond.language);
    else for (const c of config.countries) languages.add(typeof c === 'string' ? native[c]?.language ?? '?' : c.language);
  }
  for (const lang of languages) {
    if (lang === '?') continue;
    const text = survey.languages[lang];
    if (!text) {
      throw new InputError(
        `${where}: survey ${survey.id} has no text in language "${lang}" (available: ${Object.keys(survey.languages).sort().join(', ')}); supply one or drop the condition/country`,
      );
    }
    if (!text.persona.templates[config.persona.template]) {
      throw new InputError(
        `${where}: field "persona.template": "${config.persona.template}" is not in ${text.origin ?? lang} (available: ${Object.keys(text.persona.templates).join(', ')})`,
      );
    }
    for (const [trait, values] of Object.entries(config.persona.traits)) {
      if (trait === 'gender') continue;
      const table = text.persona.traits[trait as 'age' | 'education' | 'occupation'];
      for (const v of values) {
        if (!(v in table)) {
          throw new InputError(`${where}: field "persona.traits.${trait}": "${v}" is not defined in ${text.origin ?? lang} (allowed: ${Object.keys(table).join(', ')})`);
        }
      }
    }
    for (const c of config.countries) {
      const code = typeof c === 'string' ? c : c.code;
      if (!text.countries[code]) {
        throw new InputError(`${where}: field "countries": ${text.origin ?? lang} has no name for country ${code} (add it under "countries")`);
      }
    }
  }
}

function applyFilters(config: BenchmarkConfig, opts: RunOptions): BenchmarkConfig {
  let { models, countries } = config;
  if (opts.models?.length) {
    const known = new Set(config.models.map((m) => m.id));
    const unknown = opts.models.filter((id) => !known.has(id));
    if (unknown.length) throw new InputError(`--models: unknown model id ${unknown.map((u) => `"${u}"`).join(', ')} (configured: ${[...known].join(', ')})`);
    models = config.models.filter((m) => opts.models!.includes(m.id));
  }
  if (opts.countries?.length) {
    const codes = config.countries.map((c) => (typeof c === 'string' ? c : c.code));
    const unknown = opts.countries.filter((c) => !codes.includes(c));
    if (unknown.length) throw new InputError(`--countries: unknown country ${unknown.map((u) => `"${u}"`).join(', ')} (configured: ${codes.join(', ')})`);
    countries = config.countries.filter((c) => opts.countries!.includes(typeof c === 'string' ? c : c.code));
  }
  if (opts.samples !== undefined && (!Number.isInteger(opts.samples) || opts.samples <= 0)) {
    throw new InputError(`--samples: must be a whole number of at least 1, got ${opts.samples}`);
  }
  // The benchmark's temperature is every model's default, so the client sends what the key hashed.
  models = models.map((m) => ({ ...m, params: { temperature: config.temperature, ...m.params } }));
  return { ...config, models, countries, samples: opts.samples ?? config.samples };
}

/** Checks every model; the unavailable ones are skipped with the reason and the fix. */
export async function checkModels(
  models: ModelEntry[],
  registry: Registry,
  ctx: ProviderContext,
): Promise<{ ready: Map<string, ReadyModel>; skipped: SkippedModel[] }> {
  const ready = new Map<string, ReadyModel>();
  const skipped: SkippedModel[] = [];
  const checks = await Promise.all(
    models.map(async (entry) => {
      const provider = registry.providers[entry.provider];
      try {
        return { entry, provider, availability: await provider.check(entry, ctx) };
      } catch (err) {
        return { entry, provider, availability: { ok: false as const, reason: (err as Error).message, fix: 'see `culturebench doctor`' } };
      }
    }),
  );
  for (const { entry, provider, availability } of checks) {
    if (!availability.ok) {
      skipped.push({ id: entry.id, provider: entry.provider, reason: availability.reason, fix: availability.fix });
      continue;
    }
    ready.set(entry.id, { entry, provider, chat: provider.create(entry, ctx), secrets: provider.secrets?.(entry, ctx) ?? [], detail: availability.detail });
  }
  return { ready, skipped };
}

export function runId(now: Date, configHash: string): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${configHash.slice(0, 8)}`;
}

function writeJsonAtomic(path: string, value: unknown): void {
  // Write-then-rename: a crash leaves the old manifest or the new one, never half of one.
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

export function readManifest(runDir: string): RunManifest {
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) throw new InputError(`${runDir}: no manifest.json here; pass a run directory written by \`culturebench run\``);
  return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
}

/** config → plan → ask → parse → score → compare → report. */
export async function runBenchmark(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const env = opts.env ?? process.env;
  const now = opts.now ?? (() => new Date());
  const config = applyFilters(opts.config, opts);
  const survey = getSurvey(opts.registry, config.survey, `${config.file}: field "survey"`);
  validateConfig(config, opts.registry, survey);

  const { ready, skipped } = await checkModels(config.models, opts.registry, { env });
  for (const s of skipped) log(`skipped ${s.id} (${s.provider}): ${s.reason}. To enable: ${s.fix}`);
  if (ready.size === 0) throw new InputError(`${config.file}: none of the configured models is available (see the skip reasons above)`);

  const nativeLanguages = Object.fromEntries(Object.values(loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
  const plan = buildPlan({
    config,
    survey,
    prompter: opts.registry.prompter,
    nativeLanguages,
    models: config.models.filter((m) => ready.has(m.id)),
  });

  const { file, ...configData } = config;
  const configHash = hashJson({ ...configData, models: config.models.map(({ chatModel, ...m }) => ({ ...m, chatModel: chatModel ? chatModel.constructor.name : undefined })) });
  const started = now();
  // A config's outDir is relative to the config file, like tsconfig paths; --out to the working directory.
  const parent = opts.outDir ? resolve(opts.outDir) : resolve(dirname(config.file), config.outDir);
  const runDir = resolve(opts.runDir ?? join(parent, runId(started, configHash)));
  mkdirSync(runDir, { recursive: true });

  const manifest: RunManifest = {
    tool: 'culturebench',
    runId: runDir.split(/[\\/]/).pop()!,
    startedAt: started.toISOString(),
    finishedAt: null,
    status: 'running',
    config: {
      file,
      hash: configHash,
      name: config.name,
      survey: survey.id,
      countries: plan.countries,
      conditions: plan.conditions,
      aggregates: config.aggregates,
      headline: config.headline,
      samples: config.samples,
      seed: config.seed,
      temperature: config.temperature,
      persona: config.persona,
      constants: config.constants,
    },
    models: [...ready.values()].map(({ entry, provider }) => ({
      id: entry.id,
      provider: entry.provider,
      model: entry.model,
      kind: provider.kind,
      origin: entry.origin ?? null,
      params: entry.params ?? {},
      price: entry.price ?? null,
      baseUrl: entry.baseUrl ?? null,
    })),
    skipped,
    survey: {
      id: survey.id,
      version: survey.version,
      texts: Object.fromEntries(
        [...new Set(plan.cells.map((c) => c.language))].sort().map((l) => [l, { version: survey.languages[l].version, hash: survey.languages[l].hash, rendering: survey.languages[l].rendering }]),
      ),
      formulas: survey.scorer.describe(),
      groundTruth: { name: survey.groundTruth.name, version: survey.groundTruth.version, hash: survey.groundTruth.hash, source: survey.groundTruth.source },
    },
    plan: { requests: plan.size, cells: plan.cells.length, items: survey.items.length },
    prompter: opts.registry.prompter.id,
    parser: opts.registry.parser.id,
    software: {
      node: process.version,
      culturebench: '0.0.0',
      packages: packageVersions(['@langchain/core', '@langchain/openai', '@langchain/ollama', 'ollama', 'arquero']),
    },
    git: gitState(process.cwd()),
  };
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);

  const responsesPath = join(runDir, 'responses.jsonl');
  const previous = readResponses(responsesPath).records;
  const done = new Set(previous.filter((r) => r.error === null).map((r) => r.key));
  const appender = new JsonlAppender(responsesPath);
  log(`run ${manifest.runId}: ${plan.size} requests (${ready.size} models × ${plan.countries.length} countries × conditions × ${survey.items.length} items × ${config.samples} respondents)${done.size ? `, ${done.size} already answered` : ''}`);
  let summary;
  try {
    summary = await ask({
      plan,
      models: ready,
      parser: opts.registry.parser,
      log: appender,
      done,
      concurrency: config.concurrency,
      signal: opts.signal,
      onRecord: (_r, p) => opts.onProgress?.(p),
    });
  } finally {
    appender.close();
  }
  manifest.status = opts.signal?.aborted ? 'interrupted' : 'complete';
  manifest.finishedAt = now().toISOString();
  manifest.summary = {
    asked: summary.asked,
    reused: summary.skipped,
    errors: summary.errors,
    costUsd: Object.values(summary.byModel).reduce((a, p) => a + p.costUsd, 0),
  };
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  const { analysis, leaderboard } = reportRun(runDir, opts.registry, survey);
  return { runDir, manifest, analysis, leaderboard };
}

/** The latest answer per request key: a retried request supersedes its earlier error row. */
export function latestRecords(records: ResponseRecord[]): ResponseRecord[] {
  const byKey = new Map<string, ResponseRecord>();
  for (const r of records) {
    const prev = byKey.get(r.key);
    if (!prev || prev.error !== null) byKey.set(r.key, r);
  }
  return [...byKey.values()];
}

/** Recomputes every derived output of a run directory from responses.jsonl and manifest.json. */
export function reportRun(runDir: string, registry: Registry, survey?: Survey): { analysis: Analysis; leaderboard: string } {
  const manifest = readManifest(runDir);
  const s = survey ?? getSurvey(registry, manifest.config.survey, join(runDir, 'manifest.json'));
  const records = latestRecords(readResponses(join(runDir, 'responses.jsonl')).records);
  const analysis = analyse(records, manifest, s);
  const leaderboard = writeReport(runDir, analysis, manifest);
  return { analysis, leaderboard };
}
