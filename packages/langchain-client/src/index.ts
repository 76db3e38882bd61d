import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import {
  assertSupported,
  type ChatMessage,
  type InvokeOptions,
  type ModelCapabilities,
  type ModelClient,
  type ModelReply,
  type TokenLogprob,
} from '@culturebench/core';

/** Core's plain messages as LangChain messages. */
export function toLangChainMessages(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) => (m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content)));
}

/** The text of a reply: string content as it is, text parts joined (other parts carry no text). */
export function textOf(message: BaseMessage): string {
  const c = message.content;
  if (typeof c === 'string') return c;
  return c.map((part) => (typeof part === 'string' ? part : 'text' in part ? String(part.text) : '')).join('');
}

/** OpenAI-shaped `logprobs.content` (as ChatOpenAI puts it in response_metadata) as plain token log-probabilities. */
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

/** A LangChain reply as core's plain reply: text, usage, refusal flag, finish reason, log-probabilities if present. */
export function replyOf(message: AIMessage): ModelReply {
  const u = message.usage_metadata;
  const meta = (message.response_metadata ?? {}) as Record<string, unknown>;
  const reply: ModelReply = { text: textOf(message), usage: u ? { input: u.input_tokens, output: u.output_tokens } : null };
  const finish = meta.finish_reason ?? meta.done_reason;
  if (typeof finish === 'string') reply.finishReason = finish;
  if (message.additional_kwargs?.refusal) reply.refused = true;
  const logprobs = tokenLogprobs(meta.logprobs);
  if (logprobs) reply.logprobs = logprobs;
  return reply;
}

export interface ChatModelClientOptions {
  /** The model id named in errors. */
  model: string;
  capabilities: ModelCapabilities;
  /**
   * Calls that ask for more than text (n > 1, log-probabilities), for providers whose LangChain
   * class drops those fields; required when `capabilities` declares n or logprobs.
   */
  extended?: (messages: ChatMessage[], options: InvokeOptions) => Promise<ModelReply>;
}

/**
 * Wraps a LangChain chat model as a {@link ModelClient}: converts the messages, passes the signal
 * and (when declared) the seed as call options, and reads the reply into plain fields.
 */
export function chatModelClient(chat: BaseChatModel, opts: ChatModelClientOptions): ModelClient {
  return {
    capabilities: opts.capabilities,
    async invoke(messages, options = {}) {
      assertSupported(opts.model, opts.capabilities, options);
      if ((options.n !== undefined && options.n !== 1) || options.logprobs) {
        if (!opts.extended) throw new Error(`model ${opts.model}: n and logprobs are declared but no extended call is provided`);
        return opts.extended(messages, options);
      }
      const callOptions: Record<string, unknown> = {};
      if (options.signal) callOptions.signal = options.signal;
      if (options.seed !== undefined) callOptions.seed = options.seed;
      return replyOf((await chat.invoke(toLangChainMessages(messages), callOptions)) as AIMessage);
    },
  };
}
