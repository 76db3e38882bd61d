/**
 * Evidence against a single answer, read after it (the parser never guesses):
 *
 * - a gloss: another option's label or paraphrase beside a number, even with words between
 *   ("4 - really very important", "3 - extremely important", "4 - 真的非常重要");
 * - a hedge: a "but"/"maybe" word opening an alternative in the same or the next sentence
 *   ("I would say 4, but maybe 5", "4, aber vielleicht 5", "4，但也可能是5"), or an
 *   alternative followed by a post-positional hedge ("4です。5かもしれません", "5번일 수도").
 */
import { isUnspaced, wordAlternation } from './fold.js';
import { negationBefore, type LabelHit } from './labels.js';
import { BECAUSE_WORDS, HEDGE_TRIGGERS, POST_HEDGES } from './lexicon.js';
import type { NumToken } from './numbers.js';

export interface Alt {
  code: number;
  via: 'number' | 'label';
  fractional?: boolean;
  start: number;
  end: number;
}

/** What the readers below need of an analysed reply. */
export interface ReplyView {
  /** Folded, markdown-blanked reply. */
  c: string;
  lang: string;
  labels: LabelHit[];
  paraphrases: LabelHit[];
  tokens: NumToken[];
  /** Is this number negated in its clause ("but not 5")? */
  negatedNumber(t: NumToken): boolean;
}

const GLOSS_WORDS = 4;
const HEDGE_WORDS_BETWEEN = 1;

/** At most `words` words between a and b (twice as many characters in unspaced scripts). */
function near(c: string, a: number, b: number, words: number): boolean {
  const between = c.slice(a, b);
  if (isUnspaced(c[b]) || isUnspaced(c[a - 1])) return between.replace(/[\s\-=:(,~/"'、]/gu, '').length <= words * 2;
  return between.split(/[\s\-=:(,~/"'、]+/u).filter(Boolean).length <= words;
}
const CLAUSE_END = /[.;!?\n]/u;
const BECAUSE_RE = new RegExp(wordAlternation(BECAUSE_WORDS), 'u');
const triggerCache = new Map<string, RegExp>();
const POST_HEDGE_RE = new RegExp(wordAlternation(POST_HEDGES, { boundaryStart: false }), 'gu');

function triggers(lang: string): RegExp {
  let re = triggerCache.get(lang);
  if (!re) {
    const words = [...(HEDGE_TRIGGERS[lang] ?? []), ...(lang === 'en' ? [] : (HEDGE_TRIGGERS.en ?? []))];
    re = new RegExp(wordAlternation(words), 'gu');
    triggerCache.set(lang, re);
  }
  return re;
}

function clauseEnd(c: string, from: number, limit: number): number {
  const m = CLAUSE_END.exec(c.slice(from, limit));
  return m ? from + m.index : limit;
}

function hitAlts(hits: readonly LabelHit[], a: number, b: number): Alt[] {
  const out: Alt[] = [];
  for (const h of hits) {
    if (h.start < a || h.end > b || h.negated) continue;
    out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
    for (const code of h.alsoCodes) out.push({ code, via: 'label', start: h.start, end: h.end });
  }
  return out;
}

/** Labels and paraphrases a few words after a number, in the same clause. */
export function glossAfter(v: ReplyView, from: number): Alt[] {
  let end = clauseEnd(v.c, from, Math.min(v.c.length, from + 120));
  const because = BECAUSE_RE.exec(v.c.slice(from, end));
  if (because) end = from + because.index;
  const out: Alt[] = [];
  for (const h of [...v.labels, ...v.paraphrases]) {
    if (h.start < from || h.end > end || h.negated) continue;
    if (!near(v.c, from, h.start, GLOSS_WORDS)) continue;
    out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
    for (const code of h.alsoCodes) out.push({ code, via: 'label', start: h.start, end: h.end });
  }
  return out;
}

/** Cheap test first: most replies hold no hedge word at all. */
const mayHedgeCache = { c: '', lang: '', value: false };
function mayHedge(c: string, lang: string): boolean {
  if (mayHedgeCache.c !== c || mayHedgeCache.lang !== lang) {
    const re = triggers(lang);
    re.lastIndex = 0;
    POST_HEDGE_RE.lastIndex = 0;
    mayHedgeCache.c = c;
    mayHedgeCache.lang = lang;
    mayHedgeCache.value = re.test(c) || POST_HEDGE_RE.test(c);
  }
  return mayHedgeCache.value;
}

/** End of the sentence after the one holding `from` (at most 200 characters on). */
function nextSentenceEnd(c: string, from: number): number {
  const limit = Math.min(c.length, from + 200);
  let seen = 0;
  for (let i = from; i < limit; i++) {
    if (/[.!?\n]/u.test(c[i]!) && !/^[.!?\n]/u.test(c[i + 1] ?? '')) {
      // "4." right after the answer closes the answer's own sentence.
      seen++;
      if (seen === 2) return i;
    }
  }
  return limit;
}

/** Alternatives opened by a hedge after the answer that ends at `from`. */
export function hedgedAfter(v: ReplyView, from: number): Alt[] {
  if (!mayHedge(v.c, v.lang)) return [];
  const windowEnd = nextSentenceEnd(v.c, from);
  const out: Alt[] = [];
  const re = triggers(v.lang);
  re.lastIndex = from;
  for (let m = re.exec(v.c); m && m.index < windowEnd; m = re.exec(v.c)) {
    const a = m.index + m[0].length;
    // The alternative follows the hedge closely ("but maybe 5", "aber vielleicht auch 5");
    // "although some might say 2, I think 3" reports others' view, "but family is very
    // important to me" talks about something else.
    const b = clauseEnd(v.c, a, windowEnd);
    const close = (start: number) => near(v.c, a, start, HEDGE_WORDS_BETWEEN);
    out.push(...hitAlts(v.labels, a, b).filter((x) => close(x.start)), ...hitAlts(v.paraphrases, a, b).filter((x) => close(x.start)));
    for (const t of v.tokens) {
      if (t.start < a || t.end > b || t.digits !== 1 || t.excluded || !close(t.start)) continue;
      if (negationBefore(v.c, t.start, v.lang) || v.negatedNumber(t)) continue;
      out.push({ code: t.value, via: 'number', fractional: t.fractional, start: t.start, end: t.end });
    }
  }
  POST_HEDGE_RE.lastIndex = from;
  for (let m = POST_HEDGE_RE.exec(v.c); m && m.index < windowEnd; m = POST_HEDGE_RE.exec(v.c)) {
    // The alternative right before the hedge, allowing a counter/particle ("5番かも", "5번일 수도").
    for (const t of v.tokens) {
      if (t.start < from || t.digits !== 1 || t.excluded || t.end > m.index) continue;
      if (/^\s?[^\s\d.,!?;:]{0,3}\s?$/u.test(v.c.slice(t.end, m.index))) {
        out.push({ code: t.value, via: 'number', fractional: t.fractional, start: t.start, end: t.end });
      }
    }
    for (const h of [...v.labels, ...v.paraphrases]) {
      if (h.start >= from && !h.negated && h.end <= m.index && m.index - h.end <= 2) out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
    }
  }
  return out;
}
