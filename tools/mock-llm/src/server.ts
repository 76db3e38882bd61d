import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BATCH_BAD_GATEWAY, createBatchApi, type BatchLineOutcome } from './batch.js';
import { sendJson, sendText } from './http.js';
import { multipartBoundary, parseMultipart, type MultipartPart } from './multipart.js';
import { OLLAMA_VERSION, ollamaKnows, sendOllamaError, sendOllamaFault, sendOllamaModelNotFound, sendOllamaReply, sendTags } from './ollama.js';
import {
  bearerToken,
  chatCompletionObject,
  chatUsage,
  errorBody,
  modelObject,
  openAIFaultResponse,
  sendAuthError,
  sendBadJson,
  sendModelList,
  sendModelNotFound,
  sendOpenAIError,
  sendOpenAIFault,
  sendOpenAIReply,
  sendUnknownRoute,
} from './openai.js';
import type { BatchInputLine, ChatRequestInfo, FaultPlan, MockLlmOptions, MockLlmServer, Protocol, RecordedRequest, ReplyScript } from './types.js';
import { normaliseMessages } from './util.js';

const DEFAULT_REPLY = '3';
const DEFAULT_RECORD_CAP = 10_000;
/** Larger bodies get 413; keeps a misbehaving client from growing memory without bound. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** `POST /v1/files` accepts files up to 512 MB, as OpenAI does (plus room for the multipart framing). */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024 + 64 * 1024;

/** A parsed body, or the marker that it was not valid JSON. */
type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string };

function parseBody(raw: string): ParsedBody {
  if (raw === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, raw };
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What a multipart body is recorded as: its text fields, and file parts as {filename, contentType, bytes}. */
function summariseMultipart(parts: MultipartPart[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    out[p.name] = p.filename === undefined ? p.data.toString('utf8') : { filename: p.filename, contentType: p.contentType, bytes: p.data.length };
  }
  return out;
}

/** The reply text of each choice: the script is called once per choice when the request asks for n > 1. */
async function replyTexts(r: ReplyScript, info: ChatRequestInfo): Promise<string[]> {
  const n = typeof info.body?.n === 'number' && info.body.n > 1 ? Math.floor(info.body.n) : 1;
  if (typeof r === 'string') return Array.from({ length: n }, () => r);
  if (n === 1) return [await r(info)];
  const out: string[] = [];
  for (let choice = 0; choice < n; choice++) out.push(await r({ ...info, choice }));
  return out;
}

export async function startMockLlm(opts: MockLlmOptions = {}): Promise<MockLlmServer> {
  const latencyMs = opts.latencyMs ?? 0;
  const chunkWords = opts.streamChunkWords ?? true;
  const knownModels = opts.models ? new Set(opts.models) : undefined;
  const listed = opts.tags ?? opts.models ?? [];
  const apiKeys = opts.apiKeys ? new Set(opts.apiKeys) : undefined;
  const recordCap = opts.recordRequests === false ? 0 : typeof opts.recordRequests === 'number' ? Math.max(0, opts.recordRequests) : DEFAULT_RECORD_CAP;

  let reply: ReplyScript = opts.reply ?? DEFAULT_REPLY;
  let faults: FaultPlan | undefined = opts.faults;
  let chatIndex = 0;
  // Latency timers, cleared on close so that they cannot keep the process alive.
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedNs = process.hrtime.bigint();
    api.requestCount++;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const qs = url.indexOf('?');
    const path = qs < 0 ? url : url.slice(0, qs);

    const isUpload = method === 'POST' && path === '/v1/files';
    const raw = await readBody(req, isUpload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
    const boundary = multipartBoundary(req.headers['content-type']);
    const parts = raw !== undefined && boundary !== undefined ? parseMultipart(raw, boundary) : undefined;
    const parsed: ParsedBody = raw === undefined ? { ok: false, raw: '' } : boundary !== undefined ? { ok: false, raw: '' } : parseBody(raw.toString('utf8'));
    if (api.requests.length < recordCap) {
      const body = parts ? summariseMultipart(parts) : boundary !== undefined ? raw?.toString('utf8') : parsed.ok ? parsed.value : parsed.raw;
      api.requests.push({ method, url, headers: req.headers, body, receivedAt: Date.now() });
    }
    if (raw === undefined) {
      sendText(res, 413, 'request body too large');
      return;
    }

    if (path.startsWith('/v1/')) {
      if (apiKeys) {
        const key = bearerToken(req);
        if (key === undefined || !apiKeys.has(key)) return sendAuthError(res, key);
      }
      if (method === 'POST' && path === '/v1/chat/completions') return chat('openai', parsed, req, res, startedNs);
      const query = new URLSearchParams(qs < 0 ? '' : url.slice(qs + 1));
      if (await batchApi.handle(method, path, query, parsed.ok ? parsed : { ok: false }, parts, bearerToken(req), res)) return;
      if (method === 'GET' && path === '/v1/models') return sendModelList(res, listed);
      if (method === 'GET' && path.startsWith('/v1/models/')) {
        const id = decodeURIComponent(path.slice('/v1/models/'.length));
        if (knownModels && !knownModels.has(id)) return sendModelNotFound(res, id);
        return sendJson(res, 200, modelObject(id));
      }
      return sendUnknownRoute(res, method, path);
    }

    if (method === 'POST' && path === '/api/chat') return chat('ollama', parsed, req, res, startedNs);
    if (method === 'GET' && path === '/api/tags') return sendTags(res, listed);
    if (method === 'GET' && path === '/api/version') return sendJson(res, 200, { version: opts.ollamaVersion ?? OLLAMA_VERSION });
    if ((method === 'GET' || method === 'HEAD') && path === '/') return sendText(res, 200, 'Ollama is running');
    // Ollama's router (gin) answers unknown routes in plain text.
    sendText(res, 404, '404 page not found');
  };

  const chat = async (protocol: Protocol, parsed: ParsedBody, req: IncomingMessage, res: ServerResponse, startedNs: bigint): Promise<void> => {
    const isOpenAI = protocol === 'openai';
    const badRequest = (message: string, param: string | null = null): void =>
      isOpenAI ? sendOpenAIError(res, 400, message, 'invalid_request_error', null, param) : sendOllamaError(res, 400, message);

    if (!parsed.ok) return isOpenAI ? sendBadJson(res) : sendOllamaError(res, 400, 'invalid JSON in request body');
    const body = parsed.value as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return isOpenAI ? badRequest('The request body must be a JSON object.') : sendOllamaError(res, 400, 'missing request body');
    }
    const model = body.model;
    if (typeof model !== 'string' || model === '') {
      return isOpenAI ? badRequest('you must provide a model parameter') : sendOllamaError(res, 400, 'model is required');
    }
    // Ollama accepts a missing message list (it then only loads the model); treat it as empty.
    const messages = normaliseMessages(isOpenAI ? body.messages : (body.messages ?? []));
    if (!messages) return badRequest(isOpenAI ? "Missing required parameter: 'messages'." : 'messages must be an array', 'messages');
    if (knownModels && !(isOpenAI ? knownModels.has(model) : ollamaKnows(knownModels, model))) {
      return isOpenAI ? sendModelNotFound(res, model) : sendOllamaModelNotFound(res, model);
    }

    const info: ChatRequestInfo = { protocol, model, messages, body, index: chatIndex++ };
    const fault = faults?.(info);
    if (latencyMs > 0) await sleep(latencyMs);
    if (res.destroyed) return;

    if (fault) {
      if ('kind' in fault) {
        // 'hang' leaves the request open; closeAllConnections() in close() ends it.
        if (fault.kind === 'reset') req.socket.destroy();
        return;
      }
      return isOpenAI ? sendOpenAIFault(res, fault, info, req) : sendOllamaFault(res, fault, info);
    }

    let texts: string[];
    try {
      texts = await replyTexts(reply, info);
    } catch (err) {
      // A throwing script is a test bug; surface it as a 500 the client will report.
      const message = `mock-llm reply script failed: ${err instanceof Error ? err.message : String(err)}`;
      return isOpenAI ? sendOpenAIError(res, 500, message, 'server_error') : sendOllamaError(res, 500, message);
    }
    const extras = { texts, logprobs: opts.logprobs };
    if (isOpenAI) sendOpenAIReply(res, info, texts[0], chunkWords, startedNs, extras);
    else sendOllamaReply(res, info, texts[0], chunkWords, startedNs, extras);
  };

  /** One batch line, answered like a non-stream `POST /v1/chat/completions` (same script, same faults). */
  const runLine = async (line: BatchInputLine, batchId: string, key: string | undefined): Promise<BatchLineOutcome> => {
    const body = line.body;
    const model = String(body.model);
    const info: ChatRequestInfo = {
      protocol: 'openai',
      model,
      messages: normaliseMessages(body.messages) ?? [],
      body,
      index: chatIndex++,
      batch: { batchId, customId: line.customId },
    };
    const fault = faults?.(info);
    if (fault) {
      if ('kind' in fault) {
        // A request that hangs never finishes inside the window; a reset is an internal failure.
        if (fault.kind === 'hang') return { kind: 'expired' };
        return { kind: 'response', status: 500, body: errorBody('The server had an error while processing your request. Sorry about that!', 'server_error') };
      }
      const r = openAIFaultResponse(fault, info, key);
      return { kind: 'response', status: r.status, body: typeof r.body === 'string' ? BATCH_BAD_GATEWAY : r.body };
    }
    let texts: string[];
    try {
      texts = await replyTexts(reply, info);
    } catch (err) {
      const message = `mock-llm reply script failed: ${err instanceof Error ? err.message : String(err)}`;
      return { kind: 'response', status: 500, body: errorBody(message, 'server_error') };
    }
    const body2 = chatCompletionObject(info, texts[0], undefined, chatUsage(info, texts[0]), { texts, logprobs: opts.logprobs });
    return { kind: 'response', status: 200, body: body2, usage: body2.usage };
  };
  const batchApi = createBatchApi({ runLine, knownModels, opts });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Unexpected failures (client gone mid-body, malformed %-escape in a model id): answer
      // plainly if anyone is still listening, never log (the benchmark runs 100k requests).
      if (!res.headersSent && !res.destroyed) sendText(res, 500, 'internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const api: MockLlmServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [] as RecordedRequest[],
    requestCount: 0,
    files: batchApi.files,
    batches: batchApi.batches,
    reset() {
      batchApi.reset();
      api.requests.length = 0;
      api.requestCount = 0;
      chatIndex = 0;
      reply = opts.reply ?? DEFAULT_REPLY;
      faults = opts.faults;
    },
    setReply(r: ReplyScript) {
      reply = r;
    },
    setFaults(f?: FaultPlan) {
      faults = f;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        // Drop every connection first (hanging requests and idle keep-alive ones), or close() would
        // wait for them; both calls run in one tick, so no new connection slips in between.
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
  return api;
}
