/**
 * The structure of one reply, found once: folded text, number tokens, option labels and
 * paraphrases, and the soft regions (echoed option lists, reasoning lists, legends) whose numbers
 * are no answer by themselves.
 */
import { fold } from './fold.js';
import { findLabels, type LabelHit } from './labels.js';
import { markExclusions, tokenize, type NumToken } from './numbers.js';
import { type Cand, ENUMERATION_LINE_RE, MARK_SYMBOL_RE, type Compiled } from './patterns.js';

export class ReplyStructure {
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
  protected findEnumerations(): void {
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
  protected findLegends(): void {
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
}
