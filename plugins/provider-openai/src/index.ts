import { ChatOpenAI } from '@langchain/openai';
import type { ModelEntry, ModelProvider, ProviderContext } from '@culturebench/core';
import { checkOpenAI } from './check.js';
import { keyFix, keyForClient, readKey, resolveEndpoint } from './endpoint.js';
import { explainOpenAIError, rememberKey } from './errors.js';

export { OPENAI_PRESETS, PLACEHOLDER_KEY, type EndpointPreset } from './presets.js';
export { resolveEndpoint, displayUrl, findPreset, DEFAULT_BASE_URL, DEFAULT_KEY_ENV, type ResolvedEndpoint } from './endpoint.js';
export { checkOpenAI, CHECK_TIMEOUT_MS } from './check.js';
export { explainOpenAIError, parseDuration, retryAfterFromHeaders } from './errors.js';

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Builds the ChatOpenAI for an entry. Throws if the entry needs a key and none is set. */
export function createChatOpenAI(entry: ModelEntry, ctx: ProviderContext): ChatOpenAI {
  const ep = resolveEndpoint(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new Error(`model ${entry.id}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`);
  rememberKey(readKey(ep, ctx));
  const p = entry.params ?? {};
  const extraBody = entry.options?.extraBody;
  const llm = new ChatOpenAI({
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
    configuration: { baseURL: ep.baseUrl },
  });
  // The runner passes `seed` per call; params.seed is only the default for direct use.
  // (ChatOpenAI.withConfig returns a ChatOpenAI at runtime; its declared type is a Runnable.)
  return p.seed === undefined ? llm : (llm.withConfig({ seed: p.seed }) as unknown as ChatOpenAI);
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
};
