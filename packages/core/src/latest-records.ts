/**
 * The latest record per request key of one or more responses.jsonl files, without holding them:
 * one pass indexes which lines win (a few bytes per line), and every iteration after that streams
 * the files again and parses only the winning lines. The report stage hands this to every reporter,
 * so a million-request run is reported in memory that does not grow with its replies.
 */
import { InputError } from './errors.js';
import { textLines } from './jsonl-lines.js';
import type { ResponseRecord } from './responses.js';

/**
 * The key under which records supersede each other: the request key, or for a conversation the
 * turn (a turn asked again after an earlier one changed has another key, and its latest row wins).
 */
export function supersedeKey(r: Pick<ResponseRecord, 'key' | 'conversation'>): string {
  return r.conversation ? `${r.conversation.id}#${r.conversation.turn}` : r.key;
}

/**
 * Whether `next` (later in the file) replaces `prev` of the same supersede key: a conversation
 * turn's latest row wins; otherwise the first answer wins, and an error only replaces an error.
 */
export function replaces(prev: Pick<ResponseRecord, 'error' | 'conversation'>, next: Pick<ResponseRecord, 'error' | 'conversation'>): boolean {
  return next.conversation !== undefined || prev.error !== null;
}

/** 53 bits from two multiplicative string hashes; equal values are checked against the real keys. */
function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (b >>> 0) * 0x200000 + ((a >>> 0) & 0x1fffff);
}

const KEY_PREFIX = '{"key":"';

/**
 * supersedeKey of a stored line. Lines the runner writes start with the request key (a hex hash),
 * so most are read without parsing; a line that may be a conversation turn, or that is written
 * otherwise, is parsed. (Inside a JSON string every quote is escaped, so `"conversation":` in the
 * text can only be a key.)
 */
function keyOfLine(text: string, line: number, path: string): string {
  if (text.startsWith(KEY_PREFIX) && !text.includes('"conversation":')) {
    const end = text.indexOf('"', KEY_PREFIX.length);
    const key = text.slice(KEY_PREFIX.length, end);
    if (end > 0 && !key.includes('\\')) return key;
  }
  return supersedeKey(parseLine(text, line, path));
}

/** One stored record; a damaged line names its file and line and how to fix it. */
export function parseLine(text: string, line: number, path: string): ResponseRecord {
  try {
    return JSON.parse(text) as ResponseRecord;
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw new InputError(
        `${path}: line ${line} is not valid JSON; the file is damaged. Fix: restore it from a copy, or delete line ${line} (that request is then asked again on resume)`,
      );
    }
    throw err;
  }
}

class Growable {
  data: Float64Array;
  length = 0;
  constructor() {
    this.data = new Float64Array(1 << 14);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** A re-iterable view of the winning records: each iteration reads the files again. */
export class LatestRecords implements Iterable<ResponseRecord> {
  private constructor(
    readonly paths: readonly string[],
    /** One bit per line of the files (in order): set where the line is the latest record of its key. */
    private readonly winners: Uint8Array,
    /** Winning records. */
    readonly count: number,
  ) {}

  /** Indexes the files (missing files are empty): one full read, plus a read of the rare lines whose keys repeat. */
  static open(paths: readonly string[]): LatestRecords {
    const hashes = new Growable(); // NaN for a blank line
    for (const path of paths) {
      let line = 0;
      for (const text of textLines(path)) {
        line++;
        if (text.trim() === '') hashes.push(Number.NaN);
        else hashes.push(hash53(keyOfLine(text, line, path)));
      }
    }
    const n = hashes.length;
    const own = hashes.data.subarray(0, n);
    const winners = new Uint8Array((n >>> 3) + 1);
    // A hash seen once is a key seen once: that line wins. Repeated hashes are resolved on the real keys.
    const sorted = Float64Array.from(own).sort();
    const repeated = new Set<number>();
    for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1] && !Number.isNaN(sorted[i]!)) repeated.add(sorted[i]!);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const h = own[i]!;
      if (Number.isNaN(h) || repeated.has(h)) continue;
      winners[i >>> 3]! |= 1 << (i & 7);
      count++;
    }
    if (repeated.size > 0) {
      const best = new Map<string, { line: number; record: Pick<ResponseRecord, 'error' | 'conversation'> }>();
      let i = -1;
      for (const path of paths) {
        let line = 0;
        for (const text of textLines(path)) {
          i++;
          line++;
          if (!repeated.has(own[i]!)) continue;
          const r = parseLine(text, line, path);
          const key = supersedeKey(r);
          const prev = best.get(key);
          if (!prev || replaces(prev.record, r)) best.set(key, { line: i, record: { error: r.error, conversation: r.conversation } });
        }
      }
      for (const { line: i } of best.values()) {
        winners[i >>> 3]! |= 1 << (i & 7);
        count++;
      }
    }
    return new LatestRecords(paths, winners, count);
  }

  *[Symbol.iterator](): Iterator<ResponseRecord> {
    const { winners } = this;
    let i = 0;
    for (const path of this.paths) {
      let line = 0;
      for (const text of textLines(path)) {
        line++;
        if ((winners[i >>> 3]! >> (i & 7)) & 1) yield parseLine(text, line, path);
        i++;
      }
    }
  }
}
