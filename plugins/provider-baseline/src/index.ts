import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { hash32, type ModelEntry, type ModelProvider } from '@culturebench/core';

export type BaselineStrategy = 'random' | 'middle';
export const BASELINE_STRATEGIES: BaselineStrategy[] = ['random', 'middle'];

export interface BaselineCallOptions extends BaseChatModelCallOptions {
  /** Per-respondent seed, passed by the runner. */
  seed?: number;
}

function contentText(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}

/**
 * Reads the options the prompt lists ("1. …" lines) the way a respondent would, so the baseline
 * needs no side channel: it answers the question it was shown.
 */
export function listedOptionCodes(prompt: string): number[] {
  const codes = new Set<number>();
  for (const m of prompt.matchAll(/^\s*(\d{1,2})\s*[.)]\s+\S/gm)) codes.add(Number(m[1]));
  return [...codes].sort((a, b) => a - b);
}

export class BaselineChatModel extends BaseChatModel<BaselineCallOptions> {
  constructor(
    readonly strategy: BaselineStrategy,
    private readonly defaultSeed = 0,
  ) {
    super({});
  }

  _llmType(): string {
    return `culturebench-baseline-${this.strategy}`;
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const prompt = contentText(messages[messages.length - 1] ?? new AIMessage(''));
    const codes = listedOptionCodes(prompt);
    let text: string;
    if (codes.length === 0) text = 'No options were listed.';
    else if (this.strategy === 'middle') text = String(codes[Math.floor((codes.length - 1) / 2)]);
    else {
      // Uniform over the listed options, reproducible from (seed, prompt).
      const seed = options.seed ?? this.defaultSeed;
      text = String(codes[hash32(seed, messages.map(contentText).join('\n')) % codes.length]);
    }
    return { generations: [{ text, message: new AIMessage(text) }] };
  }
}

/** The provider plugin: `{ provider: 'baseline', model: 'random' | 'middle' }`. */
export const baselineProvider: ModelProvider = {
  id: 'baseline',
  kind: 'baseline',
  defaultConcurrency: 64,
  supportsSeed: true,
  create(entry: ModelEntry) {
    if (!BASELINE_STRATEGIES.includes(entry.model as BaselineStrategy)) {
      throw new Error(`model ${entry.id}: baseline "${entry.model}" is unknown (use one of: ${BASELINE_STRATEGIES.join(', ')})`);
    }
    return new BaselineChatModel(entry.model as BaselineStrategy, entry.params?.seed ?? 0);
  },
  async check(entry: ModelEntry) {
    return BASELINE_STRATEGIES.includes(entry.model as BaselineStrategy)
      ? { ok: true, detail: 'offline baseline' }
      : { ok: false, reason: `unknown baseline "${entry.model}"`, fix: `set model to one of: ${BASELINE_STRATEGIES.join(', ')}` };
  },
};

export const baselineModels: ModelEntry[] = [
  { id: 'baseline-random', provider: 'baseline', model: 'random' },
  { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
];
