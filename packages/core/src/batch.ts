import { KeySet, type ReadonlyKeySet } from './key-set.js';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';
import { join } from 'node:path';
import { applyReply, recordFor, type AskProgress, type ReadyModel } from './ask.js';
import { ResponseCache } from './cache.js';
import { redactSecrets, safeServerText } from './errors.js';
import type { AnswerParser } from './answer-parser.js';
import type { Plan, PlannedRequest, Shard } from './plan.js';
import type { ProviderContext } from './provider.js';
import type { JsonlAppender, ResponseRecord } from './responses.js';

export interface BatchAskOptions {
  plan: Plan;
  /** Models to ask through their provider's batch API. */
  models: Map<string, ReadyModel>;
  parser: AnswerParser;
  log: JsonlAppender;
  runDir: string;
  ctx: ProviderContext;
  done?: ReadonlyKeySet;
  cache?: ResponseCache | null;
  shard?: Shard;
  pollIntervalMs?: number;
  onEvent?: (message: string) => void;
  onRecord?: (record: ResponseRecord, progress: AskProgress) => void;
  signal?: AbortSignal;
}

export interface BatchAskSummary {
  asked: number;
  cached: number;
  skipped: number;
  errors: number;
  /** Models whose batches were still running when the run was interrupted. */
  pending: string[];
  byModel: Record<string, AskProgress>;
}

function saveState(path: string, state: unknown): void {
  writeFileAtomic(path, JSON.stringify(state, null, 2) + '\n');
}

/**
 * ask through batch APIs: submit every request not yet answered, save the batch state in the run
 * directory at once (a resumed run polls the same batches instead of paying twice), poll until
 * done, then append each result as a response record.
 */
export async function askBatches(opts: BatchAskOptions): Promise<BatchAskSummary> {
  const { plan, parser, log, done = new KeySet(), cache = null } = opts;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const summary: BatchAskSummary = { asked: 0, cached: 0, skipped: 0, errors: 0, pending: [], byModel: {} };
  const dir = join(opts.runDir, 'batches');
  mkdirSync(dir, { recursive: true });

  await Promise.all(
    [...opts.models.values()].map(async (ready) => {
      const batch = ready.provider.batch!;
      const id = ready.entry.id;
      const ns = ResponseCache.namespaceOf(ready.entry, ready.provider.cacheIdentity?.(ready.entry));
      const progress: AskProgress = { model: id, done: 0, total: 0, errors: 0, retries: 0, cached: 0, costUsd: 0, limit: 0, stopped: null };
      summary.byModel[id] = progress;
      const append = (record: ResponseRecord) => {
        record.at = new Date().toISOString();
        log.append(record);
        progress.done++;
        if (record.error) {
          progress.errors++;
          summary.errors++;
        }
        progress.costUsd += record.costUsd ?? 0;
        opts.onRecord?.(record, progress);
      };
      const wanted = new Map<string, PlannedRequest>();
      for (const req of plan.requests({ model: id, shard: opts.shard })) {
        progress.total++;
        if (done.has(req.key)) {
          summary.skipped++;
          progress.done++;
          continue;
        }
        const hit = cache?.get(ns, req.key);
        if (hit) {
          const record = recordFor(req, ready);
          record.cached = true;
          record.latencyMs = hit.latencyMs;
          applyReply(record, hit, req, ready, parser);
          summary.cached++;
          progress.cached++;
          append(record);
          continue;
        }
        wanted.set(req.key, req);
      }
      if (wanted.size === 0) return;

      const statePath = join(dir, `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
      let state: unknown;
      if (existsSync(statePath)) {
        state = JSON.parse(readFileSync(statePath, 'utf8'));
        opts.onEvent?.(`${id}: resuming the batch saved in ${statePath}`);
      } else {
        const items = [...wanted.values()].map((req) => ({ customId: req.key, messages: req.prompt.messages, seed: req.seed }));
        state = await batch.submit(ready.entry, opts.ctx, items, (s) => saveState(statePath, s));
        saveState(statePath, state);
        opts.onEvent?.(`${id}: submitted ${items.length} requests as a batch`);
      }
      const started = performance.now();
      for (;;) {
        const polled = await batch.poll(ready.entry, opts.ctx, state);
        state = polled.state;
        saveState(statePath, state);
        opts.onEvent?.(`${id}: batch ${polled.completed}/${polled.total} done, ${polled.failed} failed`);
        if (polled.done) break;
        if (opts.signal?.aborted) {
          summary.pending.push(id);
          return;
        }
        await sleep(opts.pollIntervalMs ?? 30_000);
      }
      const latency = Math.round(performance.now() - started);
      for (const r of await batch.results(ready.entry, opts.ctx, state)) {
        const req = wanted.get(r.customId);
        // A result for a request of another plan (e.g. an edited config) is not ours to record.
        if (!req) continue;
        wanted.delete(r.customId);
        const record = recordFor(req, ready);
        record.attempts = 1;
        record.latencyMs = latency;
        if (r.text !== null && r.error === null) {
          const reply = { raw: redactSecrets(r.text, ready.secrets), tokens: r.usage, latencyMs: latency };
          applyReply(record, reply, req, ready, parser);
          cache?.put(ns, req.key, reply);
        } else {
          record.error = safeServerText(r.error ?? 'the batch returned no result for this request', ready.secrets);
        }
        summary.asked++;
        append(record);
      }
      // Requests the batch never answered are recorded as errors, so --retry-errors asks them.
      for (const req of wanted.values()) {
        const record = recordFor(req, ready);
        record.error = 'the batch returned no result for this request';
        append(record);
      }
      // Its results are recorded: keep the state for provenance, out of the way of a later retry.
      renameSync(statePath, statePath.replace(/\.json$/, `.done-${Date.now()}.json`));
    }),
  );
  return summary;
}
