import { hashJson, type ModelEntry } from '@culturebench/core';

/**
 * What the response cache must cover for a ready LangChain instance: its class and its settings
 * (the serialised constructor arguments, secrets replaced by references, plus the parameters the
 * instance reports as identifying), hashed. An instance changed under the same entry id then gets
 * new cache entries instead of stale ones. `options.cacheIdentity` overrides it; an instance that
 * cannot describe itself (not serialisable) and has no explicit identity is not cached (null).
 */
export function instanceIdentity(entry: ModelEntry): string | null {
  const explicit = entry.options?.cacheIdentity;
  if (typeof explicit === 'string' && explicit.trim()) return `explicit:${explicit}`;
  const m = entry.chatModel as unknown as
    | { constructor?: { name?: string }; toJSON?: () => { type?: string; id?: unknown; kwargs?: unknown }; _identifyingParams?: () => unknown }
    | undefined;
  if (!m || typeof m !== 'object') return null;
  let serialised: { type?: string; id?: unknown; kwargs?: unknown } | undefined;
  let identifying: unknown = null;
  try {
    serialised = m.toJSON?.();
    identifying = m._identifyingParams?.() ?? null;
  } catch {
    return null;
  }
  if (!serialised || serialised.type !== 'constructor') return null;
  return hashJson({
    class: m.constructor?.name ?? null,
    id: serialised.id ?? null,
    kwargs: serialised.kwargs ?? null,
    identifying: withoutSecrets(identifying),
  });
}

/** Drops fields that look like credentials: the identity is hashed, but keys stay out of it anyway. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!value || typeof value !== 'object') return typeof value === 'function' ? null : value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !/key|token|secret|password|authori[sz]ation|headers|fetch/i.test(k))
      .map(([k, v]) => [k, withoutSecrets(v)]),
  );
}
