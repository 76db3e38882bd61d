/**
 * A model entry's `endpoints`, for providers: one plain entry per endpoint, the model's overall
 * concurrency, the check of every endpoint, the pooled client and its report for the manifest.
 * The pool itself is endpoint-pool.ts.
 */
import { DEFAULT_REST_MS, MAX_REST_MS, endpointUrl, pooledClient } from './endpoint-pool.js';
import { redactSecrets } from './errors.js';
import type { Availability, EndpointLive, EndpointPoolView, EndpointReport, ExplainedError, ModelClient, ModelEntry, ModelProvider } from './provider.js';

const split = new WeakMap<ModelEntry, ModelEntry[]>();

/**
 * One single-endpoint entry per endpoint (its baseUrl, its own apiKeyEnv, no `endpoints`), so that
 * a provider builds, checks and explains each server as it would a plain entry. The same objects
 * every time for one entry (providers remember what a check found per entry).
 */
export function endpointEntries(entry: ModelEntry): ModelEntry[] {
  let out = split.get(entry);
  if (!out) {
    out = (entry.endpoints ?? []).map((ep) => {
      const { endpoints: _, apiKeyEnv: __, ...rest } = entry;
      return { ...rest, baseUrl: ep.baseUrl, ...(ep.apiKeyEnv ? { apiKeyEnv: ep.apiKeyEnv } : {}) };
    });
    split.set(entry, out);
  }
  return out;
}

/** Requests in flight to a model: its `concurrency`, else the sum of its endpoints' caps. */
export function modelConcurrency(entry: ModelEntry, provider: Pick<ModelProvider, 'defaultConcurrency'>): number {
  if (entry.concurrency) return entry.concurrency;
  if (!entry.endpoints?.length) return provider.defaultConcurrency;
  return entry.endpoints.reduce((a, ep) => a + (ep.concurrency ?? provider.defaultConcurrency), 0);
}

/**
 * The endpoints of a model for the manifest: this run's counts added to those of the runs it
 * resumes (same URL), errors redacted with the model's secrets.
 */
export function endpointReports(pool: EndpointPoolView, redact: (text: string) => string, previous: EndpointReport[] = []): EndpointReport[] {
  return pool.status().map((r) => {
    const before = previous.find((p) => p.url === r.url);
    const lastError = r.lastError === null ? (before?.lastError ?? null) : redact(r.lastError);
    return { ...r, served: r.served + (before?.served ?? 0), failures: r.failures + (before?.failures ?? 0), rests: r.rests + (before?.rests ?? 0), lastError };
  });
}

/** The endpoints' states now, for the progress display: URLs without credentials or the model's keys. */
export function liveEndpoints(pool: EndpointPoolView, secrets: string[]): () => EndpointLive[] {
  return () => pool.live().map((e) => ({ ...e, url: redactSecrets(e.url, secrets) }));
}

/**
 * The check of a model with several endpoints: every endpoint checked as a plain entry; usable if
 * at least one is, `degraded` naming the ones that are down.
 */
export async function checkEndpoints<C>(entry: ModelEntry, ctx: C, check: (entry: ModelEntry, ctx: C) => Promise<Availability>): Promise<Availability> {
  const entries = endpointEntries(entry);
  const results = await Promise.all(
    entries.map((e) =>
      check(e, ctx).catch((err: unknown): Availability => ({ ok: false, reason: String((err as Error)?.message ?? err), fix: 'check this endpoint' })),
    ),
  );
  const named = (i: number, text: string) => {
    const url = endpointUrl(entries[i].baseUrl!);
    return text.includes(url) ? text : `${url}: ${text}`;
  };
  const up = results.flatMap((r, i) => (r.ok ? [named(i, r.detail ?? 'ok')] : []));
  const down = results.flatMap((r, i) => (r.ok ? [] : [`${named(i, r.reason)} (fix: ${r.fix})`]));
  const n = entries.length;
  if (up.length === 0) {
    const fixes = [...new Set(results.map((r) => (r.ok ? '' : r.fix)).filter(Boolean))];
    return { ok: false, reason: `none of the ${n} endpoints is usable: ${down.join('; ')}`, fix: fixes.join('; ') };
  }
  if (down.length === 0) return { ok: true, detail: `${n} endpoint${n > 1 ? 's' : ''}: ${up.join('; ')}` };
  return {
    ok: true,
    detail: `${up.length} of ${n} endpoints usable: ${up.join('; ')}; down: ${down.join('; ')}`,
    degraded: `${down.length} of ${n} endpoints down (${down.join('; ')})`,
  };
}

/** The option a provider declares for the first rest of a failing endpoint (seconds). */
export const ENDPOINT_REST_OPTION = {
  endpointRestSeconds: {
    type: 'number',
    description: `with several endpoints: seconds a failing endpoint is first rested (doubles while it keeps failing, up to ${MAX_REST_MS / 1000}; default ${DEFAULT_REST_MS / 1000})`,
  },
} as const satisfies Record<string, { type: 'number'; description: string }>;

/**
 * A provider's client for an entry with `endpoints`: one client per endpoint, built by the
 * provider as for a plain entry (so each gets only its own key), behind one pool.
 */
export function endpointPoolClient<C>(
  entry: ModelEntry,
  ctx: C,
  provider: { defaultConcurrency: number; create: (entry: ModelEntry, ctx: C) => ModelClient; explain: (err: unknown, entry: ModelEntry) => ExplainedError },
): ModelClient & { pool: EndpointPoolView } {
  const rest = entry.options?.endpointRestSeconds;
  const members = endpointEntries(entry).map((e, i) => ({
    baseUrl: e.baseUrl!,
    entry: e,
    client: provider.create(e, ctx),
    weight: entry.endpoints![i].weight,
    concurrency: entry.endpoints![i].concurrency ?? provider.defaultConcurrency,
  }));
  return pooledClient(members, { model: entry.id, explain: provider.explain, ...(typeof rest === 'number' && rest >= 0 ? { restMs: rest * 1000 } : {}) });
}
