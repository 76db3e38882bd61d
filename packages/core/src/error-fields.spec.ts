import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { asObject, causeChain, headerValue, isAbort, isTimeout, networkCode, parseRetryAfter, statusOf } from './error-fields.js';

// The generic error readers the provider plugins share (provider-openai, provider-ollama,
// provider-langchain): first on hand-made errors shaped like the clients' ones, then on what
// Node's fetch really throws (from another realm under Jest, so read by fields only).

/** An Error with extra fields, as fetch, undici and the SDKs make them. */
const err = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

describe('causeChain()', () => {
  it('lists the error and its causes, outermost first', () => {
    const socket = err('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' });
    const fetchFailed = err('fetch failed', { cause: socket });
    const sdk = err('Connection error.', { cause: fetchFailed });
    expect(causeChain(sdk)).toEqual([sdk, fetchFailed, socket]);
  });

  it('stops at 6 and on a cycle; non-objects give nothing', () => {
    const a = err('a');
    const b = err('b', { cause: a });
    a.cause = b;
    expect(causeChain(a)).toEqual([a, b]);
    let deep: unknown = err('0');
    for (let i = 1; i < 10; i++) deep = err(String(i), { cause: deep });
    expect(causeChain(deep)).toHaveLength(6);
    expect(causeChain('boom')).toEqual([]);
    expect(causeChain(undefined)).toEqual([]);
    expect(asObject(null)).toBeUndefined();
  });
});

describe('networkCode()', () => {
  it('finds a socket code anywhere in the causes (connection refused, reset by undici)', () => {
    expect(networkCode(err('Connection error.', { cause: err('fetch failed', { cause: err('refused', { code: 'ECONNREFUSED' }) }) }))).toBe('ECONNREFUSED');
    expect(networkCode(err('terminated', { cause: err('other side closed', { code: 'UND_ERR_SOCKET' }) }))).toBe('UND_ERR_SOCKET');
  });

  it('takes the first coded error of an AggregateError (happy eyeballs)', () => {
    const agg = new AggregateError([err('no code'), err('v6', { code: 'ECONNREFUSED' }), err('v4', { code: 'EHOSTUNREACH' })], 'all failed');
    expect(networkCode(err('fetch failed', { cause: agg }))).toBe('ECONNREFUSED');
  });

  it('ignores API codes that are not socket codes', () => {
    expect(networkCode(err('quota', { code: 'insufficient_quota' }))).toBeUndefined();
    expect(networkCode(err('plain'))).toBeUndefined();
  });
});

describe('isTimeout() and isAbort()', () => {
  it('a TimeoutError or an undici timeout code is a timeout', () => {
    expect(isTimeout(err('x', { cause: Object.assign(new Error('t'), { name: 'TimeoutError' }) }))).toBe(true);
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) expect(isTimeout(err('x', { code }))).toBe(true);
    expect(isTimeout(err('x', { code: 'ECONNRESET' }))).toBe(false);
  });

  it('an AbortError is an abort, not a timeout', () => {
    const abort = err('fetch failed', { cause: Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }) });
    expect(isAbort(abort)).toBe(true);
    expect(isTimeout(abort)).toBe(false);
    expect(isAbort(err('other'))).toBe(false);
  });
});

describe('statusOf()', () => {
  it('reads status (openai), status_code (ollama), statusCode and response.status', () => {
    expect(statusOf(err('rate', { status: 429 }))).toBe(429);
    expect(statusOf(err('model "yi:9b" not found', { status_code: 404 }))).toBe(404);
    expect(statusOf(err('x', { statusCode: 503 }))).toBe(503);
    expect(statusOf(err('x', { response: { status: 502 } }))).toBe(502);
  });

  it('ignores values that are no HTTP status, and causes beyond depth', () => {
    expect(statusOf(err('x', { status: 'error' }))).toBeUndefined();
    expect(statusOf(err('x', { status: 0, code: 'ECONNREFUSED' }))).toBeUndefined();
    const wrapped = err('wrapper', { cause: err('inner', { status: 401 }) });
    expect(statusOf(wrapped)).toBeUndefined();
    expect(statusOf(wrapped, 2)).toBe(401);
    expect(statusOf('500')).toBeUndefined();
  });
});

describe('headerValue() and parseRetryAfter()', () => {
  it('reads fetch Headers and plain objects in any key case', () => {
    expect(headerValue(new Headers({ 'Retry-After': '2' }), 'retry-after')).toBe('2');
    expect(headerValue({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 'retry-after')).toBe('Thu, 01 Jan 2026 00:00:30 GMT');
    expect(headerValue({ 'retry-after': ['3', '4'] }, 'retry-after')).toBe('3');
    expect(headerValue(new Headers(), 'retry-after')).toBeUndefined();
    expect(headerValue(undefined, 'retry-after')).toBeUndefined();
  });

  it('retry-after is seconds or an HTTP date (never negative)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(0.5);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe("on Node's own fetch errors", () => {
  // A listener that accepts connections and never answers; closing it leaves a refused port.
  let hung: Server;
  const open: Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    hung = createServer((s) => void open.push(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    port = (hung.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of open) s.destroy();
    await new Promise<void>((r) => hung.close(() => r()));
  });
  const failure = (url: string, init?: RequestInit) =>
    fetch(url, init).then(
      () => expect('no error').toBe('an error'),
      (x: unknown) => x,
    );

  it('a timeout (AbortSignal.timeout) and an abort are told apart', async () => {
    const timedOut = await failure(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(50) });
    expect(isTimeout(timedOut)).toBe(true);
    expect(statusOf(timedOut)).toBeUndefined();
    const aborted = await failure(`http://127.0.0.1:${port}/`, { signal: AbortSignal.abort() });
    expect(isAbort(aborted)).toBe(true);
    expect(isTimeout(aborted)).toBe(false);
  });

  it('connection refused: ECONNREFUSED in the causes, no status', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const refused = await failure(`http://127.0.0.1:${closed}/`);
    expect(networkCode(refused)).toBe('ECONNREFUSED');
    expect(statusOf(refused)).toBeUndefined();
    expect(isTimeout(refused) || isAbort(refused)).toBe(false);
  });
});
