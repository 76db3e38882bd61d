import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync, ftruncateSync, fstatSync } from 'node:fs';
import type { ParsedAnswer } from './parser.js';
import type { PersonaTraits } from './persona.js';

/** One line of responses.jsonl: one request and what came back. */
export interface ResponseRecord {
  key: string;
  promptHash: string;
  model: string;
  provider: string;
  kind: 'llm' | 'baseline';
  country: string;
  language: string;
  conditions: string[];
  item: string;
  /** 0-based respondent index within the sample (one reply = one respondent). */
  respondent: number;
  persona: PersonaTraits;
  seed: number;
  raw: string | null;
  parsed: ParsedAnswer | null;
  /** The answer code, or null for a non-answer or an error. */
  answer: number | null;
  tokens: { input: number; output: number } | null;
  costUsd: number | null;
  latencyMs: number;
  /** Attempts made (retries + 1); 0 for a reply taken from the cache. */
  attempts: number;
  /** True when the reply came from the response cache (no request was sent, no cost). */
  cached: boolean;
  error: string | null;
  at: string;
}

export interface ReadResult {
  records: ResponseRecord[];
  /** Bytes of a torn final line (a write cut short by a crash) that were dropped. */
  tornBytes: number;
}

/**
 * Reads a JSONL file. A final line without its newline is a write cut short: it is dropped (and
 * `repair` truncates it away). A broken line in the middle is real corruption and an error.
 */
export function readJsonl<T>(path: string, opts: { repair?: boolean } = {}): { records: T[]; tornBytes: number } {
  if (!existsSync(path)) return { records: [], tornBytes: 0 };
  const buf = readFileSync(path);
  const text = buf.toString('utf8');
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  const tornBytes = buf.length - Buffer.byteLength(complete, 'utf8');
  const records: T[] = [];
  const lines = complete.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      throw new Error(`${path}: line ${i + 1} is not valid JSON; the file is damaged (move it aside to start over)`);
    }
  }
  if (tornBytes > 0 && opts.repair) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, buf.length - tornBytes);
    } finally {
      closeSync(fd);
    }
  }
  return { records, tornBytes };
}

/** Append-only JSONL writer: one write() per record, so a killed process loses at most a torn last line. */
export class JsonlAppender {
  private fd: number;
  private sinceSync = 0;
  constructor(
    readonly path: string,
    private readonly syncEvery = 256,
  ) {
    if (existsSync(path)) readJsonl(path, { repair: true });
    this.fd = openSync(path, 'a');
  }
  append(record: unknown): void {
    writeSync(this.fd, JSON.stringify(record) + '\n');
    // fsync in batches: the page cache already survives a killed process; fsync guards power loss.
    if (++this.sinceSync >= this.syncEvery) this.flush();
  }
  flush(): void {
    if (this.sinceSync > 0) fsyncSync(this.fd);
    this.sinceSync = 0;
  }
  get size(): number {
    return fstatSync(this.fd).size;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function readResponses(path: string): ReadResult {
  return readJsonl<ResponseRecord>(path);
}
