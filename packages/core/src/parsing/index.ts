/**
 * Answer parsing: a model's free-text reply to one Likert item → an answer code, or a typed
 * non-answer. See README.md in this folder for the rules.
 */
export type { AnswerParser, InvalidReason, ParseContext, ParsedAnswer } from '../answer-parser.js';
export { defaultParser, MultilingualAnswerParser } from './parser.js';
