import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { statusOf, type ModelEntry, type ProviderContext } from '@culturebench/core';
import { keyFix, keyForClient, readKey, resolveEndpoint, type ResolvedEndpoint } from './endpoint.js';
import { explainOpenAIError, redact, rememberKey, serverMessage } from './errors.js';
import { entryParams, wireMessages } from './body.js';

// OpenAI Batch API: upload a JSONL file of chat-completion requests, create a batch, poll it, read
// the output and error files. Half the price of the synchronous API, results within 24 h.
//
// Every function is safe to call again with the same arguments (a crashed run resumes from a
// persisted BatchState): polling a finished batch does not touch the network, results can be
// fetched any number of times, cancelling a finished batch is a no-op, and submitBatch() skips
// parts the state already holds and adopts batches it created before a crash (found by a
// content hash in the batch metadata).

/** OpenAI's limits for one batch: 50,000 requests and a 200 MB input file (209,715,200 bytes). */
export const BATCH_MAX_REQUESTS = 50_000;
/** Default bytes per input file: a little under OpenAI's 209,715,200-byte limit. */
export const BATCH_MAX_BYTES = 200_000_000;

const ENDPOINT = '/v1/chat/completions';
const DEFAULT_FILE_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];
const META_PREFIX = 'culturebench_';

export type BatchStatus = OpenAI.Batches.Batch['status'];

export interface BatchMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

export interface BatchRequest {
  /** Unique within one submitBatch() call; results are matched to requests by it. */
  customId: string;
  messages: BatchMessage[];
  /** Per-request seed (default: the entry's params.seed), as the chat path sends it. */
  seed?: number;
}

export interface BatchCounts {
  total: number;
  completed: number;
  failed: number;
}

export interface BatchPoll {
  batchId: string;
  status: BatchStatus;
  counts: BatchCounts;
  /** The batch will not change any more: completed, failed, expired or cancelled. */
  done: boolean;
  /**
   * The batch ended without running every request: failed (validation), expired or cancelled.
   * Results of the requests that did run can still be fetched. A completed batch may still hold
   * failed requests (see counts.failed and each result's error).
   */
  failed: boolean;
  outputFileId: string | null;
  errorFileId: string | null;
  /** Batch-level errors (validation), e.g. "line 3: duplicate_custom_id: …". */
  errors: string[];
}

export interface BatchResult {
  customId: string;
  /** The reply text, or null if the request failed. */
  text: string | null;
  usage: { input: number; output: number } | null;
  /** Why the request has no text; never contains the key. */
  error: string | null;
  /** HTTP status of the request inside the batch, when there was one. */
  status?: number;
}

/** One batch (one input file) of a submission. */
export interface BatchPartState {
  batchId: string;
  inputFileId: string;
  /** The custom ids this batch was given, in file order. */
  customIds: string[];
  /** sha256 of the input file; also stored in the batch metadata so that a lost batch can be found again. */
  sha256: string;
  status: BatchStatus;
  counts: BatchCounts;
  outputFileId: string | null;
  errorFileId: string | null;
  errors: string[];
  /** ISO timestamps. */
  submittedAt: string;
  updatedAt: string;
}

/**
 * Everything needed to resume a submission after a crash: persist it as JSON (for example in the
 * run directory) after every change, and pass it back to pollBatchState / fetchBatchStateResults /
 * cancelBatchState, or to submitBatch({ state }) if the submission itself was interrupted.
 * Holds no key.
 */
export interface BatchState {
  version: 1;
  /** entry.id and entry.model the batches were made for. */
  modelId: string;
  model: string;
  /** The endpoint, without credentials. */
  endpoint: string;
  createdAt: string;
  parts: BatchPartState[];
}

export interface BatchStateProgress {
  /** Every part is done. */
  done: boolean;
  /** Some part ended failed, expired or cancelled. */
  failed: boolean;
  /** Summed over the parts. */
  counts: BatchCounts;
  state: BatchState;
}

export interface BatchCallOptions {
  /** Retries of the SDK for each API call (429, 5xx, connection errors; default 2). */
  maxRetries?: number;
  /** Timeout of each API call in ms (default: the SDK's 10 minutes; uploads can be large). */
  timeoutMs?: number;
}

export interface SubmitBatchOptions extends BatchCallOptions {
  /** Requests per batch (default and maximum 50,000). */
  maxRequestsPerBatch?: number;
  /** Bytes per input file (default 200,000,000; OpenAI allows 209,715,200). */
  maxBytesPerBatch?: number;
  /** Extra batch metadata (at most 12 pairs here: culturebench uses 4 of OpenAI's 16). */
  metadata?: Record<string, string>;
  /** A state from an interrupted submitBatch() of the same requests: parts it holds are not submitted again. */
  state?: BatchState;
  /** Called after each part is created, with the updated state: persist it here. */
  onSubmitted?: (state: BatchState) => void | Promise<void>;
  /**
   * Look for batches created earlier for the same input (same sha256 in the metadata, not failed,
   * expired or cancelled) and adopt them instead of paying twice (default true). Costs one
   * `GET /batches?limit=100` per call.
   */
  adoptExisting?: boolean;
  /** Delays before retrying `POST /batches` when OpenAI does not see a just-uploaded file yet. */
  fileRetryDelaysMs?: number[];
}

/** A failed Batch API call: the message names the model, the endpoint, the step and the fix. */
export class OpenAIBatchError extends Error {
  override name = 'OpenAIBatchError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

const TERMINAL: ReadonlySet<BatchStatus> = new Set(['completed', 'failed', 'expired', 'cancelled']);
const INCOMPLETE: ReadonlySet<BatchStatus> = new Set(['failed', 'expired', 'cancelled']);

/**
 * True when the entry's endpoint offers the Batch API: hosted OpenAI (the default endpoint, the
 * `openai` preset, or a baseUrl on api.openai.com), or any endpoint whose entry sets
 * `options.batch: true`. `options.batch: false` turns it off.
 */
export function supportsBatch(entry: ModelEntry): boolean {
  const flag = entry.options?.batch;
  if (flag === true) return true;
  if (flag === false) return false;
  try {
    const ep = resolveEndpoint(entry);
    return ep.preset?.name === 'openai' || new URL(ep.baseUrl).host === 'api.openai.com';
  } catch {
    return false;
  }
}

function where(entry: ModelEntry, ep: ResolvedEndpoint): string {
  return `model ${entry.id} (${entry.model} at ${ep.display})`;
}

function endpointOf(entry: ModelEntry): ResolvedEndpoint {
  try {
    return resolveEndpoint(entry);
  } catch (err) {
    throw new OpenAIBatchError(`model ${entry.id}: ${(err as Error).message}`, false);
  }
}

interface Session {
  client: OpenAI;
  entry: ModelEntry;
  ep: ResolvedEndpoint;
}

function session(entry: ModelEntry, ctx: ProviderContext, opts: BatchCallOptions = {}): Session {
  const ep = endpointOf(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new OpenAIBatchError(`${where(entry, ep)}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`, false);
  rememberKey(readKey(ep, ctx));
  const client = new OpenAI({
    apiKey,
    baseURL: ep.baseUrl,
    maxRetries: opts.maxRetries ?? 2,
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    // Only what the entry and ctx say: nothing from process.env (OPENAI_ADMIN_KEY, OPENAI_ORG_ID,
    // OPENAI_PROJECT_ID; apiKey and baseURL are always given).
    adminAPIKey: null,
    organization: null,
    project: null,
  });
  return { client, entry, ep };
}

/** Turns an SDK error into an OpenAIBatchError that names the step; never contains the key. */
function batchError(s: Session, step: string, err: unknown): OpenAIBatchError {
  if (err instanceof OpenAIBatchError) return err;
  const w = where(s.entry, s.ep);
  const status = statusOf(err);
  const text = serverMessage(err);
  const say = (what: string, fix?: string) => redact(`${w}: ${step} failed: ${what}${fix ? `. Fix: ${fix}` : ''}`);
  if (status === 404) {
    return /Invalid URL/i.test(text)
      ? new OpenAIBatchError(
          say(
            `${s.ep.display} does not implement the Batch API (404: ${text})`,
            'remove options.batch for this model (send normal requests), or correct baseUrl',
          ),
          false,
          status,
        )
      : new OpenAIBatchError(
          say(`not found (404: ${text})`, 'the batch or file id belongs to another account or project, or the file has expired; submit the requests again'),
          false,
          status,
        );
  }
  if (status === 400 || status === 409 || status === 413 || status === 422) {
    return new OpenAIBatchError(say(`the request was rejected (${status}: ${text})`), false, status);
  }
  const explained = explainOpenAIError(err, s.entry);
  const prefix = `${w}: `;
  const message = explained.message.startsWith(prefix)
    ? `${prefix}${step} failed: ${explained.message.slice(prefix.length)}`
    : `${w}: ${step} failed: ${explained.message}`;
  return new OpenAIBatchError(redact(message), explained.retryable, explained.status);
}

async function call<T>(s: Session, step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw batchError(s, step, err);
  }
}

/**
 * Builds the request-body factory for an entry: exactly the parameters the chat path sends
 * (`entryParams`: model, temperature, top_p, max_tokens or max_completion_tokens for reasoning
 * models, seed, options.extraBody) and the messages converted the same way (system becomes
 * developer for reasoning models), without `stream`.
 */
export function batchRequestBody(entry: ModelEntry): (request: Pick<BatchRequest, 'messages' | 'seed'>) => Record<string, unknown> {
  return (request) => ({ ...entryParams(entry, request.seed ?? entry.params?.seed), messages: wireMessages(request.messages, entry.model) });
}

interface PlannedPart {
  customIds: string[];
  text: string;
  bytes: number;
}

/**
 * Splits requests into input files of at most `maxRequests` lines and `maxBytes` bytes, keeping
 * their order. Throws on duplicate or empty custom ids and on a single request over `maxBytes`.
 */
export function planBatchParts(entry: ModelEntry, requests: BatchRequest[], maxRequests = BATCH_MAX_REQUESTS, maxBytes = BATCH_MAX_BYTES): PlannedPart[] {
  if (!(maxRequests >= 1) || maxRequests > BATCH_MAX_REQUESTS) throw new Error(`maxRequestsPerBatch must be between 1 and ${BATCH_MAX_REQUESTS}`);
  const body = batchRequestBody(entry);
  const seen = new Set<string>();
  const parts: PlannedPart[] = [];
  let ids: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length) parts.push({ customIds: ids, text: lines.join('\n') + '\n', bytes });
    ids = [];
    lines = [];
    bytes = 0;
  };
  for (const r of requests) {
    if (typeof r.customId !== 'string' || r.customId === '') throw new Error(`model ${entry.id}: every batch request needs a non-empty customId`);
    if (seen.has(r.customId)) throw new Error(`model ${entry.id}: duplicate customId "${r.customId}" (OpenAI rejects the whole batch)`);
    seen.add(r.customId);
    const line = JSON.stringify({ custom_id: r.customId, method: 'POST', url: ENDPOINT, body: body(r) });
    const size = Buffer.byteLength(line) + 1;
    if (size > maxBytes) throw new Error(`model ${entry.id}: request "${r.customId}" alone is ${size} bytes, over the ${maxBytes}-byte batch file limit`);
    if (lines.length >= maxRequests || bytes + size > maxBytes) flush();
    ids.push(r.customId);
    lines.push(line);
    bytes += size;
  }
  flush();
  return parts;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const isoNow = (): string => new Date().toISOString();

function batchErrors(b: OpenAI.Batches.Batch): string[] {
  return (b.errors?.data ?? []).map((e) => redact(`${e.line != null ? `line ${e.line}: ` : ''}${e.code ? `${e.code}: ` : ''}${e.message ?? 'unknown error'}`));
}

function toPoll(b: OpenAI.Batches.Batch): BatchPoll {
  const c = b.request_counts;
  return {
    batchId: b.id,
    status: b.status,
    counts: { total: c?.total ?? 0, completed: c?.completed ?? 0, failed: c?.failed ?? 0 },
    done: TERMINAL.has(b.status),
    failed: INCOMPLETE.has(b.status),
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    errors: batchErrors(b),
  };
}

function applyPoll(part: BatchPartState, p: BatchPoll): void {
  part.status = p.status;
  part.counts = p.counts;
  part.outputFileId = p.outputFileId;
  part.errorFileId = p.errorFileId;
  part.errors = p.errors;
  part.updatedAt = isoNow();
}

function partPoll(part: BatchPartState): BatchPoll {
  return {
    batchId: part.batchId,
    status: part.status,
    counts: part.counts,
    done: TERMINAL.has(part.status),
    failed: INCOMPLETE.has(part.status),
    outputFileId: part.outputFileId,
    errorFileId: part.errorFileId,
    errors: part.errors,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `POST /batches`. Retried while OpenAI does not see the just-uploaded file yet (a known delay).
 * The SDK's own retries are off for this call: the API takes no idempotency key, so a retry after
 * a lost answer could pay for the batch twice. Instead, after a 429, 5xx or connection failure, a
 * batch with the same input hash is looked up (and adopted) before trying again.
 */
async function createBatch(
  s: Session,
  params: OpenAI.Batches.BatchCreateParams,
  hash: string,
  delays: number[],
  maxRetries: number,
): Promise<OpenAI.Batches.Batch> {
  let fileWaits = 0;
  let retries = 0;
  for (;;) {
    try {
      return await s.client.batches.create(params, { maxRetries: 0 });
    } catch (err) {
      const status = statusOf(err);
      if (status === 400 && /cannot find file|no such file/i.test(serverMessage(err)) && fileWaits < delays.length) {
        await sleep(delays[fileWaits++]!);
        continue;
      }
      const transient = status === undefined || status === 429 || status >= 500;
      if (!transient || retries >= maxRetries) throw batchError(s, 'creating the batch', err);
      await sleep(Math.min(8_000, 500 * 2 ** retries++));
      const made = (await adoptable(s)).get(hash);
      if (made) return made;
    }
  }
}

/**
 * Non-terminal batches with our metadata, by input sha256 (first page of the newest 100).
 * Best effort: if listing fails (no list route, bad key …), nothing is adopted and the upload
 * that follows reports the problem.
 */
async function adoptable(s: Session): Promise<Map<string, OpenAI.Batches.Batch>> {
  const found = new Map<string, OpenAI.Batches.Batch>();
  let data: OpenAI.Batches.Batch[];
  try {
    data = (await s.client.batches.list({ limit: 100 }, { maxRetries: 0 })).data;
  } catch {
    return found;
  }
  for (const b of data) {
    const hash = b.metadata?.[`${META_PREFIX}sha256`];
    if (hash && !INCOMPLETE.has(b.status) && b.status !== 'cancelling' && b.metadata?.[`${META_PREFIX}model`] === s.entry.model && !found.has(hash))
      found.set(hash, b);
  }
  return found;
}

/**
 * Submits chat-completion requests through the Batch API: builds the JSONL (same body as the
 * chat path), splits it at the limits, uploads each file and creates one batch per file. Returns
 * the BatchState to persist; `opts.onSubmitted` sees it after every batch.
 */
export async function submitBatch(entry: ModelEntry, ctx: ProviderContext, requests: BatchRequest[], opts: SubmitBatchOptions = {}): Promise<BatchState> {
  const ep = endpointOf(entry);
  if (!supportsBatch(entry)) {
    throw new OpenAIBatchError(
      `${where(entry, ep)}: the Batch API is only used with hosted OpenAI. Fix: set options.batch: true if ${ep.display} implements /files and /batches, or run this model without batch`,
      false,
    );
  }
  if (requests.length === 0) throw new OpenAIBatchError(`${where(entry, ep)}: no requests to submit`, false);
  let planned: PlannedPart[];
  try {
    planned = planBatchParts(entry, requests, opts.maxRequestsPerBatch ?? BATCH_MAX_REQUESTS, opts.maxBytesPerBatch ?? BATCH_MAX_BYTES);
  } catch (err) {
    throw new OpenAIBatchError((err as Error).message, false);
  }
  const userMeta = Object.entries(opts.metadata ?? {});
  if (userMeta.length > 12) throw new OpenAIBatchError(`${where(entry, ep)}: at most 12 metadata pairs (OpenAI allows 16; culturebench uses 4)`, false);

  const state: BatchState = opts.state ?? { version: 1, modelId: entry.id, model: entry.model, endpoint: ep.display, createdAt: isoNow(), parts: [] };
  if (state.modelId !== entry.id || state.model !== entry.model) {
    throw new OpenAIBatchError(`${where(entry, ep)}: the saved batch state belongs to model ${state.modelId} (${state.model})`, false);
  }
  const hashes = new Set(planned.map((p) => sha256(p.text)));
  const stray = state.parts.find((q) => !hashes.has(q.sha256));
  if (stray) {
    throw new OpenAIBatchError(
      `${where(entry, ep)}: the saved batch state holds batch ${stray.batchId}, which was made for other requests (or other params); start a new state`,
      false,
    );
  }
  const s = session(entry, ctx, opts);
  const todo = planned.filter((p) => !state.parts.some((q) => q.sha256 === sha256(p.text)));
  const existing = todo.length && opts.adoptExisting !== false ? await adoptable(s) : new Map<string, OpenAI.Batches.Batch>();

  for (const [i, p] of planned.entries()) {
    const hash = sha256(p.text);
    if (state.parts.some((q) => q.sha256 === hash)) continue;
    let batch = existing.get(hash);
    if (!batch) {
      const filename = `culturebench-${entry.id.replace(/[^A-Za-z0-9._-]+/g, '_')}-${i + 1}of${planned.length}.jsonl`;
      const file = await call(s, 'uploading the batch input file', async () =>
        s.client.files.create({ file: await toFile(Buffer.from(p.text), filename, { type: 'application/jsonl' }), purpose: 'batch' }),
      );
      batch = await createBatch(
        s,
        {
          input_file_id: file.id,
          endpoint: ENDPOINT,
          completion_window: '24h',
          metadata: {
            ...Object.fromEntries(userMeta),
            [`${META_PREFIX}model`]: entry.model.slice(0, 512),
            [`${META_PREFIX}model_id`]: entry.id.slice(0, 512),
            [`${META_PREFIX}part`]: `${i + 1}/${planned.length}`,
            [`${META_PREFIX}sha256`]: hash,
          },
        },
        hash,
        opts.fileRetryDelaysMs ?? DEFAULT_FILE_RETRY_DELAYS_MS,
        opts.maxRetries ?? 2,
      );
    }
    const now = isoNow();
    const part: BatchPartState = {
      batchId: batch.id,
      inputFileId: batch.input_file_id,
      customIds: p.customIds,
      sha256: hash,
      status: batch.status,
      counts: { total: 0, completed: 0, failed: 0 },
      outputFileId: null,
      errorFileId: null,
      errors: [],
      submittedAt: now,
      updatedAt: now,
    };
    applyPoll(part, toPoll(batch));
    state.parts.push(part);
    await opts.onSubmitted?.(state);
  }
  return state;
}

/** Status of one batch. */
export async function pollBatch(entry: ModelEntry, ctx: ProviderContext, batchId: string, opts: BatchCallOptions = {}): Promise<BatchPoll> {
  const s = session(entry, ctx, opts);
  return toPoll(await call(s, `polling batch ${batchId}`, () => s.client.batches.retrieve(batchId)));
}

function summarise(state: BatchState): BatchStateProgress {
  const counts = { total: 0, completed: 0, failed: 0 };
  for (const p of state.parts) {
    counts.total += p.counts.total || p.customIds.length;
    counts.completed += p.counts.completed;
    counts.failed += p.counts.failed;
  }
  return {
    done: state.parts.every((p) => TERMINAL.has(p.status)),
    failed: state.parts.some((p) => INCOMPLETE.has(p.status)),
    counts,
    state,
  };
}

/** Polls every unfinished part and updates `state` in place (finished parts cost no request). */
export async function pollBatchState(entry: ModelEntry, ctx: ProviderContext, state: BatchState, opts: BatchCallOptions = {}): Promise<BatchStateProgress> {
  const open = state.parts.filter((p) => !TERMINAL.has(p.status));
  if (open.length) {
    const s = session(entry, ctx, opts);
    for (const part of open) applyPoll(part, toPoll(await call(s, `polling batch ${part.batchId}`, () => s.client.batches.retrieve(part.batchId))));
  }
  return summarise(state);
}

function errorText(status: number | undefined, e: unknown): string {
  const err = (typeof e === 'object' && e !== null ? ((e as { error?: unknown }).error ?? e) : e) as
    | { message?: unknown; code?: unknown; type?: unknown }
    | string
    | undefined;
  if (typeof err === 'string') return err;
  const message = typeof err?.message === 'string' ? err.message : JSON.stringify(e ?? null);
  const code = typeof err?.code === 'string' ? err.code : typeof err?.type === 'string' ? err.type : undefined;
  const head = status !== undefined ? `HTTP ${status}${code ? ` (${code})` : ''}` : (code ?? 'error');
  return `${head}: ${message}`;
}

/** One line of an output or error file. */
function parseResultLine(obj: Record<string, unknown>): BatchResult {
  const customId = String(obj.custom_id);
  const response = obj.response as { status_code?: unknown; body?: unknown } | null | undefined;
  const status = typeof response?.status_code === 'number' ? response.status_code : undefined;
  const fail = (error: string): BatchResult => ({ customId, text: null, usage: null, error: redact(error), ...(status !== undefined ? { status } : {}) });
  if (obj.error) return fail(errorText(status, obj.error));
  if (!response) return fail('no response in the batch output');
  if (status !== 200) return fail(errorText(status, response.body));
  const body = response.body as {
    choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const u = body?.usage;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number' ? { input: u.prompt_tokens, output: u.completion_tokens } : null;
  const choice = body?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content === 'string') return { customId, text: content, usage, error: null, status: 200 };
  const refusal = choice?.message?.refusal;
  return {
    customId,
    text: null,
    usage,
    error: redact(
      typeof refusal === 'string' && refusal
        ? `the model refused: ${refusal}`
        : `the response has no text (finish_reason ${String(choice?.finish_reason ?? 'missing')})`,
    ),
    status: 200,
  };
}

async function readResultFile(s: Session, fileId: string): Promise<BatchResult[]> {
  const text = await call(s, `downloading batch result file ${fileId}`, async () => (await s.client.files.content(fileId)).text());
  const out: BatchResult[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new OpenAIBatchError(`${where(s.entry, s.ep)}: batch result file ${fileId} has a line that is not JSON`, true);
    }
    if (typeof obj === 'object' && obj !== null && typeof (obj as { custom_id?: unknown }).custom_id === 'string')
      out.push(parseResultLine(obj as Record<string, unknown>));
  }
  return out;
}

async function resultsOf(s: Session, p: BatchPoll): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  if (p.outputFileId) out.push(...(await readResultFile(s, p.outputFileId)));
  if (p.errorFileId) out.push(...(await readResultFile(s, p.errorFileId)));
  return out;
}

function notDone(s: Session, p: BatchPoll): OpenAIBatchError {
  return new OpenAIBatchError(
    `${where(s.entry, s.ep)}: batch ${p.batchId} is still ${p.status} (${p.counts.completed + p.counts.failed}/${p.counts.total} done); poll until it is done`,
    true,
  );
}

/**
 * Results of one finished batch: every line of its output and error files. Requests that never
 * ran (cancelled or expired batches) are absent here; fetchBatchStateResults() reports them.
 */
export async function fetchBatchResults(entry: ModelEntry, ctx: ProviderContext, batchId: string, opts: BatchCallOptions = {}): Promise<BatchResult[]> {
  const s = session(entry, ctx, opts);
  const p = toPoll(await call(s, `polling batch ${batchId}`, () => s.client.batches.retrieve(batchId)));
  if (!p.done) throw notDone(s, p);
  return resultsOf(s, p);
}

/**
 * One result per submitted custom id, in submission order. Parts must be done (poll first);
 * requests that never ran get an error saying why (validation failure, cancelled, expired).
 */
export async function fetchBatchStateResults(entry: ModelEntry, ctx: ProviderContext, state: BatchState, opts: BatchCallOptions = {}): Promise<BatchResult[]> {
  const s = session(entry, ctx, opts);
  const open = state.parts.find((p) => !TERMINAL.has(p.status));
  if (open) throw notDone(s, partPoll(open));
  const out: BatchResult[] = [];
  for (const part of state.parts) {
    const byId = new Map<string, BatchResult>();
    for (const r of await resultsOf(s, partPoll(part))) byId.set(r.customId, r);
    const why =
      part.status === 'failed'
        ? `batch ${part.batchId} failed validation${part.errors.length ? `: ${part.errors.slice(0, 3).join('; ')}` : ''}`
        : `not run: batch ${part.batchId} ended ${part.status} before this request was processed`;
    for (const id of part.customIds) out.push(byId.get(id) ?? { customId: id, text: null, usage: null, error: redact(why) });
  }
  return out;
}

/** Cancels a batch; a batch that is already finished or cancelling is left as it is. */
export async function cancelBatch(entry: ModelEntry, ctx: ProviderContext, batchId: string, opts: BatchCallOptions = {}): Promise<BatchPoll> {
  const s = session(entry, ctx, opts);
  const retrieve = async () => toPoll(await call(s, `polling batch ${batchId}`, () => s.client.batches.retrieve(batchId)));
  const before = await retrieve();
  if (before.done || before.status === 'cancelling') return before;
  try {
    return toPoll(await s.client.batches.cancel(batchId));
  } catch (err) {
    // It may have finished between the two calls.
    const after = await retrieve();
    if (after.done || after.status === 'cancelling') return after;
    throw batchError(s, `cancelling batch ${batchId}`, err);
  }
}

/** Cancels every unfinished part and updates `state` in place. */
export async function cancelBatchState(entry: ModelEntry, ctx: ProviderContext, state: BatchState, opts: BatchCallOptions = {}): Promise<BatchStateProgress> {
  for (const part of state.parts) {
    if (TERMINAL.has(part.status) || part.status === 'cancelling') continue;
    applyPoll(part, await cancelBatch(entry, ctx, part.batchId, opts));
  }
  return summarise(state);
}
