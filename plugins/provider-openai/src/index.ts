import type { ModelProvider } from '@culturebench/core';
import { checkOpenAI } from './check.js';
import { createOpenAIClient } from './client.js';
import { readKey, resolveEndpoint } from './endpoint.js';
import { explainOpenAIError, rememberKey } from './errors.js';
import { fetchBatchStateResults, pollBatchState, submitBatch, supportsBatch, type BatchState } from './batch.js';

export { chatOpenAIFields } from './fields.js';
export { createChatOpenAI, createOpenAIClient } from './client.js';

export { OPENAI_PRESETS, PLACEHOLDER_KEY, type EndpointPreset } from './presets.js';
export { resolveEndpoint, displayUrl, findPreset, DEFAULT_BASE_URL, DEFAULT_KEY_ENV, type ResolvedEndpoint } from './endpoint.js';
export { checkOpenAI, CHECK_TIMEOUT_MS } from './check.js';
export { explainOpenAIError, parseDuration, retryAfterFromHeaders } from './errors.js';
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
 * `requireKey` (false for keyless servers), `skipModelCheck`, `extraBody` (extra request fields).
 */
export const openaiProvider: ModelProvider = {
  id: 'openai',
  kind: 'llm',
  defaultConcurrency: 32,
  options: {
    preset: { type: 'string', description: 'a known endpoint preset (e.g. deepseek, zhipu, dashscope, moonshot) giving baseUrl and key variable' },
    timeoutMs: { type: 'number', description: 'milliseconds before one request times out' },
    checkTimeoutMs: { type: 'number', description: 'milliseconds the doctor/model check waits (default 5000)' },
    requireKey: { type: 'boolean', description: 'false for servers that need no API key (vLLM, LM Studio, llama.cpp)' },
    skipModelCheck: { type: 'boolean', description: 'true if the endpoint does not list the model in /models' },
    extraBody: { type: 'object', description: 'extra fields sent in every request body' },
    batch: { type: 'boolean', description: 'use the Batch API with --batch (default: hosted OpenAI only)' },
  },
  create: createOpenAIClient,
  check: checkOpenAI,
  secrets(entry, ctx) {
    try {
      const key = readKey(resolveEndpoint(entry), ctx);
      rememberKey(key);
      return key ? [key] : [];
    } catch {
      return [];
    }
  },
  explainError: explainOpenAIError,
  batch: {
    supports: supportsBatch,
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
