import { Ollama } from 'ollama';
import type { ChatMessage, InvokeOptions, ModelEntry, ModelReply, TokenLogprob } from '@culturebench/core';

/** The first Ollama release whose /api/chat returns token log-probabilities. */
export const OLLAMA_LOGPROBS_SINCE = '0.12.11';

/** Does this server version (e.g. "0.12.11", "0.13.0-rc1") return log-probabilities? Unknown → no. */
export function versionHasLogprobs(version: string | undefined): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [a, b, c] = m.slice(1).map(Number);
  const [x, y, z] = OLLAMA_LOGPROBS_SINCE.split('.').map(Number);
  return a !== x ? a > x : b !== y ? b > y : c >= z;
}

/**
 * Whether an entry can use log-probabilities: `options.logprobs` (true/false) when set, else what
 * its server reported at the check (remembered per entry; an entry never checked: no).
 */
const reported = new WeakMap<ModelEntry, boolean>();
export function rememberLogprobs(entry: ModelEntry, serverVersion: string | undefined): void {
  reported.set(entry, versionHasLogprobs(serverVersion));
}
export function declaresLogprobs(entry: ModelEntry): boolean {
  const explicit = entry.options?.logprobs;
  return typeof explicit === 'boolean' ? explicit : (reported.get(entry) ?? false);
}

/** Ollama's `logprobs` array as plain token log-probabilities. */
export function ollamaTokenLogprobs(raw: unknown): TokenLogprob[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((t: { token?: unknown; logprob?: unknown; top_logprobs?: unknown }) => ({
    token: String(t.token ?? ''),
    logprob: Number(t.logprob),
    top: Array.isArray(t.top_logprobs)
      ? t.top_logprobs.map((a: { token?: unknown; logprob?: unknown }) => ({ token: String(a.token ?? ''), logprob: Number(a.logprob) }))
      : [],
  }));
}

/**
 * A call with log-probabilities through the ollama client (ChatOllama drops the field): one
 * non-streamed /api/chat with `logprobs` and `top_logprobs`, the sampling options and the seed.
 */
export async function ollamaLogprobCall(
  host: string,
  baseFetch: typeof fetch,
  entry: ModelEntry,
  messages: ChatMessage[],
  options: InvokeOptions,
): Promise<ModelReply> {
  // A client per call, its fetch bound to this call's signal (the client passes none of its own).
  const signal = options.signal;
  const callFetch: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, signal: init?.signal && signal ? AbortSignal.any([init.signal, signal]) : (init?.signal ?? signal) });
  const client = new Ollama({ host, fetch: callFetch });
  const p = entry.params ?? {};
  const sampling: Record<string, number> = {};
  if (p.temperature !== undefined) sampling.temperature = p.temperature;
  if (p.topP !== undefined) sampling.top_p = p.topP;
  if (p.maxTokens !== undefined) sampling.num_predict = p.maxTokens;
  const seed = options.seed ?? p.seed;
  if (seed !== undefined) sampling.seed = seed;
  const res = await client.chat({
    model: entry.model,
    messages,
    stream: false,
    logprobs: true,
    top_logprobs: options.logprobs?.top ?? 10,
    options: sampling,
  });
  const reply: ModelReply = { text: res.message?.content ?? '', usage: { input: res.prompt_eval_count ?? 0, output: res.eval_count ?? 0 } };
  if (typeof res.done_reason === 'string') reply.finishReason = res.done_reason;
  const logprobs = ollamaTokenLogprobs(res.logprobs);
  if (logprobs) reply.logprobs = logprobs;
  return reply;
}
