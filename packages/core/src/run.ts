import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';
import { WriteError } from './fs-layer.js';
import { acquireRunLock, lockHolder, type RunLock } from './lock.js';
import { dirname, join, resolve } from 'node:path';
import { analyse, type Analysis } from './analyse.js';
import { ask, type AskProgress, type AskSummary, type ReadyModel, type RetryPolicy } from './ask.js';
import { deviationRatioMetric } from './metric.js';
import { askBatches, type BatchAskSummary } from './batch.js';
import { ResponseCache } from './cache.js';
import type { BenchmarkConfig } from './config.js';
import { loadBenchmarkCountries, loadGroundTruthCsv } from './datasets.js';
import { InputError, safeServerText } from './errors.js';
import { redactUrl } from './safe-text.js';
import { entrySecrets } from './secrets.js';
import { hashJson } from './hash.js';
import { gitState, packageVersions, type RunManifest } from './manifest.js';
import { buildPlan, resolveConditions, type Plan, type Shard } from './plan.js';
import type { ModelEntry, ProviderContext } from './provider.js';
import type { AnswerParser } from './parser.js';
import { getParser, getProvider, getProviderFor, getSurvey, type Registry } from './registry.js';
import { writeReport } from './report.js';
import { forEachJsonl, JsonlAppender, readAnswerRows, readResponses, type ResponseRecord } from './responses.js';
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
  /** Continue this run directory: requests answered there are not asked again. */
  resumeDir?: string;
  /** With resumeDir: also ask again the requests that ended in an error. */
  retryErrors?: boolean;
  /** false: neither read nor write the response cache. */
  cache?: boolean;
  /** Response cache folder (default: <outDir>/.cache). */
  cacheDir?: string;
  /** Stop sending before the spend could pass this many US dollars. */
  maxCostUsd?: number;
  shard?: Shard;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Ask models whose provider has a batch API (OpenAI) through it. */
  batch?: boolean;
  batchPollSeconds?: number;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  onProgress?: (p: AskProgress) => void;
  /** Stop sending (Ctrl-C, SIGTERM): requests in flight get `graceMs` to finish, then are cut off. */
  signal?: AbortSignal;
  graceMs?: number;
  /** Cut off the requests in flight now. */
  cutSignal?: AbortSignal;
  /** Plans beyond MAX_PLAN_REQUESTS are refused unless this is set (--allow-large-plan). */
  allowLargePlan?: boolean;
  /**
   * Writes the full report (analyses, report.html) after the core outputs; the manifest gets its
   * final status only once this has succeeded.
   */
  report?: (runDir: string) => void;
  now?: () => Date;
}

/** Requests above which a plan is taken for a mistake (e.g. samples: 1e9) unless explicitly allowed. */
export const MAX_PLAN_REQUESTS = 5_000_000;

export interface RunResult {
  runDir: string;
  manifest: RunManifest;
  analysis: Analysis;
  leaderboard: string;
  summary?: AskSummary;
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
  for (const m of config.models) getProviderFor(registry, m, where);
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
  // Every text the plan renders has every item, stem and scale (else the run would crash midway).
  const survey_ = survey;
  for (const lang of languages) {
    const text = survey_.languages[lang];
    if (!text) continue;
    const where2 = text.origin ?? `survey ${survey_.id}, language ${lang}`;
    const missing = survey_.items.filter((i) => !text.items[i.id]?.trim()).map((i) => `items.${i.id}`);
    for (const i of survey_.items) if (i.block && text.stems[i.block] === undefined) missing.push(`stems.${i.block}`);
    for (const [id, scale] of Object.entries(survey_.scales)) if ((text.scales[id]?.length ?? 0) !== scale.size) missing.push(`scales.${id}`);
    if (missing.length) {
      throw new InputError(`${where2}: missing or incomplete ${[...new Set(missing)].slice(0, 8).join(', ')}${missing.length > 8 ? ' …' : ''}; complete the text (check it with \`culturebench validate --survey ${survey_.id}\`)`);
    }
  }
  // The ground truth must give the configured countries something to be compared on.
  const codes = config.countries.map((c) => (typeof c === 'string' ? c : c.code));
  const usable = survey_.groundTruth.dimensions.filter((d) => codes.filter((code) => survey_.groundTruth.countries[code]?.[d] != null).length >= Math.min(2, codes.length));
  if (usable.length === 0) {
    throw new InputError(
      `${config.groundTruth ? resolve(dirname(config.file), config.groundTruth) : survey_.groundTruth.source}: no dimension has a score for the configured countries (${codes.join(', ')}); add their scores or choose countries it covers`,
    );
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
    // Every secret the entry or its provider holds (keys, URL credentials, credential headers).
    const secrets = [...(provider.secrets?.(entry, ctx) ?? []), ...entrySecrets(entry)];
    if (!availability.ok) {
      skipped.push({ id: entry.id, provider: entry.provider, reason: safeServerText(availability.reason, secrets), fix: safeServerText(availability.fix, secrets) });
      continue;
    }
    const detail = availability.detail === undefined ? undefined : safeServerText(availability.detail, secrets);
    ready.set(entry.id, { entry, provider, chat: provider.create(entry, ctx), secrets, detail });
  }
  return { ready, skipped };
}

export function runId(now: Date, configHash: string): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${configHash.slice(0, 8)}`;
}

/** Creates a new directory; two runs started in the same second get -2, -3 … rather than sharing one. */
function freshDir(base: string): string {
  try {
    mkdirSync(dirname(base), { recursive: true });
    for (let n = 1; ; n++) {
      const dir = resolve(n === 1 ? base : `${base}-${n}`);
      try {
        mkdirSync(dir);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // (A recursive mkdir on a read-only file system reports ENOENT.)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'ENOSPC' || code === 'ENOENT') {
      throw new InputError(`cannot create a run directory in ${dirname(base)} (${code}); choose a writable folder with --out or the config's "outDir"`);
    }
    throw err;
  }
}

function writeJsonAtomic(path: string, value: unknown): void {
  // Write-then-rename: a crash leaves the old manifest or the new one, never half of one.
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Manifests being finalised: the reports read the final status from here while manifest.json on
 * disk still says `running`, so that `complete` is written only after every report output.
 */
const finalising = new Map<string, RunManifest>();

export function readManifest(runDir: string): RunManifest {
  const pending = finalising.get(resolve(runDir));
  if (pending) return structuredClone(pending);
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) throw new InputError(`${runDir}: no manifest.json here; pass a run directory written by \`culturebench run\``);
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message}); the run directory is damaged: restore manifest.json from a copy`);
  }
  const missing = ['runId', 'status', 'config', 'survey', 'models'].filter((k) => (manifest as unknown as Record<string, unknown>)?.[k] == null);
  if (missing.length || typeof manifest.config?.hash !== 'string') {
    throw new InputError(`${path}: not a culturebench manifest (missing ${missing.length ? missing.join(', ') : 'config.hash'}); restore manifest.json from a copy`);
  }
  return manifest;
}

/** The config's survey, with its text replacements and ground-truth table if it names any. */
export function loadConfiguredSurvey(config: BenchmarkConfig, registry: Registry): Survey {
  const here = dirname(config.file);
  const texts = config.texts
    ? Object.fromEntries(
        Object.entries(config.texts).map(([lang, p]) => {
          const path = resolve(here, p);
          if (!existsSync(path)) throw new InputError(`${config.file}: field "texts.${lang}": file not found: ${path}`);
          return [lang, path];
        }),
      )
    : undefined;
  const groundTruthFile = config.groundTruth ? resolve(here, config.groundTruth) : undefined;
  return loadSurveyWith(registry, config.survey, { texts, groundTruthFile }, `${config.file}: field "survey"`);
}

/** A survey with replacement texts and another ground-truth file, as a config or a manifest names them. */
export function loadSurveyWith(
  registry: Registry,
  id: string,
  sources: { texts?: Record<string, string>; groundTruthFile?: string },
  where: string,
): Survey {
  const base = getSurvey(registry, id, where, { textOverrides: sources.texts });
  if (!sources.groundTruthFile) return base;
  return { ...base, groundTruth: loadGroundTruthCsv(sources.groundTruthFile, base.scorer.dimensions) };
}

interface PreparedRun {
  config: BenchmarkConfig;
  survey: Survey;
  parser: AnswerParser;
  ready: Map<string, ReadyModel>;
  skipped: SkippedModel[];
  plan: Plan;
  configHash: string;
  /** Parent folder of run directories. */
  parent: string;
}

/** config → plan: validation, model checks and the request matrix; nothing is written. */
export async function prepareRun(opts: RunOptions): Promise<PreparedRun> {
  const log = opts.log ?? (() => {});
  const env = opts.env ?? process.env;
  const config = applyFilters(opts.config, opts);
  const survey = loadConfiguredSurvey(config, opts.registry);
  validateConfig(config, opts.registry, survey);
  const parser = getParser(opts.registry, config.parser ?? survey.parser, `${config.file}: field "parser"`);

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
  if (plan.size > MAX_PLAN_REQUESTS && !opts.allowLargePlan) {
    throw new InputError(
      `${config.file}: the plan has ${plan.size.toLocaleString('en-US')} requests (samples ${config.samples}), more than ${MAX_PLAN_REQUESTS.toLocaleString('en-US')}; check "samples", or pass --allow-large-plan if you mean it`,
    );
  }
  const { file: _file, ...configData } = config;
  const configHash = hashJson({
    ...configData,
    models: config.models.map(({ chatModel, ...m }) => ({ ...m, chatModel: chatModel ? chatModel.constructor.name : undefined })),
  });
  // A config's outDir is relative to the config file, like tsconfig paths; --out to the working directory.
  const parent = opts.outDir ? resolve(opts.outDir) : resolve(dirname(config.file), config.outDir);
  return { config, survey, parser, ready, skipped, plan, configHash, parent };
}

function cacheDirOf(prepared: PreparedRun, opts: RunOptions): string {
  if (opts.cacheDir) return resolve(opts.cacheDir);
  if (prepared.config.cacheDir) return resolve(dirname(prepared.config.file), prepared.config.cacheDir);
  return join(prepared.parent, '.cache');
}

export interface DryRunRow {
  model: string;
  requests: number;
  alreadyCached: number;
  inputTokens: number;
  outputTokens: number;
  /** null when the model has no price. */
  costUsd: number | null;
}

/** What a run would ask and roughly cost, from the rendered prompts (≈ 4 characters a token). */
export async function dryRun(opts: RunOptions): Promise<{ rows: DryRunRow[]; plan: Plan }> {
  const prepared = await prepareRun(opts);
  const cache = opts.cache === false ? null : new ResponseCache(cacheDirOf(prepared, opts));
  const rows: DryRunRow[] = [];
  for (const [id, ready] of prepared.ready) {
    const ns = ResponseCache.namespaceOf(ready.entry, ready.provider.cacheIdentity?.(ready.entry));
    const row: DryRunRow = { model: id, requests: 0, alreadyCached: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
    for (const req of prepared.plan.requests({ model: id, shard: opts.shard })) {
      row.requests++;
      if (cache?.get(ns, req.key)) {
        row.alreadyCached++;
        continue;
      }
      row.inputTokens += Math.ceil(req.prompt.messages.reduce((a, m) => a + m.content.length, 0) / 4);
      row.outputTokens += ready.entry.params?.maxTokens ?? 8;
    }
    const price = ready.entry.price;
    if (ready.provider.kind === 'baseline') row.costUsd = 0;
    else if (price) row.costUsd = (row.inputTokens * price.inputPerMillion + row.outputTokens * price.outputPerMillion) / 1e6;
    rows.push(row);
  }
  return { rows, plan: prepared.plan };
}

/** config → plan → ask → parse → score → compare → report. */
export async function runBenchmark(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  const prepared = await prepareRun(opts);
  const { config, survey, ready, skipped, plan, configHash } = prepared;

  let runDir: string;
  let manifest: RunManifest;
  let lock: RunLock;
  if (opts.resumeDir) {
    runDir = resolve(opts.resumeDir);
    const previous = readManifest(runDir);
    if (previous.config.hash !== configHash) {
      throw new InputError(
        `--resume ${opts.resumeDir}: the run was made with another configuration (config hash ${previous.config.hash.slice(0, 12)}, now ${configHash.slice(0, 12)}); resume with the same config file and the same --models/--countries/--samples, or start a new run`,
      );
    }
    if ((previous.shard?.index ?? 0) !== (opts.shard?.index ?? 0) || (previous.shard?.count ?? 0) !== (opts.shard?.count ?? 0)) {
      throw new InputError(`--resume ${opts.resumeDir}: the run is shard ${previous.shard ? `${previous.shard.index}/${previous.shard.count}` : '(none)'}; pass the same --shard`);
    }
    // One run per directory: a second resume of the same run is refused before it writes anything.
    lock = acquireRunLock(runDir);
    manifest = { ...previous, status: 'running', finishedAt: null, skipped, resumedAt: [...(previous.resumedAt ?? []), now().toISOString()] };
  } else {
    const started = now();
    const shardTag = opts.shard ? `-shard${opts.shard.index}of${opts.shard.count}` : '';
    runDir = freshDir(join(prepared.parent, runId(started, configHash) + shardTag));
    lock = acquireRunLock(runDir);
    manifest = newManifest(prepared, runDir, started, opts);
  }
  try {
    return await askAndReport(prepared, opts, runDir, manifest);
  } catch (err) {
    // The caller prints how to resume this directory.
    if (err instanceof WriteError) Object.assign(err, { runDir });
    throw err;
  } finally {
    lock.release();
  }
}

async function askAndReport(prepared: PreparedRun, opts: RunOptions, runDir: string, manifest: RunManifest): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  const { config, survey, ready, plan } = prepared;
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);

  const responsesPath = join(runDir, 'responses.jsonl');
  // Opening the appender first repairs a torn last line left by a crash.
  const appender = new JsonlAppender(responsesPath);
  const done = new Set<string>();
  forEachJsonl<ResponseRecord>(responsesPath, (r) => {
    if (r.error === null || !opts.retryErrors) done.add(r.key);
  });
  const cache = opts.cache === false ? null : new ResponseCache(cacheDirOf(prepared, opts), (m) => log(m));
  const shardNote = opts.shard ? ` (shard ${opts.shard.index}/${opts.shard.count})` : '';
  log(
    `run ${manifest.runId}${shardNote}: ${plan.size} requests planned (${ready.size} models × ${plan.cells.length / ready.size} country-language samples × ${survey.items.length} items × ${config.samples} respondents)${done.size ? `, ${done.size} answered before` : ''}`,
  );
  // With --batch, models whose provider has a batch API go through it; the others are asked live.
  const batchModels = new Map([...ready].filter(([, r]) => opts.batch && r.provider.batch?.supports(r.entry)));
  const liveModels = new Map([...ready].filter(([id]) => !batchModels.has(id)));
  let summary: AskSummary;
  let batchSummary: BatchAskSummary | null = null;
  try {
    const batchRun = batchModels.size
      ? askBatches({
          plan,
          models: batchModels,
          parser: prepared.parser,
          log: appender,
          runDir,
          ctx: { env: opts.env ?? process.env },
          done,
          cache,
          shard: opts.shard,
          pollIntervalMs: (opts.batchPollSeconds ?? config.batchPollSeconds) * 1000,
          signal: opts.signal,
          onEvent: (m) => log(m),
          onRecord: (_r, p) => opts.onProgress?.(p),
        })
      : Promise.resolve(null);
    const liveRun = ask({
      plan,
      models: liveModels,
      parser: prepared.parser,
      log: appender,
      done,
      cache,
      concurrency: config.concurrency,
      timeoutMs: opts.timeoutMs ?? config.timeoutSeconds * 1000,
      retry: { ...config.retry, ...opts.retry },
      maxCostUsd: opts.maxCostUsd,
      shard: opts.shard,
      signal: opts.signal,
      graceMs: opts.graceMs,
      cutSignal: opts.cutSignal,
      onEvent: (m) => log(m),
      onRecord: (_r, p) => opts.onProgress?.(p),
    });
    [summary, batchSummary] = await Promise.all([liveRun, batchRun]);
    if (batchSummary) {
      summary = {
        ...summary,
        asked: summary.asked + batchSummary.asked,
        cached: summary.cached + batchSummary.cached,
        skipped: summary.skipped + batchSummary.skipped,
        errors: summary.errors + batchSummary.errors,
        byModel: { ...summary.byModel, ...batchSummary.byModel },
      };
      if (batchSummary.pending.length && !summary.stoppedBy) summary.stoppedBy = 'signal';
    }
  } catch (err) {
    if (err instanceof WriteError) {
      // The disk stayed full: what is on disk is whole lines only; mark the run resumable if possible.
      try {
        writeJsonAtomic(join(runDir, 'manifest.json'), { ...manifest, status: 'interrupted', finishedAt: now().toISOString() });
      } catch {
        /* the manifest says running: a resume works the same */
      }
    }
    throw err;
  } finally {
    try {
      appender.close();
    } catch {
      /* reported by the write that failed first */
    }
    cache?.close();
  }
  const stopped = Object.values(summary.byModel).filter((p) => p.stopped);
  const finalStatus: RunManifest['status'] = summary.stoppedBy === 'signal' || summary.stoppedBy === 'storage' ? 'interrupted' : summary.stoppedBy === 'budget' ? 'budget' : 'complete';
  manifest.finishedAt = now().toISOString();
  manifest.stopped = stopped.map((p) => ({ id: p.model, reason: p.stopped! }));
  const cost = Object.values(summary.byModel).reduce((a, p) => a + p.costUsd, 0);
  manifest.summary = {
    asked: (manifest.summary?.asked ?? 0) + summary.asked,
    reused: summary.skipped,
    cached: summary.cached,
    errors: summary.errors,
    costUsd: (manifest.summary?.costUsd ?? 0) + cost,
  };
  // The status is final only once every report output is written: a full disk while reporting
  // leaves `running`, never `complete` over a report cut short.
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  finalising.set(resolve(runDir), { ...manifest, status: finalStatus });
  let analysis: Analysis;
  let leaderboard: string;
  try {
    ({ analysis, leaderboard } = reportRun(runDir, opts.registry, survey));
    opts.report?.(runDir);
  } finally {
    finalising.delete(resolve(runDir));
  }
  manifest.status = finalStatus;
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  return { runDir, manifest, analysis, leaderboard, summary };
}

function newManifest(prepared: PreparedRun, runDir: string, started: Date, opts: RunOptions): RunManifest {
  const { config, survey, ready, skipped, plan, configHash } = prepared;
  const { file } = config;
  return {
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
      texts: config.texts ? Object.fromEntries(Object.entries(config.texts).map(([l, p]) => [l, resolve(dirname(config.file), p)])) : undefined,
      groundTruthFile: config.groundTruth ? resolve(dirname(config.file), config.groundTruth) : undefined,
    },
    shard: opts.shard ?? null,
    models: [...ready.values()].map(({ entry, provider }) => ({
      id: entry.id,
      provider: entry.provider,
      model: entry.model,
      kind: provider.kind,
      origin: entry.origin ?? null,
      // Only what is sent: a provider that does not apply params (a ready instance) reports none.
      params: provider.appliesParams === false ? {} : (entry.params ?? {}),
      price: entry.price ?? null,
      // Credentials in the URL never reach the manifest.
      baseUrl: entry.baseUrl ? redactUrl(entry.baseUrl) : null,
    })),
    skipped,
    survey: {
      id: survey.id,
      version: survey.version,
      texts: Object.fromEntries(
        [...new Set(plan.cells.map((c) => c.language))]
          .sort()
          .map((l) => [l, { version: survey.languages[l].version, hash: survey.languages[l].hash, rendering: survey.languages[l].rendering }]),
      ),
      formulas: survey.scorer.describe(),
      metric: { id: (survey.alignmentMetric ?? deviationRatioMetric).id, description: (survey.alignmentMetric ?? deviationRatioMetric).description },
      groundTruth: { name: survey.groundTruth.name, version: survey.groundTruth.version, hash: survey.groundTruth.hash, source: survey.groundTruth.source },
    },
    plan: { requests: plan.size, cells: plan.cells.length, items: survey.items.length },
    prompter: opts.registry.prompter.id,
    parser: prepared.parser.id,
    software: {
      node: process.version,
      culturebench: '0.0.0',
      packages: packageVersions(['@langchain/core', '@langchain/openai', '@langchain/ollama', 'ollama', 'arquero']),
    },
    git: gitState(process.cwd()),
  };
}

/**
 * Combines shard runs (or any runs of the same configuration) into one run directory: the union
 * of their responses, one row per request key (an answer wins over an error), then the report.
 */
export function mergeRuns(dirs: string[], outDir: string, registry: Registry, now: () => Date = () => new Date(), report?: (runDir: string) => void): RunResult {
  if (dirs.length < 2) throw new InputError('merge: name at least two run directories');
  const seenDirs = new Map<string, string>();
  for (const d of dirs) {
    const key = resolve(d);
    if (seenDirs.has(key)) throw new InputError(`merge: ${d} is named twice (also as ${seenDirs.get(key)}); name each run directory once`);
    seenDirs.set(key, d);
  }
  const manifests = dirs.map((d) => readManifest(d));
  const runIds = new Map<string, string>();
  manifests.forEach((m, i) => {
    if (runIds.has(m.runId)) throw new InputError(`merge: ${dirs[i]} is the same run (${m.runId}) as ${runIds.get(m.runId)}; name each run once`);
    runIds.set(m.runId, dirs[i]!);
    const holder = lockHolder(dirs[i]!);
    if (holder) throw new InputError(`merge: ${dirs[i]} is still being written by a run (pid ${holder.pid} on ${holder.host}); merge it when that run has ended`);
  });
  const first = manifests[0];
  manifests.forEach((m, i) => {
    if (m.config.hash !== first.config.hash) {
      throw new InputError(`merge: ${dirs[i]} was run with another configuration (config hash ${m.config.hash.slice(0, 12)} ≠ ${first.config.hash.slice(0, 12)} of ${dirs[0]})`);
    }
  });
  const shards = manifests.map((m) => m.shard).filter((s): s is NonNullable<typeof s> => s != null);
  if (shards.length === manifests.length) {
    const count = shards[0].count;
    const have = new Set(shards.map((s) => s.index));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
    if (missing.length) throw new InputError(`merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing; name every shard's run directory`);
  }
  // The full records are copied (not the compact rows) so that the merged run keeps every field.
  const records = latestRecords(dirs.flatMap((d) => readResponses(join(d, 'responses.jsonl')).records));
  const runDir = freshDir(join(outDir, `${runId(now(), first.config.hash)}-merged`));
  const models = new Map(manifests.flatMap((m) => m.models).map((m) => [m.id, m]));
  const manifest: RunManifest = {
    ...first,
    runId: runDir.split(/[\\/]/).pop()!,
    startedAt: manifests.map((m) => m.startedAt).sort()[0],
    finishedAt: manifests.map((m) => m.finishedAt ?? '').sort().pop() || null,
    status: manifests.every((m) => m.status === 'complete') ? 'complete' : 'interrupted',
    shard: null,
    mergedFrom: manifests.map((m, i) => ({ runId: m.runId, dir: resolve(dirs[i]), shard: m.shard ?? null, status: m.status })),
    models: [...models.values()],
    summary: {
      asked: manifests.reduce((a, m) => a + (m.summary?.asked ?? 0), 0),
      reused: 0,
      cached: manifests.reduce((a, m) => a + (m.summary?.cached ?? 0), 0),
      errors: records.filter((r) => r.error !== null).length,
      costUsd: manifests.reduce((a, m) => a + (m.summary?.costUsd ?? 0), 0),
    },
  };
  const appender = new JsonlAppender(join(runDir, 'responses.jsonl'));
  for (const r of records) appender.appendDeferred(r);
  appender.close();
  // As for a run: the final status is written only after every report output.
  writeJsonAtomic(join(runDir, 'manifest.json'), { ...manifest, status: 'running' });
  finalising.set(resolve(runDir), manifest);
  let analysis: Analysis;
  let leaderboard: string;
  try {
    ({ analysis, leaderboard } = reportRun(runDir, registry));
    report?.(runDir);
  } finally {
    finalising.delete(resolve(runDir));
  }
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
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

/** The survey a run used, with the replacement texts and ground truth its manifest names. */
export function surveyForManifest(registry: Registry, manifest: RunManifest, where = 'manifest.json'): Survey {
  return loadSurveyWith(registry, manifest.config.survey, { texts: manifest.config.texts, groundTruthFile: manifest.config.groundTruthFile }, where);
}

/** Recomputes the core outputs of a run directory from responses.jsonl and manifest.json. */
export function reportRun(runDir: string, registry: Registry, survey?: Survey): { analysis: Analysis; leaderboard: string } {
  const manifest = readManifest(runDir);
  const s = survey ?? surveyForManifest(registry, manifest, join(runDir, 'manifest.json'));
  const analysis = analyse(readAnswerRows([join(runDir, 'responses.jsonl')]), manifest, s);
  const leaderboard = writeReport(runDir, analysis, manifest);
  return { analysis, leaderboard };
}
