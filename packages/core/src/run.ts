/**
 * The run: config → plan (prepare.ts) → ask → parse (ask.ts, batch.ts) into responses.jsonl and the
 * manifest, then the report stage (reporter.ts). Run-directory helpers live in run-directory.ts,
 * merging in merge.ts.
 */
import { KeySet } from './key-set.js';
import { dirname, join, resolve } from 'node:path';
import { ask, type AskSummary } from './ask.js';
import { deviationRatioMetric } from './alignment-metric.js';
import { askBatches, type BatchAskSummary } from './batch.js';
import { ResponseCache } from './cache.js';
import { endpointReports } from './endpoints.js';
import { InputError, safeServerText } from './errors.js';
import { WriteError } from './fs-layer.js';
import { acquireRunLock, type RunLock } from './lock.js';
import { CORE_VERSION, gitStateAsync, packageVersions, type RunManifest } from './manifest.js';
import { optionName } from './option-names.js';
import { describePlan } from './plan-summary.js';
import { cacheDirOf, prepareRun, type PreparedRun } from './prepare.js';
import { loadReporters } from './registry.js';
import { runReporters } from './report-stage.js';
import { forEachJsonl, JsonlAppender, type ResponseRecord } from './responses.js';
import { freshDir, readManifest, runId, writeJsonAtomic } from './run-directory.js';
import { redactUrl } from './safe-text.js';

import type { RunOptions, RunResult } from './run-options.js';

export type { RunOptions, RunResult };

/** config → plan → ask → parse → score → compare → report. */
export async function runBenchmark(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const name = optionName(opts.optionNames);
  const now = opts.now ?? (() => new Date());
  // git runs in child processes while the run is prepared (a new run's manifest records its state).
  const git = opts.resumeDir ? null : gitStateAsync(process.cwd());
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
        `${name('resume')} ${opts.resumeDir}: the run was made with another configuration (config hash ${previous.config.hash.slice(0, 12)}, now ${configHash.slice(0, 12)}); resume with the same config file and the same ${name('models')}/${name('countries')}/${name('samples')}, or start a new run`,
      );
    }
    if ((previous.shard?.index ?? 0) !== (opts.shard?.index ?? 0) || (previous.shard?.count ?? 0) !== (opts.shard?.count ?? 0)) {
      throw new InputError(
        `${name('resume')} ${opts.resumeDir}: the run is shard ${previous.shard ? `${previous.shard.index}/${previous.shard.count}` : '(none)'}; pass the same ${name('shard')}`,
      );
    }
    // One run per directory: a second resume of the same run is refused before it writes anything.
    lock = acquireRunLock(runDir);
    manifest = { ...previous, status: 'running', finishedAt: null, skipped, resumedAt: [...(previous.resumedAt ?? []), now().toISOString()] };
  } else {
    const started = now();
    const gitNow = await git!;
    const shardTag = opts.shard ? `-shard${opts.shard.index}of${opts.shard.count}` : '';
    runDir = freshDir(join(prepared.parent, runId(started, configHash) + shardTag), name('out'));
    lock = acquireRunLock(runDir);
    manifest = newManifest(prepared, runDir, started, opts, gitNow);
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

/** ask → parse into responses.jsonl, then the report stage; the manifest's status is written last. */
async function askAndReport(prepared: PreparedRun, opts: RunOptions, runDir: string, manifest: RunManifest): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  const { config, survey, ready, plan } = prepared;
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);

  const responsesPath = join(runDir, 'responses.jsonl');
  // Opening the appender first repairs a torn last line left by a crash.
  const appender = new JsonlAppender(responsesPath);
  const done = new KeySet(); // compact: a resumed million-request run holds a million keys
  // Conversation turns answered before: their replies are the context of the turns after them.
  const stored = new Map<string, string>();
  forEachJsonl<ResponseRecord>(responsesPath, (r) => {
    if (r.error === null || !opts.retryErrors) done.add(r.key);
    if (r.conversation && r.error === null && r.raw !== null) stored.set(r.key, r.raw);
  });
  const cache = opts.cache === false ? null : new ResponseCache(cacheDirOf(prepared, opts), (m) => log(m));
  const shardNote = opts.shard ? ` (shard ${opts.shard.index}/${opts.shard.count})` : '';
  // A shard asks its slice of the plan: count that, not the whole plan.
  let planned = plan.size;
  if (opts.shard) {
    planned = 0;
    for (const _ of plan.requests({ shard: opts.shard })) planned++;
  }
  log(
    `run ${manifest.runId}${shardNote}: ${planned} requests planned${opts.shard ? ` of ${plan.size} in the whole plan` : ''} (${describePlan(plan, config)})${done.size ? `, ${done.size} answered before` : ''}`,
  );
  // With --batch, models whose provider has a batch API go through it; the others are asked live.
  // A conversation's turns wait for each other's replies: never batched.
  const conversational = plan.variants.some((v) => v.presentation === 'conversation');
  if (opts.batch && conversational)
    log(`${optionName(opts.optionNames)('batch')}: the conversation presentation is asked live (each turn needs the reply before it)`);
  const batchModels = new Map([...ready].filter(([, r]) => opts.batch && !conversational && r.provider.batch?.supports(r.entry)));
  const liveModels = new Map([...ready].filter(([id]) => !batchModels.has(id)));
  let summary: AskSummary;
  let batchSummary: BatchAskSummary | null = null;
  // The report code is imported while the last replies are awaited (a failure surfaces below).
  let reporters: Promise<unknown> | null = null;
  const loadReportersEarly = () => {
    reporters ??= loadReporters(opts.registry);
    reporters.catch(() => {});
  };
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
      stored,
      cache,
      concurrency: config.concurrency,
      timeoutMs: opts.timeoutMs ?? config.timeoutSeconds * 1000,
      retry: { ...config.retry, ...opts.retry },
      maxCostUsd: opts.maxCostUsd,
      optionNames: opts.optionNames,
      shard: opts.shard,
      signal: opts.signal,
      graceMs: opts.graceMs,
      cutSignal: opts.cutSignal,
      onEvent: (m) => log(m),
      onRecord: (_r, p) => opts.onProgress?.(p),
      onAllSent: batchModels.size ? undefined : loadReportersEarly,
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
  const finalStatus: RunManifest['status'] =
    summary.stoppedBy === 'signal' || summary.stoppedBy === 'storage' ? 'interrupted' : summary.stoppedBy === 'budget' ? 'budget' : 'complete';
  manifest.finishedAt = now().toISOString();
  manifest.stopped = stopped.map((p) => ({ id: p.model, reason: p.stopped! }));
  for (const m of manifest.models) {
    const r = ready.get(m.id);
    if (r?.client.pool) m.endpoints = endpointReports(r.client.pool, (t) => safeServerText(t, r.secrets, 300), m.endpoints);
  }
  const cost = Object.values(summary.byModel).reduce((a, p) => a + p.costUsd, 0);
  manifest.summary = {
    asked: (manifest.summary?.asked ?? 0) + summary.asked,
    reused: summary.skipped,
    cached: summary.cached,
    errors: summary.errors,
    costUsd: (manifest.summary?.costUsd ?? 0) + cost,
  };
  // The status is final only once every report output is written: a full disk while reporting
  // leaves `running`, never `complete` over a report cut short. The reporters see the final status.
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  // The report stage starts here: reporters loaded lazily are imported now, after the asking.
  await (reporters ?? loadReporters(opts.registry));
  const { summary: analysis, leaderboard } = runReporters(runDir, opts.registry, {
    survey,
    replicates: opts.replicates,
    manifest: { ...manifest, status: finalStatus },
  });
  manifest.status = finalStatus;
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  return { runDir, manifest, analysis, leaderboard, summary };
}

function newManifest(prepared: PreparedRun, runDir: string, started: Date, opts: RunOptions, git: RunManifest['git']): RunManifest {
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
      benchmarkCountries: opts.config.countries.map((c) => (typeof c === 'string' ? c : c.code)),
      conditions: plan.conditions,
      aggregates: config.aggregates,
      headline: config.headline,
      samples: config.samples,
      seed: config.seed,
      temperature: config.temperature,
      persona: config.persona,
      variants: plan.variants,
      constants: config.constants,
      texts: config.texts ? Object.fromEntries(Object.entries(config.texts).map(([l, p]) => [l, resolve(dirname(config.file), p)])) : undefined,
      groundTruthFile: config.groundTruth ? resolve(dirname(config.file), config.groundTruth) : undefined,
    },
    shard: opts.shard ?? null,
    models: [...ready.values()].map(({ entry, provider, client }) => ({
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
      ...(client.pool ? { endpoints: client.pool.status() } : {}),
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
      culturebench: CORE_VERSION,
      // the client libraries of the providers this run uses (each provider names its own)
      packages: packageVersions([...new Set([...ready.values()].flatMap(({ provider }) => provider.clientPackages ?? []))].sort()),
    },
    git,
  };
}
