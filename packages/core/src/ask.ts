import { KeySet, type ReadonlyKeySet } from './key-set.js';
import { ResponseCache, type CachedReply } from './cache.js';
import { redactSecrets, safeServerText } from './errors.js';
import { WriteError } from './fs-layer.js';
import type { AnswerParser } from './answer-parser.js';
import type { Plan, PlannedRequest, Shard } from './plan.js';
import { optionName, type OptionNames } from './option-names.js';
import type { EndpointLive, ExplainedError, InvokeOptions, ModelClient, ModelEntry, ModelProvider } from './provider.js';
import type { JsonlAppender, ResponseRecord } from './responses.js';
import { builtInMethods } from './elicitation/method.js';
import { interpretQuestionnaire } from './elicitation/questionnaire.js';
import { QUESTIONNAIRE_ITEM } from './responses.js';
import { conversationInputChars, turnKey, turnMessages } from './elicitation/conversation.js';
import { hashJson } from './hash.js';
import { explainFailure } from './endpoint-pool.js';
import { liveEndpoints, modelConcurrency } from './endpoints.js';

export interface ReadyModel {
  entry: ModelEntry;
  provider: ModelProvider;
  client: ModelClient;
  /** Strings to redact from error messages (API keys). */
  secrets: string[];
  /** What the availability check said (e.g. "offline baseline"). */
  detail?: string;
  /** Usable but not whole (some endpoints down), as the check said. */
  degraded?: string;
}

export interface AskProgress {
  model: string;
  done: number;
  total: number;
  errors: number;
  retries: number;
  cached: number;
  costUsd: number;
  /** Current adaptive concurrency limit. */
  limit: number;
  /** Set when the model was stopped (bad key, unknown model …). */
  stopped: string | null;
  /** A model with `endpoints`: each one's state, read when the progress is drawn. */
  endpoints?: () => EndpointLive[];
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface AskOptions {
  plan: Plan;
  models: Map<string, ReadyModel>;
  parser: AnswerParser;
  log: JsonlAppender;
  /** Keys already answered in this run directory: not asked again. */
  done?: ReadonlyKeySet;
  /** Conversation turns answered in this run directory: turn key → the reply, which later turns carry. */
  stored?: Map<string, string>;
  /** Global cap on requests in flight. */
  concurrency: number;
  /** Per-request timeout (a timed-out request is retried). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  cache?: ResponseCache | null;
  /** Stop launching requests before the spend could exceed this many US dollars. */
  maxCostUsd?: number;
  shard?: Shard;
  onRecord?: (record: ResponseRecord, progress: AskProgress) => void;
  /** Notable events: a model stopped, rate limited, the budget reached. */
  onEvent?: (message: string) => void;
  /**
   * Called once when every request has been sent and only replies are awaited (no retry pending):
   * the run loads its report code then, while the last replies are on their way.
   */
  onAllSent?: () => void;
  /** Stop sending: no request is started after it fires; those in flight get `graceMs` to finish. */
  signal?: AbortSignal;
  /** How the caller names options in messages (the budget's flag); see option-names.ts. */
  optionNames?: OptionNames;
  /** Requests still in flight this long after `signal` are cut off (default 3000 ms). */
  graceMs?: number;
  /** Cut off the requests in flight now (a second Ctrl-C). */
  cutSignal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface AskSummary {
  asked: number;
  /** Requests answered in this run directory before (resume). */
  skipped: number;
  cached: number;
  errors: number;
  byModel: Record<string, AskProgress>;
  /** Requests in flight that the user cut off: no row is written, a resume asks them. */
  cutOff?: number;
  /** Why launching stopped early, if it did ('storage': responses.jsonl could not be written). */
  stoppedBy: 'signal' | 'budget' | 'storage' | null;
}

/** The abort reason of a request the user cut off (distinct from a timeout or a server reset). */
const CUT_OFF = new DOMException('The run was interrupted', 'AbortError');

/** Classification for providers without `explainError`: HTTP status and Node network codes. */
export function classifyError(err: unknown): ExplainedError {
  const e = err as { status?: number; code?: string; name?: string; message?: string; cause?: { code?: string } };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const code = e?.code ?? e?.cause?.code;
  const message = e?.message ?? String(err);
  if (status !== undefined) return { message, status, retryable: status === 408 || status === 409 || status === 429 || status >= 500 };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || /timed? ?out/i.test(message)) return { message, retryable: true };
  if (code && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'EAI_AGAIN'].includes(code)) return { message, retryable: true };
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return { message, retryable: false };
  // Unknown failures are retried: wrongly stopping a whole model costs more than a few retries.
  return { message, retryable: true };
}

/** Exponential backoff with full jitter, never shorter than what the server asked for. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterSeconds?: number, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

interface PendingRetry {
  req: PlannedRequest;
  attempt: number;
  notBefore: number;
}

/** One model's queue: its own adaptive concurrency, pause and stop state. */
class Lane {
  inFlight = 0;
  limit: number;
  pausedUntil = 0;
  stopped: string | null = null;
  exhausted = false;
  private successes = 0;
  private lastCut = 0;
  readonly retries: PendingRetry[] = [];
  readonly iterator: Iterator<PlannedRequest>;
  readonly progress: AskProgress;
  readonly namespace: string | null;
  /** Running means for the cost estimate of requests not sent yet. */
  tokensSeen = { n: 0, input: 0, output: 0 };

  constructor(
    readonly ready: ReadyModel,
    readonly max: number,
    plan: Plan,
    shard: Shard | undefined,
    total: number,
  ) {
    this.limit = max;
    this.iterator = plan.requests({ model: ready.entry.id, shard });
    this.namespace = ResponseCache.namespaceOf(ready.entry, ready.provider.cacheIdentity?.(ready.entry));
    this.progress = { model: ready.entry.id, done: 0, total, errors: 0, retries: 0, cached: 0, costUsd: 0, limit: max, stopped: null };
    if (ready.client.pool) this.progress.endpoints = liveEndpoints(ready.client.pool, ready.secrets);
  }

  /** Rate limited: halve the concurrency (at most once a second, since a burst of 429s is one event). */
  onRateLimit(now: number, retryAfterSeconds: number | undefined): void {
    if (now - this.lastCut > 1000) {
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.lastCut = now;
    }
    this.successes = 0;
    if (retryAfterSeconds) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterSeconds * 1000);
    this.progress.limit = this.limit;
  }

  /** Additive increase: one more slot after a full window of successes. */
  onSuccess(): void {
    if (this.limit >= this.max) return;
    if (++this.successes >= this.limit) {
      this.limit++;
      this.successes = 0;
      this.progress.limit = this.limit;
    }
  }
}

/** A response record for a planned request, before the reply is known. */
export function recordFor(req: PlannedRequest, ready: ReadyModel): ResponseRecord {
  return {
    key: req.key,
    promptHash: req.prompt.promptHash,
    model: ready.entry.id,
    provider: ready.entry.provider,
    kind: ready.provider.kind,
    country: req.cell.country,
    language: req.cell.language,
    conditions: req.cell.conditions,
    item: req.questionnaire ? QUESTIONNAIRE_ITEM : req.item.id,
    respondent: req.respondent,
    persona: req.persona,
    seed: req.seed,
    variant: req.variant,
    raw: null,
    parsed: null,
    answer: null,
    tokens: null,
    costUsd: null,
    latencyMs: 0,
    attempts: 0,
    cached: false,
    error: null,
    at: '',
  };
}

/** Baselines cost nothing; an LLM without usage or without a price has an unknown cost (null). */
export function costOf(ready: ReadyModel, tokens: { input: number; output: number } | null): number | null {
  if (ready.provider.kind !== 'llm') return 0;
  const price = ready.entry.price;
  return tokens && price ? (tokens.input * price.inputPerMillion + tokens.output * price.outputPerMillion) / 1e6 : null;
}

/** Fills a record from a reply: raw text, tokens, what the elicitation method reads from it, and the cost. */
export function applyReply(record: ResponseRecord, reply: CachedReply, req: PlannedRequest, ready: ReadyModel, parser: AnswerParser): void {
  record.raw = reply.raw;
  record.tokens = reply.tokens;
  record.costUsd = record.cached ? 0 : costOf(ready, reply.tokens);
  if (req.questionnaire) {
    // The whole questionnaire in one reply (per completion): one outcome per item, a missing or invalid item a non-answer of that item.
    record.questionnaire = interpretQuestionnaire(reply, req.questionnaire, req.variant.method, req.group);
    return;
  }
  const method = builtInMethods[req.variant.method];
  const ctx = {
    scaleSize: req.prompt.scaleSize,
    optionLabels: req.prompt.optionLabels,
    codeMap: req.prompt.codeMap ?? Array.from({ length: req.prompt.scaleSize }, (_, i) => i + 1),
    language: record.language,
    parser,
  };
  const [first, ...rest] = method.interpret(reply, ctx, req.group.length);
  record.parsed = first.parsed;
  record.answer = first.answer;
  if (first.distribution) record.distribution = first.distribution;
  // n completions: the request's other respondents (same persona), in order.
  if (req.group.length > 1) record.more = rest.map((a, i) => ({ respondent: req.group[i + 1], raw: a.raw, parsed: a.parsed, answer: a.answer }));
  record.costUsd = record.cached ? 0 : costOf(ready, reply.tokens);
}

/**
 * ask → parse: sends every planned request that is neither answered in this run directory nor
 * cached, with per-model adaptive concurrency under a global cap, retries with backoff, and
 * appends each final outcome to responses.jsonl as it arrives.
 */
export async function ask(opts: AskOptions): Promise<AskSummary> {
  const { plan, models, parser, log, done = new KeySet(), cache = null } = opts;
  // One listener on each of the run's signals for all requests in flight (removed before
  // returning): a listener per request costs O(listeners) per add in Node's EventTarget, a hot
  // spot at c = 256.
  const inFlightStops = new Set<{ onRunAbort: () => void; cut: () => void }>();
  const onRunAbortAll = () => {
    for (const r of inFlightStops) r.onRunAbort();
  };
  const onCutAll = () => {
    for (const r of inFlightStops) r.cut();
  };
  opts.signal?.addEventListener('abort', onRunAbortAll, { once: true });
  opts.cutSignal?.addEventListener('abort', onCutAll, { once: true });
  const policy = { ...defaultRetryPolicy, ...opts.retry };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const summary: AskSummary = { asked: 0, skipped: 0, cached: 0, errors: 0, byModel: {}, stoppedBy: null };

  const lanes: Lane[] = [];
  for (const [id, ready] of models) {
    const cells = plan.cells.filter((c) => c.model.id === id).length;
    const total = opts.shard ? NaN : (cells * plan.size) / Math.max(1, plan.cells.length);
    const lane = new Lane(ready, Math.max(1, modelConcurrency(ready.entry, ready.provider)), plan, opts.shard, total);
    // Several endpoints: a rested or returning endpoint is a notable event.
    ready.client.pool?.onEvent((m) => opts.onEvent?.(safeServerText(`${id}: ${m}`, ready.secrets)));
    lanes.push(lane);
    summary.byModel[id] = lane.progress;
  }
  if (opts.shard) {
    // A shard's size is only known by walking its slice of the plan (cheap next to asking).
    for (const lane of lanes) {
      let n = 0;
      for (const _ of plan.requests({ model: lane.ready.entry.id, shard: opts.shard })) n++;
      lane.progress.total = n;
    }
  }

  let spent = 0;
  let reserved = 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** A pessimistic guess of one request's cost, reserved against the budget while it is in flight. */
  const estimate = (lane: Lane, req: PlannedRequest): number => {
    const price = lane.ready.entry.price;
    if (!price || lane.ready.provider.kind !== 'llm') return 0;
    const t = lane.tokensSeen;
    if (req.conversation) {
      // Every turn pays for all earlier ones; replies guessed at 64 tokens.
      const turns = req.conversation.turns.length;
      const output = (lane.ready.entry.params?.maxTokens ?? 64) * turns;
      return ((conversationInputChars(req.conversation, 256) / 2) * price.inputPerMillion + output * price.outputPerMillion) / 1e6;
    }
    const chars = req.prompt.messages.reduce((a, m) => a + m.content.length, 0);
    const input = t.n ? (t.input / t.n) * 1.5 : chars / 2;
    const output = t.n ? (t.output / t.n) * 1.5 : (lane.ready.entry.params?.maxTokens ?? 64);
    return (input * price.inputPerMillion + output * price.outputPerMillion) / 1e6;
  };

  // A failed write (disk full) stops launching; the rows stay pending in the appender and are
  // written at the end if the disk recovers, else the run stops with a resumable file.
  let storageFailure: Error | null = null;
  const guardWrite = (write: () => void) => {
    try {
      write();
    } catch (err) {
      if (!(err instanceof WriteError)) throw err;
      if (!storageFailure) opts.onEvent?.(`stopping: ${err.message}; no more requests are sent`);
      storageFailure = err;
      summary.stoppedBy = 'storage';
    }
  };

  const finish = (record: ResponseRecord, lane: Lane, reply: CachedReply | null, req: PlannedRequest) => {
    if (reply) applyReply(record, reply, req, lane.ready, parser);
    record.at = new Date().toISOString();
    // A reply replayed from the cache costs nothing to recreate: written in batches.
    guardWrite(() => (record.cached ? log.appendDeferred(record) : log.append(record)));
    const p = lane.progress;
    p.done++;
    if (record.error) {
      p.errors++;
      summary.errors++;
    }
    p.costUsd += record.costUsd ?? 0;
    opts.onRecord?.(record, p);
  };

  /** One call to the model with its own timeout; what comes back, as the cache keeps it. */
  const invokeOnce = async (lane: Lane, req: PlannedRequest): Promise<CachedReply & { endpoint?: string }> => {
    const ready = lane.ready;
    const started = performance.now();
    // One controller per request, its timer cleared when the request ends: AbortSignal.timeout and
    // AbortSignal.any keep every signal alive until its timer fires, which grows memory with N.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The request timed out', 'TimeoutError')), timeoutMs);
    // Stopping lets a request in flight finish for a moment; then it is cut off, and such a
    // request is not a model error: it leaves no row, so a resume asks it again.
    const cut = () => controller.abort(CUT_OFF);
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const onRunAbort = () => (graceTimer ??= setTimeout(cut, opts.graceMs ?? 3000));
    if (opts.signal?.aborted) onRunAbort();
    if (opts.cutSignal?.aborted) cut();
    const stops = { onRunAbort, cut };
    inFlightStops.add(stops);
    try {
      const callOptions: InvokeOptions = { signal: controller.signal };
      if (ready.client.capabilities.seed) callOptions.seed = req.seed;
      Object.assign(callOptions, req.invoke);
      const reply = await ready.client.invoke(req.prompt.messages, callOptions);
      // A reply that quotes a secret is redacted before it is cached or stored: the text and every completion.
      const cached: CachedReply = { raw: redactSecrets(reply.text, ready.secrets), tokens: reply.usage, latencyMs: Math.round(performance.now() - started) };
      if (reply.logprobs) cached.logprobs = reply.logprobs;
      if (reply.completions) cached.completions = reply.completions.map((c) => redactSecrets(c.text, ready.secrets));
      if (cached.tokens) {
        lane.tokensSeen.n++;
        lane.tokensSeen.input += cached.tokens.input;
        lane.tokensSeen.output += cached.tokens.output;
      }
      cache?.put(lane.namespace, req.key, cached);
      lane.onSuccess();
      // Which endpoint answered goes to the row, not to the cache: replicas share one cache.
      return reply.endpoint ? { ...cached, endpoint: reply.endpoint } : cached;
    } catch (err) {
      // Cut off by the user: not a model error (the caller writes no row).
      if (controller.signal.aborted && controller.signal.reason === CUT_OFF) throw CUT_OFF;
      throw err;
    } finally {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      inFlightStops.delete(stops);
    }
  };

  /**
   * A failed call: rate-limit bookkeeping, and whether to try again (else the model may be stopped).
   * `cutOff`: the user cut it off, or it would have been retried when the run was stopped — no row
   * is written and a resume asks it again.
   */
  const onFailure = (lane: Lane, err: unknown, attempt: number): { message: string; retryInMs: number | null; cutOff: boolean } => {
    if (err === CUT_OFF) {
      summary.cutOff = (summary.cutOff ?? 0) + 1;
      return { message: '', retryInMs: null, cutOff: true };
    }
    const ready = lane.ready;
    const explained = explainFailure(err, ready.entry, (e, entry) => ready.provider.explainError?.(e, entry) ?? classifyError(e));
    const message = safeServerText(explained.message, ready.secrets);
    if (explained.status === 429) {
      lane.onRateLimit(performance.now(), explained.retryAfterSeconds);
      opts.onEvent?.(
        `${ready.entry.id}: rate limited, concurrency now ${lane.limit}${explained.retryAfterSeconds ? `, pausing ${explained.retryAfterSeconds}s` : ''}`,
      );
    }
    const aborted = opts.signal?.aborted === true;
    if (aborted && explained.retryable && !lane.stopped) {
      summary.cutOff = (summary.cutOff ?? 0) + 1;
      return { message, retryInMs: null, cutOff: true };
    }
    if (explained.retryable && !aborted && attempt < policy.maxAttempts && !lane.stopped) {
      lane.progress.retries++;
      // Failover to another endpoint: the backoff protects the server that failed, not that one.
      return { message, retryInMs: explained.failover ? 0 : backoffMs(attempt, policy, explained.retryAfterSeconds), cutOff: false };
    }
    if (!explained.retryable && !lane.stopped) {
      // A bad key or an unknown model fails every request alike: stop this model, keep the others.
      lane.stopped = message;
      lane.progress.stopped = message;
      opts.onEvent?.(`stopping ${ready.entry.id}: ${message}`);
    }
    return { message, retryInMs: null, cutOff: false };
  };

  const release = (lane: Lane, reservation: number) => {
    reserved -= reservation;
    lane.inFlight--;
    inFlight--;
    notify();
  };

  const send = async (lane: Lane, req: PlannedRequest, attempt: number, reservation: number): Promise<void> => {
    if (req.conversation) return converse(lane, req, reservation);
    const record = recordFor(req, lane.ready);
    record.attempts = attempt;
    const started = performance.now();
    try {
      const cached = await invokeOnce(lane, req);
      record.latencyMs = cached.latencyMs;
      if (cached.endpoint) record.endpoint = cached.endpoint;
      summary.asked++;
      finish(record, lane, cached, req);
      spent += record.costUsd ?? 0;
    } catch (err) {
      const { message, retryInMs, cutOff } = onFailure(lane, err, attempt);
      if (cutOff) return;
      if (retryInMs !== null) {
        lane.retries.push({ req, attempt: attempt + 1, notBefore: performance.now() + retryInMs });
      } else {
        record.error = message;
        record.latencyMs = Math.round(performance.now() - started);
        summary.asked++;
        finish(record, lane, null, req);
      }
    } finally {
      release(lane, reservation);
    }
  };

  /**
   * One conversation, turn by turn: a turn answered in this run directory or cached is replayed
   * (its reply goes into the context, nothing is paid), the first one that is not is asked, with
   * retries in place. A turn that ends in an error ends the conversation there: later turns have
   * no row and a resume (with --retry-errors for the failed turn) continues from it.
   */
  const converse = async (lane: Lane, req: PlannedRequest, reservation: number): Promise<void> => {
    const conv = req.conversation!;
    const replies: string[] = [];
    try {
      for (let t = 0; t < conv.turns.length; t++) {
        // A stop (signal, model stopped, disk full) starts no further turn; a resume continues here.
        if (opts.signal?.aborted || lane.stopped || storageFailure) return;
        const turn = conv.turns[t];
        const messages = turnMessages(conv, replies, t);
        const key = turnKey(req.turnAddress!, messages);
        const stored = opts.stored?.get(key);
        if (stored !== undefined) {
          replies.push(stored);
          summary.skipped++;
          lane.progress.done++;
          continue;
        }
        // An error row kept by a resume without --retry-errors: no reply to carry on with.
        if (done.has(key)) return;
        const treq: PlannedRequest = {
          ...req,
          key,
          item: turn.item,
          prompt: { ...turn.prompt, messages, promptHash: hashJson(messages) },
          conversation: undefined,
          turnAddress: undefined,
        };
        const hit = cache?.get(lane.namespace, key);
        if (hit) {
          const record = recordFor(treq, lane.ready);
          record.conversation = { id: req.key, turn: t + 1 };
          record.cached = true;
          record.latencyMs = hit.latencyMs;
          summary.cached++;
          lane.progress.cached++;
          finish(record, lane, hit, treq);
          replies.push(hit.raw);
          continue;
        }
        let reply: CachedReply | null = null;
        for (let attempt = 1; ; attempt++) {
          const record = recordFor(treq, lane.ready);
          record.conversation = { id: req.key, turn: t + 1 };
          record.attempts = attempt;
          const started = performance.now();
          try {
            const answered = await invokeOnce(lane, treq);
            reply = answered;
            record.latencyMs = answered.latencyMs;
            if (answered.endpoint) record.endpoint = answered.endpoint;
            summary.asked++;
            finish(record, lane, reply, treq);
            spent += record.costUsd ?? 0;
            break;
          } catch (err) {
            const { message, retryInMs, cutOff } = onFailure(lane, err, attempt);
            // Cut off by a stop: no row, the conversation resumes from this turn.
            if (cutOff) return;
            if (retryInMs === null) {
              record.error = message;
              record.latencyMs = Math.round(performance.now() - started);
              summary.asked++;
              finish(record, lane, null, treq);
              return;
            }
            await sleep(Math.max(retryInMs, lane.pausedUntil - performance.now()));
            if (opts.signal?.aborted || lane.stopped || storageFailure) return;
          }
        }
        replies.push(reply.raw);
      }
    } finally {
      release(lane, reservation);
    }
  };

  type Next = { kind: 'send'; req: PlannedRequest; attempt: number } | { kind: 'yield' } | null;
  /** Requests started before the loop yields to I/O once. */
  const SEND_BURST = 32;

  /**
   * The next request of a lane that needs the network. Resumed keys and cache hits are handled
   * inline, a bounded number at a time so that a fully cached run still lets timers and signals in.
   */
  const nextFor = (lane: Lane, now: number): Next => {
    if (lane.retries.length) {
      let best = -1;
      for (let i = 0; i < lane.retries.length; i++) {
        if (lane.retries[i].notBefore <= now && (best < 0 || lane.retries[i].notBefore < lane.retries[best].notBefore)) best = i;
      }
      if (best >= 0) {
        const [r] = lane.retries.splice(best, 1);
        return { kind: 'send', req: r.req, attempt: r.attempt };
      }
    }
    for (let inline = 0; !lane.exhausted; inline++) {
      if (inline >= 2000) return { kind: 'yield' };
      const next = lane.iterator.next();
      if (next.done) {
        lane.exhausted = true;
        break;
      }
      const req = next.value;
      if (done.has(req.key)) {
        summary.skipped++;
        lane.progress.done++;
        continue;
      }
      const hit = cache?.get(lane.namespace, req.key);
      if (hit) {
        const record = recordFor(req, lane.ready);
        record.cached = true;
        record.latencyMs = hit.latencyMs;
        summary.cached++;
        lane.progress.cached++;
        finish(record, lane, hit, req);
        continue;
      }
      return { kind: 'send', req, attempt: 1 };
    }
    return null;
  };

  let allSent = false;
  for (;;) {
    if (opts.signal?.aborted && !summary.stoppedBy) summary.stoppedBy = 'signal';
    const now = performance.now();
    let timer = Infinity;
    let mustYield = false;
    let burst = 0;
    if (!summary.stoppedBy) {
      for (const lane of lanes) {
        if (lane.stopped) continue;
        if (lane.pausedUntil > now) {
          timer = Math.min(timer, lane.pausedUntil);
          continue;
        }
        while (inFlight < opts.concurrency && lane.inFlight < lane.limit) {
          // A burst of sends yields now and then, so the first requests go out (and replies come
          // in) while the rest of a round of c requests is being built.
          if (burst >= SEND_BURST) {
            mustYield = true;
            break;
          }
          const next = nextFor(lane, now);
          if (!next) break;
          if (next.kind === 'yield') {
            mustYield = true;
            break;
          }
          const reservation = estimate(lane, next.req);
          if (opts.maxCostUsd !== undefined && spent + reserved + reservation > opts.maxCostUsd) {
            summary.stoppedBy = 'budget';
            opts.onEvent?.(
              `budget: $${spent.toFixed(4)} spent and $${reserved.toFixed(4)} in flight; the next request could pass ${optionName(opts.optionNames)('maxCost')} $${opts.maxCostUsd}, so no more are sent`,
            );
            break;
          }
          reserved += reservation;
          lane.inFlight++;
          inFlight++;
          burst++;
          void send(lane, next.req, next.attempt, reservation);
        }
        if (summary.stoppedBy) break;
        for (const r of lane.retries) timer = Math.min(timer, r.notBefore);
      }
    }
    const allDone = lanes.every((l) => l.stopped !== null || (l.exhausted && l.retries.length === 0));
    if (allDone && !allSent) {
      allSent = true;
      opts.onAllSent?.();
    }
    if (inFlight === 0 && (allDone || summary.stoppedBy)) break;
    if (mustYield) {
      if (!storageFailure) guardWrite(() => log.writePending());
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (!storageFailure) guardWrite(() => log.writePending());
    // Nothing more can start now: wait for a reply or for the earliest retry or pause to end.
    const wait = new Promise<void>((r) => (wake = r));
    const delay = Number.isFinite(timer) ? Math.max(1, timer - performance.now()) : undefined;
    if (delay === undefined && inFlight > 0) await wait;
    else if (delay !== undefined) await (inFlight > 0 ? Promise.race([wait, sleep(delay)]) : sleep(delay));
    else throw new Error('internal: the runner has requests left but nothing in flight and nothing scheduled');
  }
  // Requests that were stopped before they were sent (stopped model, budget, signal) leave no
  // row: a resume asks them. Retries still pending when a model was stopped are recorded as errors.
  for (const lane of lanes) {
    if (!lane.stopped) continue;
    for (const r of lane.retries.splice(0)) {
      const record = recordFor(r.req, lane.ready);
      record.attempts = r.attempt - 1;
      record.error = `not retried: ${lane.stopped}`;
      finish(record, lane, null, r.req);
    }
  }
  // The disk may have been full only for a moment: try a few times before giving up.
  for (let attempt = 0; ; attempt++) {
    try {
      log.flush();
      break;
    } catch (err) {
      if (!(err instanceof WriteError) || attempt >= 3) throw err;
      summary.stoppedBy = 'storage';
      await sleep(250 * (attempt + 1));
    }
  }
  opts.signal?.removeEventListener('abort', onRunAbortAll);
  opts.cutSignal?.removeEventListener('abort', onCutAll);
  return summary;
}
