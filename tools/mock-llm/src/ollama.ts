import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, sendStream } from './http.js';
import type { ChatRequestInfo, Fault, LogprobScript } from './types.js';

/** Ollama's `logprobs` array: token, logprob and `top_logprobs` when the request asked for some. */
function ollamaLogprobs(info: ChatRequestInfo, text: string, script: LogprobScript | undefined) {
  const top = typeof info.body.top_logprobs === 'number' ? info.body.top_logprobs : 0;
  const tokens = script?.(info, text) ?? splitWords(text).map((token) => ({ token, logprob: 0, top: [{ token, logprob: 0 }] }));
  return tokens.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    ...(top > 0 ? { top_logprobs: t.top.slice(0, top).map((a) => ({ token: a.token, logprob: a.logprob })) } : {}),
  }));
}
import { estimateTokens, promptTokens, splitWords } from './util.js';

// Ollama errors are always {"error": "<text>"}; the ollama client uses that text as the message.
// They must be JSON: on a non-JSON error body the client console.logs.

export const OLLAMA_VERSION = '0.6.4';

export function sendOllamaError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

export function sendOllamaModelNotFound(res: ServerResponse, model: string): void {
  sendOllamaError(res, 404, `model '${model}' not found`);
}

/** Ollama resolves "name" and "name:latest" to the same model. */
export function ollamaKnows(models: ReadonlySet<string>, model: string): boolean {
  if (models.has(model)) return true;
  if (model.endsWith(':latest')) return models.has(model.slice(0, -7));
  return !model.includes(':') && models.has(`${model}:latest`);
}

export function sendOllamaFault(res: ServerResponse, fault: Exclude<Fault, { kind: string }>, info: ChatRequestInfo): void {
  switch (fault.status) {
    case 429: {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      sendJson(res, 429, { error: 'too many requests' }, headers);
      return;
    }
    case 500:
      sendOllamaError(res, 500, 'llama runner process has terminated: exit status 2');
      return;
    case 502:
      sendOllamaError(res, 502, 'bad gateway');
      return;
    case 503:
      // The text of Ollama's ErrMaxQueue, two spaces included.
      sendOllamaError(res, 503, 'server busy, please try again.  maximum pending requests exceeded');
      return;
    case 400:
      sendOllamaError(res, 400, fault.message ?? 'invalid request');
      return;
    case 401:
      sendOllamaError(res, 401, fault.message ?? 'unauthorized');
      return;
    case 404:
      if (fault.message !== undefined) sendOllamaError(res, 404, fault.message);
      else sendOllamaModelNotFound(res, info.model);
      return;
  }
}

/** Timing stats in nanoseconds, split from the measured handling time so latency figures are real. */
function stats(info: ChatRequestInfo, text: string, startedNs: bigint) {
  const total = Math.max(1, Number(process.hrtime.bigint() - startedNs));
  const load = Math.round(total * 0.1);
  const promptEval = Math.round(total * 0.2);
  return {
    total_duration: total,
    load_duration: load,
    prompt_eval_count: promptTokens(info.messages),
    prompt_eval_duration: promptEval,
    eval_count: estimateTokens(text),
    eval_duration: total - load - promptEval,
  };
}

export function sendOllamaReply(
  res: ServerResponse,
  info: ChatRequestInfo,
  text: string,
  chunkWords: boolean,
  startedNs: bigint,
  extras: { logprobs?: LogprobScript } = {},
): void {
  const createdAt = new Date().toISOString();
  const model = info.model;
  // Servers with log-probabilities (Ollama 0.12.11+) answer `logprobs: true` with one entry per token.
  const lp = info.body.logprobs === true ? { logprobs: ollamaLogprobs(info, text, extras.logprobs) } : {};
  // A missing `stream` means streaming, as in the real API (ChatOllama relies on that).
  if (info.body.stream === false) {
    sendJson(res, 200, {
      model,
      created_at: createdAt,
      message: { role: 'assistant', content: text },
      ...lp,
      done_reason: 'stop',
      done: true,
      ...stats(info, text, startedNs),
    });
    return;
  }
  const pieces: string[] = [];
  if (info.body.logprobs === true) {
    // Streamed: the whole reply's log-probabilities in one content chunk.
    pieces.push(`${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: text }, ...lp, done: false })}\n`);
  } else
    for (const word of chunkWords ? splitWords(text) : text ? [text] : []) {
      pieces.push(`${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: word }, done: false })}\n`);
    }
  // Only the last line carries stats: ChatOllama sums eval counts over all lines.
  pieces.push(
    `${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...stats(info, text, startedNs) })}\n`,
  );
  sendStream(res, 'application/x-ndjson', pieces);
}

const MODIFIED_AT = new Date().toISOString();

/** An /api/tags entry with deterministic, plausible details derived from the name. */
function tagEntry(name: string) {
  const full = name.includes(':') ? name : `${name}:latest`;
  const [base = name, tag = 'latest'] = full.split(':');
  const family = /^[a-z]+/i.exec(base)?.[0].toLowerCase() ?? base;
  const billions = Number(/(\d+(?:\.\d+)?)b\b/i.exec(tag)?.[1] ?? '7');
  const digest = createHash('sha256').update(full).digest('hex');
  return {
    name: full,
    model: full,
    modified_at: MODIFIED_AT,
    // Roughly a Q4_0 GGUF: 0.56 bytes per parameter.
    size: Math.round(billions * 0.56e9),
    digest,
    details: { parent_model: '', format: 'gguf', family, families: [family], parameter_size: `${billions}B`, quantization_level: 'Q4_0' },
  };
}

export function sendTags(res: ServerResponse, models: string[]): void {
  sendJson(res, 200, { models: models.map(tagEntry) });
}
