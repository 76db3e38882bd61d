/**
 * Text folding shared by replies, labels and the data tables, so that matching is
 * case-, accent-, width- and digit-script-insensitive.
 */
import { FOLD_CHAR_MAP } from './lexicon.js';

const ND = /\p{Nd}/u;
const digitCache = new Map<string, string>();

/** ASCII value of any Unicode decimal digit (Nd). Nd digits come in aligned runs of ten. */
export function asciiDigit(ch: string): string {
  const cached = digitCache.get(ch);
  if (cached !== undefined) return cached;
  let cp = ch.codePointAt(0)!;
  let offset = 0;
  while (offset < 100 && ND.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    offset += 1;
  }
  const value = String(offset % 10);
  digitCache.set(ch, value);
  return value;
}

const FOLD_CHARS = new RegExp(`[${Object.keys(FOLD_CHAR_MAP).map(escapeClassChar).join('')}]`, 'gu');

function escapeClassChar(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * NFKC (full-width, circled and compatibility forms) → every decimal digit to ASCII →
 * lower case → strip Latin/Greek/Cyrillic combining accents and Arabic harakat/hamza marks →
 * NFC → unify quotes, dashes, Arabic/Persian letter variants and script-specific punctuation.
 * Keeps Indic, Thai, Hangul and kana marks (they are letters there, not accents).
 */
export function fold(text: string): string {
  let s = text.normalize('NFKC');
  s = s.replace(/\p{Nd}/gu, (d) => (d >= '0' && d <= '9' ? d : asciiDigit(d)));
  s = s.toLowerCase();
  s = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .normalize('NFC');
  s = s.replace(FOLD_CHARS, (ch) => FOLD_CHAR_MAP[ch] ?? ch);
  return s;
}

/** Unicode-aware word boundary (JS `\b` only knows ASCII). */
export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;
const UNICODE_BOUNDARY = String.raw`(?:(?<!${WORD_CHAR})(?=${WORD_CHAR})|(?<=${WORD_CHAR})(?!${WORD_CHAR}))`;

/**
 * Fold a regular-expression source written in natural spelling: escapes (`\s`, `\p{L}`, …)
 * are kept verbatim, everything else is folded like a reply; `\b` becomes a Unicode-aware
 * word boundary.
 */
export function foldPattern(source: string): string {
  const parts = source.split(/(\\[pPu]\{[^}]*\}|\\x[0-9a-fA-F]{2}|\\.)/);
  const last = parts.length - 1;
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return fold(part);
      if (part !== '\\b') return part;
      // Leading / trailing \b are one-sided (cheaper); inner ones are full boundaries.
      if (i === 1 && parts[0] === '') return `(?<!${WORD_CHAR})`;
      if (i === last - 1 && parts[last] === '') return `(?!${WORD_CHAR})`;
      return UNICODE_BOUNDARY;
    })
    .join('');
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
}

/** Scripts written without spaces between words: no word boundaries there. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const SPACED_LETTER = /[\p{L}\p{M}\p{N}]/u;

export function isUnspaced(ch: string | undefined): boolean {
  return ch !== undefined && UNSPACED.test(ch);
}

/**
 * Regex source matching any of `words` (folded), longest first. Words whose edge character is a
 * letter of a space-separated script get a word boundary on that edge. A trailing `*` on an entry
 * means "followed by any letters" (a stem).
 */
export function wordAlternation(words: readonly string[], opts: { boundaryStart?: boolean; boundaryEnd?: boolean } = {}): string {
  const { boundaryStart = true, boundaryEnd = true } = opts;
  const seen = new Set<string>();
  // Group by boundary class so each group shares one lookbehind/lookahead (much faster).
  const groups = new Map<string, Array<{ src: string; len: number }>>();
  for (const raw of words) {
    const stem = raw.endsWith('*') && raw.length > 1;
    const w = fold(stem ? raw.slice(0, -1) : raw);
    const key = w + (stem ? '*' : '');
    if (!w || seen.has(key)) continue;
    seen.add(key);
    const chars = Array.from(w);
    const first = chars[0]!;
    const last = chars[chars.length - 1]!;
    const startB = boundaryStart && SPACED_LETTER.test(first) && !isUnspaced(first);
    const endB = stem ? 'stem' : boundaryEnd && SPACED_LETTER.test(last) && !isUnspaced(last) ? 'b' : 'none';
    const cls = `${startB ? 'b' : 'none'}|${endB}`;
    const list = groups.get(cls) ?? [];
    list.push({ src: escapeRegex(w).replace(/ /g, '\\s+'), len: w.length });
    groups.set(cls, list);
  }
  const parts: string[] = [];
  for (const [cls, list] of groups) {
    list.sort((a, b) => b.len - a.len);
    const [s, e] = cls.split('|');
    const body = `(?:${list.map((x) => x.src).join('|')})`;
    const pre = s === 'b' ? `(?<!${WORD_CHAR})` : '';
    const post = e === 'b' ? `(?!${WORD_CHAR})` : e === 'stem' ? `${WORD_CHAR}*` : '';
    parts.push(`${pre}${body}${post}`);
  }
  return parts.length ? `(?:${parts.join('|')})` : '(?!)';
}
