import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { ChatMessage, ModelEntry } from '@culturebench/core';
import { startMockLlm, type Fault, type MockLlmServer } from '@culturebench/mock-llm';
import { langchainProvider } from './index.js';

// Ready LangChain instances (the real ChatOpenAI and ChatOllama) handed over in the entry and
// invoked through the provider, against the loopback mock.

const KEY = 'sk-test-SECRET-0123';
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini', 'glm4:9b'], apiKeys: [KEY], reply: 'Of little importance' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const openai = (apiKey = KEY) =>
  new ChatOpenAI({ model: 'gpt-4o-mini', apiKey, maxRetries: 0, temperature: 0.3, configuration: { baseURL: `${server.url}/v1` } });
const ollama = (model = 'glm4:9b') => new ChatOllama({ model, baseUrl: server.url, temperature: 0.3 });
const entry = (chatModel: unknown, extra: Partial<ModelEntry> = {}): ModelEntry =>
  ({ id: 'custom', provider: 'langchain', model: 'custom-model', chatModel, ...extra }) as ModelEntry;
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Is thrift important?' },
];
/** The runner's call (packages/core/src/ask.ts): messages plus { signal }, and a seed only where the client declares it. */
const runnerCall = (e: ModelEntry, seed = 77) => {
  const client = langchainProvider.create(e, { env: {} });
  return client.invoke(messages, { signal: AbortSignal.timeout(5000), ...(client.capabilities.seed ? { seed } : {}) });
};

describe('langchainProvider', () => {
  it('declares itself', () => {
    expect(langchainProvider).toMatchObject({ id: 'langchain', kind: 'llm', defaultConcurrency: 4 });
  });

  it('a ChatOpenAI instance: the reply, usage and request are its own; no seed unless opted in', async () => {
    const reply = await runnerCall(entry(openai()));
    expect(reply).toEqual({
      text: 'Of little importance',
      finishReason: 'stop',
      usage: { input: Math.ceil(('Be brief.'.length + 'Is thrift important?'.length) / 4), output: 5 },
    });
    const body = server.requests[0]!.body;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.3, stream: false });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Is thrift important?' },
    ]);
    expect(body).not.toHaveProperty('seed');
  });

  it('options.seedCallOption: true declares the seed capability, and the seed reaches the request', async () => {
    const e = entry(openai(), { options: { seedCallOption: true } });
    expect(langchainProvider.create(e, { env: {} }).capabilities).toEqual({ seed: true, logprobs: false, n: false });
    await runnerCall(e, 31);
    expect(server.requests[0]!.body.seed).toBe(31);
  });

  it('without the opt-in no seed is declared, and a seed asked for anyway is refused before anything is sent', async () => {
    const client = langchainProvider.create(entry(openai()), { env: {} });
    expect(client.capabilities).toEqual({ seed: false, logprobs: false, n: false });
    await expect(client.invoke(messages, { seed: 1 })).rejects.toThrow(/model custom cannot honour seed/);
    await expect(client.invoke(messages, { n: 3 })).rejects.toThrow(/cannot honour n/);
    expect(server.requestCount).toBe(0);
  });

  it('a ChatOllama instance: NDJSON reply, usage and stats', async () => {
    const reply = await runnerCall(entry(ollama()));
    expect(reply).toEqual({ text: 'Of little importance', finishReason: 'stop', usage: { input: expect.any(Number), output: 5 } });
    expect(server.requests[0]).toMatchObject({ url: '/api/chat', body: { model: 'glm4:9b', stream: true, options: { temperature: 0.3 } } });
  });

  it('create() throws a clear error without a usable instance', () => {
    expect(() => langchainProvider.create(entry(undefined), { env: {} })).toThrow(/model custom: the entry has no chatModel instance\. Fix: set chatModel/);
  });
});

describe('check()', () => {
  it('ok for a chat model instance, without calling it', async () => {
    expect(await langchainProvider.check(entry(openai()), { env: {} })).toEqual({
      ok: true,
      detail: 'ChatOpenAI (openai) instance, not called by the check; no per-call seed (set options.seedCallOption: true if it supports one)',
    });
    expect(await langchainProvider.check(entry(ollama(), { options: { seedCallOption: true } }), { env: {} })).toMatchObject({
      ok: true,
      detail: expect.stringContaining('ChatOllama (ollama) instance'),
    });
    expect(server.requestCount).toBe(0);
  });

  it('missing, a class instead of an instance, or something without invoke', async () => {
    expect(await langchainProvider.check(entry(undefined), { env: {} })).toEqual({
      ok: false,
      reason: 'model custom: the entry has no chatModel instance',
      fix: expect.stringContaining('new ChatAnthropic'),
    });
    expect(await langchainProvider.check(entry(ChatOpenAI), { env: {} })).toEqual({
      ok: false,
      reason: 'model custom: chatModel is a class, not an instance',
      fix: 'write `new ChatOpenAI({ … })`',
    });
    expect(await langchainProvider.check(entry({ model: 'gpt-4o' }), { env: {} })).toMatchObject({
      ok: false,
      reason: 'model custom: chatModel is not a LangChain chat model (it has no invoke method)',
    });
  });
});

describe('secrets() and explainError()', () => {
  async function closedPort(): Promise<number> {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    return port;
  }
  async function explainFailure(e: ModelEntry) {
    const err = await runnerCall(e).then(
      () => {
        throw new Error('expected a failure');
      },
      (x: unknown) => x,
    );
    const x = langchainProvider.explainError!(err, e);
    expect(x.message).not.toContain(KEY);
    expect(x.message).toMatch(/^model custom \(Chat\w+ custom-model/);
    return x;
  }
  const always = (f: Fault) => server.setFaults(() => f);

  it('secrets() finds the key of the instance (its lc_secrets fields)', () => {
    expect(langchainProvider.secrets!(entry(openai()), { env: {} })).toContain(KEY);
    expect(langchainProvider.secrets!(entry(ollama()), { env: {} })).toEqual([]);
  });

  it('401: not retryable, key never printed', async () => {
    const bad = 'sk-bad-SECRET-98765';
    const e = entry(openai(bad));
    const x = await explainFailure(e);
    expect(x).toMatchObject({ status: 401, retryable: false });
    expect(x.message).not.toContain(bad);
    expect(x.message).toContain(`at ${server.url}/v1`);
  });

  it('429 with retry-after: retryable with retryAfterSeconds', async () => {
    always({ status: 429, retryAfterSeconds: 4 });
    expect(await explainFailure(entry(openai()))).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 4 });
  });

  it('500 / 503: retryable; ChatOllama 404: not retryable', async () => {
    always({ status: 500 });
    expect(await explainFailure(entry(openai()))).toMatchObject({ status: 500, retryable: true });
    always({ status: 503 });
    expect(await explainFailure(entry(ollama()))).toMatchObject({ status: 503, retryable: true });
    server.setFaults(undefined);
    expect(await explainFailure(entry(ollama('yi:9b')))).toMatchObject({
      status: 404,
      retryable: false,
      message: expect.stringContaining("model 'yi:9b' not found"),
    });
  });

  it('connection refused: not retryable; reset: retryable', async () => {
    const port = await closedPort();
    const refused = new ChatOllama({ model: 'glm4:9b', baseUrl: `http://127.0.0.1:${port}` });
    expect(await explainFailure(entry(refused))).toMatchObject({ retryable: false, message: expect.stringContaining('connection refused') });
    always({ kind: 'reset' });
    expect(await explainFailure(entry(ollama()))).toMatchObject({ retryable: true });
  });

  it("hang cut by the instance's timeout: retryable", async () => {
    always({ kind: 'hang' });
    const slow = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: KEY, maxRetries: 0, timeout: 100, configuration: { baseURL: `${server.url}/v1` } });
    expect(await explainFailure(entry(slow))).toMatchObject({ retryable: true });
  });
});
