import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { ExplainedError, InvokeOptions, ModelEntry } from '@culturebench/core';
import { startMockLlm, type Fault, type MockLlmServer } from '@culturebench/mock-llm';
import { ollamaProvider } from './index.js';

// check() and explainError() over real HTTP: the ollama client and ChatOllama against the mock.

const MODEL = 'glm4:9b';
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ models: [MODEL, 'mistral'] });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const entry = (extra: Partial<ModelEntry> = {}): ModelEntry => ({ id: 'glm', provider: 'ollama', model: MODEL, baseUrl: server.url, ...extra });

async function closedPort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('check()', () => {
  it('ok when the model is pulled: GET /api/tags, with size and quantisation', async () => {
    expect(await ollamaProvider.check(entry(), { env: {} })).toEqual({ ok: true, detail: `pulled on ${server.url} (9B Q4_0)` });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/api/tags' });
  });

  it('name and name:latest are the same model', async () => {
    expect(await ollamaProvider.check(entry({ model: 'mistral:latest' }), { env: {} })).toMatchObject({ ok: true });
    expect(await ollamaProvider.check(entry({ model: 'mistral' }), { env: {} })).toMatchObject({
      ok: true,
      detail: expect.stringContaining('as mistral:latest'),
    });
  });

  it('model not pulled: reason names model and host, fix is the pull command', async () => {
    expect(await ollamaProvider.check(entry({ model: 'qwen2.5:7b' }), { env: {} })).toEqual({
      ok: false,
      reason: `model qwen2.5:7b is not pulled on ${server.url}`,
      fix: `run \`OLLAMA_HOST=${server.url} ollama pull qwen2.5:7b\``,
    });
  });

  it('the default host gives the plain pull command', async () => {
    // Nothing is expected to listen on 11434 in tests; either way the fix names no OLLAMA_HOST.
    const a = await ollamaProvider.check(entry({ baseUrl: undefined, options: { checkTimeoutMs: 300 } }), { env: {} });
    if (!a.ok && a.reason.startsWith('model')) expect(a.fix).toBe('run `ollama pull glm4:9b`');
    if (!a.ok && !a.reason.startsWith('model')) expect(a.reason).toMatch(/^Ollama is not reachable at http:\/\/127\.0\.0\.1:11434 /);
  });

  it('OLLAMA_HOST (no scheme) is used when the entry has no baseUrl', async () => {
    expect(await ollamaProvider.check(entry({ baseUrl: undefined }), { env: { OLLAMA_HOST: `127.0.0.1:${server.port}` } })).toMatchObject({ ok: true });
  });

  it('connection refused: "Ollama is not reachable", fix: start it or set OLLAMA_HOST', async () => {
    const port = await closedPort();
    expect(await ollamaProvider.check(entry({ baseUrl: `http://127.0.0.1:${port}` }), { env: {} })).toEqual({
      ok: false,
      reason: `Ollama is not reachable at http://127.0.0.1:${port} (connection refused)`,
      fix: 'start it with `ollama serve`, or set OLLAMA_HOST',
    });
  });

  it('a hung server is cut off after the check timeout', async () => {
    const srv = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    try {
      const started = Date.now();
      expect(await ollamaProvider.check(entry({ baseUrl: url, options: { checkTimeoutMs: 200 } }), { env: {} })).toMatchObject({
        ok: false,
        reason: `Ollama is not reachable at ${url} (no answer within 0.2 s)`,
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('something else on the port: not an Ollama server', async () => {
    const srv = createServer((_q, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"nope"}'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    try {
      expect(await ollamaProvider.check(entry({ baseUrl: url }), { env: {} })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/answered 404 to GET \/api\/tags .*not an Ollama server/),
      });
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});

describe('explainError() on real ChatOllama failures', () => {
  async function failure(e: ModelEntry = entry(), callOptions: InvokeOptions = {}): Promise<ExplainedError> {
    const llm = ollamaProvider.create(e, { env: {} });
    const err = await llm.invoke([{ role: 'user', content: 'hi' }], { seed: 1, ...callOptions }).then(
      () => {
        throw new Error('expected the call to fail');
      },
      (x: unknown) => x,
    );
    const explained = ollamaProvider.explainError!(err, e);
    expect(explained.message).toContain(`model ${e.id} (${e.model} on Ollama at `);
    return explained;
  }
  const always = (f: Fault) => server.setFaults(() => f);

  it('404 model not found: not retryable, the pull command', async () => {
    const x = await failure(entry({ model: 'yi:9b' }));
    expect(x).toMatchObject({ status: 404, retryable: false });
    expect(x.message).toContain(`model yi:9b is not pulled on ${server.url}`);
    expect(x.message).toContain(`Fix: run \`OLLAMA_HOST=${server.url} ollama pull yi:9b\``);
  });

  it('connection refused: not retryable (Ollama is not running there)', async () => {
    const port = await closedPort();
    const x = await failure(entry({ baseUrl: `http://127.0.0.1:${port}` }));
    expect(x).toEqual({
      retryable: false,
      message: expect.stringContaining(
        `Ollama is not reachable at http://127.0.0.1:${port} (connection refused). Fix: start it with \`ollama serve\`, or set OLLAMA_HOST`,
      ),
    });
  });

  it('the host comes from OLLAMA_HOST as create() saw it', async () => {
    const port = await closedPort();
    const e = entry({ baseUrl: undefined });
    const llm = ollamaProvider.create(e, { env: { OLLAMA_HOST: `127.0.0.1:${port}` } });
    const err = await llm.invoke([{ role: 'user', content: 'hi' }]).catch((x: unknown) => x);
    expect(ollamaProvider.explainError!(err, e).message).toContain(`at http://127.0.0.1:${port} (connection refused)`);
  });

  it('connection reset mid-run: retryable', async () => {
    always({ kind: 'reset' });
    const x = await failure();
    expect(x.retryable).toBe(true);
    expect(x.message).toMatch(/connection to .* broke/);
  });

  it('hang cut off by the timeout: retryable', async () => {
    always({ kind: 'hang' });
    expect(await failure(entry({ options: { timeoutMs: 100 } }))).toMatchObject({ retryable: true, message: expect.stringContaining('before the timeout') });
    expect(await failure(entry(), { signal: AbortSignal.timeout(100) })).toMatchObject({ retryable: true });
  });

  it.each([
    [500, 'llama runner process has terminated', 'may not fit in memory'],
    [503, 'server busy', 'OLLAMA_NUM_PARALLEL'],
    [429, 'too many requests', 'lower concurrency'],
  ] as const)('%i: retryable', async (status, text, fix) => {
    always({ status });
    const x = await failure();
    expect(x).toMatchObject({ status, retryable: true });
    expect(x.message).toContain(text);
    expect(x.message).toContain(fix);
  });

  it('400: not retryable', async () => {
    always({ status: 400, message: 'think value "true" is not supported for this model' });
    expect(await failure()).toMatchObject({ status: 400, retryable: false, message: expect.stringContaining('Ollama rejected the request (400: think value') });
  });

  it('401 from a proxy in front of Ollama: not retryable', async () => {
    always({ status: 401 });
    expect(await failure()).toMatchObject({ status: 401, retryable: false, message: expect.stringContaining('check the proxy or gateway') });
  });

  it('an unknown error is retried rather than stopping the model', () => {
    expect(ollamaProvider.explainError!(new Error('unexpected EOF'), entry())).toMatchObject({
      retryable: true,
      message: expect.stringContaining('unexpected EOF'),
    });
  });
});
