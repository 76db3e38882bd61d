import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Availability, ModelClient, ModelEntry, ModelProvider } from '@culturebench/core';
import type { AIMessage } from '@langchain/core/messages';
import { chatModelClient, replyOf, toLangChainMessages } from '@culturebench/langchain-client';
import { explainLangchainError, secretsOf } from './errors.js';
import { instanceIdentity } from './identity.js';

export { instanceIdentity } from './identity.js';
export { endpointOf, explainLangchainError, retryAfterSeconds, secretsOf, statusOf } from './errors.js';

/** Why an entry's `chatModel` cannot be used, or undefined if it can. */
function problem(entry: ModelEntry): { reason: string; fix: string } | undefined {
  const m: unknown = entry.chatModel;
  const instanceFix = 'set chatModel to a ready instance, e.g. `chatModel: new ChatAnthropic({ model: "…" })`, in a .ts or .js config (JSON cannot carry one)';
  if (m === undefined || m === null) return { reason: `model ${entry.id}: the entry has no chatModel instance`, fix: instanceFix };
  if (typeof m === 'function')
    return { reason: `model ${entry.id}: chatModel is a class, not an instance`, fix: `write \`new ${(m as { name?: string }).name || 'ChatX'}({ … })\`` };
  if (typeof (m as { invoke?: unknown }).invoke !== 'function') {
    return { reason: `model ${entry.id}: chatModel is not a LangChain chat model (it has no invoke method)`, fix: instanceFix };
  }
  return undefined;
}

function seedOptIn(entry: ModelEntry): boolean {
  return entry.options?.seedCallOption === true;
}

/**
 * Log-probabilities, as the instance exposes them: an instance built to ask for them on every call
 * (e.g. `new ChatOpenAI({ logprobs: true, topLogprobs: 10 })`) returns them in its reply's
 * metadata, which the client reads. `options.logprobs` (true/false) overrides.
 */
function logprobsExposed(entry: ModelEntry): boolean {
  const explicit = entry.options?.logprobs;
  if (typeof explicit === 'boolean') return explicit;
  return (entry.chatModel as { logprobs?: unknown } | undefined)?.logprobs === true;
}

/**
 * The generic adapter: the entry carries a ready LangChain chat model in `chatModel` (any
 * integration, e.g. from @langchain/community), used as it is.
 *
 * Capabilities are per entry: whether an arbitrary model honours a per-call `seed` is not
 * knowable from outside, so the client declares `seed` only with `options.seedCallOption: true`
 * (and the runner then passes one); log-probabilities only when the instance asks for them on
 * every call (a `logprobs: true` field, as ChatOpenAI has) or `options.logprobs: true`; n is
 * never declared, since a generic BaseChatModel's invoke returns one message.
 */
export const langchainProvider: ModelProvider = {
  id: 'langchain',
  clientPackages: ['@langchain/core'],
  kind: 'llm',
  // Unknown backend: a moderate default; set `concurrency` on the entry.
  defaultConcurrency: 4,
  // The instance's sampling settings are its own; entry.params and the config's temperature are not applied.
  appliesParams: false,
  options: {
    seedCallOption: { type: 'boolean', description: 'true if the instance honours a per-call seed option (it is passed then)' },
    cacheIdentity: { type: 'string', description: "names the instance's settings for the response cache; change it whenever the instance changes" },
  },
  cacheIdentity: instanceIdentity,
  create(entry: ModelEntry): ModelClient {
    const p = problem(entry);
    if (p) throw new Error(`${p.reason}. Fix: ${p.fix}`);
    const chat = entry.chatModel as BaseChatModel;
    const seed = seedOptIn(entry);
    return chatModelClient(chat, {
      model: entry.id,
      capabilities: { seed, logprobs: logprobsExposed(entry), n: false },
      // The instance already asks for log-probabilities on every call: a logprobs call is a plain call.
      extended: async (messages, options) => {
        const callOptions: Record<string, unknown> = {};
        if (options.signal) callOptions.signal = options.signal;
        if (seed && options.seed !== undefined) callOptions.seed = options.seed;
        return replyOf((await chat.invoke(toLangChainMessages(messages), callOptions)) as AIMessage);
      },
    });
  },
  async check(entry: ModelEntry): Promise<Availability> {
    const p = problem(entry);
    if (p) return { ok: false, ...p };
    const m = entry.chatModel as BaseChatModel;
    const ctor = (m as { constructor?: { name?: string; lc_name?: () => string } }).constructor;
    const cls = ctor?.lc_name?.() || ctor?.name || 'chat model';
    let type = '';
    try {
      type = typeof m._llmType === 'function' ? m._llmType() : '';
    } catch {
      /* some integrations need fields that a check does not */
    }
    return {
      ok: true,
      detail: `${cls}${type ? ` (${type})` : ''} instance, not called by the check; ${seedOptIn(entry) ? 'per-call seed passed' : 'no per-call seed (set options.seedCallOption: true if it supports one)'}${logprobsExposed(entry) ? '; log-probabilities exposed' : ''}`,
    };
  },
  secrets: (entry) => secretsOf(entry.chatModel),
  explainError: explainLangchainError,
};
