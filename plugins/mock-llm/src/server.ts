import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson, sendText } from './http.js';
import {
  OLLAMA_VERSION,
  ollamaKnows,
  sendOllamaError,
  sendOllamaFault,
  sendOllamaModelNotFound,
  sendOllamaReply,
  sendTags,
} from './ollama.js';
import {
  bearerToken,
  modelObject,
  sendAuthError,
  sendBadJson,
  sendModelList,
  sendModelNotFound,
  sendOpenAIError,
  sendOpenAIFault,
  sendOpenAIReply,
  sendUnknownRoute,
} from './openai.js';
import type { ChatRequestInfo, FaultPlan, MockLlmOptions, MockLlmServer, Protocol, RecordedRequest, ReplyScript } from './types.js';
import { normaliseMessages } from './util.js';

const DEFAULT_REPLY = '3';
const DEFAULT_RECORD_CAP = 10_000;
/** Larger bodies get 413; keeps a misbehaving client from growing memory without bound. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

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

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startMockLlm(opts: MockLlmOptions = {}): Promise<MockLlmServer> {
  const latencyMs = opts.latencyMs ?? 0;
  const chunkWords = opts.streamChunkWords ?? true;
  const knownModels = opts.models ? new Set(opts.models) : undefined;
  const listed = opts.tags ?? opts.models ?? [];
  const apiKeys = opts.apiKeys ? new Set(opts.apiKeys) : undefined;
  const recordCap =
    opts.recordRequests === false ? 0 : typeof opts.recordRequests === 'number' ? Math.max(0, opts.recordRequests) : DEFAULT_RECORD_CAP;

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

    const raw = await readBody(req);
    const parsed: ParsedBody = raw === undefined ? { ok: false, raw: '' } : parseBody(raw);
    if (api.requests.length < recordCap) {
      api.requests.push({ method, url, headers: req.headers, body: parsed.ok ? parsed.value : parsed.raw, receivedAt: Date.now() });
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
    if (method === 'GET' && path === '/api/version') return sendJson(res, 200, { version: OLLAMA_VERSION });
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

    let text: string;
    try {
      const r = reply;
      text = typeof r === 'string' ? r : await r(info);
    } catch (err) {
      // A throwing script is a test bug; surface it as a 500 the client will report.
      const message = `mock-llm reply script failed: ${err instanceof Error ? err.message : String(err)}`;
      return isOpenAI ? sendOpenAIError(res, 500, message, 'server_error') : sendOllamaError(res, 500, message);
    }
    if (isOpenAI) sendOpenAIReply(res, info, text, chunkWords, startedNs);
    else sendOllamaReply(res, info, text, chunkWords, startedNs);
  };

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
    reset() {
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
