import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { ExplainedError, InvokeOptions, ModelEntry } from '@culturebench/core';
import { startMockLlm, type Fault, type MockLlmServer } from '@culturebench/mock-llm';
import { openaiProvider, parseDuration, retryAfterFromHeaders, retryAfterFromMessage } from './index.js';

// explainError() on the errors the real OpenAI SDK client throws against the mock.

const KEY = 'sk-test-SECRET-0123';
const BAD_KEY = 'sk-bad-SECRET-98765';
let server: MockLlmServer;
const output: string[] = [];

beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY] });
  const keep = (...args: unknown[]) => void output.push(args.map(String).join(' '));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation(keep);
});
afterEach(() => server.reset());
afterAll(async () => {
  jest.restoreAllMocks();
  await server.close();
  // Nothing the clients or the provider printed contains a key.
  for (const line of output) {
    expect(line).not.toContain(KEY);
    expect(line).not.toContain(BAD_KEY);
  }
});

const entry = (extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'mini',
  provider: 'openai',
  model: 'gpt-4o-mini',
  baseUrl: `${server.url}/v1`,
  apiKeyEnv: 'OPENAI_API_KEY',
  ...extra,
});

/** Calls the provider-built model the way the runner does and explains the failure. */
async function failure(
  e: ModelEntry = entry(),
  env: Record<string, string> = { OPENAI_API_KEY: KEY },
  callOptions: InvokeOptions = {},
): Promise<ExplainedError> {
  const llm = openaiProvider.create(e, { env });
  openaiProvider.secrets!(e, { env });
  const err = await llm.invoke([{ role: 'user', content: 'How important is work?' }], { seed: 1, ...callOptions }).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (x: unknown) => x,
  );
  const explained = openaiProvider.explainError!(err, e);
  expect(explained.message).not.toContain(KEY);
  expect(explained.message).not.toContain(BAD_KEY);
  expect(explained.message).toContain(`model ${e.id} (${e.model} at `);
  output.push(explained.message);
  return explained;
}

const always = (f: Fault) => server.setFaults(() => f);

/** A plain HTTP server answering every request with `status` and a JSON body. */
async function fixed(status: number, body: unknown): Promise<{ url: string; close: () => Promise<void> }> {
  const srv = createServer((_q, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))),
  };
}

async function closedPort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('explainError() on real OpenAI SDK failures', () => {
  it('401 bad key: not retryable, names the variable and the endpoint, key masked', async () => {
    const x = await failure(entry(), { OPENAI_API_KEY: BAD_KEY });
    expect(x).toMatchObject({ status: 401, retryable: false });
    expect(x.message).toContain(`the key in OPENAI_API_KEY was rejected by ${server.url}/v1`);
    expect(x.message).toContain('sk-...8765'); // OpenAI's own masked echo is fine
    expect(x.message).toMatch(/Fix: export OPENAI_API_KEY=… \(a valid key for /);
    expect(x.message).not.toContain('Troubleshooting URL');
  });

  it('404 unknown model: not retryable, says which model and how to list them', async () => {
    const x = await failure(entry({ model: 'gpt-9' }));
    expect(x).toMatchObject({ status: 404, retryable: false });
    expect(x.message).toContain(`model "gpt-9" is not available at ${server.url}/v1`);
    expect(x.message).toContain(`GET ${server.url}/v1/models lists them`);
  });

  it('404 on the route (baseUrl without /v1): not retryable, points at baseUrl', async () => {
    const x = await failure(entry({ baseUrl: `${server.url}/v1/extra` }));
    expect(x).toMatchObject({ status: 404, retryable: false });
    expect(x.message).toMatch(/has no chat-completions route .*Fix: set baseUrl/);
  });

  it('429 with retry-after: retryable, retryAfterSeconds from the header', async () => {
    always({ status: 429, retryAfterSeconds: 3 });
    const x = await failure();
    expect(x).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 3 });
    expect(x.message).toContain('rate limited (429: Rate limit reached for gpt-4o-mini');
    expect(x.message).toContain('wait 3 s');
  });

  it('429 with only x-ratelimit-reset-requests: retryAfterSeconds from it', async () => {
    always({ status: 429 });
    const x = await failure();
    expect(x).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 1 });
  });

  it('429 without headers: the hint in the message ("try again in 1s") is used', async () => {
    always({ status: 429, resetHeaders: false });
    expect(await failure()).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 1 });
  });

  it('429 without any hint: retryable, no retryAfterSeconds', async () => {
    const srv = await fixed(429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } });
    try {
      const x = await failure(entry({ baseUrl: `${srv.url}/v1` }));
      expect(x).toMatchObject({ status: 429, retryable: true });
      expect(x.retryAfterSeconds).toBeUndefined();
    } finally {
      await srv.close();
    }
  });

  it('429 insufficient_quota: not retryable (billing, not rate)', async () => {
    const srv = await fixed(429, {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      },
    });
    try {
      const x = await failure(entry({ baseUrl: `${srv.url}/v1` }));
      expect(x).toMatchObject({ status: 429, retryable: false });
      expect(x.message).toContain('quota or balance is exhausted');
    } finally {
      await srv.close();
    }
  });

  it.each([
    [500, 'The server had an error while processing your request'],
    [502, 'HTML error page "502 Bad Gateway"'],
    [503, 'The engine is currently overloaded'],
  ] as const)('%i: retryable, with the server message', async (status, text) => {
    always({ status });
    const x = await failure();
    expect(x).toMatchObject({ status, retryable: true });
    expect(x.message).toContain(`server error (${status}: ${text}`);
  });

  it('400: not retryable', async () => {
    always({ status: 400, message: "Unsupported value: 'temperature' does not support 0.7 with this model." });
    const x = await failure();
    expect(x).toMatchObject({ status: 400, retryable: false });
    expect(x.message).toContain("Fix: check this model's params");
  });

  it('connection refused on a closed port: not retryable (the server is not there)', async () => {
    const port = await closedPort();
    const x = await failure(entry({ baseUrl: `http://127.0.0.1:${port}/v1` }));
    expect(x).toEqual({ retryable: false, message: expect.stringContaining(`cannot connect to http://127.0.0.1:${port}/v1 (connection refused)`) });
  });

  it('connection reset mid-request: retryable', async () => {
    always({ kind: 'reset' });
    const x = await failure();
    expect(x.retryable).toBe(true);
    expect(x.status).toBeUndefined();
    // The chat client sends through node:http (http-fetch.ts): the socket's own code, not undici's.
    expect(x.message).toContain(`the connection to ${server.url}/v1 was reset before the answer was complete (ECONNRESET)`);
  });

  it('hang cut by options.timeoutMs: retryable', async () => {
    always({ kind: 'hang' });
    const x = await failure(entry({ options: { timeoutMs: 100 } }));
    expect(x.retryable).toBe(true);
    expect(x.message).toMatch(/timed out|timeout/);
  });

  it("hang cut by the runner's signal: retryable", async () => {
    always({ kind: 'hang' });
    const x = await failure(entry(), undefined, { signal: AbortSignal.timeout(100) });
    expect(x.retryable).toBe(true);
    expect(x.message).toContain('aborted');
  });

  it('redacts the key if a server ever echoes it, also keys without the sk- shape', async () => {
    const zhipuKey = 'a1b2c3d4e5f6.SECRETzhipu0000';
    const e = entry({ apiKeyEnv: 'ZHIPUAI_API_KEY' });
    openaiProvider.secrets!(e, { env: { ZHIPUAI_API_KEY: zhipuKey } });
    const fake = Object.assign(new Error(`401 bad key ${zhipuKey} and ${KEY}`), { status: 401 });
    const x = openaiProvider.explainError!(fake, e);
    expect(x.message).not.toContain(zhipuKey);
    expect(x.message).not.toContain(KEY);
    expect(x.message).toContain('the key in ZHIPUAI_API_KEY was rejected');
  });

  it('prints no credentials embedded in baseUrl', () => {
    const x = openaiProvider.explainError!(
      Object.assign(new Error('boom'), { status: 500 }),
      entry({ baseUrl: 'https://user:pa55word@proxy.example/v1?token=abc' }),
    );
    expect(x.message).toContain('https://proxy.example/v1');
    expect(x.message).not.toMatch(/pa55word|token=abc/);
  });
});

describe('retry-after parsing', () => {
  it.each([
    ['1s', 1],
    ['6m0s', 360],
    ['20ms', 0.02],
    ['1h2m3.5s', 3723.5],
    ['3', 3],
    ['0.5', 0.5],
  ])('parseDuration(%s) = %f', (text, secs) => {
    expect(parseDuration(text)).toBeCloseTo(secs, 6);
  });

  it('reads the wait a rate-limit message names', () => {
    expect(retryAfterFromMessage('Rate limit reached for gpt-4o-mini on requests per min. Please try again in 1.5s. Visit …')).toBe(1.5);
    expect(retryAfterFromMessage('Please try again in 20ms.')).toBeCloseTo(0.02, 6);
    expect(retryAfterFromMessage('Please try again in 6m0s.')).toBe(360);
    expect(retryAfterFromMessage('Please try again later.')).toBeUndefined();
  });

  it('rejects nonsense', () => {
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('1x')).toBeUndefined();
  });

  it('prefers retry-after-ms, then retry-after, then the exhausted limit reset', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '1500', 'retry-after': '2' }))).toBe(1.5);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '2', 'x-ratelimit-reset-requests': '6m0s' }))).toBe(2);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterFromHeaders({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30);
    expect(
      retryAfterFromHeaders({
        'x-ratelimit-reset-requests': '20ms',
        'x-ratelimit-remaining-requests': '12',
        'x-ratelimit-reset-tokens': '6m0s',
        'x-ratelimit-remaining-tokens': '0',
      }),
    ).toBe(360);
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '20ms' })).toBe(1);
    expect(retryAfterFromHeaders(new Headers())).toBeUndefined();
    expect(retryAfterFromHeaders(undefined)).toBeUndefined();
  });
});
