/**
 * Option-label matching: finds the prompt's option labels in a folded reply.
 *
 * - Longest label first; a shorter label inside an already matched longer one is not a
 *   second candidate ("strongly disagree" does not also yield "disagree"/"agree").
 * - Word boundaries in space-separated scripts ("agree" is not found in "disagree",
 *   "सहमत" not in "असहमत"); none in Han / kana / Thai.
 * - A negated label ("not very important", "不是非常重要", "çok önemli değil") is kept but
 *   flagged, and never counts as an answer.
 * - A label that the text continues into a *different* label is flagged with that label's
 *   code too ("very little importance" is a truncated "of very little or no importance", not
 *   "of little importance"; Thai "สำคัญน้อยมาก…" is not "สำคัญน้อย").
 */
import { escapeRegex, fold, isUnspaced, WORD_CHAR, wordAlternation } from './fold.js';
import { NEGATIONS } from './lexicon.js';
import { paraphrasesOf } from './paraphrases.js';
import { ENDING_VARIANTS, SCRIPT_VARIANTS } from './variants.js';

export interface LabelEntry {
  /** Folded label text. */
  text: string;
  code: number;
  /** A paraphrase: only evidence against a different number, never an answer by itself. */
  paraphrase?: boolean;
}

export interface LabelHit {
  start: number;
  end: number;
  code: number;
  /** Other codes this hit may stand for (truncated longer label). */
  alsoCodes: number[];
  negated: boolean;
  paraphrase: boolean;
}

const WORD_RE = new RegExp(WORD_CHAR, 'u');
const LEFT_BOUNDARY_SCRIPTS = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Hangul}]/u;
const RIGHT_BOUNDARY_SCRIPTS = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Devanagari}]/u;
const CLAUSE_BREAK = /[.,;:!?\n()[\]"、]/g;

/** English labels are often written without their leading "of" ("Utmost importance"). */
const DROPPABLE_PREFIXES = ['of the ', 'of '];

export function buildLabelEntries(labels: readonly string[], language = ''): LabelEntry[] {
  const lang = primaryLanguage(language);
  const entries: LabelEntry[] = [];
  const seen = new Set<string>();
  const bases = labels.map((label) =>
    fold(label)
      .replace(/^[\s"'*_([{]+|[\s"'*_.)\]}]+$/g, '')
      .replace(/\s+/g, ' '),
  );
  const taken = new Set(bases);
  bases.forEach((base, i) => {
    const code = i + 1;
    if (!base) return;
    const variants = [base];
    for (const p of DROPPABLE_PREFIXES) {
      if (base.startsWith(p) && base.length - p.length >= 6) variants.push(base.slice(p.length));
    }
    // Forms read at once: polite/plain verb endings, the other script. Never another label's text.
    for (const v of readableForms(base, lang)) if (!taken.has(v)) variants.push(v);
    for (const v of variants) {
      const key = `${v}\u0000${code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ text: v, code });
    }
  });
  // Paraphrases last: a phrase equal to any label or label form stays that label.
  const texts = new Set(entries.map((e) => e.text));
  labels.forEach((label, i) => {
    for (const p of paraphrasesOf(label, lang, fold)) {
      const text = fold(p).replace(/\s+/g, ' ');
      if (!text || texts.has(text)) continue;
      texts.add(text);
      entries.push({ text, code: i + 1, paraphrase: true });
    }
  });
  entries.sort((a, b) => b.text.length - a.text.length);
  return entries;
}

/** Ending variants, then script variants of each (kanji ↔ kana, simplified ↔ traditional). */
function readableForms(base: string, lang: string): string[] {
  const out = new Set<string>();
  for (const [ending, replacements] of ENDING_VARIANTS[lang] ?? []) {
    const e = fold(ending);
    if (!base.endsWith(e)) continue;
    for (const r of replacements) out.add(base.slice(0, base.length - e.length) + fold(r));
    break;
  }
  const pairs = (SCRIPT_VARIANTS[lang] ?? []).flatMap(([a, b]) => {
    const [fa, fb] = [fold(a), fold(b)];
    // Kana → kanji only for words of two or more kana (a single kana is everywhere).
    return lang === 'ja' && fb.length < 2
      ? [[fa, fb]]
      : [
          [fa, fb],
          [fb, fa],
        ];
  });
  for (const form of [base, ...out]) {
    let all = form;
    for (const [from, to] of pairs) {
      if (!form.includes(from!)) continue;
      out.add(form.split(from!).join(to!));
      all = all.split(from!).join(to!);
    }
    out.add(all);
  }
  out.delete(base);
  return [...out].slice(0, 40);
}

function firstChar(s: string): string {
  return Array.from(s)[0] ?? '';
}
function lastChar(s: string): string {
  const a = Array.from(s);
  return a[a.length - 1] ?? '';
}
function charBefore(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const cp = s.codePointAt(i - 1)!;
  if (cp >= 0xdc00 && cp <= 0xdfff && i >= 2) return String.fromCodePoint(s.codePointAt(i - 2)!);
  return String.fromCodePoint(cp);
}
function charAt(s: string, i: number): string | undefined {
  if (i >= s.length) return undefined;
  return String.fromCodePoint(s.codePointAt(i)!);
}

interface NegationMatchers {
  negUnspacedAnywhere: RegExp | null;
  beforeSpaced: RegExp | null;
  /** Negations that still negate a label which is itself negative (all but concord particles). */
  beforeSpacedNonConcord: RegExp | null;
  beforeUnspaced: RegExp | null;
  after: RegExp | null;
}
const negationCache = new Map<string, NegationMatchers>();

export function primaryLanguage(language: string): string {
  const l = language.toLowerCase();
  if (l.startsWith('pt')) return 'pt';
  return l.split(/[-_]/)[0] ?? l;
}

function negationMatchers(language: string): NegationMatchers {
  const lang = primaryLanguage(language);
  const cached = negationCache.get(lang);
  if (cached) return cached;
  const langs = lang === 'en' ? ['en'] : [lang, 'en'];
  const before: string[] = [];
  const after: string[] = [];
  for (const l of langs) {
    before.push(...(NEGATIONS[l]?.before ?? []));
    after.push(...(NEGATIONS[l]?.after ?? []));
  }
  const concord = new Set(langs.flatMap((l) => NEGATIONS[l]?.concord ?? []));
  const spaced = before.filter((w) => !isUnspaced(firstChar(w)));
  const nonConcord = spaced.filter((w) => !concord.has(w));
  const unspaced = before.filter((w) => isUnspaced(firstChar(w)));
  const apostrophe = spaced.filter((w) => w.includes("'"));
  const plain = spaced.filter((w) => !w.includes("'"));
  const spacedSrc = [plain.length ? wordAlternation(plain) : '', apostrophe.length ? wordAlternation(apostrophe, { boundaryStart: false }) : ''].filter(
    Boolean,
  );
  const m: NegationMatchers = {
    negUnspacedAnywhere: unspaced.length ? new RegExp(wordAlternation(unspaced), 'u') : null,
    beforeSpacedNonConcord: nonConcord.length
      ? new RegExp(
          [
            wordAlternation(nonConcord.filter((w) => !w.includes("'"))),
            wordAlternation(
              nonConcord.filter((w) => w.includes("'")),
              { boundaryStart: false },
            ),
          ].join('|'),
          'u',
        )
      : null,
    beforeSpaced: spacedSrc.length ? new RegExp(spacedSrc.join('|'), 'u') : null,
    beforeUnspaced: unspaced.length ? new RegExp(`${wordAlternation(unspaced)}(?:是|太|很|算|够|夠)?\\s*$`, 'u') : null,
    after: after.length ? new RegExp(`^\\s*${wordAlternation(after, { boundaryEnd: false })}`, 'u') : null,
  };
  negationCache.set(lang, m);
  return m;
}

function clauseBefore(s: string, start: number, width: number): string {
  const w = s.slice(Math.max(0, start - width), start);
  let cut = 0;
  for (const m of w.matchAll(CLAUSE_BREAK)) cut = m.index! + 1;
  return w.slice(cut);
}

function clauseAfter(s: string, end: number, width: number): string {
  const w = s.slice(end, end + width);
  const m = /[.,;:!?\n()[\]"、]/.exec(w);
  return m ? w.slice(0, m.index) : w;
}

export function isNegated(s: string, hit: { start: number; end: number }, language: string): boolean {
  const neg = negationMatchers(language);
  const label = s.slice(hit.start, hit.end);
  // A label that is itself negative ("pas d'accord", "nie zgadzam się", "不同意") takes
  // negative concord ("je ne suis pas d'accord") without being negated.
  const labelIsNegative = (neg.beforeSpaced?.test(label) ?? false) || (neg.negUnspacedAnywhere?.test(label) ?? false);
  const before = clauseBefore(s, hit.start, 30);
  if (!labelIsNegative && neg.beforeSpaced && neg.beforeSpaced.test(before)) return true;
  // A negative label is still negated by a non-concord negation before it, minus the negation
  // word that belongs to the label itself ("ni d'accord ni pas d'accord", "not disagree").
  if (labelIsNegative && neg.beforeSpacedNonConcord) {
    const labelNeg = neg.beforeSpaced?.exec(label)?.[0];
    const stripped = labelNeg ? before.replace(new RegExp(`${escapeRegex(labelNeg)}\\s*$`), '') : before;
    if (neg.beforeSpacedNonConcord.test(stripped)) return true;
  }
  if (!labelIsNegative && neg.beforeUnspaced && neg.beforeUnspaced.test(before.slice(-4))) return true;
  if (neg.after && neg.after.test(clauseAfter(s, hit.end, 16))) return true;
  return false;
}

/** Is there a negation word in the same clause within `width` characters before `pos`? */
export function negationBefore(s: string, pos: number, language: string, width = 15): boolean {
  const neg = negationMatchers(language);
  const before = clauseBefore(s, pos, width);
  if (neg.beforeSpaced && neg.beforeSpaced.test(before)) return true;
  if (neg.beforeUnspaced && neg.beforeUnspaced.test(before.slice(-4))) return true;
  return false;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

function conflictingCodes(s: string, hit: { start: number; end: number; code: number }, entries: readonly LabelEntry[]): number[] {
  const codes = new Set<number>();
  const len = hit.end - hit.start;
  const text = s.slice(hit.start, hit.end);
  // Right: the reply continues into a longer, different label.
  const tail = s.slice(hit.start, hit.start + 80);
  for (const e of entries) {
    if (e.paraphrase || e.code === hit.code || e.text.length <= len) continue;
    const lcp = commonPrefixLength(tail, e.text);
    if (lcp >= len + 2) codes.add(e.code);
  }
  // Left: the word before the hit + the hit's first word occur together in a different label.
  const first = firstChar(text);
  if (isUnspaced(first)) {
    const prev = s.slice(Math.max(0, hit.start - 2), hit.start);
    if (prev && Array.from(prev).every((c) => WORD_RE.test(c))) {
      const probe = prev + text.slice(0, 2);
      for (const e of entries) if (!e.paraphrase && e.code !== hit.code && e.text.includes(probe)) codes.add(e.code);
    }
  } else {
    const m = /([\p{L}\p{M}\p{N}'-]+)\s+$/u.exec(s.slice(Math.max(0, hit.start - 40), hit.start));
    if (m) {
      const firstWord = text.split(/\s+/)[0]!;
      const probe = `${m[1]} ${firstWord}`;
      for (const e of entries) if (!e.paraphrase && e.code !== hit.code && ` ${e.text} `.includes(` ${probe} `)) codes.add(e.code);
    }
  }
  return [...codes];
}

/** All label occurrences in the folded text `s`, longest-first, non-overlapping. */
export function findLabels(s: string, entries: readonly LabelEntry[], language: string): LabelHit[] {
  const claimed: Array<[number, number]> = [];
  const hits: LabelHit[] = [];
  const overlaps = (a: number, b: number) => claimed.some(([x, y]) => a < y && x < b);
  for (const e of entries) {
    const first = firstChar(e.text);
    const last = lastChar(e.text);
    const needLeft = LEFT_BOUNDARY_SCRIPTS.test(first);
    const needRight = RIGHT_BOUNDARY_SCRIPTS.test(last);
    let from = 0;
    for (;;) {
      const at = s.indexOf(e.text, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + e.text.length;
      if (needLeft) {
        const b = charBefore(s, at);
        if (b !== undefined && WORD_RE.test(b)) continue;
      }
      if (needRight) {
        const a = charAt(s, end);
        if (a !== undefined && WORD_RE.test(a)) continue;
      }
      if (overlaps(at, end)) continue;
      claimed.push([at, end]);
      hits.push({ start: at, end, code: e.code, alsoCodes: [], negated: false, paraphrase: e.paraphrase === true });
    }
  }
  for (const h of hits) {
    h.negated = isNegated(s, h, language);
    if (!h.paraphrase) h.alsoCodes = conflictingCodes(s, h, entries);
  }
  hits.sort((a, b) => a.start - b.start);
  return hits;
}
