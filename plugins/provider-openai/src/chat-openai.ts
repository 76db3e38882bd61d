import { ChatOpenAI } from '@langchain/openai';
import type { ModelEntry, ProviderContext } from '@culturebench/core';
import { keyFix, keyForClient, readKey, resolveEndpoint } from './endpoint.js';
import { rememberKey } from './errors.js';
import { chatOpenAIFields } from './fields.js';

/**
 * A LangChain ChatOpenAI with an entry's endpoint, key and params, for use in LangChain code
 * (`@culturebench/provider-openai/chat-openai`). The provider itself does not use it: its requests
 * go through the OpenAI SDK directly, and importing this subpath is what loads LangChain.
 * Throws if the entry needs a key and none is set.
 */
export function createChatOpenAI(entry: ModelEntry, ctx: ProviderContext): ChatOpenAI {
  const ep = resolveEndpoint(entry);
  const apiKey = keyForClient(ep, ctx);
  if (!apiKey) throw new Error(`model ${entry.id}: ${ep.apiKeyEnv} is not set. Fix: ${keyFix(ep)}`);
  rememberKey(readKey(ep, ctx));
  const llm = new ChatOpenAI(chatOpenAIFields(entry, apiKey, ep.baseUrl));
  const seed = entry.params?.seed;
  // ChatOpenAI.withConfig returns a ChatOpenAI at runtime; its declared type is a Runnable.
  return seed === undefined ? llm : (llm.withConfig({ seed }) as unknown as ChatOpenAI);
}

export { chatOpenAIFields } from './fields.js';
