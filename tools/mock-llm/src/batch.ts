import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.js';
import type { MultipartPart } from './multipart.js';
import { errorBody, sendOpenAIError, sendUnknownRoute } from './openai.js';
import type { BatchInputLine, MockLlmOptions, StoredBatch, StoredFile } from './types.js';

// The OpenAI Batch API: /v1/files and /v1/batches. Files and batches live in memory. A batch runs
// its lines through the same reply script and fault plan as /v1/chat/completions when it leaves
// "validating", and its status advances with polls (or time), so that tests see every state.

/** How one batch line ended. */
export type BatchLineOutcome =
  | { kind: 'response'; status: number; body: unknown; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** A 'hang' fault: the line never finishes, so the batch ends "expired". */
  | { kind: 'expired' };

export interface BatchApiDeps {
  /** Runs one line like a non-stream chat request. `key` is the bearer token that created the batch. */
  runLine(line: BatchInputLine, batchId: string, key: string | undefined): Promise<BatchLineOutcome>;
  knownModels?: Set<string>;
  opts: MockLlmOptions;
}

export const BATCH_MAX_REQUESTS = 50_000;
export const BATCH_MAX_BYTES = 200 * 1024 * 1024;
const DEFAULT_POLLS_TO_COMPLETE = 4;
const FILE_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];
const ENDPOINTS = ['/v1/chat/completions'];
const MAX_REPORTED_ERRORS = 100;
const DAY = 86_400;

type BatchErrorEntry = StoredBatch['errors'][number];
type Status = StoredBatch['status'];

interface DoneLine {
  line: BatchInputLine;
  outcome: BatchLineOutcome;
  id: string;
  requestId: string;
}

interface BatchRecord extends StoredBatch {
  createdMs: number;
  createdAt: number;
  key: string | undefined;
  model: string | null;
  times: Partial<Record<'in_progress_at' | 'finalizing_at' | 'completed_at' | 'failed_at' | 'expired_at' | 'cancelling_at' | 'cancelled_at', number>>;
  /** Outcomes of every line, once the batch has started running. */
  done?: DoneLine[];
  /** How many of `done` the batch has "processed" so far (counts and files only show these). */
  revealed: number;
  /** Serialises status changes of this batch. */
  lock: Promise<void>;
}

const TERMINAL: ReadonlySet<Status> = new Set(['failed', 'completed', 'expired', 'cancelled']);
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function fileId(): string {
  let id = 'file-';
  for (const b of randomBytes(22)) id += BASE62[b % 62];
  return id;
}
const hexId = (bytes: number): string => randomBytes(bytes).toString('hex');
const nowSec = (): number => Math.floor(Date.now() / 1000);

function fileObject(f: StoredFile) {
  return {
    id: f.id,
    bytes: f.bytes,
    created_at: f.created_at,
    filename: f.filename,
    object: 'file' as const,
    purpose: f.purpose,
    status: 'processed' as const,
    // Batch files expire after 30 days.
    expires_at: f.purpose === 'batch' || f.purpose === 'batch_output' ? f.created_at + 30 * DAY : null,
    status_details: null,
  };
}

/** Cursor page as OpenAI's list endpoints return it (newest first). */
function page<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
): { object: 'list'; data: T[]; first_id: string | null; last_id: string | null; has_more: boolean } {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), 10_000);
  const after = query.get('after');
  let start = 0;
  if (after) {
    const i = items.findIndex((x) => x.id === after);
    start = i < 0 ? items.length : i + 1;
  }
  const data = items.slice(start, start + limit);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < items.length };
}

function err(code: string, message: string, line: number | null = null, param: string | null = null): BatchErrorEntry {
  return { code, message, param, line };
}

/** OpenAI-style validation of a batch input file: one `{custom_id, method, url, body}` per line. */
export function validateBatchInput(
  content: Buffer,
  endpoint: string,
  knownModels: Set<string> | undefined,
  maxRequests: number,
): { lines: BatchInputLine[]; errors: BatchErrorEntry[]; model: string | null } {
  const errors: BatchErrorEntry[] = [];
  const lines: BatchInputLine[] = [];
  const seen = new Map<string, number>();
  let model: string | null = null;
  const raw = content.toString('utf8').split('\n');
  let count = 0;
  for (let i = 0; i < raw.length && errors.length < MAX_REPORTED_ERRORS; i++) {
    const text = raw[i]!.replace(/\r$/, '');
    if (text.trim() === '') continue;
    count++;
    const n = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      errors.push(err('invalid_json_line', 'This line is not parseable as valid JSON.', n));
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push(err('invalid_request', 'Each line must be a JSON object.', n));
      continue;
    }
    const o = obj as Record<string, unknown>;
    let ok = true;
    for (const key of ['custom_id', 'method', 'url', 'body']) {
      if (o[key] === undefined || o[key] === null) {
        errors.push(err('missing_required_parameter', `Missing required parameter: '${key}'.`, n, key));
        ok = false;
      }
    }
    if (!ok) continue;
    if (typeof o.custom_id !== 'string' || o.custom_id === '') {
      errors.push(err('invalid_request', 'custom_id must be a non-empty string.', n, 'custom_id'));
      continue;
    }
    if (o.method !== 'POST') {
      errors.push(err('invalid_request', `Invalid value: '${String(o.method)}'. Supported values are: 'POST'.`, n, 'method'));
      continue;
    }
    if (o.url !== endpoint) {
      errors.push(err('invalid_url', 'The URL provided for this request does not match the batch endpoint.', n, 'url'));
      continue;
    }
    const body = o.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      errors.push(err('invalid_request', 'body must be a JSON object.', n, 'body'));
      continue;
    }
    const b = body as Record<string, unknown>;
    if (typeof b.model !== 'string' || b.model === '') {
      errors.push(err('missing_required_parameter', "Missing required parameter: 'body.model'.", n, 'body.model'));
      continue;
    }
    if (!Array.isArray(b.messages)) {
      errors.push(err('missing_required_parameter', "Missing required parameter: 'body.messages'.", n, 'body.messages'));
      continue;
    }
    if (b.stream === true) {
      errors.push(err('invalid_request', 'Streaming is not supported in the Batch API.', n, 'body.stream'));
      continue;
    }
    if (knownModels && !knownModels.has(b.model)) {
      errors.push(err('model_not_found', `The model '${b.model}' does not exist or you do not have access to it.`, n, 'body.model'));
      continue;
    }
    if (model === null) model = b.model;
    else if (b.model !== model) {
      errors.push(
        err(
          'mismatched_model',
          `The model '${b.model}' does not match the model '${model}' of the other requests in this batch; a batch may only use one model.`,
          n,
          'body.model',
        ),
      );
      continue;
    }
    const first = seen.get(o.custom_id);
    if (first !== undefined) {
      errors.push(
        err(
          'duplicate_custom_id',
          `The custom_id for this request is a duplicate of another request (line ${first}). The custom_id parameter must be unique for each request in a batch.`,
          n,
          'custom_id',
        ),
      );
      continue;
    }
    seen.set(o.custom_id, n);
    lines.push({ customId: o.custom_id, body: b });
  }
  if (count === 0) errors.push(err('empty_file', 'The batch input file is empty.'));
  else if (count > maxRequests) {
    errors.unshift(err('too_many_requests', `The batch input file has ${count} requests; a batch may hold at most ${maxRequests}.`));
  }
  return errors.length ? { lines: [], errors, model: null } : { lines, errors, model };
}

/** A stable scrambled order (by a hash of the line id): OpenAI does not keep input order either. */
function scramble(done: DoneLine[]): DoneLine[] {
  const key = (d: DoneLine) => createHash('sha1').update(d.id).digest('hex');
  return [...done].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

export function createBatchApi(deps: BatchApiDeps) {
  const { opts } = deps;
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, BatchRecord>();
  const fileVisibleAt = new Map<string, number>();
  const maxBytes = opts.batchMaxBytes ?? BATCH_MAX_BYTES;
  const maxRequests = opts.batchMaxRequests ?? BATCH_MAX_REQUESTS;
  const pollsToComplete = Math.max(1, Math.floor(opts.batchPollsToComplete ?? DEFAULT_POLLS_TO_COMPLETE));
  const shuffle = opts.batchShuffleOutput ?? true;

  const storeFile = (filename: string, purpose: string, content: Buffer): StoredFile => {
    const f: StoredFile = { id: fileId(), filename, purpose, bytes: content.length, created_at: nowSec(), content };
    files.set(f.id, f);
    return f;
  };

  /** 0 at creation, 1 when the batch is complete. */
  const progress = (b: BatchRecord): number => {
    if (opts.batchCompleteAfterMs !== undefined) {
      return opts.batchCompleteAfterMs <= 0 ? 1 : (Date.now() - b.createdMs) / opts.batchCompleteAfterMs;
    }
    return b.polls / pollsToComplete;
  };

  const counts = (b: BatchRecord) => {
    if (b.errors.length || b.status === 'validating') return { total: 0, completed: 0, failed: 0 };
    let completed = 0;
    let failed = 0;
    for (const d of (b.done ?? []).slice(0, b.revealed)) {
      if (d.outcome.kind === 'response' && d.outcome.status === 200) completed++;
      else failed++;
    }
    return { total: b.lines.length, completed, failed };
  };

  const usage = (b: BatchRecord) => {
    let input = 0;
    let output = 0;
    for (const d of (b.done ?? []).slice(0, b.revealed)) {
      if (d.outcome.kind === 'response' && d.outcome.usage) {
        input += d.outcome.usage.prompt_tokens;
        output += d.outcome.usage.completion_tokens;
      }
    }
    return {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: input + output,
    };
  };

  const batchObject = (b: BatchRecord) => ({
    id: b.id,
    object: 'batch' as const,
    endpoint: b.endpoint,
    model: b.model,
    errors: b.errors.length ? { object: 'list', data: b.errors } : null,
    input_file_id: b.inputFileId,
    completion_window: '24h',
    status: b.status,
    output_file_id: b.outputFileId,
    error_file_id: b.errorFileId,
    created_at: b.createdAt,
    in_progress_at: b.times.in_progress_at ?? null,
    expires_at: b.createdAt + DAY,
    finalizing_at: b.times.finalizing_at ?? null,
    completed_at: b.times.completed_at ?? null,
    failed_at: b.times.failed_at ?? null,
    expired_at: b.times.expired_at ?? null,
    cancelling_at: b.times.cancelling_at ?? null,
    cancelled_at: b.times.cancelled_at ?? null,
    request_counts: counts(b),
    usage: usage(b),
    metadata: b.metadata,
  });

  /** Writes the output and error files from the processed lines (none are created if empty). */
  const writeResults = (b: BatchRecord): void => {
    const processed = (b.done ?? []).slice(0, b.revealed);
    const ok: string[] = [];
    const bad: string[] = [];
    for (const d of shuffle ? scramble(processed) : processed) {
      const o = d.outcome;
      if (o.kind === 'expired') {
        bad.push(
          JSON.stringify({
            id: d.id,
            custom_id: d.line.customId,
            response: null,
            error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
          }),
        );
        continue;
      }
      const row = JSON.stringify({
        id: d.id,
        custom_id: d.line.customId,
        response: { status_code: o.status, request_id: d.requestId, body: o.body },
        error: null,
      });
      (o.status === 200 ? ok : bad).push(row);
    }
    if (ok.length) b.outputFileId = storeFile(`${b.id}_output.jsonl`, 'batch_output', Buffer.from(ok.join('\n') + '\n')).id;
    if (bad.length) b.errorFileId = storeFile(`${b.id}_error.jsonl`, 'batch_output', Buffer.from(bad.join('\n') + '\n')).id;
  };

  const run = async (b: BatchRecord): Promise<void> => {
    const done: DoneLine[] = [];
    for (const line of b.lines) {
      done.push({ line, outcome: await deps.runLine(line, b.id, b.key), id: `batch_req_${hexId(16)}`, requestId: hexId(16) });
    }
    b.done = done;
  };

  /** Moves a batch along its life cycle; `poll` is true for `GET /v1/batches/:id`. */
  const advance = (b: BatchRecord, poll: boolean): Promise<void> => {
    const step = async (): Promise<void> => {
      if (poll) b.polls++;
      if (TERMINAL.has(b.status)) return;
      const t = nowSec();
      if (b.status === 'cancelling') {
        if (poll || opts.batchCompleteAfterMs !== undefined) {
          writeResults(b);
          b.status = 'cancelled';
          b.times.cancelled_at = t;
        }
        return;
      }
      const p = progress(b);
      if (p < 0.25) return;
      if (b.errors.length) {
        b.status = 'failed';
        b.times.failed_at = t;
        return;
      }
      if (!b.done) {
        b.times.in_progress_at = t;
        await run(b);
      }
      const total = b.lines.length;
      b.revealed = Math.max(b.revealed, p >= 0.75 ? total : Math.floor((total * (p - 0.25)) / 0.5));
      if (p < 0.75) {
        b.status = 'in_progress';
        return;
      }
      b.times.in_progress_at ??= t;
      b.times.finalizing_at ??= t;
      if (p < 1) {
        b.status = 'finalizing';
        return;
      }
      writeResults(b);
      if (b.done!.some((d) => d.outcome.kind === 'expired')) {
        b.status = 'expired';
        b.times.expired_at = t;
      } else {
        b.status = 'completed';
        b.times.completed_at = t;
      }
    };
    b.lock = b.lock.then(step, step);
    return b.lock;
  };

  const fileNotFound = (res: ServerResponse, id: string): void => sendOpenAIError(res, 404, `No such File object: ${id}`, 'invalid_request_error', null, 'id');
  const batchNotFound = (res: ServerResponse, id: string): void =>
    sendOpenAIError(res, 404, `No batch found with id '${id}'.`, 'invalid_request_error', null, 'batch_id');

  const upload = (res: ServerResponse, parts: MultipartPart[] | undefined): void => {
    if (!parts) return sendOpenAIError(res, 400, 'Invalid request: the body must be multipart/form-data with the fields "file" and "purpose".');
    const purposePart = parts.find((p) => p.name === 'purpose' && p.filename === undefined);
    const filePart = parts.find((p) => p.name === 'file' && p.filename !== undefined);
    if (!filePart) return sendOpenAIError(res, 400, "Missing required parameter: 'file'.", 'invalid_request_error', null, 'file');
    if (!purposePart) return sendOpenAIError(res, 400, "Missing required parameter: 'purpose'.", 'invalid_request_error', null, 'purpose');
    const purpose = purposePart.data.toString('utf8').trim();
    if (!FILE_PURPOSES.includes(purpose)) {
      return sendOpenAIError(
        res,
        400,
        `'${purpose}' is not one of [${FILE_PURPOSES.map((p) => `'${p}'`).join(', ')}] - 'purpose'`,
        'invalid_request_error',
        null,
        'purpose',
      );
    }
    const filename = filePart.filename!;
    if (purpose === 'batch') {
      if (!/\.jsonl$/i.test(filename)) return sendOpenAIError(res, 400, 'Invalid file format for Batch API. Must be .jsonl');
      if (filePart.data.length > maxBytes) return sendOpenAIError(res, 400, 'File is too large.');
    }
    const f = storeFile(filename, purpose, Buffer.from(filePart.data));
    if (opts.batchFileVisibleAfterMs) fileVisibleAt.set(f.id, Date.now() + opts.batchFileVisibleAfterMs);
    sendJson(res, 200, fileObject(f));
  };

  const createBatch = (res: ServerResponse, body: unknown, key: string | undefined): void => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendOpenAIError(res, 400, 'The request body must be a JSON object.');
    const b = body as Record<string, unknown>;
    for (const name of ['input_file_id', 'endpoint', 'completion_window']) {
      if (b[name] === undefined)
        return sendOpenAIError(res, 400, `Missing required parameter: '${name}'.`, 'invalid_request_error', 'missing_required_parameter', name);
    }
    if (typeof b.endpoint !== 'string' || !ENDPOINTS.includes(b.endpoint)) {
      return sendOpenAIError(
        res,
        400,
        `Invalid value: '${String(b.endpoint)}'. Supported values are: ${ENDPOINTS.map((e) => `'${e}'`).join(', ')} (mock-llm runs chat completions only).`,
        'invalid_request_error',
        'invalid_value',
        'endpoint',
      );
    }
    if (b.completion_window !== '24h') {
      return sendOpenAIError(
        res,
        400,
        `Invalid value: '${String(b.completion_window)}'. Supported values are: '24h'.`,
        'invalid_request_error',
        'invalid_value',
        'completion_window',
      );
    }
    let metadata: Record<string, string> | null = null;
    if (b.metadata !== undefined && b.metadata !== null) {
      const m = b.metadata;
      const entries = typeof m === 'object' && !Array.isArray(m) ? Object.entries(m as object) : undefined;
      if (!entries || entries.length > 16 || entries.some(([k, v]) => k.length > 64 || typeof v !== 'string' || v.length > 512)) {
        return sendOpenAIError(
          res,
          400,
          'Invalid metadata: at most 16 pairs, keys up to 64 characters, string values up to 512 characters.',
          'invalid_request_error',
          'invalid_value',
          'metadata',
        );
      }
      metadata = Object.fromEntries(entries) as Record<string, string>;
    }
    const inputFileId = String(b.input_file_id);
    const f = files.get(inputFileId);
    const visibleAt = fileVisibleAt.get(inputFileId);
    if (!f || (visibleAt !== undefined && Date.now() < visibleAt)) {
      // What api.openai.com says for an unknown file, and sometimes for one uploaded a moment ago.
      return sendOpenAIError(
        res,
        400,
        `Cannot find file ${inputFileId}, or project proj_mock does not have access to it.`,
        'invalid_request_error',
        null,
        'file_id',
      );
    }
    if (f.purpose !== 'batch') {
      return sendOpenAIError(
        res,
        400,
        `The input file ${inputFileId} must be uploaded with purpose 'batch' (it has '${f.purpose}').`,
        'invalid_request_error',
        null,
        'input_file_id',
      );
    }
    const checked = validateBatchInput(f.content, b.endpoint, deps.knownModels, maxRequests);
    const record: BatchRecord = {
      id: `batch_${hexId(16)}`,
      inputFileId,
      endpoint: b.endpoint,
      status: 'validating',
      metadata,
      lines: checked.lines,
      errors: checked.errors,
      polls: 0,
      outputFileId: null,
      errorFileId: null,
      createdMs: Date.now(),
      createdAt: nowSec(),
      key,
      model: checked.model,
      times: {},
      revealed: 0,
      lock: Promise.resolve(),
    };
    batches.set(record.id, record);
    sendJson(res, 200, batchObject(record));
  };

  const cancel = async (res: ServerResponse, b: BatchRecord): Promise<void> => {
    await b.lock;
    if (b.status === 'cancelling' || b.status === 'cancelled') return sendJson(res, 200, batchObject(b));
    if (TERMINAL.has(b.status)) {
      return sendOpenAIError(res, 400, `Cannot cancel a batch with status '${b.status}'.`, 'invalid_request_error', null, null);
    }
    b.status = 'cancelling';
    b.times.cancelling_at = nowSec();
    sendJson(res, 200, batchObject(b));
  };

  /** Answers a /v1/files or /v1/batches request. Returns false if the path is not one of these. */
  const handle = async (
    method: string,
    path: string,
    query: URLSearchParams,
    json: { ok: true; value: unknown } | { ok: false },
    parts: MultipartPart[] | undefined,
    key: string | undefined,
    res: ServerResponse,
  ): Promise<boolean> => {
    const seg = path
      .split('/')
      .slice(2)
      .map((s) => decodeURIComponent(s)); // ['files', id?, 'content'?]
    if (seg[0] === 'files') {
      if (seg.length === 1 && method === 'POST') upload(res, parts);
      else if (seg.length === 1 && method === 'GET') {
        const purpose = query.get('purpose');
        const all = [...files.values()].filter((f) => !purpose || f.purpose === purpose).reverse();
        if (query.get('order') === 'asc') all.reverse();
        sendJson(res, 200, page(all.map(fileObject), query));
      } else if (seg.length === 2 || (seg.length === 3 && seg[2] === 'content')) {
        const f = files.get(seg[1]!);
        if (seg.length === 3 && method === 'GET') {
          if (!f) fileNotFound(res, seg[1]!);
          else if (!res.destroyed) {
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.content.length });
            res.end(f.content);
          }
        } else if (seg.length === 2 && method === 'GET') {
          if (!f) fileNotFound(res, seg[1]!);
          else sendJson(res, 200, fileObject(f));
        } else if (seg.length === 2 && method === 'DELETE') {
          if (!f) fileNotFound(res, seg[1]!);
          else {
            files.delete(f.id);
            sendJson(res, 200, { id: f.id, object: 'file', deleted: true });
          }
        } else sendUnknownRoute(res, method, path);
      } else sendUnknownRoute(res, method, path);
      return true;
    }
    if (seg[0] === 'batches') {
      if (seg.length === 1 && method === 'POST') {
        if (!json.ok) sendOpenAIError(res, 400, 'We could not parse the JSON body of your request.');
        else createBatch(res, json.value, key);
      } else if (seg.length === 1 && method === 'GET') {
        const all = [...batches.values()].reverse();
        for (const b of all) await advance(b, false);
        sendJson(res, 200, page(all.map(batchObject), query));
      } else if (seg.length === 2 && method === 'GET') {
        const b = batches.get(seg[1]!);
        if (!b) batchNotFound(res, seg[1]!);
        else {
          await advance(b, true);
          sendJson(res, 200, batchObject(b));
        }
      } else if (seg.length === 3 && seg[2] === 'cancel' && method === 'POST') {
        const b = batches.get(seg[1]!);
        if (!b) batchNotFound(res, seg[1]!);
        else await cancel(res, b);
      } else sendUnknownRoute(res, method, path);
      return true;
    }
    return false;
  };

  return {
    files,
    batches: batches as Map<string, StoredBatch>,
    handle,
    reset(): void {
      files.clear();
      batches.clear();
      fileVisibleAt.clear();
    },
  };
}

/** The error body a batch line gets for a 502 (the chat route's Cloudflare HTML page has no JSON). */
export const BATCH_BAD_GATEWAY = errorBody('Bad gateway.', 'server_error');
