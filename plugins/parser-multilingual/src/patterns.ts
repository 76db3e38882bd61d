/**
 * Context-independent patterns of the parser (markers, connectors, suffixes, refusals), the
 * candidate types every stage passes around, and the per-context compiled data (cached).
 */
import type { ParseContext } from '@culturebench/core';
import { escapeRegex, foldPattern, WORD_CHAR, wordAlternation } from './fold.js';
import { buildLabelEntries, primaryLanguage, type LabelEntry } from './labels.js';
import { BECAUSE_WORDS, CONNECTORS, FILLER_WORDS, FREE_NUMBER_FOLLOWERS, HEDGE_WORDS, OPTION_WORDS } from './lexicon.js';
import { ANSWER_MARKERS } from './markers.js';
import { CJK_NUMERALS, NUMBER_WORDS, OPTION_COUNTERS, ORDINAL_ONLY_COUNTERS } from './numerals.js';
import { REFUSAL_PATTERNS } from './refusals.js';

export type Via = 'number' | 'label';

export interface Cand {
  code: number;
  via: Via;
  fractional?: boolean;
  start: number;
  end: number;
}

export interface HeadResult {
  cands: Cand[];
  end: number;
}

export type SkipMode = 'marker' | 'position';

// ---------------------------------------------------------------------------------------------
// Compiled tables (context independent). Built on first use (`ensurePatterns`), not at import:
// they take a quarter of a second to build, and a reply that is a bare code ("3") never needs them.
// The bindings are live, so modules importing them see the built values.

export let ALL_LANGS: string[];
export let PRE_MARKER_RE: RegExp;
export let POST_MARKER_RE: RegExp;
export let POST_NUMERIC_MARKER_RE: RegExp;
export let CONNECTOR_ALT: string;
export let REFUSAL_RE: RegExp;
export let SPACE_OR_PUNCT: string;
export let OPTION_SKIP_RE: RegExp;
export let MARKER_SKIP_RE: RegExp;
export let HEDGE_RE: RegExp;
export let CONNECTOR_RE: RegExp;
export let SUFFIX_RE: RegExp;
export let CJK_NUMERAL_CHARS: string;
export let CJK_COUNTER_RE: RegExp;
export let CJK_ORDINAL_ONLY_RE: RegExp;
export let HAN_RE: RegExp;
export let LEADING_REST_RE: RegExp;
export let LINE_REST_RE: RegExp;
export let FREE_FOLLOWER_RE: RegExp;
export let PAIR_BEFORE_RE: RegExp;
export let NEXT_WORD_LATIN_RE: RegExp;
export let ENUMERATION_LINE_RE: RegExp;
export let NEGATED_POST_RE: RegExp;
export let MARK_SYMBOL_RE: RegExp;

let built = false;

/** Builds the context-independent tables once; every entry point of the parser calls it first. */
export function ensurePatterns(): void {
  if (built) return;
  built = true;
  ALL_LANGS = Object.keys(ANSWER_MARKERS);

  PRE_MARKER_RE = new RegExp(
    ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.pre)
      .map((p) => `(?:${foldPattern(p)})`)
      .join('|'),
    'gu',
  );
  POST_MARKER_RE = new RegExp(
    ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.post)
      .map((p) => `(?:${foldPattern(p)})`)
      .join('|') || '(?!)',
    'gu',
  );
  POST_NUMERIC_MARKER_RE = new RegExp(
    ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.postNumeric ?? [])
      .map((p) => `(?:${foldPattern(p)})`)
      .join('|') || '(?!)',
    'gu',
  );
  CONNECTOR_ALT = wordAlternation(CONNECTORS);
  REFUSAL_RE = new RegExp(
    ALL_LANGS.flatMap((l) => REFUSAL_PATTERNS[l] ?? [])
      .map((p) => `(?:${foldPattern(p)})`)
      .join('|'),
    'u',
  );

  SPACE_OR_PUNCT = String.raw`(?:\s+|[("'\[:=]+|-(?=\s))`;
  OPTION_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation(OPTION_WORDS)})`, 'uy');
  MARKER_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation([...OPTION_WORDS, ...FILLER_WORDS])})`, 'uy');
  HEDGE_RE = new RegExp(`[ \\t]*[.!?;][ \\t]*${wordAlternation(HEDGE_WORDS)}(?:[ \\t]+(?:also|auch|aussi|too|也是|是))?[\\s,:]*`, 'uy');
  CONNECTOR_RE = new RegExp(`\\s*(?:${CONNECTOR_ALT}|[:=(])\\s*[("']*\\s*`, 'uy');
  SUFFIX_RE = new RegExp(
    `(?:'[a-z]{1,3}(?!${WORD_CHAR})|(?:st|nd|rd|th|er|e|eme|o|a|-?(?:й|ый|ой|ая|я))(?!${WORD_CHAR})|${OPTION_COUNTERS.map(escapeRegex).join('|')})?(?:\\s*[)\\]"'])?`,
    'uy',
  );
  CJK_NUMERAL_CHARS = Object.keys(CJK_NUMERALS).join('');
  CJK_COUNTER_RE = /^(?:番目|番|号|號|项|項)/u;
  CJK_ORDINAL_ONLY_RE = new RegExp(`^(?:${ORDINAL_ONLY_COUNTERS.map(escapeRegex).join('|')})`, 'u');
  HAN_RE = /\p{Script=Han}/u;
  LEADING_REST_RE = new RegExp(`^(?:\\s*$|\\s*[\\n.!?,;:()\\]"'=~-]|\\s+${wordAlternation(BECAUSE_WORDS)})`, 'u');
  LINE_REST_RE = /^[\s.!?,;:)\]"'~]*$/u;
  FREE_FOLLOWER_RE = new RegExp(`^\\s+(?:${wordAlternation([...FREE_NUMBER_FOLLOWERS, ...BECAUSE_WORDS])}|${CONNECTOR_ALT})`, 'u');
  PAIR_BEFORE_RE = new RegExp(`\\d\\s*${CONNECTOR_ALT}\\s*$`, 'u');
  NEXT_WORD_LATIN_RE = /^\s+[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
  ENUMERATION_LINE_RE = new RegExp(
    `^[ \\t]*(?:[-•·‣▪◦]\\s*)?(?:${wordAlternation(OPTION_WORDS)}\\s*)?[(\\[]?(\\d{1,2})\\s*(?:[)\\].:=-]|\\s+(?=\\p{L}))`,
    'du',
  );
  /** Verb negation right after a post-positional marker (ko 선택하지 않, ja 選びません, tr seçmem). */
  NEGATED_POST_RE = /^[^\s.,!?;:]{0,4}?(?:지\s*않|지\s*못|ません|ない|mem|mam|maz|mez|miyorum|mıyorum)/u;
  MARK_SYMBOL_RE = /[✓✔☑✅←⬅👈]|<-{1,2}|<=|\[x\]|\(x\)/u;
}

// ---------------------------------------------------------------------------------------------
// Context-dependent compiled data (cached by context)

export interface Compiled {
  k: number;
  lang: string;
  entries: LabelEntry[];
  /** Answer phrase (candidates joined by connectors) ending right before a post-marker. */
  postRe: RegExp;
  postNumericRe: RegExp;
  numberWords: Array<{ re: RegExp; value: number }>;
}

const compiledCache = new Map<string, Compiled>();

export function compile(ctx: ParseContext): Compiled {
  ensurePatterns();
  const key = JSON.stringify([ctx.scaleSize, ctx.language, ctx.optionLabels]);
  const hit = compiledCache.get(key);
  if (hit) return hit;
  const lang = primaryLanguage(ctx.language);
  const entries = buildLabelEntries(ctx.optionLabels, ctx.language);
  const labelEntries = entries.filter((e) => !e.paraphrase);
  const labelAlt = labelEntries.length
    ? labelEntries
        .map((e) => escapeRegex(e.text).replace(/ /g, '\\s+'))
        .sort((a, b) => b.length - a.length)
        .join('|')
    : '(?!)';
  const cand = `(?:\\d+(?:[.,]\\d+)?|[${CJK_NUMERAL_CHARS}]|${labelAlt})(?:\\s*(?:${OPTION_COUNTERS.map(escapeRegex).join('|')}))?`;
  const seq = `${cand}(?:\\s*${CONNECTOR_ALT}\\s*${cand})*`;
  const postRe = new RegExp(`(?:${seq})$`, 'u');
  const numCand = `(?:\\d+(?:[.,]\\d+)?|[${CJK_NUMERAL_CHARS}])`;
  const numSeq = `${numCand}(?:\\s*${CONNECTOR_ALT}\\s*${numCand})*`;
  const postNumericRe = new RegExp(`(?:${numSeq})$`, 'u');
  const numberWords: Compiled['numberWords'] = [];
  for (const l of lang === 'en' ? ['en'] : [lang, 'en']) {
    for (const [w, v] of Object.entries(NUMBER_WORDS[l] ?? {})) {
      numberWords.push({ re: new RegExp(wordAlternation([w]), 'uy'), value: v });
    }
  }
  const c: Compiled = { k: ctx.scaleSize, lang, entries, postRe, postNumericRe, numberWords };
  if (compiledCache.size > 500) compiledCache.clear();
  compiledCache.set(key, c);
  return c;
}
