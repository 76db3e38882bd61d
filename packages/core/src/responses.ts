import { closeSync, existsSync, fsyncSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';
import { fsLayer, WriteError, writeAll } from './fs-layer.js';
import { type LineStats, textLines } from './jsonl-lines.js';
import { parseLine, replaces, supersedeKey } from './latest-records.js';
import type { ParsedAnswer } from './answer-parser.js';
import type { PersonaTraits } from './persona.js';
import type { Variant } from './design.js';
import { distributionMoments, type AnswerDistribution } from './elicitation/distribution.js';

/** One line of responses.jsonl: one request and what came back. */
export interface ResponseRecord {
  key: string;
  promptHash: string;
  model: string;
  provider: string;
  kind: 'llm' | 'baseline' | 'simulation';
  country: string;
  language: string;
  conditions: string[];
  item: string;
  /** 0-based respondent index within the sample (one reply = one respondent). */
  respondent: number;
  /** null in a no-persona condition (country NO_PERSONA_COUNTRY). */
  persona: PersonaTraits | null;
  seed: number;
  /** How it was asked: method, presentation and perturbations (absent in runs before the grid = reference). */
  variant?: Variant;
  raw: string | null;
  parsed: ParsedAnswer | null;
  /** The answer code (original order), or null for a non-answer, an error, or a distribution method. */
  answer: number | null;
  /** Distribution methods (logprobs, verbalized): probabilities of the original codes; scored by expectation. */
  distribution?: AnswerDistribution;
  /** Questionnaire presentation (item "*"): one outcome per item of the survey. */
  questionnaire?: { item: string; parsed: ParsedAnswer; answer: number | null; distribution?: AnswerDistribution; respondent?: number }[];
  /** Conversation presentation: which conversation (its planned key) and which turn (1-based) this row is. */
  conversation?: { id: string; turn: number };
  /** n-completions: the outcomes of the request's other respondents (who share its persona). */
  more?: { respondent: number; raw: string; parsed: ParsedAnswer; answer: number | null }[];
  tokens: { input: number; output: number } | null;
  costUsd: number | null;
  latencyMs: number;
  /** Attempts made (retries + 1); 0 for a reply taken from the cache. */
  attempts: number;
  /** True when the reply came from the response cache (no request was sent, no cost). */
  cached: boolean;
  /** The endpoint that answered (URL without credentials), for a model with several endpoints. */
  endpoint?: string;
  error: string | null;
  at: string;
}

export interface ReadResult {
  records: ResponseRecord[];
  /** Bytes of a torn final line (a write cut short by a crash) that were dropped. */
  tornBytes: number;
}

const CHUNK = 1 << 20;

/**
 * Streams a JSONL file line by line in 1 MiB chunks, so files far larger than a JS string can hold
 * (paper scale is ~700k lines) are read in bounded memory. A final line without its newline is a
 * write cut short: it is not passed on, and `repair` truncates it away. A broken line in the
 * middle is real corruption and an error.
 */
export function forEachJsonl<T>(path: string, visit: (record: T) => void, opts: { repair?: boolean } = {}): { lines: number; tornBytes: number } {
  const stats: LineStats = { lines: 0, consumed: 0, size: 0 };
  for (const text of textLines(path, stats)) {
    if (text.trim() === '') continue;
    const record = parseLine(text, stats.lines, path) as T;
    visit(record);
  }
  const tornBytes = stats.size - stats.consumed;
  if (tornBytes > 0 && opts.repair) {
    const w = openSync(path, 'r+');
    try {
      ftruncateSync(w, stats.consumed);
    } finally {
      closeSync(w);
    }
  }
  return { lines: stats.lines, tornBytes };
}

/**
 * Truncates a final line that lacks its newline (a write cut short by a crash), reading only the
 * file's tail. Returns the bytes removed.
 */
export function repairTornTail(path: string): number {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const n = readSync(fd, buf, 0, end - start, start);
      if (end === size && n > 0 && buf[n - 1] === 10) return 0;
      const nl = buf.subarray(0, n).lastIndexOf(10);
      if (nl !== -1) {
        ftruncateSync(fd, start + nl + 1);
        return size - (start + nl + 1);
      }
      end = start;
    }
    ftruncateSync(fd, 0);
    return size;
  } finally {
    closeSync(fd);
  }
}

/** The fields of a response that scoring and counting need: a few dozen bytes per row in memory. */
export type AnswerRow = Pick<ResponseRecord, 'key' | 'model' | 'country' | 'language' | 'item' | 'respondent' | 'answer' | 'costUsd'> & {
  error: string | null;
  parsed: { kind: 'answer' | 'refusal' | 'invalid' } | null;
  /** Variant id ("reference" for the questionnaire as written with the headline method). */
  variantId?: string;
  /**
   * The value the item mean uses: the answer code, or a distribution's expected code (which is
   * not a code and has a known within-respondent variance, `distribution` carries it).
   */
  value?: number | null;
  distribution?: AnswerDistribution;
};

export const REFERENCE_VARIANT = 'reference';
/** The item id of a record that holds a whole questionnaire (its items are in `questionnaire`). */
export const QUESTIONNAIRE_ITEM = '*';

/** Key of one item of a questionnaire record (and of one completion's respondent, for n-completions). */
function questionnaireKey(r: ResponseRecord, q: NonNullable<ResponseRecord['questionnaire']>[number]): string {
  return q.respondent === undefined ? `${r.key}#${q.item}` : `${r.key}#${q.item}#${q.respondent}`;
}

function compact(r: ResponseRecord): AnswerRow[] {
  const variant = r.variant?.id ?? REFERENCE_VARIANT;
  const error = r.error === null ? null : r.error.slice(0, 200);
  const value = r.distribution ? distributionMoments(r.distribution).mean : r.answer;
  const first: AnswerRow = {
    key: r.key,
    model: r.model,
    country: r.country,
    language: r.language,
    item: r.item,
    respondent: r.respondent,
    answer: r.answer,
    costUsd: r.costUsd,
    error,
    parsed: r.parsed ? { kind: r.parsed.kind } : null,
    variantId: variant,
    value: r.error === null ? value : null,
  };
  if (r.distribution) first.distribution = r.distribution;
  if (r.questionnaire) {
    return r.questionnaire.map((q) => {
      const row: AnswerRow = {
        ...first,
        key: questionnaireKey(r, q),
        item: q.item,
        respondent: q.respondent ?? r.respondent,
        answer: q.answer,
        value: r.error === null ? (q.distribution ? distributionMoments(q.distribution).mean : q.answer) : null,
        parsed: { kind: q.parsed.kind },
        costUsd: q === r.questionnaire![0] ? r.costUsd : 0,
      };
      if (q.distribution) row.distribution = q.distribution;
      return row;
    });
  }
  if (!r.more?.length) return [first];
  // n completions of one request: one row per respondent; the request's cost stays on the first.
  return [
    first,
    ...r.more.map((m) => ({ ...first, respondent: m.respondent, answer: m.answer, value: m.answer, costUsd: 0, parsed: { kind: m.parsed.kind } })),
  ];
}

/** Answer rows of records already read (every variant they hold; see readAnswerRows for files). */
export function answerRowsOf(records: readonly ResponseRecord[]): AnswerRow[] {
  return records.flatMap(compact);
}

/** Answer rows of records, lazily: each iteration walks `records` again (a streamed file is read again). */
export function answerRowView(records: Iterable<ResponseRecord>): Iterable<AnswerRow> {
  return {
    *[Symbol.iterator]() {
      for (const r of records) yield* compact(r);
    },
  };
}

/**
 * The latest outcome per request key, streamed from one or more responses.jsonl files: an answer
 * supersedes an earlier error row of the same request (a resumed or retried run); a conversation
 * turn's latest row supersedes its earlier ones. By default only
 * the reference variant (what the headline tables score); `variant: 'all'` returns every one.
 */
export function readAnswerRows(paths: string[], opts: { variant?: string } = {}): AnswerRow[] {
  const want = opts.variant ?? REFERENCE_VARIANT;
  const byKey = new Map<string, AnswerRow[]>();
  for (const path of paths) {
    forEachJsonl<ResponseRecord>(path, (r) => {
      if (want !== 'all' && (r.variant?.id ?? REFERENCE_VARIANT) !== want) return;
      const key = supersedeKey(r);
      const prev = byKey.get(key);
      if (!prev || replaces(prev[0]!, r)) byKey.set(key, compact(r));
    });
  }
  return [...byKey.values()].flat();
}

/** Reads a whole JSONL file into memory (small files; use forEachJsonl for large ones). */
export function readJsonl<T>(path: string, opts: { repair?: boolean } = {}): { records: T[]; tornBytes: number } {
  const records: T[] = [];
  const { tornBytes } = forEachJsonl<T>(path, (r) => records.push(r), opts);
  return { records, tornBytes };
}

/**
 * Append-only JSONL writer: one write() per record, so a killed process loses at most a torn last
 * line. `appendDeferred` collects rows that are cheap to recreate (replies replayed from the cache)
 * and writes them in one call; they are written before any later row, so the order holds.
 * Short writes are continued until every byte is out; a write that fails (disk full) is cut back
 * to the last whole line and throws a WriteError, keeping its rows to write again (`flush`).
 */
export class JsonlAppender {
  private fd: number;
  private lastSync = Date.now();
  private pending: string[] = [];
  /** Bytes of whole lines in the file. */
  private bytes: number;
  constructor(
    readonly path: string,
    private readonly syncEveryMs = 5_000,
  ) {
    // Cut off a torn last line before anything is appended after it.
    if (existsSync(path)) repairTornTail(path);
    try {
      this.fd = fsLayer().openSync(path, 'a');
    } catch (err) {
      throw new WriteError(path, err);
    }
    this.bytes = fstatSync(this.fd).size;
  }
  append(record: unknown): void {
    this.appendLine(JSON.stringify(record));
  }
  /** One record already serialised (no newline in it), written at once. */
  appendLine(json: string): void {
    this.pending.push(json + '\n');
    this.writePending();
  }
  appendDeferred(record: unknown): void {
    this.pending.push(JSON.stringify(record) + '\n');
    if (this.pending.length >= 512) this.writePending();
  }
  /** Rows accepted but not yet on disk (after a failed write). */
  get unwritten(): number {
    return this.pending.length;
  }
  private writeOut(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    try {
      this.bytes += writeAll(this.fd, text);
    } catch (err) {
      // Leave whole lines only, so the file resumes; the rows stay pending for a later attempt.
      try {
        fsLayer().ftruncateSync(this.fd, this.bytes);
      } catch {
        /* the repair on the next open cuts the torn line */
      }
      throw new WriteError(this.path, err);
    }
    this.pending = [];
  }
  writePending(): void {
    if (this.pending.length === 0) return;
    this.writeOut();
    // The page cache already survives a killed process; fsync now and then guards power loss.
    if (Date.now() - this.lastSync >= this.syncEveryMs) this.flush();
  }
  flush(): void {
    this.writeOut();
    fsyncSync(this.fd);
    this.lastSync = Date.now();
  }
  get size(): number {
    return fstatSync(this.fd).size;
  }
  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

export function readResponses(path: string): ReadResult {
  return readJsonl<ResponseRecord>(path);
}

/**
 * Records as analyses that read `answer` as the item value need them: n-completions rows expanded
 * to one record per respondent, and a distribution row's `answer` set to its expected code (not
 * a code; its `distribution` stays for scorers that want the probabilities or the known variance).
 * Only the given variant is kept (default: the reference).
 */
export function scoringRowsOf(r: ResponseRecord, variant: string = REFERENCE_VARIANT): ResponseRecord[] {
  const out: ResponseRecord[] = [];
  if ((r.variant?.id ?? REFERENCE_VARIANT) !== variant) return out;
  if (r.questionnaire) {
    r.questionnaire.forEach((q, i) =>
      out.push({
        ...r,
        key: questionnaireKey(r, q),
        item: q.item,
        respondent: q.respondent ?? r.respondent,
        parsed: q.parsed,
        answer: q.distribution ? distributionMoments(q.distribution).mean : q.answer,
        ...(q.distribution ? { distribution: q.distribution } : {}),
        questionnaire: undefined,
        costUsd: i === 0 ? r.costUsd : 0,
      }),
    );
    return out;
  }
  if (r.distribution && r.error === null) out.push({ ...r, answer: distributionMoments(r.distribution).mean });
  else out.push(r);
  r.more?.forEach((m) =>
    out.push({
      ...r,
      key: `${r.key}#${m.respondent}`,
      respondent: m.respondent,
      raw: m.raw,
      parsed: m.parsed,
      answer: m.answer,
      more: undefined,
      costUsd: 0,
    }),
  );
  return out;
}

/** scoringRowsOf every record, in memory (small runs and tests; the report stage uses scoringView). */
export function scoringRecords(records: Iterable<ResponseRecord>, variant: string = REFERENCE_VARIANT): ResponseRecord[] {
  const out: ResponseRecord[] = [];
  for (const r of records) for (const row of scoringRowsOf(r, variant)) out.push(row);
  return out;
}

/** scoringRowsOf every record, lazily: each iteration walks `records` again (a streamed file is read again). */
export function scoringView(records: Iterable<ResponseRecord>, variant: string = REFERENCE_VARIANT): Iterable<ResponseRecord> {
  return {
    *[Symbol.iterator]() {
      for (const r of records) yield* scoringRowsOf(r, variant);
    },
  };
}
