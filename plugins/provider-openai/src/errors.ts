import {
  asObject,
  causeChain,
  headerValue,
  isAbort as isGenericAbort,
  isTimeout as isGenericTimeout,
  networkCode,
  parseRetryAfter,
  safeServerText,
  statusOf,
  type ExplainedError,
  type ModelEntry,
} from '@culturebench/core';
import { DEFAULT_BASE_URL, DEFAULT_KEY_ENV, displayUrl, keyFix, resolveEndpoint, type ResolvedEndpoint } from './endpoint.js';

/**
 * Keys this provider has handed out in this process. explainError() gets no context, so it
 * redacts every one of them (plus anything shaped like a key) from the messages it builds.
 */
const knownKeys = new Set<string>();

export function rememberKey(key: string | undefined): void {
  if (key) knownKeys.add(key);
}

export function redact(text: string): string {
  return safeServerText(text, [...knownKeys]);
}

/**
 * Timeouts as the openai SDK reports them (its own error and message, the body timeout) on top of
 * the generic ones. Fields and names only: see @culturebench/core's error-fields.
 */
export function isTimeout(err: unknown): boolean {
  return (
    isGenericTimeout(err) ||
    causeChain(err).some(
      (e) =>
        e.name === 'APIConnectionTimeoutError' ||
        e.constructor?.name === 'APIConnectionTimeoutError' ||
        e.message === 'Request timed out.' ||
        e.code === 'UND_ERR_BODY_TIMEOUT',
    )
  );
}

/** Aborts, including the openai SDK's own "Request was aborted." error. */
export function isAbort(err: unknown): boolean {
  return isGenericAbort(err) || causeChain(err).some((e) => e.message === 'Request was aborted.');
}

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };

/**
 * Seconds in an OpenAI-style duration ("1s", "6m0s", "20ms", "1h2m3.5s") or a bare number of
 * seconds ("3", "0.5"). Undefined if unparsable.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (!/^(\d+(\.\d+)?(h|ms|us|µs|ns|m|s))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/**
 * How long the server asked us to wait, in seconds: `retry-after-ms`, `retry-after` (seconds or
 * an HTTP date), else the `x-ratelimit-reset-*` header of the exhausted limit (requests or
 * tokens; the longer one if the remaining counts are not given).
 */
export function retryAfterFromHeaders(headers: unknown, now = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms) / 1000;
  const ra = headerValue(headers, 'retry-after');
  if (ra) {
    const secs = parseDuration(ra) ?? parseRetryAfter(ra, now);
    if (secs !== undefined) return secs;
  }
  const resets: number[] = [];
  const exhausted: number[] = [];
  for (const kind of ['requests', 'tokens']) {
    const reset = headerValue(headers, `x-ratelimit-reset-${kind}`);
    const secs = reset === undefined ? undefined : parseDuration(reset);
    if (secs === undefined) continue;
    resets.push(secs);
    if (headerValue(headers, `x-ratelimit-remaining-${kind}`)?.trim() === '0') exhausted.push(secs);
  }
  const pick = exhausted.length ? exhausted : resets;
  return pick.length ? Math.max(...pick) : undefined;
}

/** The wait a rate-limit message names ("… Please try again in 1.5s." / "in 20ms"), in seconds. */
export function retryAfterFromMessage(text: string): number | undefined {
  const m = /try again in ((?:\d+(?:\.\d+)?(?:h|ms|us|µs|ns|m|s))+)/i.exec(text);
  return m ? parseDuration(m[1]!) : undefined;
}

/** The server's own words: the API error message, without LangChain's troubleshooting suffix. */
export function serverMessage(err: unknown): string {
  const e = asObject(err);
  const apiMessage = asObject(e?.error)?.message;
  let text = typeof apiMessage === 'string' ? apiMessage : typeof e?.message === 'string' ? e.message : String(err);
  text = text.split(/\n\s*Troubleshooting URL:/)[0]!.trim();
  if (/<html/i.test(text)) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
    text = title ? `HTML error page "${title.trim()}"` : 'an HTML error page';
  }
  text = text.replace(/^\d{3}\s+/, '').replace(/\s+/g, ' ');
  // Redact before cutting: a key across the cut would otherwise survive all but its tail.
  return safeServerText(redact(text), [...knownKeys], 300);
}

function codeOf(err: unknown): string | undefined {
  const e = asObject(err);
  const code = e?.code ?? asObject(e?.error)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

function isQuotaError(err: unknown, text: string): boolean {
  const code = codeOf(err);
  return code === 'insufficient_quota' || code === '1113' || /quota|insufficient balance|余额不足|billing/i.test(text);
}

function endpointOf(entry: ModelEntry): ResolvedEndpoint {
  try {
    return resolveEndpoint(entry);
  } catch {
    const baseUrl = entry.baseUrl ?? DEFAULT_BASE_URL;
    return { baseUrl, display: displayUrl(baseUrl), label: displayUrl(baseUrl), apiKeyEnv: entry.apiKeyEnv ?? DEFAULT_KEY_ENV, keyRequired: true };
  }
}

/** Turns a failed chat call (an OpenAI SDK error) into a message naming model, endpoint and fix. Never prints the key. */
export function explainOpenAIError(error: unknown, entry: ModelEntry): ExplainedError {
  const ep = endpointOf(entry);
  const where = `model ${entry.id} (${entry.model} at ${ep.display})`;
  const say = (what: string, fix?: string) => redact(fix ? `${where}: ${what}. Fix: ${fix}` : `${where}: ${what}`);
  const status = statusOf(error);

  if (status === undefined) {
    const code = networkCode(error);
    if (code === 'ECONNREFUSED') {
      return { retryable: false, message: say(`cannot connect to ${ep.display} (connection refused)`, `start the server, or correct baseUrl`) };
    }
    if (code === 'ENOTFOUND') {
      return { retryable: false, message: say(`host of ${ep.display} not found (DNS)`, 'correct baseUrl, or check the network') };
    }
    if (isTimeout(error)) {
      return { retryable: true, message: say(`no answer from ${ep.display} before the timeout`, 'retry later, or raise options.timeoutMs') };
    }
    if (isAbort(error)) {
      return { retryable: true, message: say('the request was aborted (the run timed it out, or the run was cancelled)') };
    }
    if (code && /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code)) {
      return { retryable: true, message: say(`the connection to ${ep.display} was reset before the answer was complete (${code})`) };
    }
    if (code) {
      return { retryable: true, message: say(`the connection to ${ep.display} failed (${code})`) };
    }
    const text = serverMessage(error);
    if (/^Connection error\.?$/.test(text)) {
      // The SDK says this for resets and, under Jest, for timeouts too.
      return { retryable: true, message: say(`connection error: no complete answer from ${ep.display} (reset or timed out)`) };
    }
    // Unknown failures are retried: wrongly stopping a whole model costs more than a few retries.
    return { retryable: true, message: say(`the call failed: ${text}`) };
  }

  const text = serverMessage(error);
  const headers = asObject(error)?.headers;
  const fromHeaders = retryAfterFromHeaders(headers);
  const lcRetry = asObject(error)?.retryAfterMs;
  const retryAfterSeconds = fromHeaders ?? retryAfterFromMessage(text) ?? (typeof lcRetry === 'number' ? lcRetry / 1000 : undefined);
  const base = { status };

  switch (true) {
    case status === 401 && ep.keyWithheld === true:
      return {
        ...base,
        retryable: false,
        message: say(`${ep.display} asks for a key (401: ${text}); none was sent because ${ep.apiKeyEnv} goes only to ${ep.keyHome}`, keyFix(ep)),
      };
    case status === 401:
      return { ...base, retryable: false, message: say(`the key in ${ep.apiKeyEnv} was rejected by ${ep.display} (401: ${text})`, keyFix(ep, 'a valid')) };
    case status === 402:
      return { ...base, retryable: false, message: say(`the account has no credit left (402: ${text})`, `top up the ${ep.label} account`) };
    case status === 403:
      return {
        ...base,
        retryable: false,
        message: say(
          `${ep.display} refused the key in ${ep.apiKeyEnv} for this model (403: ${text})`,
          `check that the key may use ${entry.model} (and that the service is offered in your region)`,
        ),
      };
    case status === 404: {
      const aboutModel = codeOf(error) === 'model_not_found' || /model/i.test(text);
      return aboutModel
        ? {
            ...base,
            retryable: false,
            message: say(
              `model "${entry.model}" is not available at ${ep.display} (404: ${text})`,
              `check the model name (GET ${ep.display}/models lists them) and the account's access`,
            ),
          }
        : {
            ...base,
            retryable: false,
            message: say(
              `${ep.display} has no chat-completions route (404: ${text})`,
              'set baseUrl to the API root before /chat/completions, usually ending in /v1',
            ),
          };
    }
    case status === 429 && isQuotaError(error, text):
      return {
        ...base,
        retryable: false,
        message: say(`the quota or balance is exhausted (429: ${text})`, `check the plan and billing of the ${ep.label} account`),
      };
    case status === 429: {
      const wait = retryAfterSeconds !== undefined ? `; the server asks to wait ${retryAfterSeconds} s` : '';
      return {
        ...base,
        retryable: true,
        retryAfterSeconds,
        message: say(`rate limited (429: ${text})${wait}`, 'lower concurrency for this model if it keeps happening'),
      };
    }
    case status === 408 || status === 409 || status === 425:
      return { ...base, retryable: true, retryAfterSeconds, message: say(`transient error (${status}: ${text})`) };
    case status >= 500:
      return {
        ...base,
        retryable: true,
        retryAfterSeconds,
        message: say(`server error (${status}: ${text})`, 'retried automatically; if it persists, the service is down: try later'),
      };
    default:
      return {
        ...base,
        retryable: false,
        message: say(`the request was rejected (${status}: ${text})`, "check this model's params (temperature, topP, maxTokens) and options"),
      };
  }
}
