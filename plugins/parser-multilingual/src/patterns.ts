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
// Compiled tables (context independent)

export const ALL_LANGS = Object.keys(ANSWER_MARKERS);

export const PRE_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.pre)
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|'),
  'gu',
);
export const POST_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.post)
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|') || '(?!)',
  'gu',
);
export const POST_NUMERIC_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.postNumeric ?? [])
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|') || '(?!)',
  'gu',
);
export const CONNECTOR_ALT = wordAlternation(CONNECTORS);
export const REFUSAL_RE = new RegExp(
  ALL_LANGS.flatMap((l) => REFUSAL_PATTERNS[l] ?? [])
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|'),
  'u',
);

export const SPACE_OR_PUNCT = String.raw`(?:\s+|[("'\[:=]+|-(?=\s))`;
export const OPTION_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation(OPTION_WORDS)})`, 'uy');
export const MARKER_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation([...OPTION_WORDS, ...FILLER_WORDS])})`, 'uy');
export const HEDGE_RE = new RegExp(`[ \\t]*[.!?;][ \\t]*${wordAlternation(HEDGE_WORDS)}(?:[ \\t]+(?:also|auch|aussi|too|也是|是))?[\\s,:]*`, 'uy');
export const CONNECTOR_RE = new RegExp(`\\s*(?:${CONNECTOR_ALT}|[:=(])\\s*[("']*\\s*`, 'uy');
export const SUFFIX_RE = new RegExp(
  `(?:'[a-z]{1,3}(?!${WORD_CHAR})|(?:st|nd|rd|th|er|e|eme|o|a|-?(?:й|ый|ой|ая|я))(?!${WORD_CHAR})|${OPTION_COUNTERS.map(escapeRegex).join('|')})?(?:\\s*[)\\]"'])?`,
  'uy',
);
export const CJK_NUMERAL_CHARS = Object.keys(CJK_NUMERALS).join('');
export const CJK_COUNTER_RE = /^(?:番目|番|号|號|项|項)/u;
export const CJK_ORDINAL_ONLY_RE = new RegExp(`^(?:${ORDINAL_ONLY_COUNTERS.map(escapeRegex).join('|')})`, 'u');
export const HAN_RE = /\p{Script=Han}/u;
export const LEADING_REST_RE = new RegExp(`^(?:\\s*$|\\s*[\\n.!?,;:()\\]"'=~-]|\\s+${wordAlternation(BECAUSE_WORDS)})`, 'u');
export const LINE_REST_RE = /^[\s.!?,;:)\]"'~]*$/u;
export const FREE_FOLLOWER_RE = new RegExp(`^\\s+(?:${wordAlternation([...FREE_NUMBER_FOLLOWERS, ...BECAUSE_WORDS])}|${CONNECTOR_ALT})`, 'u');
export const PAIR_BEFORE_RE = new RegExp(`\\d\\s*${CONNECTOR_ALT}\\s*$`, 'u');
export const NEXT_WORD_LATIN_RE = /^\s+[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
export const ENUMERATION_LINE_RE = new RegExp(
  `^[ \\t]*(?:[-•·‣▪◦]\\s*)?(?:${wordAlternation(OPTION_WORDS)}\\s*)?[(\\[]?(\\d{1,2})\\s*(?:[)\\].:=-]|\\s+(?=\\p{L}))`,
  'du',
);
/** Verb negation right after a post-positional marker (ko 선택하지 않, ja 選びません, tr seçmem). */
export const NEGATED_POST_RE = /^[^\s.,!?;:]{0,4}?(?:지\s*않|지\s*못|ません|ない|mem|mam|maz|mez|miyorum|mıyorum)/u;
export const MARK_SYMBOL_RE = /[✓✔☑✅←⬅👈]|<-{1,2}|<=|\[x\]|\(x\)/u;

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
