/**
 * Reading errors thrown by HTTP clients (fetch/undici, the openai and ollama SDKs, LangChain),
 * for providers' `explainError()`.
 *
 * Errors made by Node's fetch come from another realm under Jest (and SDKs bundle their own error
 * classes), so `instanceof` is unreliable: everything here reads only names, codes and fields.
 */

/** Any object, read field by field. */
export type LooseObject = Record<string, unknown>;

/** The value as a record of unknown fields, or undefined if it is not an object. */
export function asObject(v: unknown): LooseObject | undefined {
  return typeof v === 'object' && v !== null ? (v as LooseObject) : undefined;
}

/**
 * The error and its causes, outermost first: fetch wraps the socket error in `cause`, SDKs wrap
 * fetch's. At most 6 deep, and a cycle ends the chain.
 */
export function causeChain(err: unknown): LooseObject[] {
  const out: LooseObject[] = [];
  let cur = asObject(err);
  while (cur && out.length < 6 && !out.includes(cur)) {
    out.push(cur);
    cur = asObject(cur.cause);
  }
  return out;
}

/**
 * A socket-level code (ECONNREFUSED, ENOTFOUND, ECONNRESET, UND_ERR_SOCKET …) anywhere in the
 * causes; for an AggregateError (happy eyeballs tries every address) the first inner code.
 */
export function networkCode(err: unknown): string | undefined {
  for (const e of causeChain(err)) {
    if (typeof e.code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(e.code)) return e.code;
    if (Array.isArray(e.errors)) {
      for (const inner of e.errors) {
        const code = asObject(inner)?.code;
        if (typeof code === 'string') return code;
      }
    }
  }
  return undefined;
}

/**
 * Did the request time out? `TimeoutError` (AbortSignal.timeout) or undici's connect/headers
 * timeout codes, anywhere in the causes. Clients add their own markers on top.
 */
export function isTimeout(err: unknown): boolean {
  return causeChain(err).some(
    (e) => e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.code === 'UND_ERR_HEADERS_TIMEOUT',
  );
}

/** Was the request aborted (an `AbortError` anywhere in the causes)? */
export function isAbort(err: unknown): boolean {
  return causeChain(err).some((e) => e.name === 'AbortError');
}

/**
 * HTTP status (100–599) from the usual fields: `status` (openai, anthropic …), `status_code`
 * (ollama), `statusCode`, `response.status`. `depth` is how many errors of the cause chain to
 * look at (1: the error itself; wrappers such as LangChain's may need 2).
 */
export function statusOf(err: unknown, depth = 1): number | undefined {
  for (const e of causeChain(err).slice(0, depth)) {
    for (const v of [e.status, e.status_code, e.statusCode, asObject(e.response)?.status]) {
      if (typeof v === 'number' && v >= 100 && v < 600) return v;
    }
  }
  return undefined;
}

/**
 * One header from a fetch `Headers` (anything with `get`) or a plain object (any key case; an
 * array value gives its first string). `name` must be lower-case.
 */
export function headerValue(headers: unknown, name: string): string | undefined {
  const h = asObject(headers);
  if (!h) return undefined;
  if (typeof h.get === 'function') {
    const v = (h.get as (n: string) => unknown).call(h, name);
    return typeof v === 'string' ? v : undefined;
  }
  const found = Object.keys(h).find((k) => k.toLowerCase() === name);
  const v = found === undefined ? undefined : h[found];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

/** Seconds in a `retry-after` value: a number of seconds, or an HTTP date (0 if past). Undefined if neither. */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
