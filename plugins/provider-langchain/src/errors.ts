import {
  asObject,
  causeChain,
  headerValue,
  isAbort,
  networkCode,
  parseRetryAfter,
  headerSecrets,
  safeServerText,
  urlSecrets,
  statusOf as statusOfError,
  type ExplainedError,
  type ModelEntry,
} from '@culturebench/core';

// Generic error reading for any LangChain integration, with @culturebench/core's readers (fields
// and names only, never instanceof: fetch errors come from another realm under Jest).

/** HTTP status from the usual places (see core's statusOf), on the error or the one it wraps. */
export function statusOf(err: unknown): number | undefined {
  return statusOfError(err, 2);
}

/** Seconds from `retry-after` (seconds or HTTP date), or LangChain's own `retryAfterMs`. */
export function retryAfterSeconds(err: unknown, now = Date.now()): number | undefined {
  const e = asObject(err);
  const ra = headerValue(e?.headers ?? asObject(e?.response)?.headers, 'retry-after');
  const secs = ra === undefined ? undefined : parseRetryAfter(ra, now);
  if (secs !== undefined) return secs;
  return typeof e?.retryAfterMs === 'number' ? e.retryAfterMs / 1000 : undefined;
}

/** Secret-looking values on a chat model: the fields its `lc_secrets` names, plus *key/token/secret* fields. */
export function secretsOf(model: unknown): string[] {
  const m = asObject(model);
  if (!m) return [];
  const out = new Set<string>();
  const lcSecrets = asObject(m.lc_secrets);
  const read = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => asObject(o)?.[k], m);
  for (const path of Object.keys(lcSecrets ?? {})) {
    const v = read(path);
    if (typeof v === 'string') out.add(v);
  }
  for (const holder of [m, asObject(m.clientConfig), asObject(m.configuration)]) {
    for (const [k, v] of Object.entries(holder ?? {})) {
      if (typeof v === 'string' && /api_?key|token|secret|password/i.test(k)) out.add(v);
      // Credentials in a URL the instance calls, and in the headers it sends on every request.
      if (typeof v === 'string' && /url|endpoint|host/i.test(k)) for (const x of urlSecrets(v)) out.add(x);
      if (/headers$/i.test(k)) for (const x of headerSecrets(v)) out.add(x);
    }
  }
  return [...out].filter((s) => s.length >= 8);
}

/** Where a chat model sends its requests, if it says (baseUrl, clientConfig.baseURL …); no credentials. */
export function endpointOf(model: unknown): string | undefined {
  const m = asObject(model);
  const candidates = [m?.baseUrl, m?.baseURL, m?.apiUrl, m?.endpoint, asObject(m?.clientConfig)?.baseURL, asObject(m?.configuration)?.baseURL];
  const url = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  return url
    ?.replace(/\/\/[^@/]*@/, '//')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

function describeModel(entry: ModelEntry): string {
  const m = entry.chatModel;
  const ctor = (m as { constructor?: { name?: string; lc_name?: () => string } } | undefined)?.constructor;
  const cls = ctor?.lc_name?.() || ctor?.name || 'chat model';
  const at = endpointOf(m);
  return `model ${entry.id} (${cls} ${entry.model}${at ? ` at ${at}` : ''})`;
}

function messageOf(err: unknown, secrets: string[]): string {
  const m = asObject(err)?.message;
  let text = (typeof m === 'string' ? m : String(err))
    .split(/\n\s*Troubleshooting URL:/)[0]!
    .replace(/\s+/g, ' ')
    .trim();
  if (/<html/i.test(text)) text = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim() ?? 'an HTML error page';
  // Redact before cutting: a key across the cut would otherwise survive all but its tail.
  return safeServerText(text, secrets, 300);
}

/**
 * Generic explanation for a failure of any LangChain chat model: 429, 5xx, 408/409, timeouts,
 * resets and unknown errors are retryable; 400/401/403/404 and other 4xx stop the model;
 * connection refused and DNS failures are setup problems (not retryable).
 */
export function explainLangchainError(error: unknown, entry: ModelEntry): ExplainedError {
  const where = describeModel(entry);
  const secrets = secretsOf(entry.chatModel);
  const say = (what: string, fix?: string) => safeServerText(fix ? `${where}: ${what}. Fix: ${fix}` : `${where}: ${what}`, secrets);
  const status = statusOf(error);
  const text = messageOf(error, secrets);

  if (status === undefined) {
    const code = networkCode(error);
    const names = causeChain(error).map((e) => e.name);
    if (code === 'ECONNREFUSED') return { retryable: false, message: say(`connection refused (${text})`, "start the model's server, or correct its URL") };
    if (code === 'ENOTFOUND') return { retryable: false, message: say(`host not found (${text})`, "correct the model's URL, or check the network") };
    // By name and message only (not core's isTimeout): a socket timeout code is reported as the code below.
    if (names.includes('TimeoutError') || /timed out|timeout/i.test(text)) return { retryable: true, message: say(`timed out (${text})`) };
    if (isAbort(error)) return { retryable: true, message: say('the request was aborted (the run timed it out, or the run was cancelled)') };
    // Unknown failures are retried: wrongly stopping a whole model costs more than a few retries.
    return { retryable: true, message: say(`the call failed${code ? ` (${code})` : ''}: ${text}`) };
  }
  if (status === 401)
    return {
      status,
      retryable: false,
      message: say(`the API key was rejected (401: ${text})`, 'give the model instance a valid key (from an environment variable)'),
    };
  if (status === 403) return { status, retryable: false, message: say(`access denied (403: ${text})`, "check the key's permissions for this model") };
  if (status === 404) return { status, retryable: false, message: say(`not found (404: ${text})`, 'check the model name and the URL of the instance') };
  if (status === 429 || status === 408 || status === 409 || status >= 500) {
    const retry = retryAfterSeconds(error);
    return { status, retryable: true, ...(retry !== undefined ? { retryAfterSeconds: retry } : {}), message: say(`temporary failure (${status}: ${text})`) };
  }
  return { status, retryable: false, message: say(`the request was rejected (${status}: ${text})`, "check the instance's parameters") };
}
