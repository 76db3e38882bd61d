import type { ModelEntry } from './provider.js';

/** Header names whose values are credentials. */
const SECRET_HEADER = /auth|key|token|secret|cookie|signature|session|password/i;
const SECRET_PARAM = /key|token|secret|pass|auth|sig|credential|session/i;

/** The credentials a URL carries: user, password, credential-like query values (decoded and raw). */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  const out: string[] = [];
  try {
    const u = new URL(url);
    for (const v of [u.username, u.password]) if (v) out.push(v, decodeURIComponent(v));
    for (const [k, v] of u.searchParams) if (SECRET_PARAM.test(k) && v) out.push(v, encodeURIComponent(v));
  } catch {
    const m = /\/\/([^/@\s]+)@/.exec(url);
    if (m) out.push(m[1]!, ...m[1]!.split(':'));
  }
  return [...new Set(out.filter((s) => s.length >= 4))];
}

/** Values of credential headers in a header record (Authorization, x-api-key …), with any "Bearer " prefix removed too. */
export function headerSecrets(headers: unknown): string[] {
  if (!headers || typeof headers !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof v !== 'string' || !SECRET_HEADER.test(k)) continue;
    out.push(v);
    const bare = v.replace(/^(Bearer|Basic|Token)\s+/i, '');
    if (bare !== v) out.push(bare);
  }
  return out.filter((s) => s.length >= 4);
}

/** Every secret a model entry carries in itself: URL credentials and credential headers in options. */
export function entrySecrets(entry: Pick<ModelEntry, 'baseUrl' | 'options' | 'endpoints'>): string[] {
  const opts = entry.options ?? {};
  const endpoints = (entry.endpoints ?? []).flatMap((e) => urlSecrets(e.baseUrl));
  return [...new Set([...urlSecrets(entry.baseUrl), ...endpoints, ...headerSecrets(opts.headers), ...headerSecrets(opts.defaultHeaders)])];
}
