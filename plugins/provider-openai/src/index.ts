import {
  ENDPOINT_REST_OPTION,
  checkEndpoints,
  endpointEntries,
  endpointPoolClient,
  type ModelClient,
  type ModelEntry,
  type ModelProvider,
  type ProviderContext,
} from '@culturebench/core';
import { checkOpenAI } from './check.js';
import { createOpenAIClient } from './client.js';
import { readKey, resolveEndpoint } from './endpoint.js';
import { explainOpenAIError, rememberKey } from './errors.js';
import { fetchBatchStateResults, pollBatchState, submitBatch, supportsBatch, type BatchState } from './batch.js';

export { chatOpenAIFields } from './fields.js';
export { createOpenAIClient, createOpenAISdk } from './client.js';
export { entryParams, isReasoningModel, wireMessages, type WireMessage } from './body.js';

export { OPENAI_PRESETS, PLACEHOLDER_KEY, type EndpointPreset } from './presets.js';
export { resolveEndpoint, displayUrl, findPreset, DEFAULT_BASE_URL, DEFAULT_KEY_ENV, type ResolvedEndpoint } from './endpoint.js';
export { checkOpenAI, CHECK_TIMEOUT_MS } from './check.js';
export { explainOpenAIError, parseDuration, retryAfterFromHeaders, retryAfterFromMessage } from './errors.js';
export {
  BATCH_MAX_BYTES,
  BATCH_MAX_REQUESTS,
  OpenAIBatchError,
  batchRequestBody,
  cancelBatch,
  cancelBatchState,
  fetchBatchResults,
  fetchBatchStateResults,
  planBatchParts,
  pollBatch,
  pollBatchState,
  submitBatch,
  supportsBatch,
  type BatchCallOptions,
  type BatchCounts,
  type BatchMessage,
  type BatchPartState,
  type BatchPoll,
  type BatchRequest,
  type BatchResult,
  type BatchState,
  type BatchStateProgress,
  type BatchStatus,
  type SubmitBatchOptions,
} from './batch.js';

/**
 * OpenAI and every OpenAI-compatible endpoint (DeepSeek, Zhipu GLM, DashScope Qwen, Moonshot,
 * vLLM, LM Studio, llama.cpp …), chosen by `baseUrl` or `options.preset`. The key comes only from
 * the environment variable named by `apiKeyEnv` (default from the preset, else OPENAI_API_KEY).
 *
 * Options: `preset`, `timeoutMs` (per request), `checkTimeoutMs` (default 5000),
 * `requireKey` (false for keyless servers), `skipModelCheck`, `extraBody` (extra request fields),
 * `endpointRestSeconds`. With `endpoints` (replicas, e.g. several vLLM hosts) each endpoint is
 * built, checked and explained as a plain entry with its own `baseUrl` and `apiKeyEnv`.
 */
const DEFAULT_CONCURRENCY = 32;

/** The client of an entry: one endpoint, or a pool over its `endpoints` (each with its own key). */
function createClient(entry: ModelEntry, ctx: ProviderContext): ModelClient {
  if (!entry.endpoints) return createOpenAIClient(entry, ctx);
  return endpointPoolClient(entry, ctx, { defaultConcurrency: DEFAULT_CONCURRENCY, create: createOpenAIClient, explain: explainOpenAIError });
}

function keysOf(entry: ModelEntry, ctx: ProviderContext): string[] {
  try {
    const key = readKey(resolveEndpoint(entry), ctx);
    rememberKey(key);
    return key ? [key] : [];
  } catch {
    return [];
  }
}

export const openaiProvider: ModelProvider = {
  id: 'openai',
  clientPackages: ['openai'],
  kind: 'llm',
  defaultConcurrency: DEFAULT_CONCURRENCY,
  endpoints: true,
  options: {
    preset: { type: 'string', description: 'a known endpoint preset (e.g. deepseek, zhipu, dashscope, moonshot) giving baseUrl and key variable' },
    timeoutMs: { type: 'number', description: 'milliseconds before one request times out' },
    checkTimeoutMs: { type: 'number', description: 'milliseconds the doctor/model check waits (default 5000)' },
    requireKey: { type: 'boolean', description: 'false for servers that need no API key (vLLM, LM Studio, llama.cpp)' },
    skipModelCheck: { type: 'boolean', description: 'true if the endpoint does not list the model in /models' },
    extraBody: { type: 'object', description: 'extra fields sent in every request body' },
    batch: { type: 'boolean', description: 'use the Batch API with --batch (default: hosted OpenAI only; not with endpoints)' },
    ...ENDPOINT_REST_OPTION,
  },
  create: createClient,
  check: (entry, ctx) => (entry.endpoints ? checkEndpoints(entry, ctx, checkOpenAI) : checkOpenAI(entry, ctx)),
  // Every endpoint's own key (each is sent only to its own server, but all are redacted everywhere).
  secrets: (entry, ctx) => (entry.endpoints ? endpointEntries(entry).flatMap((e) => keysOf(e, ctx)) : keysOf(entry, ctx)),
  explainError: explainOpenAIError,
  batch: {
    // The Batch API is one hosted service: a model with several endpoints is asked live.
    supports: (entry) => !entry.endpoints && supportsBatch(entry),
    async submit(entry, ctx, items, onState) {
      return submitBatch(entry, ctx, items, { onSubmitted: (state) => onState(state) });
    },
    async poll(entry, ctx, state) {
      const p = await pollBatchState(entry, ctx, state as BatchState);
      return { done: p.done, total: p.counts.total, completed: p.counts.completed, failed: p.counts.failed, state: p.state };
    },
    async results(entry, ctx, state) {
      return (await fetchBatchStateResults(entry, ctx, state as BatchState)).map((r) => ({
        customId: r.customId,
        text: r.text,
        usage: r.usage,
        error: r.error,
      }));
    },
  },
};
