import type { ChatOpenAIFields } from '@langchain/openai';
import type { ModelEntry } from '@culturebench/core';

export function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * The ChatOpenAI constructor fields for an entry (model, sampling params, timeout, extra body
 * fields, endpoint). Shared by the chat path and the Batch API, so that both send the same body.
 */
export function chatOpenAIFields(entry: ModelEntry, apiKey: string, baseUrl: string): ChatOpenAIFields {
  const p = entry.params ?? {};
  const extraBody = entry.options?.extraBody;
  return {
    model: entry.model,
    apiKey,
    // The runner owns retries; LangChain's own (6 by default, with backoff) would hide them.
    maxRetries: 0,
    temperature: p.temperature,
    topP: p.topP,
    maxTokens: p.maxTokens,
    timeout: positive(entry.options?.timeoutMs),
    // Provider-specific body fields, e.g. DashScope's { enable_thinking: false } for Qwen3.
    modelKwargs: typeof extraBody === 'object' && extraBody !== null ? (extraBody as Record<string, unknown>) : undefined,
    configuration: { baseURL: baseUrl },
  };
}
