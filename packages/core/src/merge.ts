/** Merging shard runs (or any runs of one configuration) into one run directory. */
import { join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { lockHolder } from './lock.js';
import type { RunManifest } from './manifest.js';
import type { Registry } from './registry.js';
import { runReporters } from './report-stage.js';
import type { ReportOptions } from './reporter.js';
import { LatestRecords } from './latest-records.js';
import { JsonlAppender } from './responses.js';
import { freshDir, readManifest, runId, writeJsonAtomic } from './run-directory.js';
import type { RunResult } from './run-options.js';

/**
 * Combines shard runs (or any runs of the same configuration) into one run directory: the union
 * of their responses, one row per request key (an answer wins over an error), then the report.
 */
export function mergeRuns(dirs: string[], outDir: string, registry: Registry, now: () => Date = () => new Date(), report: ReportOptions = {}): RunResult {
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
    if (holder)
      throw new InputError(`merge: ${dirs[i]} is still being written by a run (pid ${holder.pid} on ${holder.host}); merge it when that run has ended`);
  });
  const first = manifests[0];
  manifests.forEach((m, i) => {
    if (m.config.hash !== first.config.hash) {
      throw new InputError(
        `merge: ${dirs[i]} was run with another configuration (config hash ${m.config.hash.slice(0, 12)} ≠ ${first.config.hash.slice(0, 12)} of ${dirs[0]})`,
      );
    }
  });
  const shards = manifests.map((m) => m.shard).filter((s): s is NonNullable<typeof s> => s != null);
  if (shards.length === manifests.length) {
    const count = shards[0].count;
    const have = new Set(shards.map((s) => s.index));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
    if (missing.length) throw new InputError(`merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing; name every shard's run directory`);
  }
  // The full records are copied (not the compact rows) so that the merged run keeps every field;
  // they are streamed from the shards' files, never all held.
  const records = LatestRecords.open(dirs.map((d) => join(d, 'responses.jsonl')));
  const runDir = freshDir(join(outDir, `${runId(now(), first.config.hash)}-merged`));
  const models = new Map(manifests.flatMap((m) => m.models).map((m) => [m.id, m]));
  const manifest: RunManifest = {
    ...first,
    runId: runDir.split(/[\\/]/).pop()!,
    startedAt: manifests.map((m) => m.startedAt).sort()[0],
    finishedAt:
      manifests
        .map((m) => m.finishedAt ?? '')
        .sort()
        .pop() || null,
    status: manifests.every((m) => m.status === 'complete') ? 'complete' : 'interrupted',
    shard: null,
    mergedFrom: manifests.map((m, i) => ({ runId: m.runId, dir: resolve(dirs[i]), shard: m.shard ?? null, status: m.status })),
    models: [...models.values()],
    summary: {
      asked: manifests.reduce((a, m) => a + (m.summary?.asked ?? 0), 0),
      reused: 0,
      cached: manifests.reduce((a, m) => a + (m.summary?.cached ?? 0), 0),
      errors: 0, // counted below, as the records are copied
      costUsd: manifests.reduce((a, m) => a + (m.summary?.costUsd ?? 0), 0),
    },
  };
  const appender = new JsonlAppender(join(runDir, 'responses.jsonl'));
  for (const r of records) {
    if (r.error !== null) manifest.summary!.errors++;
    appender.appendDeferred(r);
  }
  appender.close();
  // As for a run: the final status is written only after every report output.
  writeJsonAtomic(join(runDir, 'manifest.json'), { ...manifest, status: 'running' });
  const { summary: analysis, leaderboard } = runReporters(runDir, registry, { ...report, manifest });
  writeJsonAtomic(join(runDir, 'manifest.json'), manifest);
  return { runDir, manifest, analysis, leaderboard };
}
