import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendStream, sendText } from './http.js';
import type { ChatRequestInfo, Fault, LogprobScript } from './types.js';
import { estimateTokens, maskKey, promptTokens, splitWords } from './util.js';

// Bodies and headers below copy what api.openai.com sends, so that the SDK builds the same errors.

const SYSTEM_FINGERPRINT = 'fp_mock0c0ffee';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export function sendOpenAIError(
  res: ServerResponse,
  status: number,
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): void {
  sendJson(res, status, errorBody(message, type, code, param));
}

export function sendModelNotFound(res: ServerResponse, model: string): void {
  sendOpenAIError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

export function sendBadJson(res: ServerResponse): void {
  sendOpenAIError(
    res,
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  );
}

export function sendUnknownRoute(res: ServerResponse, method: string, path: string): void {
  sendOpenAIError(res, 404, `Invalid URL (${method} ${path})`);
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth || !auth.startsWith('Bearer ')) return undefined;
  return auth.slice(7).trim() || undefined;
}

/** 401 for a missing or wrong key; the key is masked like OpenAI does so logs never hold it. */
export function sendAuthError(res: ServerResponse, key: string | undefined): void {
  sendJson(res, 401, authErrorBody(key));
}

export function sendModelList(res: ServerResponse, models: string[]): void {
  sendJson(res, 200, { object: 'list', data: models.map(modelObject) });
}

export function modelObject(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: 1686935002, owned_by: 'openai' };
}

/** A fault rendered as the response api.openai.com would send: status, body, headers. */
export interface OpenAIFaultResponse {
  status: number;
  /** JSON error body, or a string (the HTML page of a 502). */
  body: OpenAIErrorBody | string;
  headers: Record<string, string>;
}

/** 401 body for a missing or wrong key (the key masked like OpenAI does). */
export function authErrorBody(key: string | undefined): OpenAIErrorBody {
  if (key === undefined) {
    return errorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. YOUR_KEY:YOUR_KEY) when using HTTP Basic Auth. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      'invalid_request_error',
    );
  }
  return errorBody(
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** What api.openai.com answers for a fault; `key` is the request's bearer token (for the 401 text). */
export function openAIFaultResponse(fault: Exclude<Fault, { kind: string }>, info: ChatRequestInfo, key: string | undefined): OpenAIFaultResponse {
  const json = (status: number, body: OpenAIErrorBody, headers: Record<string, string> = {}): OpenAIFaultResponse => ({ status, body, headers });
  switch (fault.status) {
    case 429: {
      const retry = fault.retryAfterSeconds;
      const headers: Record<string, string> = {};
      if (retry !== undefined) {
        headers['retry-after'] = String(retry);
        headers['retry-after-ms'] = String(Math.round(retry * 1000));
      }
      if (fault.resetHeaders !== false) {
        headers['x-ratelimit-limit-requests'] = '500';
        headers['x-ratelimit-remaining-requests'] = '0';
        headers['x-ratelimit-reset-requests'] = formatReset(retry ?? 1);
      }
      const wait = retry !== undefined ? formatReset(retry) : '1s';
      return json(
        429,
        errorBody(
          `Rate limit reached for ${info.model} in organization org-mock on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          'requests',
          'rate_limit_exceeded',
        ),
        headers,
      );
    }
    case 500:
      return json(500, errorBody('The server had an error while processing your request. Sorry about that!', 'server_error'));
    case 502:
      // A 502 from api.openai.com comes from Cloudflare, as HTML.
      return {
        status: 502,
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n',
        headers: {},
      };
    case 503:
      return json(503, errorBody('The engine is currently overloaded, please try again later', 'server_error'));
    case 400:
      return json(400, errorBody(fault.message ?? 'Invalid request.', 'invalid_request_error'));
    case 401:
      return json(401, fault.message !== undefined ? errorBody(fault.message, 'invalid_request_error', 'invalid_api_key') : authErrorBody(key));
    case 404:
      return json(
        404,
        fault.message !== undefined
          ? errorBody(fault.message, 'invalid_request_error', 'model_not_found')
          : errorBody(`The model \`${info.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'),
      );
  }
}

export function sendOpenAIFault(res: ServerResponse, fault: Exclude<Fault, { kind: string }>, info: ChatRequestInfo, req: IncomingMessage): void {
  const r = openAIFaultResponse(fault, info, bearerToken(req));
  if (typeof r.body === 'string') sendText(res, r.status, r.body, 'text/html');
  else sendJson(res, r.status, r.body, r.headers);
}

/** "1s", "120ms", "6m0s": the duration format of x-ratelimit-reset-*. */
function formatReset(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${+seconds.toFixed(3)}s`;
  return `${Math.floor(seconds / 60)}m${+(seconds % 60).toFixed(3)}s`;
}

let idCounter = 0;
const idPrefix = `chatcmpl-mock${process.pid.toString(36)}`;

/** A fresh `chatcmpl-…` id. */
export function newCompletionId(): string {
  return `${idPrefix}${(idCounter++).toString(36).padStart(8, '0')}`;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

/** Deterministic usage: prompt = ceil(message chars / 4), completion = ceil(reply chars / 4). */
export function chatUsage(info: ChatRequestInfo, text: string): ChatUsage {
  const prompt = promptTokens(info.messages);
  const completion = estimateTokens(text);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** What a reply carries beyond its first text: every choice's text (n > 1) and a logprob script. */
export interface ReplyExtras {
  /** One text per choice when the request asked for n > 1 (the first is `text`). */
  texts?: string[];
  logprobs?: LogprobScript;
}

/** OpenAI's `logprobs.content` for a text: from the script, or each word one token of probability 1. */
export function wireLogprobs(info: ChatRequestInfo, text: string, script: LogprobScript | undefined, top: number) {
  const scripted = script?.(info, text);
  const tokens = scripted ?? splitWords(text).map((token) => ({ token, logprob: 0, top: [{ token, logprob: 0 }] }));
  return tokens.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    bytes: [...Buffer.from(t.token)],
    top_logprobs: t.top.slice(0, Math.max(0, top)).map((a) => ({ token: a.token, logprob: a.logprob, bytes: [...Buffer.from(a.token)] })),
  }));
}

/** The non-stream `chat.completion` object, as `POST /v1/chat/completions` returns it (and a batch's output file holds it). */
export function chatCompletionObject(info: ChatRequestInfo, text: string, id = newCompletionId(), usage = chatUsage(info, text), extras: ReplyExtras = {}) {
  const body = (info.body ?? {}) as { n?: unknown; logprobs?: unknown; top_logprobs?: unknown };
  // `n` choices, each its own text when the script gave them (usage counts every completion, as the API does).
  const n = typeof body.n === 'number' && body.n > 1 ? Math.floor(body.n) : 1;
  const texts = Array.from({ length: n }, (_, i) => extras.texts?.[i] ?? text);
  const top = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0;
  if (n > 1) {
    const completion = texts.reduce((a, t) => a + estimateTokens(t), 0);
    usage = { ...usage, completion_tokens: completion, total_tokens: usage.prompt_tokens + completion };
  }
  return {
    id,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: info.model,
    choices: texts.map((t, index) => ({
      index,
      message: { role: 'assistant' as const, content: t, refusal: null, annotations: [] as unknown[] },
      logprobs: body.logprobs === true ? { content: wireLogprobs({ ...info, choice: index }, t, extras.logprobs, top), refusal: null } : null,
      finish_reason: 'stop' as const,
    })),
    usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export function sendOpenAIReply(
  res: ServerResponse,
  info: ChatRequestInfo,
  text: string,
  chunkWords: boolean,
  startedNs: bigint,
  extras: ReplyExtras = {},
): void {
  const body = info.body as { stream?: unknown; stream_options?: { include_usage?: unknown } };
  const id = newCompletionId();
  const created = Math.floor(Date.now() / 1000);
  const usage = chatUsage(info, text);
  const headers = { 'x-request-id': `req_${id.slice(9)}`, 'openai-processing-ms': String(Number((process.hrtime.bigint() - startedNs) / 1_000_000n)) };

  if (body.stream !== true) {
    sendJson(res, 200, chatCompletionObject(info, text, id, usage, extras), headers);
    return;
  }

  const includeUsage = body.stream_options?.include_usage === true;
  // Chunks differ only in `choices` (and `usage`): serialise the shared head once per request.
  const head = JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created,
    model: info.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  }).slice(0, -1);
  // With include_usage the real API puts `usage: null` on every chunk but the last.
  const tail = includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const event = (choices: string): string => `data: ${head},"choices":${choices}${tail}`;
  const delta = (d: object, finish: string | null = null): string =>
    `[{"index":0,"delta":${JSON.stringify(d)},"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]`;

  const pieces = [event(delta({ role: 'assistant', content: '', refusal: null }))];
  for (const word of chunkWords ? splitWords(text) : text ? [text] : []) pieces.push(event(delta({ content: word })));
  pieces.push(event(delta({}, 'stop')));
  if (includeUsage) pieces.push(`data: ${head},"choices":[],"usage":${JSON.stringify(usage)}}\n\n`);
  pieces.push('data: [DONE]\n\n');
  sendStream(res, 'text/event-stream; charset=utf-8', pieces, headers);
}
