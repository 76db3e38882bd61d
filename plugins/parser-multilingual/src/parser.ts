/**
 * The multilingual answer parser. See README.md in this folder for the rules.
 *
 * Pipeline (first stage that yields candidates decides; the parser never guesses):
 *   0. empty reply                                   → invalid/empty
 *   1. JSON with an answer key                        → answer (via json) / invalid
 *   2. answer markers ("Answer: 4", "4を選びます")      → answer / ambiguous / out-of-range
 *   3. answer positions: the reply's leading answer, a stand-alone answer line, a bold
 *      answer, the one marked line of an echoed option list
 *   4. AI disclaimer / refusal phrase                 → refusal
 *   5. everything else in free text (single-digit numbers, labels); all options echoed
 *      without a choice → no-answer
 */
import type { AnswerParser, ParseContext, ParsedAnswer } from '@culturebench/core';
import { parseText, validateContext } from './decide.js';

export class MultilingualAnswerParser implements AnswerParser {
  readonly id = 'multilingual-v2';

  parse(reply: string, ctx: ParseContext): ParsedAnswer {
    validateContext(ctx);
    if (typeof reply !== 'string' || reply.trim() === '') return { kind: 'invalid', reason: 'empty', detail: 'reply is empty' };
    // Fast path for the commonest reply, a bare code ("3", "3."): same outcome, no regex cascade.
    const bare = BARE_CODE_RE.exec(reply);
    if (bare) {
      const code = Number(bare[1]);
      if (code >= 1 && code <= ctx.scaleSize) return { kind: 'answer', code, via: 'number' };
    }
    return parseText(reply, ctx, true);
  }
}

const BARE_CODE_RE = /^\s*(\d{1,2})\.?\s*$/;

/** The full pipeline without the fast path (for tests that check the two agree). */
export function parseWithoutFastPath(reply: string, ctx: ParseContext): ParsedAnswer {
  validateContext(ctx);
  return parseText(reply, ctx, true);
}

export const multilingualParser: AnswerParser = new MultilingualAnswerParser();
