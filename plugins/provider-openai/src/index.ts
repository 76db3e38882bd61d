import { ChatOpenAI } from '@langchain/openai';
import type { ModelEntry, ModelProvider, ProviderContext } from '@culturebench/core';
import { checkOpenAI } from './check.js';
import { keyFix, keyForClient, readKey, resolveEndpoint } from './endpoint.js';
import { explainOpenAIError, rememberKey } from './errors.js';
import { chatOpenAIFields } from './fields.js';
import { fetchBatchStateResults, pollBatchState, submitBatch, supportsBatch, type BatchState } from './batch.js';

export { chatOpenAIFields } from './fields.js';

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

/** Builds the ChatOpenAI for an entry. Throws if the entry needs a key and none is set. */
export function createChatOpenAI(entry: ModelEntry, ctx: ProviderContext): ChatOpenAI {
  const ep = resolveEndpoint(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new Error(`model ${entry.id}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`);
  rememberKey(readKey(ep, ctx));
  const seed = entry.params?.seed;
  const llm = new ChatOpenAI(chatOpenAIFields(entry, apiKey, ep.baseUrl));
  // The runner passes `seed` per call; params.seed is only the default for direct use.
  // (ChatOpenAI.withConfig returns a ChatOpenAI at runtime; its declared type is a Runnable.)
  return seed === undefined ? llm : (llm.withConfig({ seed }) as unknown as ChatOpenAI);
}

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
  supportsSeed: true,
  options: {
    preset: { type: 'string', description: 'a known endpoint preset (e.g. deepseek, zhipu, dashscope, moonshot) giving baseUrl and key variable' },
    timeoutMs: { type: 'number', description: 'milliseconds before one request times out' },
    checkTimeoutMs: { type: 'number', description: 'milliseconds the doctor/model check waits (default 5000)' },
    requireKey: { type: 'boolean', description: 'false for servers that need no API key (vLLM, LM Studio, llama.cpp)' },
    skipModelCheck: { type: 'boolean', description: 'true if the endpoint does not list the model in /models' },
    extraBody: { type: 'object', description: 'extra fields sent in every request body' },
    batch: { type: 'boolean', description: 'use the Batch API with --batch (default: hosted OpenAI only)' },
  },
  create: createChatOpenAI,
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
