import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Availability, ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { openaiProvider } from './index.js';

// check(): key present? endpoint reachable? model available? — over real HTTP.

const KEY = 'sk-test-SECRET-0123';
const BAD_KEY = 'sk-bad-SECRET-98765';
let server: MockLlmServer;
let output: string[] = [];

/** Everything written to the console or stdout/stderr during the test. */
function captureOutput(): void {
  output = [];
  const keep = (...args: unknown[]) => void output.push(args.map(String).join(' '));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation(keep);
  for (const s of [process.stdout, process.stderr]) {
    const write = s.write.bind(s);
    jest.spyOn(s, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => (keep(chunk), write(chunk as string, ...rest))) as typeof s.write);
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A plain HTTP server with a fixed answer for every request. */
async function fixed(status: number, body: string, type = 'application/json'): Promise<{ url: string; close: () => Promise<void>; srv: Server }> {
  const srv = createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(body));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
  return { url, srv, close: () => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))) };
}

beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini', 'deepseek-chat'], apiKeys: [KEY] });
  captureOutput();
});
afterEach(() => {
  server.reset();
  // The key is never printed, whatever check() found.
  for (const line of output) {
    expect(line).not.toContain(KEY);
    expect(line).not.toContain(BAD_KEY);
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await server.close();
});

const entry = (extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'mini',
  provider: 'openai',
  model: 'gpt-4o-mini',
  baseUrl: `${server.url}/v1`,
  apiKeyEnv: 'OPENAI_API_KEY',
  ...extra,
});
const env = { OPENAI_API_KEY: KEY };

function expectNoKey(a: Availability): void {
  const text = JSON.stringify(a);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(BAD_KEY);
}

describe('check()', () => {
  it('ok when the key is set, the endpoint answers and lists the model; sends the key to GET /models', async () => {
    const a = await openaiProvider.check(entry(), { env });
    expect(a).toEqual({ ok: true, detail: expect.stringContaining('gpt-4o-mini') });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expectNoKey(a);
  });

  it('OPENAI_API_KEY is never sent to a host that is not OpenAI unless apiKeyEnv names it; check says so', async () => {
    const open = await startMockLlm({ models: ['gpt-4o-mini'] });
    try {
      const a = await openaiProvider.check(entry({ apiKeyEnv: undefined, baseUrl: `${open.url}/v1` }), { env });
      expect(a).toMatchObject({ ok: true, detail: expect.stringContaining('no key sent: OPENAI_API_KEY goes only to api.openai.com; set apiKeyEnv') });
      expect(open.requests.length).toBeGreaterThan(0);
      expect(open.requests.every((r) => !JSON.stringify(r.headers).includes(KEY))).toBe(true);
    } finally {
      await open.close();
    }
    // A server that wants a key: the reason says none was sent and why, the fix names apiKeyEnv.
    const locked = await startMockLlm({ apiKeys: [KEY] });
    try {
      const b = await openaiProvider.check(entry({ apiKeyEnv: undefined, baseUrl: `${locked.url}/v1` }), { env });
      expect(b).toMatchObject({
        ok: false,
        reason: expect.stringContaining('none was sent because OPENAI_API_KEY goes only to api.openai.com'),
        fix: expect.stringContaining('set "apiKeyEnv"'),
      });
      expect(locked.requests.every((r) => !JSON.stringify(r.headers).includes(KEY))).toBe(true);
    } finally {
      await locked.close();
    }
  });

  it('no key: says which variable is missing and how to set it, without touching the network', async () => {
    const a = await openaiProvider.check(entry(), { env: {} });
    expect(a).toEqual({ ok: false, reason: 'OPENAI_API_KEY is not set', fix: expect.stringMatching(/^export OPENAI_API_KEY=… \(the key for /) });
    expect(server.requestCount).toBe(0);
    const ds = await openaiProvider.check(
      { ...entry({ model: 'deepseek-chat' }), baseUrl: undefined, apiKeyEnv: undefined, options: { preset: 'deepseek' } },
      { env },
    );
    expect(ds).toMatchObject({ ok: false, reason: 'DEEPSEEK_API_KEY is not set' });
    expect((ds as { fix: string }).fix).toContain('export DEEPSEEK_API_KEY=… (the key for DeepSeek, https://api.deepseek.com/v1');
  });

  it('a blank variable counts as unset', async () => {
    expect(await openaiProvider.check(entry(), { env: { OPENAI_API_KEY: '  ' } })).toMatchObject({ ok: false, reason: 'OPENAI_API_KEY is not set' });
  });

  it('401: the key was rejected, named by its variable, never printed', async () => {
    const a = await openaiProvider.check(entry(), { env: { OPENAI_API_KEY: BAD_KEY } });
    expect(a.ok).toBe(false);
    const { reason, fix } = a as { reason: string; fix: string };
    expect(reason).toMatch(new RegExp(`^the key in OPENAI_API_KEY was rejected by ${server.url}/v1 \\(401: Incorrect API key provided: sk-\\.\\.\\.8765`));
    expect(fix).toMatch(/^export OPENAI_API_KEY=… \(a valid key for /);
    expectNoKey(a);
  });

  it('the model is not listed: reason and the models that are', async () => {
    const a = await openaiProvider.check(entry({ model: 'gpt-5-imaginary' }), { env });
    expect(a).toEqual({
      ok: false,
      reason: `model "gpt-5-imaginary" is not offered by ${server.url}/v1`,
      fix: expect.stringContaining('gpt-4o-mini, deepseek-chat'),
    });
    expect(await openaiProvider.check(entry({ model: 'gpt-5-imaginary', options: { skipModelCheck: true } }), { env })).toMatchObject({ ok: true });
  });

  it('no /models route (404): unknown, assumed available, with a detail', async () => {
    const srv = await fixed(404, '404 page not found', 'text/plain');
    try {
      const a = await openaiProvider.check(entry({ baseUrl: `${srv.url}/v1` }), { env });
      expect(a).toEqual({ ok: true, detail: expect.stringMatching(/does not list models \(404 on \/models\): "gpt-4o-mini" assumed available/) });
    } finally {
      await srv.close();
    }
  });

  it('connection refused: names the endpoint and the fix', async () => {
    const port = await closedPort();
    const a = await openaiProvider.check(entry({ baseUrl: `http://127.0.0.1:${port}/v1` }), { env });
    expect(a).toEqual({ ok: false, reason: `cannot connect to http://127.0.0.1:${port}/v1 (connection refused)`, fix: 'start the server, or correct baseUrl' });
    const local = await openaiProvider.check(entry({ baseUrl: `http://127.0.0.1:${port}/v1`, options: { preset: 'vllm' } }), { env: {} });
    expect(local).toMatchObject({ ok: false, fix: 'start the vLLM (local) server, or correct baseUrl' });
  });

  it('a hung endpoint is cut off after the check timeout', async () => {
    const srv = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}/v1`;
    try {
      const started = Date.now();
      const a = await openaiProvider.check(entry({ baseUrl: url, options: { checkTimeoutMs: 200 } }), { env });
      expect(a).toMatchObject({ ok: false, reason: `${url} did not answer within 0.2 s` });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('5xx, 403 and 429 answers on /models', async () => {
    const cases: [number, string, Partial<Availability>][] = [
      [503, JSON.stringify({ error: { message: 'The engine is currently overloaded' } }), { ok: false }],
      [403, JSON.stringify({ error: { message: 'Country, region, or territory not supported' } }), { ok: false }],
      [429, JSON.stringify({ error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } }), { ok: false }],
      [429, JSON.stringify({ error: { message: 'Rate limit reached' } }), { ok: true }],
    ];
    for (const [status, body, expected] of cases) {
      const srv = await fixed(status, body);
      try {
        const a = await openaiProvider.check(entry({ baseUrl: `${srv.url}/v1` }), { env });
        expect(a).toMatchObject(expected);
        if (!a.ok) expect(a.reason).toMatch(status === 429 ? /quota/ : new RegExp(String(status)));
        expectNoKey(a);
      } finally {
        await srv.close();
      }
    }
  });

  it('an HTML page instead of JSON: not an OpenAI-compatible API', async () => {
    const srv = await fixed(200, '<html><body>LM Studio</body></html>', 'text/html');
    try {
      expect(await openaiProvider.check(entry({ baseUrl: srv.url }), { env })).toMatchObject({
        ok: false,
        reason: expect.stringContaining('not an OpenAI-compatible API'),
      });
    } finally {
      await srv.close();
    }
  });

  it('unknown preset', async () => {
    expect(await openaiProvider.check(entry({ options: { preset: 'nope' } }), { env })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unknown OpenAI-compatible preset "nope"'),
    });
  });
});
