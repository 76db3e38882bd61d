import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import { Ollama } from 'ollama';
import { startMockLlm, type Fault, type MockLlmServer } from './index.js';

// Scripted failures, as seen through the real clients.

const MODEL = 'gpt-4o-mini';
let server: MockLlmServer;

const openai = (extra: Partial<ConstructorParameters<typeof ChatOpenAI>[0]> = {}) =>
  new ChatOpenAI({ model: MODEL, apiKey: 'sk-dummy', maxRetries: 0, configuration: { baseURL: `${server.url}/v1` }, ...extra });

/** Every chat request fails with `fault`. */
const always = (fault: Fault) => server.setFaults(() => fault);

/**
 * The rejection of `p`, failing the test if it resolves. Checks for an error-like object rather
 * than `instanceof Error`: errors made by Node's fetch come from outside Jest's VM realm.
 */
async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') {
    throw new Error(`expected a rejection with an error, got ${String(err)}`);
  }
  return err as Error & Record<string, unknown>;
}

beforeAll(async () => {
  server = await startMockLlm();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe('OpenAI faults', () => {
  it('429 carries the real body and the retry-after / x-ratelimit headers', async () => {
    always({ status: 429, retryAfterSeconds: 2 });
    const err = await rejection(openai().invoke('hi'));
    expect(err).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests', lc_error_code: 'MODEL_RATE_LIMIT' });
    expect(err.message).toContain(`Rate limit reached for ${MODEL}`);
    const headers = err.headers as Headers;
    expect(headers.get('retry-after')).toBe('2');
    expect(headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(headers.get('x-ratelimit-reset-requests')).toBe('2s');
  });

  it('429 with resetHeaders:false and no retry-after sends neither header', async () => {
    always({ status: 429, resetHeaders: false });
    const headers = (await rejection(openai().invoke('hi'))).headers as Headers;
    expect(headers.get('retry-after')).toBeNull();
    expect(headers.get('x-ratelimit-reset-requests')).toBeNull();
  });

  it('500 and 503 carry the real server_error bodies', async () => {
    always({ status: 500 });
    expect(await rejection(openai().invoke('hi'))).toMatchObject({
      status: 500,
      type: 'server_error',
      message: '500 The server had an error while processing your request. Sorry about that!',
    });
    always({ status: 503 });
    expect(await rejection(openai().invoke('hi'))).toMatchObject({
      status: 503,
      type: 'server_error',
      message: '503 The engine is currently overloaded, please try again later',
    });
  });

  it('502 is Cloudflare HTML, which the SDK keeps as the message', async () => {
    always({ status: 502 });
    const err = await rejection(openai().invoke('hi'));
    expect(err.status).toBe(502);
    expect(err.message).toContain('502 Bad Gateway');
  });

  it('400 with a custom message, e.g. a context overflow, which LangChain recognises', async () => {
    always({ status: 400, message: "This model's maximum context length is 128000 tokens." });
    const err = await rejection(openai().invoke('hi'));
    expect(err.name).toBe('ContextOverflowError');
    expect(err.message).toContain('maximum context length');
  });

  it('a plan can fail only some requests, chosen by index', async () => {
    server.setFaults((req) => (req.index === 0 ? { status: 503 } : undefined));
    const llm = openai();
    await expect(llm.invoke('first')).rejects.toMatchObject({ status: 503 });
    expect((await llm.invoke('second')).content).toBe('3');
    expect(server.requestCount).toBe(2);
  });

  it("'hang' never answers, so the client's timeout fires", async () => {
    always({ kind: 'hang' });
    const started = Date.now();
    const err = await rejection(openai({ timeout: 150 }).invoke('hi'));
    // Under plain Node this is a TimeoutError "Request timed out.". Under Jest the SDK cannot
    // recognise fetch's AbortError (a DOMException from another realm), so it says "Connection error.".
    expect(err.message).toMatch(/^(Request timed out\.|Connection error\.)$/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("'reset' destroys the socket: the SDK reports a connection error", async () => {
    always({ kind: 'reset' });
    const err = await rejection(openai().invoke('hi'));
    expect(err.message).toBe('Connection error.');
  });

  it('a throwing reply script becomes a 500 naming the cause', async () => {
    server.setReply(() => {
      throw new Error('boom');
    });
    expect(await rejection(openai().invoke('hi'))).toMatchObject({ status: 500, message: expect.stringContaining('boom') });
  });
});

describe('Ollama faults', () => {
  const ollama = () => new Ollama({ host: server.url });

  it('503 is Ollama\'s "server busy" error', async () => {
    always({ status: 503 });
    const err = await rejection(ollama().chat({ model: 'glm4:9b', stream: false, messages: [] }));
    expect(err).toMatchObject({ name: 'ResponseError', status_code: 503 });
    expect(err.message).toMatch(/^server busy/);
  });

  it('429 keeps retry-after and an {"error"} body', async () => {
    always({ status: 429, retryAfterSeconds: 1 });
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [] }) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ error: 'too many requests' });
  });

  it("'hang' is ended by a fetch with a timeout (ChatOllama's signal would not be)", async () => {
    always({ kind: 'hang' });
    // ollama 0.6.4 passes no signal to fetch until response headers arrive, so `signal`/`timeout`
    // call options cannot end a hung request; only a custom fetch can.
    const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(150) });
    const llm = new ChatOllama({ model: 'glm4:9b', baseUrl: server.url, fetch: timedFetch });
    const err = await rejection(llm.invoke('hi'));
    expect(err.name).toBe('TimeoutError');
  });

  it("'reset' makes fetch fail", async () => {
    always({ kind: 'reset' });
    const err = await rejection(ollama().chat({ model: 'glm4:9b', stream: false, messages: [] }));
    expect(err.message).toBe('fetch failed');
  });
});
