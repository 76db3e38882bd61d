import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashJson } from './hash.js';
import type { ModelEntry } from './provider.js';
import { JsonlAppender, readJsonl } from './responses.js';

/** What a successful reply leaves in the cache; errors are never cached. */
export interface CachedReply {
  raw: string;
  tokens: { input: number; output: number } | null;
  latencyMs: number;
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

  constructor(readonly dir: string) {}

  /**
   * The cache file of a model endpoint. `identity` (ModelProvider.cacheIdentity) covers what the
   * entry does not say, such as a LangChain instance's settings; null: the entry cannot be
   * identified, so its replies are neither read from nor written to the cache.
   */
  static namespaceOf(entry: Pick<ModelEntry, 'provider' | 'baseUrl' | 'model'>, identity?: string | null): string | null {
    if (identity === null) return null;
    const base = { provider: entry.provider, baseUrl: entry.baseUrl ?? null, model: entry.model };
    return hashJson(identity === undefined ? base : { ...base, identity }).slice(0, 16);
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

  get(ns: string | null, key: string): CachedReply | undefined {
    return ns === null ? undefined : this.mapOf(ns).get(key);
  }

  size(ns: string | null): number {
    return ns === null ? 0 : this.mapOf(ns).size;
  }

  put(ns: string | null, key: string, reply: CachedReply): void {
    if (ns === null) return;
    const map = this.mapOf(ns);
    if (map.has(key)) return;
    map.set(key, reply);
    let w = this.writers.get(ns);
    if (!w) {
      if (!existsSync(this.dir)) mkdirSync(this.dir, { recursive: true });
      this.writers.set(ns, (w = new JsonlAppender(this.fileOf(ns))));
    }
    w.append({ key, ...reply } satisfies CacheLine);
  }

  close(): void {
    for (const w of this.writers.values()) w.close();
    this.writers.clear();
  }
}
