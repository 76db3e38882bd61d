/**
 * Number tokens in a folded reply, and the "hard" exclusions: numbers that are clearly not
 * an answer value (scale descriptions, denominators, ages, quantities, percentages, years in
 * references, times, dates, identifiers such as "GPT4" or "Q4").
 */
import { escapeRegex, fold, WORD_CHAR, wordAlternation } from './fold.js';
import {
  AND_WORDS,
  CONNECTORS,
  BETWEEN_WORDS,
  DENOMINATOR_AFTER,
  DENOMINATOR_BEFORE,
  ORDINAL_SUFFIXES,
  PERCENT_BEFORE,
  QUANTITY_UNITS,
  RANGE_CONNECTORS,
  REFERENCE_BEFORE,
  REFERENCE_NUMBER_WORDS,
  SCALE_LEVEL_UNITS,
  SCALE_POINT_UNITS,
  SCALE_WORDS,
  UNAMBIGUOUS_DENOMINATORS,
} from './lexicon.js';

export interface NumToken {
  start: number;
  end: number;
  text: string;
  /** Integer value, or the decimal value for fractional tokens ("3.5", "3,5"). */
  value: number;
  fractional: boolean;
  /** Number of digits before any decimal separator. */
  digits: number;
  /** Why the token is not an answer value, if it is not. */
  excluded?: string;
}

const TOKEN_RE = /\d+(?:[.,]\d+)?/g;
const LATIN_LIKE = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** The exclusion patterns, built on first use (not at import: most replies are a bare code). */
function buildTables() {
  const ORDINAL_AFTER = new RegExp(`^(?:${ORDINAL_SUFFIXES.map((w) => escapeRegex(fold(w))).join('|')})(?!${WORD_CHAR})`, 'u');
  const UNIT_AFTER = new RegExp(`^[\\s'-]{0,2}${wordAlternation(QUANTITY_UNITS)}`, 'u');
  const PERCENT_BEFORE_RE = new RegExp(`${wordAlternation(PERCENT_BEFORE)}\\s*$`, 'u');
  const REFERENCE_BEFORE_RE = new RegExp(`${wordAlternation(REFERENCE_BEFORE)}\\s*(?:${wordAlternation(REFERENCE_NUMBER_WORDS)}\\s*)?[:.]?\\s*$`, 'u');
  const SCALE_AFTER_RE = new RegExp(
    [
      `^[\\s-]{0,2}${wordAlternation(SCALE_LEVEL_UNITS)}`,
      `^-${wordAlternation(SCALE_POINT_UNITS)}`,
      `^[\\s-]{0,2}${wordAlternation(SCALE_POINT_UNITS)}[\\s-]{0,2}(?:\\p{L}{1,12}[\\s-]{1,2})?${wordAlternation(SCALE_WORDS, { boundaryEnd: false })}`,
      `^\\s*${wordAlternation(DENOMINATOR_AFTER, { boundaryEnd: false })}`,
    ].join('|'),
    'u',
  );
  /** Dutch "of" means "or" ("3 of 4" = "3 or 4"), so it is no denominator there. */
  const denominatorWords = (lang: string) => DENOMINATOR_BEFORE.filter((w) => !(lang === 'nl' && w === 'of'));
  const DENOMINATOR_BEFORE_RES = new Map(
    ['nl', 'other'].map((l) => [
      l,
      new RegExp(`(?:\\d\\s*(?:'\\p{L}{1,3})?\\s*${wordAlternation(denominatorWords(l))}|${wordAlternation(UNAMBIGUOUS_DENOMINATORS)})\\s*$`, 'u'),
    ]),
  );
  /** "a scale of 5", "Skala von 5" (k named as the scale's size). */
  const SCALE_OF_RE = /(?:scale|skala|echelle|escala|scala|schaal|шкал\p{L}*)\s+(?:of|von|de|di|из|van|av|od)\s*$/u;
  const RANGE_GAP_RE = new RegExp(`^(?:'\\p{L}{1,4})?\\s*(?:점|点|分|번)?\\s*(?:\\([^()\\n]{0,60}\\)\\s*)?(?:${wordAlternation(RANGE_CONNECTORS)})\\s*$`, 'u');
  const PAIR_GAP_RE = new RegExp(`^\\s*(?:${wordAlternation(CONNECTORS)}|${wordAlternation(RANGE_CONNECTORS)})\\s*$`, 'u');
  const OTHER_SCALE_GAP_RES = new Map(
    ['nl', 'other'].map((l) => [l, new RegExp(`^\\s*(?:${wordAlternation(denominatorWords(l).filter((w) => w !== '/'))})\\s*$`, 'u')]),
  );
  const TURKISH_RANGE_GAP_RE = /^'(?:den|dan|ten|tan)\s+$/u;
  const AND_GAP_RE = new RegExp(`^\\s*(?:\\([^()\\n]{0,60}\\)\\s*)?${wordAlternation(AND_WORDS)}\\s*$`, 'u');
  const BETWEEN_NEAR_RE = new RegExp(wordAlternation(BETWEEN_WORDS), 'u');
  return {
    ORDINAL_AFTER,
    UNIT_AFTER,
    PERCENT_BEFORE_RE,
    REFERENCE_BEFORE_RE,
    SCALE_AFTER_RE,
    DENOMINATOR_BEFORE_RES,
    SCALE_OF_RE,
    RANGE_GAP_RE,
    PAIR_GAP_RE,
    OTHER_SCALE_GAP_RES,
    TURKISH_RANGE_GAP_RE,
    AND_GAP_RE,
    BETWEEN_NEAR_RE,
  };
}
let tables: ReturnType<typeof buildTables> | undefined;

export function tokenize(s: string): NumToken[] {
  const out: NumToken[] = [];
  for (const m of s.matchAll(TOKEN_RE)) {
    const text = m[0];
    // "2.0" is 2; "1,000" / "3,5" / "3.5" stay fractional (never an option code).
    const fractional = /[.,]/.test(text) && !/^\d+\.0+$/.test(text);
    const intPart = text.split(/[.,]/)[0]!;
    out.push({
      start: m.index!,
      end: m.index! + text.length,
      text,
      value: fractional ? Number(text.replace(',', '.')) : Number(text.replace(/\.0+$/, '')),
      fractional,
      digits: intPart.length,
    });
  }
  return out;
}

function prevChar(s: string, i: number): string {
  return i > 0 ? s[i - 1]! : '';
}

/** Mark tokens that are clearly not answer values. `k` is the scale size, `lang` the primary language. */
export function markExclusions(s: string, tokens: NumToken[], k: number, lang: string): void {
  tables ??= buildTables();
  const {
    ORDINAL_AFTER,
    UNIT_AFTER,
    PERCENT_BEFORE_RE,
    REFERENCE_BEFORE_RE,
    SCALE_AFTER_RE,
    DENOMINATOR_BEFORE_RES,
    SCALE_OF_RE,
    RANGE_GAP_RE,
    PAIR_GAP_RE,
    OTHER_SCALE_GAP_RES,
    TURKISH_RANGE_GAP_RE,
    AND_GAP_RE,
    BETWEEN_NEAR_RE,
  } = tables;
  const DENOMINATOR_BEFORE_RE = DENOMINATOR_BEFORE_RES.get(lang === 'nl' ? 'nl' : 'other')!;
  const OTHER_SCALE_GAP_RE = OTHER_SCALE_GAP_RES.get(lang === 'nl' ? 'nl' : 'other')!;
  const mark = (t: NumToken, why: string) => {
    if (!t.excluded) t.excluded = why;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const before = s.slice(Math.max(0, t.start - 40), t.start);
    const after = s.slice(t.end, t.end + 60);
    const pc = prevChar(s, t.start);
    // Glued to a word: "GPT4", "Q4", "v2", "x5"; or followed by letters that are not an ordinal suffix.
    if (pc && LATIN_LIKE.test(pc)) mark(t, 'part of a word');
    const nextLetters = /^[\p{L}\p{M}]+/u.exec(after);
    if (nextLetters && LATIN_LIKE.test(nextLetters[0][0]!) && !ORDINAL_AFTER.test(after)) mark(t, 'part of a word');
    // Times and dates: 10:30, 2/3/2024, 2024-05-01.
    if (/^:\d/.test(after) || /\d:$/.test(before)) mark(t, 'time');
    if (/^[/.-]\d+[/.-]\d/.test(after) || /\d[/.-]\d+[/.-]$/.test(before)) mark(t, 'date');
    // Percentages.
    if (/^\s?%/.test(after) || PERCENT_BEFORE_RE.test(before)) mark(t, 'percentage');
    // Quantities and ages: "35 years old", "2 kids", "5 options", "35岁".
    if (UNIT_AFTER.test(after)) mark(t, 'quantity');
    // References: "question 4", "age 35", "第4题" is handled by 题 after? no — "问题4".
    if (REFERENCE_BEFORE_RE.test(before)) mark(t, 'reference');
    // Scale descriptions that only concern k itself.
    if (!t.fractional && t.value === k) {
      if (SCALE_AFTER_RE.test(after)) mark(t, 'scale description');
      if (DENOMINATOR_BEFORE_RE.test(before)) mark(t, 'denominator');
      if (SCALE_OF_RE.test(before) && !/^\s*(?:[-~]|to|bis|à|a)\s*\d/u.test(after)) mark(t, 'scale description');
    }
  }
  // "5 out of 10", "7/10", "4 von 7": a score on some other scale than 1..k is not an answer.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (b.fractional || b.value === k) continue;
    const gap = s.slice(a.end, b.start);
    if ((OTHER_SCALE_GAP_RE.test(gap) && b.value !== k) || (/^\s*\/\s*$/.test(gap) && b.value > k)) {
      mark(a, 'score on another scale');
      mark(b, 'score on another scale');
    }
  }
  // "3-4 hours", "2 or 3 kids": the first number of a pair shares the second one's unit.
  for (let i = tokens.length - 2; i >= 0; i--) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (b.excluded === 'quantity' && PAIR_GAP_RE.test(s.slice(a.end, b.start))) mark(a, 'quantity');
  }
  // Ranges that describe the scale: "1-5", "1 to 5", "from 1 (…) to 5 (…)", "between 1 and 5",
  // "1'den 5'e", "1から5", "۱ تا ۵", also "0-10" / "1 to 10" (any scale description 0/1 … ≥k).
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.fractional || b.fractional) continue;
    const lo = Math.min(a.value, b.value);
    const hi = Math.max(a.value, b.value);
    if (!(lo <= 1 && hi >= k && hi <= 100)) continue;
    const gap = s.slice(a.end, b.start);
    let isRange = RANGE_GAP_RE.test(gap) || TURKISH_RANGE_GAP_RE.test(gap);
    if (!isRange && AND_GAP_RE.test(gap)) {
      const around = s.slice(Math.max(0, a.start - 16), a.start) + ' ' + s.slice(b.end, b.end + 16);
      isRange = BETWEEN_NEAR_RE.test(around);
    }
    if (isRange) {
      mark(a, 'scale range');
      mark(b, 'scale range');
    }
  }
}
