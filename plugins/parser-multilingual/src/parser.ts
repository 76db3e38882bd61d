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
import { escapeRegex, fold, foldPattern, WORD_CHAR, wordAlternation } from './fold.js';
import { glossAfter, hedgedAfter, type ReplyView } from './contradictions.js';
import { findJsonAnswers, type JsonValue } from './json.js';
import { buildLabelEntries, findLabels, isNegated, negationBefore, primaryLanguage, type LabelEntry, type LabelHit } from './labels.js';
import { BECAUSE_WORDS, CONNECTORS, FILLER_WORDS, FREE_NUMBER_FOLLOWERS, HEDGE_WORDS, OPTION_WORDS } from './lexicon.js';
import { ANSWER_MARKERS } from './markers.js';
import { markExclusions, tokenize, type NumToken } from './numbers.js';
import { CJK_NUMERALS, NUMBER_WORDS, OPTION_COUNTERS, ORDINAL_ONLY_COUNTERS } from './numerals.js';
import { REFUSAL_PATTERNS } from './refusals.js';

type Via = 'number' | 'label';

interface Cand {
  code: number;
  via: Via;
  fractional?: boolean;
  start: number;
  end: number;
}

interface HeadResult {
  cands: Cand[];
  end: number;
}

type SkipMode = 'marker' | 'position';

// ---------------------------------------------------------------------------------------------
// Compiled tables (context independent)

const ALL_LANGS = Object.keys(ANSWER_MARKERS);

const PRE_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.pre)
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|'),
  'gu',
);
const POST_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.post)
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|') || '(?!)',
  'gu',
);
const POST_NUMERIC_MARKER_RE = new RegExp(
  ALL_LANGS.flatMap((l) => ANSWER_MARKERS[l]!.postNumeric ?? [])
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|') || '(?!)',
  'gu',
);
const CONNECTOR_ALT = wordAlternation(CONNECTORS);
const REFUSAL_RE = new RegExp(
  ALL_LANGS.flatMap((l) => REFUSAL_PATTERNS[l] ?? [])
    .map((p) => `(?:${foldPattern(p)})`)
    .join('|'),
  'u',
);

const SPACE_OR_PUNCT = String.raw`(?:\s+|[("'\[:=]+|-(?=\s))`;
const OPTION_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation(OPTION_WORDS)})`, 'uy');
const MARKER_SKIP_RE = new RegExp(`(?:${SPACE_OR_PUNCT}|${wordAlternation([...OPTION_WORDS, ...FILLER_WORDS])})`, 'uy');
const HEDGE_RE = new RegExp(`[ \\t]*[.!?;][ \\t]*${wordAlternation(HEDGE_WORDS)}(?:[ \\t]+(?:also|auch|aussi|too|也是|是))?[\\s,:]*`, 'uy');
const CONNECTOR_RE = new RegExp(`\\s*(?:${CONNECTOR_ALT}|[:=(])\\s*[("']*\\s*`, 'uy');
const SUFFIX_RE = new RegExp(
  `(?:'[a-z]{1,3}(?!${WORD_CHAR})|(?:st|nd|rd|th|er|e|eme|o|a|-?(?:й|ый|ой|ая|я))(?!${WORD_CHAR})|${OPTION_COUNTERS.map(escapeRegex).join('|')})?(?:\\s*[)\\]"'])?`,
  'uy',
);
const CJK_NUMERAL_CHARS = Object.keys(CJK_NUMERALS).join('');
const CJK_COUNTER_RE = /^(?:番目|番|号|號|项|項)/u;
const CJK_ORDINAL_ONLY_RE = new RegExp(`^(?:${ORDINAL_ONLY_COUNTERS.map(escapeRegex).join('|')})`, 'u');
const HAN_RE = /\p{Script=Han}/u;
const LEADING_REST_RE = new RegExp(
  `^(?:\\s*$|\\s*[\\n.!?,;:()\\]"'=~-]|\\s+${wordAlternation(BECAUSE_WORDS)})`,
  'u',
);
const LINE_REST_RE = /^[\s.!?,;:)\]"'~]*$/u;
const FREE_FOLLOWER_RE = new RegExp(
  `^\\s+(?:${wordAlternation([...FREE_NUMBER_FOLLOWERS, ...BECAUSE_WORDS])}|${CONNECTOR_ALT})`,
  'u',
);
const PAIR_BEFORE_RE = new RegExp(`\\d\\s*${CONNECTOR_ALT}\\s*$`, 'u');
const NEXT_WORD_LATIN_RE = /^\s+[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const ENUMERATION_LINE_RE = new RegExp(
  `^[ \\t]*(?:[-•·‣▪◦]\\s*)?(?:${wordAlternation(OPTION_WORDS)}\\s*)?[(\\[]?(\\d{1,2})\\s*(?:[)\\].:=-]|\\s+(?=\\p{L}))`,
  'du',
);
/** Verb negation right after a post-positional marker (ko 선택하지 않, ja 選びません, tr seçmem). */
const NEGATED_POST_RE = /^[^\s.,!?;:]{0,4}?(?:지\s*않|지\s*못|ません|ない|mem|mam|maz|mez|miyorum|mıyorum)/u;
const MARK_SYMBOL_RE = /[✓✔☑✅←⬅👈]|<-{1,2}|<=|\[x\]|\(x\)/u;

// ---------------------------------------------------------------------------------------------
// Context-dependent compiled data (cached by context)

interface Compiled {
  k: number;
  lang: string;
  entries: LabelEntry[];
  /** Answer phrase (candidates joined by connectors) ending right before a post-marker. */
  postRe: RegExp;
  postNumericRe: RegExp;
  numberWords: Array<{ re: RegExp; value: number }>;
}

const compiledCache = new Map<string, Compiled>();

function compile(ctx: ParseContext): Compiled {
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

// ---------------------------------------------------------------------------------------------
// Analysis of one reply

class Analysis {
  readonly c: string;
  readonly f: string;
  readonly tokens: NumToken[];
  readonly tokenAt = new Map<number, NumToken>();
  readonly labels: LabelHit[];
  /** Paraphrased options: evidence against another number, never an answer by themselves. */
  readonly paraphrases: LabelHit[];
  readonly labelAt = new Map<number, LabelHit>();
  readonly soft: Array<[number, number]> = [];
  readonly markedLineCands: Cand[] = [];
  /** An echoed option list without exactly one marked option was found. */
  echoed = false;
  /** Starts of candidates in a negated answer phrase ("1を選びません"); never free-text answers. */
  readonly negatedAt = new Set<number>();

  constructor(
    readonly reply: string,
    readonly comp: Compiled,
  ) {
    this.f = fold(reply);
    // Markdown emphasis / code / headings → spaces (positions are preserved).
    this.c = this.f.replace(/[*_#`]/g, ' ').replace(/^[ \t]*>/gm, (m) => m.replace('>', ' '));
    this.tokens = tokenize(this.c);
    markExclusions(this.c, this.tokens, comp.k, comp.lang);
    for (const t of this.tokens) this.tokenAt.set(t.start, t);
    const hits = findLabels(this.c, comp.entries, comp.lang);
    this.labels = hits.filter((h) => !h.paraphrase);
    this.paraphrases = hits.filter((h) => h.paraphrase);
    for (const h of this.labels) this.labelAt.set(h.start, h);
    this.findEnumerations();
    this.findLegends();
  }

  get k(): number {
    return this.comp.k;
  }

  inSoft(start: number, end: number = start + 1): boolean {
    return this.soft.some(([a, b]) => start < b && a < end);
  }

  /** Numbered lists: echoed option lists (whole lines soft) and reasoning lists (numbers soft). */
  private findEnumerations(): void {
    const lineRe = ENUMERATION_LINE_RE;
    interface Line {
      n: number;
      numStart: number;
      numEnd: number;
      start: number;
      end: number;
    }
    const lines: Line[] = [];
    let pos = 0;
    for (const raw of this.c.split('\n')) {
      const m = lineRe.exec(raw);
      if (m && m.indices?.[1]) {
        const [a, b] = m.indices[1];
        lines.push({ n: Number(m[1]), numStart: pos + a, numEnd: pos + b, start: pos, end: pos + raw.length });
      }
      pos += raw.length + 1;
    }
    // Group into runs 1, 2, 3, …
    const runs: Line[][] = [];
    let cur: Line[] = [];
    for (const l of lines) {
      if (l.n === 1) {
        if (cur.length) runs.push(cur);
        cur = [l];
      } else if (cur.length && l.n === cur[cur.length - 1]!.n + 1) {
        cur.push(l);
      } else {
        if (cur.length) runs.push(cur);
        cur = [];
      }
    }
    if (cur.length) runs.push(cur);
    for (const run of runs) {
      if (run.length < 2) continue;
      const ownLabel = run.filter((l) => this.labels.some((h) => h.start >= l.numEnd && h.end <= l.end && h.code === l.n)).length;
      const short = run.every((l) => l.end - l.start <= 70);
      const echo = ownLabel >= 2 || (run.length >= this.k - 1 && run.length <= this.k && short && ownLabel >= 1);
      if (echo) {
        const marked = run.filter((l) => {
          const text = this.f.slice(l.start, l.end);
          return MARK_SYMBOL_RE.test(text) || /\*\*|__/.test(text);
        });
        if (marked.length === 1) {
          const l = marked[0]!;
          this.markedLineCands.push({ code: l.n, via: 'number', start: l.numStart, end: l.numEnd });
        } else {
          this.echoed = true;
        }
        for (const l of run) this.soft.push([l.start, l.end]);
      } else {
        for (const l of run) this.soft.push([l.numStart, l.numEnd]);
      }
    }
  }

  /** Two or more "N = label(N)" / "label(N) (N)" pairs: a legend echoing the scale anchors. */
  private findLegends(): void {
    const pairs: Array<[number, number, number]> = [];
    for (const t of this.tokens) {
      if (t.fractional || t.digits !== 1 || t.excluded) continue;
      const m = /^\s*(?:[=:-]|\()\s*/u.exec(this.c.slice(t.end, t.end + 6));
      if (m) {
        const h = this.labelAt.get(t.end + m[0].length);
        if (h && h.code === t.value) pairs.push([t.start, h.end, t.value]);
      }
    }
    for (const h of this.labels) {
      const m = /^\s*\(\s*(\d)\s*\)/u.exec(this.c.slice(h.end, h.end + 8));
      if (m && Number(m[1]) === h.code) pairs.push([h.start, h.end + m[0].length, h.code]);
    }
    const codes = new Set(pairs.map((p) => p[2]));
    if (codes.size >= 2) for (const [a, b] of pairs) this.soft.push([a, b]);
  }

  // -------------------------------------------------------------------------------------------
  // Candidate reading at a position

  private skip(i: number, mode: SkipMode): number {
    const re = mode === 'marker' ? MARKER_SKIP_RE : OPTION_SKIP_RE;
    for (let n = 0; n < 10; n++) {
      re.lastIndex = i;
      const m = re.exec(this.c);
      if (!m || m[0].length === 0) break;
      i += m[0].length;
    }
    return i;
  }

  /** One candidate (or several, for a label that may be a truncated longer label) at i. */
  candidateAt(i: number, opts: { words: boolean }): { cands: Cand[]; end: number } | null {
    const s = this.c;
    const h = this.labelAt.get(i);
    if (h) {
      if (h.negated) return null;
      const cands: Cand[] = [{ code: h.code, via: 'label', start: h.start, end: h.end }];
      for (const code of h.alsoCodes) cands.push({ code, via: 'label', start: h.start, end: h.end });
      return { cands, end: h.end };
    }
    const t = this.tokenAt.get(i);
    if (t) {
      if (t.excluded) return null;
      return { cands: [{ code: t.value, via: 'number', fractional: t.fractional, start: t.start, end: t.end }], end: t.end };
    }
    if (!opts.words) return null;
    const ch = s[i];
    if (ch !== undefined && CJK_NUMERALS[ch] !== undefined) {
      const rest = s.slice(i + 1, i + 4);
      let end = i + 1;
      const counter = CJK_COUNTER_RE.exec(rest);
      const ordinalOnly = CJK_ORDINAL_ONLY_RE.exec(rest);
      if (counter) end += counter[0].length;
      else if (ordinalOnly) {
        if (s[i - 1] !== '第') return null;
        end += ordinalOnly[0].length;
      } else if (rest[0] !== undefined && (HAN_RE.test(rest[0]) || CJK_NUMERALS[rest[0]] !== undefined)) return null;
      const optionNoun = /^(?:选项|選項|選択肢|项|項|号|號)/u.exec(s.slice(end, end + 3));
      if (optionNoun) end += optionNoun[0].length;
      else if (end < s.length && HAN_RE.test(s[end]!)) return null;
      return { cands: [{ code: CJK_NUMERALS[ch]!, via: 'number', start: i, end }], end };
    }
    for (const w of this.comp.numberWords) {
      w.re.lastIndex = i;
      const m = w.re.exec(s);
      if (!m) continue;
      const end = i + m[0].length;
      const after = s.slice(end, end + 40);
      // A number word only counts when it ends the answer phrase.
      if (/^\s*(?:$|[\n.!?,;:)\]"])/u.test(after)) return { cands: [{ code: w.value, via: 'number', start: i, end }], end };
      return null;
    }
    return null;
  }

  /**
   * Read an answer phrase starting at `p`: skip option/filler words, read a candidate, then any
   * further candidates joined by connectors ("3 or 4", "4 - of little importance", "2 (very important)").
   */
  headParse(p: number, mode: SkipMode, words: boolean): HeadResult | null {
    let i = this.skip(p, mode);
    const first = this.candidateAt(i, { words });
    if (!first) return null;
    const cands = [...first.cands];
    i = this.afterCandidate(first.end);
    // "4 - really very important", "3 - extremely important": another option glossed beside the number.
    if (first.cands.some((c) => c.via === 'number')) cands.push(...glossAfter(this.view, i));
    for (let n = 0; n < 6; n++) {
      // "4 - of little importance", "4 (of little importance)", "very important (2)", "4 very important"
      const sep = /^[\s\-=:(,~/"'、]*/u.exec(this.c.slice(i, i + 12))![0].length;
      const h = this.labelAt.get(i + sep);
      if (sep > 0 && h) {
        if (!h.negated) {
          cands.push({ code: h.code, via: 'label', start: h.start, end: h.end });
          for (const code of h.alsoCodes) cands.push({ code, via: 'label', start: h.start, end: h.end });
        }
        i = this.afterCandidate(h.end);
        continue;
      }
      const t = this.tokenAt.get(i + sep);
      if (sep > 0 && t && /[-(~/,、]/u.test(this.c.slice(i, i + sep))) {
        // "3-4", "3/4", "3, 4", "very important (2)"
        if (!t.excluded) cands.push({ code: t.value, via: 'number', fractional: t.fractional, start: t.start, end: t.end });
        i = this.afterCandidate(t.end);
        continue;
      }
      // "3 or 4", "between 2 and 3", "3, vielleicht auch 4": up to three connector words in a row.
      let j = i;
      let next: { cands: Cand[]; end: number } | null = null;
      for (let r = 0; r < 3 && !next; r++) {
        CONNECTOR_RE.lastIndex = j;
        const m = CONNECTOR_RE.exec(this.c);
        if (!m || m[0].length === 0) break;
        j += m[0].length;
        next = this.candidateAt(this.skip(j, 'position'), { words });
      }
      if (!next) break;
      cands.push(...next.cands);
      i = this.afterCandidate(next.end);
    }
    // "Answer: 3. Maybe 4." — a hedge opening the next sentence adds a candidate.
    HEDGE_RE.lastIndex = i;
    const hedge = HEDGE_RE.exec(this.c);
    if (hedge) {
      const next = this.candidateAt(this.skip(i + hedge[0].length, 'marker'), { words });
      if (next) cands.push(...next.cands);
    }
    // "I would say 4, but maybe 5", "4, aber vielleicht 5": a hedge later in the clause or the next sentence.
    cands.push(...hedgedAfter(this.view, i));
    return { cands, end: i };
  }

  private afterCandidate(i: number): number {
    SUFFIX_RE.lastIndex = i;
    const m = SUFFIX_RE.exec(this.c);
    return m ? i + m[0].length : i;
  }

  // -------------------------------------------------------------------------------------------
  // Stages

  markerCandidates(): { cands: Cand[]; markers: number } {
    const cands: Cand[] = [];
    let markers = 0;
    for (const m of this.c.matchAll(PRE_MARKER_RE)) {
      // "No elegiría el 1", "不选1": a negated choice marks nothing.
      if (negationBefore(this.c, m.index!, this.comp.lang)) continue;
      markers++;
      const r = this.headParse(m.index! + m[0].length, 'marker', true);
      if (r) cands.push(...r.cands);
    }
    for (const [marker, phrase] of [
      [POST_MARKER_RE, this.comp.postRe],
      [POST_NUMERIC_MARKER_RE, this.comp.postNumericRe],
    ] as const) {
      for (const m of this.c.matchAll(marker)) {
        if (m[0].length === 0) continue;
        const from = Math.max(0, m.index! - 80);
        const before = this.c.slice(from, m.index!);
        const p = phrase.exec(before);
        if (!p) continue;
        // "Ich würde nicht 1 wählen", "1을 선택하지 않겠습니다" is not a choice of 1.
        if (negationBefore(this.c, from + p.index, this.comp.lang) || NEGATED_POST_RE.test(this.c.slice(m.index! + m[0].length, m.index! + m[0].length + 10))) {
          for (const c of this.candidatesWithin(from + p.index, m.index!)) this.negatedAt.add(c.start);
          continue;
        }
        markers++;
        cands.push(...this.candidatesWithin(from + p.index, m.index!));
        cands.push(...hedgedAfter(this.view, m.index! + m[0].length));
      }
    }
    return { cands, markers };
  }

  private candidatesWithin(a: number, b: number): Cand[] {
    const out: Cand[] = [];
    const inLabel = (i: number) => this.labels.some((h) => i >= h.start && i < h.end);
    for (const h of this.labels) {
      if (h.start >= a && h.end <= b && !h.negated) {
        out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
        for (const code of h.alsoCodes) out.push({ code, via: 'label', start: h.start, end: h.end });
      }
    }
    for (const t of this.tokens) {
      if (t.start >= a && t.end <= b && !t.excluded) {
        out.push({ code: t.value, via: 'number', fractional: t.fractional, start: t.start, end: t.end });
      }
    }
    for (let i = a; i < b; i++) {
      const ch = this.c[i]!;
      if (CJK_NUMERALS[ch] === undefined || inLabel(i)) continue;
      const r = this.candidateAt(i, { words: true });
      if (r) out.push(...r.cands);
    }
    return out;
  }

  positionalCandidates(): Cand[] {
    const out: Cand[] = [...this.markedLineCands];
    // Leading answer: "4", "4.", "(4)", "4 - of little importance", "Very important. …".
    const lead = this.skip(0, 'position');
    if (!this.inSoft(lead)) {
      const r = this.headParse(0, 'position', false);
      if (r && LEADING_REST_RE.test(this.c.slice(r.end))) out.push(...r.cands);
    }
    // Stand-alone lines: a line that is nothing but an answer.
    let pos = 0;
    for (const raw of this.c.split('\n')) {
      const lineStart = pos;
      pos += raw.length + 1;
      if (!raw.trim() || this.inSoft(lineStart, lineStart + raw.length)) continue;
      const bullet = /^[ \t]*(?:[-•·‣▪◦>]\s+)?/u.exec(raw)![0].length;
      const r = this.headParse(lineStart + bullet, 'position', true);
      if (r && r.end <= lineStart + raw.length && LINE_REST_RE.test(this.c.slice(r.end, lineStart + raw.length))) out.push(...r.cands);
    }
    // Bold answers: "**4**", "**Very important**", "__4 - of little importance__".
    for (const m of this.f.matchAll(/\*\*([^*\n]{1,80}?)\*\*|__([^_\n]{1,80}?)__/gu)) {
      const start = m.index! + 2;
      const end = m.index! + m[0].length - 2;
      if (this.inSoft(start, end)) continue;
      const r = this.headParse(start, 'position', true);
      if (r && r.end <= end && LINE_REST_RE.test(this.c.slice(r.end, end))) out.push(...r.cands);
    }
    return out;
  }

  /** "I would never choose 1", "it's not 5" (narrow window, so "I can't choose between 2 and 3" keeps its numbers). */
  isNegatedNumber(t: NumToken): boolean {
    const near = Math.max(0, t.start - 15);
    return isNegated(this.c.slice(near, t.end + 16), { start: t.start - near, end: t.end - near }, this.comp.lang);
  }

  /** Would a digit count as an answer in running text? Not negated, not a quantity. */
  isFreeNumber(t: NumToken): boolean {
    if (this.isNegatedNumber(t)) return false;
    // "I live with 3 roommates": a digit followed by an ordinary word is a quantity
    // (unless it closes a "3 or 4" phrase).
    const after = this.c.slice(t.end, t.end + 40);
    const closesPair = PAIR_BEFORE_RE.test(this.c.slice(Math.max(0, t.start - 20), t.start));
    if (!closesPair && NEXT_WORD_LATIN_RE.test(after) && !FREE_FOLLOWER_RE.test(after)) {
      const ws = /^\s+/u.exec(after)![0].length;
      if (!this.labelAt.has(t.end + ws)) return false;
    }
    return true;
  }

  get view(): ReplyView {
    return { c: this.c, lang: this.comp.lang, labels: this.labels, paraphrases: this.paraphrases, tokens: this.tokens, negatedNumber: (t) => this.isNegatedNumber(t) };
  }

  freeCandidates(): Cand[] {
    const out: Cand[] = [];
    for (const t of this.tokens) {
      if (t.excluded || t.fractional || t.digits !== 1 || this.inSoft(t.start, t.end) || this.negatedAt.has(t.start)) continue;
      if (!this.isFreeNumber(t)) continue;
      out.push({ code: t.value, via: 'number', start: t.start, end: t.end });
    }
    for (const h of this.labels) {
      if (h.negated || this.inSoft(h.start, h.end) || this.negatedAt.has(h.start)) continue;
      out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
      for (const code of h.alsoCodes) out.push({ code, via: 'label', start: h.start, end: h.end });
    }
    // "extremely important (3)": a paraphrase contradicts a number, but never answers alone.
    if (out.length) {
      for (const h of this.paraphrases) {
        if (h.negated || this.inSoft(h.start, h.end)) continue;
        out.push({ code: h.code, via: 'label', start: h.start, end: h.end });
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Decisions

function decide(cands: Cand[], k: number, stage: string, viaOverride?: 'json'): ParsedAnswer | null {
  if (cands.length === 0) return null;
  const keys = new Map<string, Cand[]>();
  for (const c of cands) {
    const key = c.fractional ? `f${c.code}` : `${c.code}`;
    const list = keys.get(key) ?? [];
    list.push(c);
    keys.set(key, list);
  }
  if (keys.size > 1) {
    const values = [...keys.values()].map((l) => String(l[0]!.code));
    return { kind: 'invalid', reason: 'ambiguous', detail: `${stage}: more than one candidate answer (${values.join(', ')})` };
  }
  const [list] = [...keys.values()];
  const c = list![0]!;
  if (c.fractional) {
    const inside = c.code > 1 && c.code < k;
    return inside
      ? { kind: 'invalid', reason: 'ambiguous', detail: `${stage}: fractional answer ${c.code} lies between two options` }
      : { kind: 'invalid', reason: 'out-of-range', detail: `${stage}: answer ${c.code} is not an option 1..${k}` };
  }
  if (!Number.isInteger(c.code) || c.code < 1 || c.code > k) {
    const shown = Number.isSafeInteger(c.code) ? String(c.code) : 'a very large number';
    return { kind: 'invalid', reason: 'out-of-range', detail: `${stage}: answer ${shown} is outside 1..${k}` };
  }
  const via = viaOverride ?? (list!.some((x) => x.via === 'number') ? 'number' : 'label');
  return { kind: 'answer', code: c.code, via };
}

function coversAllCodes(cands: Cand[], k: number): boolean {
  if (k < 3) return false;
  const codes = new Set(cands.filter((c) => !c.fractional).map((c) => c.code));
  for (let i = 1; i <= k; i++) if (!codes.has(i)) return false;
  return true;
}

function validateContext(ctx: ParseContext): void {
  if (!Number.isInteger(ctx.scaleSize) || ctx.scaleSize < 2) {
    throw new Error(`ParseContext.scaleSize must be an integer ≥ 2 (got ${String(ctx.scaleSize)})`);
  }
  if (!Array.isArray(ctx.optionLabels)) throw new Error('ParseContext.optionLabels must be an array');
}

function parseJsonValues(values: JsonValue[], reply: string, ctx: ParseContext): ParsedAnswer {
  const cands: Cand[] = [];
  const inner: ParsedAnswer[] = [];
  for (const v of values) {
    if (v.kind === 'number') {
      cands.push({ code: v.value, via: 'number', fractional: !Number.isInteger(v.value), start: 0, end: 0 });
    } else if (v.kind === 'string') {
      const r = parseText(v.value, ctx, false);
      inner.push(r);
      if (r.kind === 'answer') cands.push({ code: r.code, via: 'number', start: 0, end: 0 });
      else if (r.kind === 'invalid' && r.reason === 'out-of-range') {
        const n = Number(fold(v.value).replace(/[^\d.-]/g, ''));
        if (Number.isFinite(n)) cands.push({ code: n, via: 'number', fractional: !Number.isInteger(n), start: 0, end: 0 });
      } else if (r.kind === 'invalid' && r.reason === 'ambiguous') {
        return { kind: 'invalid', reason: 'ambiguous', detail: `json: ${r.detail}` };
      }
    }
  }
  const decided = decide(cands, ctx.scaleSize, 'json', 'json');
  if (decided) return decided;
  if (REFUSAL_RE.test(fold(reply))) return refusal(fold(reply));
  const innerRefusal = inner.find((r) => r.kind === 'refusal');
  if (innerRefusal) return innerRefusal;
  return { kind: 'invalid', reason: 'no-answer', detail: 'json: answer field holds no option' };
}

function refusal(c: string): ParsedAnswer {
  const m = REFUSAL_RE.exec(c);
  const phrase = m ? m[0].trim() : '';
  return { kind: 'refusal', reason: `declined to answer${phrase ? ` ("${phrase}")` : ''}` };
}

function parseText(reply: string, ctx: ParseContext, withJson: boolean): ParsedAnswer {
  if (!/[\p{L}\p{N}]/u.test(reply)) {
    return { kind: 'invalid', reason: 'empty', detail: reply.trim() ? 'reply has no letters or digits' : 'reply is empty' };
  }
  if (withJson) {
    const json = findJsonAnswers(reply);
    if (json) return parseJsonValues(json, reply, ctx);
  }
  const comp = compile(ctx);
  const a = new Analysis(reply, comp);
  const k = comp.k;

  const markers = a.markerCandidates();
  const byMarker = decide(markers.cands, k, 'answer marker');
  const positional = a.positionalCandidates();
  if (byMarker) {
    // "4 (I'd say very important)": an answer position that the marked answer contradicts.
    if (byMarker.kind === 'answer' && !coversAllCodes(positional, k)) {
      const other = positional.find((c) => !c.fractional && c.code !== byMarker.code && c.code >= 1 && c.code <= k);
      if (other) return { kind: 'invalid', reason: 'ambiguous', detail: `answer marker (${byMarker.code}) and answer position (${other.code}) disagree` };
    }
    return byMarker;
  }

  if (positional.length && !coversAllCodes(positional, k)) {
    const byPosition = decide(positional, k, 'answer position');
    if (byPosition) return byPosition;
  }

  if (REFUSAL_RE.test(a.c)) return refusal(a.c);

  const free = a.freeCandidates();
  if (coversAllCodes(free, k) || (positional.length && coversAllCodes(positional, k)) || (a.echoed && free.length === 0)) {
    return { kind: 'invalid', reason: 'no-answer', detail: 'reply lists all options without choosing one' };
  }
  const byText = decide(free, k, 'free text');
  if (byText) return byText;
  return {
    kind: 'invalid',
    reason: 'no-answer',
    detail: markers.markers ? 'answer marker not followed by a recognisable option' : 'no option number or label found',
  };
}

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
