/**
 * Answer candidates of one reply by stage: after an answer marker, at an answer position (leading
 * answer, answer line, marked line), and in free text.
 */
import { glossAfter, hedgedAfter, type ReplyView } from './contradictions.js';
import { isNegated, negationBefore } from './labels.js';
import type { NumToken } from './numbers.js';
import { CJK_NUMERALS } from './numerals.js';
import {
  type Cand,
  type HeadResult,
  type SkipMode,
  PRE_MARKER_RE,
  POST_MARKER_RE,
  POST_NUMERIC_MARKER_RE,
  OPTION_SKIP_RE,
  MARKER_SKIP_RE,
  HEDGE_RE,
  CONNECTOR_RE,
  SUFFIX_RE,
  CJK_COUNTER_RE,
  CJK_ORDINAL_ONLY_RE,
  HAN_RE,
  LEADING_REST_RE,
  LINE_REST_RE,
  FREE_FOLLOWER_RE,
  PAIR_BEFORE_RE,
  NEXT_WORD_LATIN_RE,
  NEGATED_POST_RE,
} from './patterns.js';
import { ReplyStructure } from './reply-structure.js';

export class Analysis extends ReplyStructure {
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
    return {
      c: this.c,
      lang: this.comp.lang,
      labels: this.labels,
      paraphrases: this.paraphrases,
      tokens: this.tokens,
      negatedNumber: (t) => this.isNegatedNumber(t),
    };
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
