import type OpenAI from 'openai';
import { ChatOpenAI, ChatOpenAICompletions, convertMessagesToCompletionsMessageParams } from '@langchain/openai';
import type { ChatMessage, InvokeOptions, ModelClient, ModelCompletion, ModelEntry, ModelReply, ProviderContext } from '@culturebench/core';
import { chatModelClient, toLangChainMessages, tokenLogprobs } from '@culturebench/langchain-client';
import { keyFix, keyForClient, readKey, resolveEndpoint } from './endpoint.js';
import { rememberKey } from './errors.js';
import { chatOpenAIFields } from './fields.js';

/** Builds the ChatOpenAI for an entry. Throws if the entry needs a key and none is set. */
export function createChatOpenAI(entry: ModelEntry, ctx: ProviderContext): ChatOpenAI {
  const { fields } = clientFields(entry, ctx);
  const seed = entry.params?.seed;
  const llm = new ChatOpenAI(fields);
  // The runner passes `seed` per call; params.seed is only the default for direct use.
  // (ChatOpenAI.withConfig returns a ChatOpenAI at runtime; its declared type is a Runnable.)
  return seed === undefined ? llm : (llm.withConfig({ seed }) as unknown as ChatOpenAI);
}

function clientFields(entry: ModelEntry, ctx: ProviderContext) {
  const ep = resolveEndpoint(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new Error(`model ${entry.id}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`);
  rememberKey(readKey(ep, ctx));
  return { fields: chatOpenAIFields(entry, apiKey, ep.baseUrl) };
}

/**
 * The model client of an entry. Plain calls go through ChatOpenAI; calls asking for n > 1 or
 * log-probabilities send the same body (ChatOpenAI's own parameters and message conversion) plus
 * `n`, `logprobs`, `top_logprobs` through the same OpenAI SDK client, and read every choice, since
 * ChatOpenAI's invoke keeps only the first choice and drops `refusal`.
 */
export function createOpenAIClient(entry: ModelEntry, ctx: ProviderContext): ModelClient {
  const chat = createChatOpenAI(entry, ctx);
  const completions = new ChatOpenAICompletions(clientFields(entry, ctx).fields);
  return chatModelClient(chat, {
    model: entry.id,
    capabilities: { seed: true, logprobs: true, n: true },
    extended: (messages, options) => extendedCall(completions, entry, messages, options),
  });
}

async function extendedCall(completions: ChatOpenAICompletions, entry: ModelEntry, messages: ChatMessage[], options: InvokeOptions): Promise<ModelReply> {
  const seed = options.seed ?? entry.params?.seed;
  const params: Record<string, unknown> = { ...completions.invocationParams((seed === undefined ? {} : { seed }) as never) };
  delete params.stream;
  delete params.stream_options;
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  if (options.n !== undefined) params.n = options.n;
  if (options.logprobs) {
    params.logprobs = true;
    params.top_logprobs = options.logprobs.top;
  }
  params.messages = convertMessagesToCompletionsMessageParams({ messages: toLangChainMessages(messages), model: entry.model });
  const res = await completions.completionWithRetry(params as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { signal: options.signal });
  const all: ModelCompletion[] = res.choices.map((c) => {
    const out: ModelCompletion = { text: c.message.content ?? '' };
    if (c.message.refusal) out.refused = true;
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
