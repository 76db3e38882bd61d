import OpenAI from 'openai';
import {
  assertSupported,
  type InvokeOptions,
  type ModelClient,
  type ModelCompletion,
  type ModelEntry,
  type ModelReply,
  type ProviderContext,
} from '@culturebench/core';
import { entryParams, timeoutOf, tokenLogprobs, wireMessages } from './body.js';
import { keyFix, keyForClient, readKey, resolveEndpoint } from './endpoint.js';
import { rememberKey } from './errors.js';
import { nodeHttpFetch } from './http-fetch.js';

/** One fetch (and its keep-alive connections) for every chat client of the process. */
let sharedFetch: typeof fetch | undefined;

/** The official OpenAI SDK client of an entry. Throws if the entry needs a key and none is set. */
export function createOpenAISdk(entry: ModelEntry, ctx: ProviderContext): OpenAI {
  const ep = resolveEndpoint(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new Error(`model ${entry.id}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`);
  rememberKey(readKey(ep, ctx));
  return new OpenAI({
    apiKey,
    baseURL: ep.baseUrl,
    // The runner owns retries; the SDK's own (2 by default, with backoff) would hide them.
    maxRetries: 0,
    // node:http with keep-alive instead of Node's fetch: a third of the client's CPU per request.
    fetch: (sharedFetch ??= nodeHttpFetch()),
    ...(timeoutOf(entry) !== undefined ? { timeout: timeoutOf(entry) } : {}),
    // Only what the entry and ctx say: nothing from process.env (OPENAI_ORG_ID, OPENAI_PROJECT_ID …).
    adminAPIKey: null,
    organization: null,
    project: null,
  });
}

/**
 * The model client of an entry: one chat-completions request per call through the OpenAI SDK
 * (no LangChain on this path: it is the hot path, and LangChain costs a second of start-up).
 * Reads every choice (n > 1), token log-probabilities and the refusal flag.
 */
export function createOpenAIClient(entry: ModelEntry, ctx: ProviderContext): ModelClient {
  const sdk = createOpenAISdk(entry, ctx);
  const capabilities = { seed: true, logprobs: true, n: true };
  return {
    capabilities,
    async invoke(messages, options: InvokeOptions = {}) {
      assertSupported(entry.id, capabilities, options);
      const body: Record<string, unknown> = { ...entryParams(entry, options.seed ?? entry.params?.seed), stream: false };
      if (options.n !== undefined && options.n !== 1) body.n = options.n;
      if (options.logprobs) {
        body.logprobs = true;
        body.top_logprobs = options.logprobs.top;
      }
      body.messages = wireMessages(messages, entry.model);
      const res = await sdk.chat.completions.create(
        body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
        options.signal ? { signal: options.signal } : undefined,
      );
      return replyOf(res, options);
    },
  };
}

function replyOf(res: OpenAI.Chat.ChatCompletion, options: InvokeOptions): ModelReply {
  const all: ModelCompletion[] = (res.choices ?? []).map((c) => {
    const out: ModelCompletion = { text: c.message?.content ?? '' };
    if (c.message?.refusal) out.refused = true;
    if (c.finish_reason) out.finishReason = c.finish_reason;
    const lp = tokenLogprobs(c.logprobs);
    if (lp) out.logprobs = lp;
    return out;
  });
  const first = all[0] ?? { text: '' };
  return {
    ...first,
    usage: res.usage ? { input: res.usage.prompt_tokens, output: res.usage.completion_tokens } : null,
    ...(options.n !== undefined && options.n !== 1 ? { completions: all } : {}),
  };
}
