import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashJson } from './hash.js';
import type { ModelEntry, TokenLogprob } from './provider.js';
import { JsonlAppender, readJsonl } from './responses.js';

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

/**
 * Content-addressed response cache: the key is the request's content address (provider,
 * endpoint, model, parameters, messages, respondent, seed), so a hit is the same question asked
 * the same way. One append-only JSONL file per model endpoint, loaded only when that model runs.
 */
export class ResponseCache {
  private readonly maps = new Map<string, Map<string, CachedReply>>();
  private readonly writers = new Map<string, JsonlAppender>();

  /** Set once a write failed: the cache is then read but no longer written. */
  private writeFailure: Error | null = null;

  /** `onWarning` hears once that the cache cannot be written (the run goes on without it). */
  constructor(
    readonly dir: string,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  static namespaceOf(entry: Pick<ModelEntry, 'provider' | 'baseUrl' | 'model'>): string {
    return hashJson({ provider: entry.provider, baseUrl: entry.baseUrl ?? null, model: entry.model }).slice(0, 16);
  }

  private fileOf(ns: string): string {
    return join(this.dir, `${ns}.jsonl`);
  }

  private mapOf(ns: string): Map<string, CachedReply> {
    let map = this.maps.get(ns);
    if (!map) {
      map = new Map();
      // A torn last line (a crash mid-write) is dropped and truncated away.
      for (const line of readJsonl<CacheLine>(this.fileOf(ns), { repair: true }).records) {
        map.set(line.key, { raw: line.raw, tokens: line.tokens, latencyMs: line.latencyMs });
      }
      this.maps.set(ns, map);
    }
    return map;
  }

  get(ns: string, key: string): CachedReply | undefined {
    return this.mapOf(ns).get(key);
  }

  size(ns: string): number {
    return this.mapOf(ns).size;
  }

  put(ns: string, key: string, reply: CachedReply): void {
    const map = this.mapOf(ns);
    if (map.has(key)) return;
    map.set(key, reply);
    if (this.writeFailure) return;
    // A cache that cannot be written is a lost convenience, never a failed request: the reply is
    // already paid for and is recorded in the run's responses either way.
    try {
      let w = this.writers.get(ns);
      if (!w) {
        if (!existsSync(this.dir)) mkdirSync(this.dir, { recursive: true });
        this.writers.set(ns, (w = new JsonlAppender(this.fileOf(ns))));
      }
      w.append({ key, ...reply } satisfies CacheLine);
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
  }
}
