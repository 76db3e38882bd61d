import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { endpointUrl } from './endpoint-pool.js';
import { hashJson } from './hash.js';
import type { ModelEntry, TokenLogprob } from './provider.js';
import { JsonlAppender, repairTornTail } from './responses.js';

/** What a successful reply leaves in the cache; errors are never cached. */
export interface CachedReply {
  raw: string;
  tokens: { input: number; output: number } | null;
  latencyMs: number;
  /** Token log-probabilities (logprobs method), kept so a cached reply is read as it was. */
  logprobs?: TokenLogprob[];
  /** Every completion's text (n-completions). */
  completions?: string[];
}

interface CacheLine extends CachedReply {
  key: string;
}

const CHUNK = 1 << 20;
const LINE_START = '{"key":"';
/** Lines at least this long are read up to their newline instead of by their stored length. */
const LEN_CAP = 0xffff;

/**
 * Where each key's line is in one cache file, without the replies: memory per entry is a small
 * integer prefix → a position, so it does not grow with the reply sizes. Keys are sha256 hex; the
 * first 7 hex digits are the entry's prefix, a key whose prefix is taken goes to `more` under its
 * full key, and every hit is confirmed by the full key stored in the line itself.
 */
class FileIndex {
  /**
   * Open addressing on the 28-bit prefix: slot → entry index + 1 (0: empty). Typed arrays, so a
   * million entries are ≈ 20 MB outside the JS heap rather than a Map of a million numbers in it.
   */
  private table = new Uint32Array(2048);
  /** Per entry: its key's prefix and its packed position in the file. */
  private prefixes = new Uint32Array(1024);
  private positions = new Float64Array(1024);
  private entries = 0;
  private readonly more = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly fd: number,
    public end: number,
  ) {}

  get size(): number {
    return this.count;
  }

  private prefixOf(key: string): number | undefined {
    return /^[0-9a-f]{7}/.test(key) ? parseInt(key.slice(0, 7), 16) : undefined;
  }

  /** The entry index of a key prefix, or -1. */
  private find(prefix: number): number {
    const mask = this.table.length - 1;
    for (let slot = Math.imul(prefix, 0x9e3779b1) >>> 0; ; slot++) {
      const at = this.table[slot & mask]!;
      if (at === 0) return -1;
      if (this.prefixes[at - 1] === prefix) return at - 1;
    }
  }

  private place(entry: number): void {
    const mask = this.table.length - 1;
    let slot = Math.imul(this.prefixes[entry]!, 0x9e3779b1) >>> 0;
    while (this.table[slot & mask] !== 0) slot++;
    this.table[slot & mask] = entry + 1;
  }

  private addEntry(prefix: number, packed: number): void {
    if (this.entries === this.positions.length) {
      const positions = new Float64Array(this.positions.length * 2);
      positions.set(this.positions);
      this.positions = positions;
      const prefixes = new Uint32Array(this.prefixes.length * 2);
      prefixes.set(this.prefixes);
      this.prefixes = prefixes;
    }
    this.prefixes[this.entries] = prefix;
    this.positions[this.entries] = packed;
    this.entries++;
    if (this.entries * 2 > this.table.length) {
      this.table = new Uint32Array(this.table.length * 2);
      for (let i = 0; i < this.entries; i++) this.place(i);
    } else this.place(this.entries - 1);
  }

  add(key: string, offset: number, length: number): void {
    const packed = offset * 0x10000 + Math.min(length, LEN_CAP);
    const prefix = this.prefixOf(key);
    // A key whose prefix is taken goes to `more` under its full key (rare: 28 bits).
    if (prefix !== undefined && this.find(prefix) === -1) this.addEntry(prefix, packed);
    else if (!this.more.has(key)) this.more.set(key, packed);
    else return;
    this.count++;
  }

  get(key: string): CachedReply | undefined {
    const packed =
      this.more.get(key) ??
      (() => {
        const prefix = this.prefixOf(key);
        const i = prefix === undefined ? -1 : this.find(prefix);
        return i === -1 ? undefined : this.positions[i];
      })();
    if (packed === undefined) return undefined;
    const line = this.readLine(Math.floor(packed / 0x10000), packed % 0x10000);
    try {
      const { key: lineKey, ...reply } = JSON.parse(line) as CacheLine;
      // The whole reply as it was put: log-probabilities and completions included.
      return lineKey === key ? reply : undefined;
    } catch {
      return undefined;
    }
  }

  private readLine(offset: number, length: number): string {
    if (length < LEN_CAP) {
      const buf = Buffer.allocUnsafe(length);
      readSync(this.fd, buf, 0, length, offset);
      return buf.toString('utf8');
    }
    const parts: Buffer[] = [];
    for (let pos = offset; ; ) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(this.fd, buf, 0, CHUNK, pos);
      const nl = buf.subarray(0, n).indexOf(10);
      if (n <= 0 || nl !== -1) {
        parts.push(buf.subarray(0, nl === -1 ? Math.max(n, 0) : nl));
        return Buffer.concat(parts).toString('utf8');
      }
      parts.push(buf.subarray(0, n));
      pos += n;
    }
  }

  /** Indexes every complete line of the file, reading it in chunks (never the whole file at once). */
  static load(path: string): FileIndex {
    // A torn last line (a crash mid-write) is cut off first, as before any append.
    repairTornTail(path);
    const fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const index = new FileIndex(fd, size);
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let carryStart = 0;
    for (let pos = 0; pos < size; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      if (n <= 0) break;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const base = carry.length ? carryStart : pos;
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        if (nl > start) index.add(keyOf(data, start, nl), base + start, nl - start);
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryStart = base + start;
      pos += n;
    }
    return index;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The key of one line: its first field as written by `put`, else by parsing the line. */
function keyOf(data: Buffer, start: number, end: number): string {
  if (data.toString('latin1', start, start + LINE_START.length) === LINE_START) {
    const close = data.indexOf(34, start + LINE_START.length);
    if (close !== -1 && close < end) return data.toString('utf8', start + LINE_START.length, close);
  }
  try {
    return String((JSON.parse(data.toString('utf8', start, end)) as CacheLine).key);
  } catch {
    return '';
  }
}

/**
 * Content-addressed response cache: the key is the request's content address (provider,
 * endpoint, model, parameters, messages, respondent, seed), so a hit is the same question asked
 * the same way. One append-only JSONL file per model endpoint; in memory only an index of where
 * each key's line is, so a million-reply cache does not hold a million replies.
 */
export class ResponseCache {
  private readonly indexes = new Map<string, FileIndex>();
  private readonly writers = new Map<string, JsonlAppender>();

  /** Set once a write failed: the cache is then read but no longer written. */
  private writeFailure: Error | null = null;

  /** `onWarning` hears once that the cache cannot be written (the run goes on without it). */
  constructor(
    readonly dir: string,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  /**
   * The cache file of a model endpoint. `identity` (ModelProvider.cacheIdentity) covers what the
   * entry does not say, such as a LangChain instance's settings; null: the entry cannot be
   * identified, so its replies are neither read from nor written to the cache.
   */
  static namespaceOf(entry: Pick<ModelEntry, 'provider' | 'baseUrl' | 'model' | 'endpoints'>, identity?: string | null): string | null {
    if (identity === null) return null;
    // Several endpoints are one model (the user asserts they serve the same weights): the set of
    // their URLs (order, weights, keys and credentials left out) names it, never the one that answered.
    const pool = entry.endpoints?.length ? { endpoints: [...new Set(entry.endpoints.map((e) => endpointUrl(e.baseUrl)))].sort() } : {};
    const base = { provider: entry.provider, baseUrl: entry.baseUrl ?? null, model: entry.model, ...pool };
    return hashJson(identity === undefined ? base : { ...base, identity }).slice(0, 16);
  }

  private fileOf(ns: string): string {
    return join(this.dir, `${ns}.jsonl`);
  }

  private indexOf(ns: string, create = false): FileIndex | undefined {
    let index = this.indexes.get(ns);
    if (!index) {
      const file = this.fileOf(ns);
      if (!existsSync(file)) {
        if (!create) return undefined;
        if (!existsSync(this.dir)) mkdirSync(this.dir, { recursive: true });
        closeSync(openSync(file, 'a'));
      }
      index = FileIndex.load(file);
      this.indexes.set(ns, index);
    }
    return index;
  }

  get(ns: string | null, key: string): CachedReply | undefined {
    return ns === null ? undefined : this.indexOf(ns)?.get(key);
  }

  size(ns: string | null): number {
    return ns === null ? 0 : (this.indexOf(ns)?.size ?? 0);
  }

  put(ns: string | null, key: string, reply: CachedReply): void {
    if (ns === null || this.writeFailure) return;
    // A cache that cannot be written is a lost convenience, never a failed request: the reply is
    // already paid for and is recorded in the run's responses either way.
    try {
      const index = this.indexOf(ns, true)!;
      if (index.get(key)) return;
      let w = this.writers.get(ns);
      if (!w) this.writers.set(ns, (w = new JsonlAppender(this.fileOf(ns))));
      const line = JSON.stringify({ key, ...reply } satisfies CacheLine);
      // appendLine() writes at once, so the line can be read back from its offset right away.
      w.appendLine(line);
      const length = Buffer.byteLength(line);
      index.add(key, index.end, length);
      index.end += length + 1;
    } catch (err) {
      this.writeFailure = err as Error;
      this.onWarning(`warning: the response cache cannot be written (${(err as Error).message}); the run goes on without caching new replies`);
    }
  }

  close(): void {
    for (const w of this.writers.values()) {
      try {
        w.close();
      } catch {
        /* warned when the write failed; its file keeps whole lines only */
      }
    }
    this.writers.clear();
    for (const index of this.indexes.values()) index.close();
    this.indexes.clear();
  }
}
