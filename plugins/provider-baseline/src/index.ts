import {
  assertSupported,
  hash32,
  type ChatMessage,
  type InvokeOptions,
  type ModelClient,
  type ModelEntry,
  type ModelProvider,
  type ModelReply,
} from '@culturebench/core';

/** random: uniform over the listed options; middle: the middle one; first: the first listed (pure primacy, a known order effect). */
export type BaselineStrategy = 'random' | 'middle' | 'first';
export const BASELINE_STRATEGIES: BaselineStrategy[] = ['random', 'middle', 'first'];

/**
 * Reads the options the prompt lists ("1. …" lines) the way a respondent would, so the baseline
 * needs no side channel: it answers the question it was shown.
 */
export function listedOptionCodes(prompt: string): number[] {
  const codes = new Set<number>();
  for (const m of prompt.matchAll(/^\s*(\d{1,2})\s*[.)]\s+\S/gm)) codes.add(Number(m[1]));
  return [...codes].sort((a, b) => a - b);
}

/** A reference respondent behind the plain client contract; no library, no network. */
export class BaselineClient implements ModelClient {
  readonly capabilities = { seed: true, logprobs: false, n: false };

  constructor(
    readonly strategy: BaselineStrategy,
    private readonly defaultSeed = 0,
  ) {}

  async invoke(messages: ChatMessage[], options: InvokeOptions = {}): Promise<ModelReply> {
    assertSupported(`baseline-${this.strategy}`, this.capabilities, options);
    const codes = listedOptionCodes(messages[messages.length - 1]?.content ?? '');
    let text: string;
    if (codes.length === 0) text = 'No options were listed.';
    else if (this.strategy === 'middle') text = String(codes[Math.floor((codes.length - 1) / 2)]);
    else if (this.strategy === 'first') text = String(codes[0]);
    else {
      // Uniform over the listed options, reproducible from (seed, prompt).
      const seed = options.seed ?? this.defaultSeed;
      text = String(codes[hash32(seed, messages.map((m) => m.content).join('\n')) % codes.length]);
    }
    return { text, usage: null };
  }
}

/** The provider plugin: `{ provider: 'baseline', model: 'random' | 'middle' | 'first' }`. */
export const baselineProvider: ModelProvider = {
  id: 'baseline',
  kind: 'baseline',
  defaultConcurrency: 64,
  create(entry: ModelEntry) {
    if (!BASELINE_STRATEGIES.includes(entry.model as BaselineStrategy)) {
      throw new Error(`model ${entry.id}: baseline "${entry.model}" is unknown (use one of: ${BASELINE_STRATEGIES.join(', ')})`);
    }
    return new BaselineClient(entry.model as BaselineStrategy, entry.params?.seed ?? 0);
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
