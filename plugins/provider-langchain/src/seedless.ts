import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import type { BaseMessage, MessageContent } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';

function textOf(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (typeof part === 'string' ? part : part.type === 'text' && 'text' in part ? String(part.text) : '')).join('');
}

/**
 * Forwards every call to `inner` without the `seed` call option: the wrapper for entries that did
 * not declare `seedCallOption: true`, so that a model that does not document a per-call seed never
 * receives one (and nothing claims it was honoured). Reply, usage_metadata and response_metadata
 * are `inner`'s own; streaming is forwarded chunk by chunk.
 */
export class SeedlessChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(readonly inner: BaseChatModel) {
    super({});
  }

  static lc_name(): string {
    return 'SeedlessChatModel';
  }

  _llmType(): string {
    // BaseChatModel's constructor asks before `inner` is assigned.
    return (this.inner as BaseChatModel | undefined)?._llmType() ?? 'seedless';
  }

  /** The call options minus `seed`. (The inner model reports to its own callbacks.) */
  private forward(options: this['ParsedCallOptions']): Record<string, unknown> {
    const { seed: _dropped, ...rest } = options as Record<string, unknown>;
    return rest;
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const message = await this.inner.invoke(messages, this.forward(options));
    return { generations: [{ text: textOf(message.content), message }] };
  }

  async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    for await (const chunk of await this.inner.stream(messages, this.forward(options))) {
      const text = textOf(chunk.content);
      yield new ChatGenerationChunk({ text, message: chunk });
      await runManager?.handleLLMNewToken(text);
    }
  }
}
