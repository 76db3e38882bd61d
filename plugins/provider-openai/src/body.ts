import type { ModelEntry, TokenLogprob } from '@culturebench/core';
import { positive } from './fields.js';

/** A chat message as the chat-completions API takes it (`developer` for reasoning models' instructions). */
export interface WireMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

/**
 * OpenAI's reasoning models (o1, o3, …, gpt-5 but not gpt-5-chat) take `max_completion_tokens`
 * instead of `max_tokens` and `developer` instead of `system` messages.
 */
export function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (model.startsWith('gpt-5') && !model.startsWith('gpt-5-chat'));
}

/** Core's messages as the API's: instructions are `developer` messages for reasoning models, `system` for others. */
export function wireMessages(messages: readonly { role: string; content: string }[], model: string): WireMessage[] {
  const reasoning = isReasoningModel(model);
  return messages.map((m, i) => {
    if (m.role === 'system' || m.role === 'developer') return { role: reasoning ? 'developer' : 'system', content: m.content };
    if (m.role === 'user' || m.role === 'assistant') return { role: m.role, content: m.content };
    throw new Error(`message ${i}: unknown role ${JSON.stringify(m.role)}`);
  });
}

/**
 * The request parameters of an entry, without messages and `stream`: model, temperature, top_p,
 * seed, `options.extraBody` (e.g. DashScope's { enable_thinking: false }), max_tokens (or
 * max_completion_tokens). Shared by the chat path and the Batch API, so both send the same body.
 * Unset fields are left out.
 */
export function entryParams(entry: ModelEntry, seed: number | undefined): Record<string, unknown> {
  const p = entry.params ?? {};
  const extraBody = entry.options?.extraBody;
  const out: Record<string, unknown> = { model: entry.model, temperature: p.temperature, top_p: p.topP, seed };
  if (typeof extraBody === 'object' && extraBody !== null && !Array.isArray(extraBody)) Object.assign(out, extraBody);
  const maxTokens = p.maxTokens === -1 ? undefined : p.maxTokens;
  out[isReasoningModel(entry.model) ? 'max_completion_tokens' : 'max_tokens'] = maxTokens;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** The per-request timeout of `options.timeoutMs`, if valid. */
export function timeoutOf(entry: ModelEntry): number | undefined {
  return positive(entry.options?.timeoutMs);
}

/** OpenAI-shaped `logprobs.content` as plain token log-probabilities. */
export function tokenLogprobs(raw: unknown): TokenLogprob[] | undefined {
  const content = (raw as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return undefined;
  return content.map((t: { token?: unknown; logprob?: unknown; top_logprobs?: unknown }) => ({
    token: String(t.token ?? ''),
    logprob: Number(t.logprob),
    top: Array.isArray(t.top_logprobs)
      ? t.top_logprobs.map((a: { token?: unknown; logprob?: unknown }) => ({ token: String(a.token ?? ''), logprob: Number(a.logprob) }))
      : [],
  }));
}
