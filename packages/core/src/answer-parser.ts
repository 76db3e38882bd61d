/**
 * Parser extension point: a model's free-text reply → an answer code, or a typed non-answer.
 * Non-answers are counted and reported, never imputed.
 */
export type ParsedAnswer =
  | { kind: 'answer'; code: number; via: 'number' | 'label' | 'json' }
  | { kind: 'refusal'; reason: string }
  | { kind: 'invalid'; reason: InvalidReason; detail: string };

export type InvalidReason = 'empty' | 'no-answer' | 'ambiguous' | 'out-of-range';

export interface ParseContext {
  /** k: answers are codes 1..k. */
  scaleSize: number;
  /** Option labels as shown in the prompt, index 0 = code 1. */
  optionLabels: string[];
  /** Prompt language (BCP-47 tag). */
  language: string;
}

export interface AnswerParser {
  readonly id: string;
  parse(reply: string, ctx: ParseContext): ParsedAnswer;
}
