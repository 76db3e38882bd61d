import type { AnswerParser, ParsedAnswer } from '../answer-parser.js';
import { InputError } from '../errors.js';
import type { InvokeOptions, ModelCapabilities, TokenLogprob } from '../provider.js';
import { distributionFromLogprobs } from './logprobs.js';
import type { AnswerDistribution } from './distribution.js';
import { parseVerbalized } from './verbalized.js';

/** What a reply left, as the cache keeps it: enough to interpret it again without asking. */
export interface ElicitedReply {
  raw: string;
  /** Per-token log-probabilities of the first completion (logprobs method). */
  logprobs?: TokenLogprob[];
  /** Texts of every completion (n-completions), the first being `raw`. */
  completions?: string[];
}

/** How the prompt was shown, for interpreting the reply. */
export interface InterpretContext {
  scaleSize: number;
  /** Option labels in displayed order. */
  optionLabels: string[];
  /** Displayed code i + 1 → original code codeMap[i] (identity unless the order is perturbed). */
  codeMap: number[];
  language: string;
  parser: AnswerParser;
}

/** One respondent's outcome from a reply. */
export interface ElicitedAnswer {
  raw: string;
  /** The parse, with codes in the original order. */
  parsed: ParsedAnswer;
  /** Original answer code of a text answer, or null. */
  answer: number | null;
  /** The distribution over original codes, for distribution methods; null when there is none. */
  distribution: AnswerDistribution | null;
}

/**
 * Elicitation-method extension point: how one prompt is sent (invoke options, how many
 * respondents one request answers) and how its reply becomes answers.
 */
export interface ElicitationMethod {
  readonly id: string;
  readonly description: string;
  /** Capabilities the model must declare. */
  readonly requires: (keyof ModelCapabilities)[];
  /** Whether the prompt asks for a stated distribution instead of one answer. */
  readonly prompt: 'choice' | 'distribution';
  /**
   * true: one request answers every respondent who shares a persona (n completions of one prompt);
   * false: one request per respondent.
   */
  readonly sharesPrompt: boolean;
  invokeOptions(respondents: number): Pick<InvokeOptions, 'n' | 'logprobs'>;
  /** The reply → one answer per respondent the request stands for. */
  interpret(reply: ElicitedReply, ctx: InterpretContext, respondents: number): ElicitedAnswer[];
}

/** A text reply → parse, codes mapped back to the original order. */
export function textAnswer(raw: string, ctx: InterpretContext): ElicitedAnswer {
  const parsed = ctx.parser.parse(raw, { scaleSize: ctx.scaleSize, optionLabels: ctx.optionLabels, language: ctx.language });
  if (parsed.kind !== 'answer') return { raw, parsed, answer: null, distribution: null };
  const code = ctx.codeMap[parsed.code - 1];
  return { raw, parsed: { ...parsed, code }, answer: code, distribution: null };
}

export const sampleMethod: ElicitationMethod = {
  id: 'sample',
  description: 'one sampled reply per respondent (k requests for k respondents)',
  requires: [],
  prompt: 'choice',
  sharesPrompt: false,
  invokeOptions: () => ({}),
  interpret: (reply, ctx) => [textAnswer(reply.raw, ctx)],
};

/** Top alternatives asked per token: OpenAI allows up to 20; 10 covers any 5- to 10-point scale. */
export const TOP_LOGPROBS = 10;

export const logprobsMethod: ElicitationMethod = {
  id: 'logprobs',
  description: 'one request per respondent; the probabilities of the option codes at the answer position',
  requires: ['logprobs'],
  prompt: 'choice',
  sharesPrompt: false,
  invokeOptions: () => ({ logprobs: { top: TOP_LOGPROBS } }),
  interpret(reply, ctx) {
    const text = textAnswer(reply.raw, ctx);
    const displayed = distributionFromLogprobs(reply.logprobs, ctx.scaleSize);
    if (!displayed) {
      return [
        {
          raw: reply.raw,
          parsed: { kind: 'invalid', reason: 'no-answer', detail: 'no probability on any option code at the answer position' },
          answer: null,
          distribution: null,
        },
      ];
    }
    const probs = new Array<number>(ctx.scaleSize).fill(0);
    displayed.probs.forEach((p, i) => (probs[ctx.codeMap[i] - 1] += p));
    return [{ ...text, distribution: { ...displayed, probs } }];
  },
};

export const nCompletionsMethod: ElicitationMethod = {
  id: 'n-completions',
  description: 'one request with n completions for the n respondents who share a persona (input tokens paid once)',
  requires: ['n'],
  prompt: 'choice',
  sharesPrompt: true,
  invokeOptions: (respondents) => ({ n: respondents }),
  interpret(reply, ctx, respondents) {
    const texts = reply.completions ?? [reply.raw];
    // A server that returns fewer completions than asked leaves the rest as typed non-answers.
    return Array.from({ length: respondents }, (_, i) =>
      i < texts.length
        ? textAnswer(texts[i], ctx)
        : {
            raw: '',
            parsed: { kind: 'invalid', reason: 'empty', detail: `the server returned ${texts.length} of ${respondents} completions` },
            answer: null,
            distribution: null,
          },
    );
  },
};

export const verbalizedMethod: ElicitationMethod = {
  id: 'verbalized',
  description: 'the model states its distribution over the options as JSON',
  requires: [],
  prompt: 'distribution',
  sharesPrompt: false,
  invokeOptions: () => ({}),
  interpret(reply, ctx) {
    const r = parseVerbalized(reply.raw, ctx.scaleSize, ctx.codeMap);
    if (!r.ok)
      return [
        { raw: reply.raw, parsed: { kind: 'invalid', reason: 'no-answer', detail: `not a valid distribution: ${r.reason}` }, answer: null, distribution: null },
      ];
    // The modal code stands as the parse; scoring uses the distribution's expectation.
    const mode = r.distribution.probs.indexOf(Math.max(...r.distribution.probs)) + 1;
    return [{ raw: reply.raw, parsed: { kind: 'answer', code: mode, via: 'json' }, answer: null, distribution: r.distribution }];
  },
};

export const builtInMethods: Record<string, ElicitationMethod> = {
  sample: sampleMethod,
  logprobs: logprobsMethod,
  'n-completions': nCompletionsMethod,
  verbalized: verbalizedMethod,
};

/** Methods a model with these capabilities can use. */
export function methodsFor(capabilities: ModelCapabilities, methods: Record<string, ElicitationMethod> = builtInMethods): string[] {
  return Object.values(methods)
    .filter((m) => m.requires.every((c) => capabilities[c]))
    .map((m) => m.id);
}

/** Bad input before anything is asked: a method the model cannot do names the model, the method and what it can do. */
export function assertMethodSupported(
  where: string,
  model: string,
  capabilities: ModelCapabilities,
  methodId: string,
  methods: Record<string, ElicitationMethod> = builtInMethods,
): ElicitationMethod {
  const method = methods[methodId];
  if (!method) throw new InputError(`${where}: field "elicitation.methods": unknown method "${methodId}" (known: ${Object.keys(methods).join(', ')})`);
  const missing = method.requires.filter((c) => !capabilities[c]);
  if (missing.length) {
    throw new InputError(
      `${where}: model "${model}" cannot use elicitation method "${methodId}" (it needs ${missing.join(', ')}); methods it can use: ${methodsFor(capabilities, methods).join(', ')}. Fix: drop "${methodId}" from elicitation.methods or run it with --models on a model that supports it`,
    );
  }
  return method;
}
