/**
 * The multilingual answer parser plugin: a model's free-text reply to one Likert item → an answer
 * code, or a typed non-answer. Implements core's `AnswerParser` extension point; see README.md.
 */
export { multilingualParser, MultilingualAnswerParser } from './parser.js';
/** Registry id under which the CLI installs this parser (a config's or survey's `parser` field). */
export const MULTILINGUAL_PARSER_ID = 'multilingual';
