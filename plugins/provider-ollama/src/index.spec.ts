import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import type { ChatMessage, ModelEntry } from '@culturebench/core';
import { toLangChainMessages } from '@culturebench/langchain-client';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { SeededChatOllama, canonicalModel, createChatOllama, normaliseOllamaHost, ollamaProvider, pullCommand, sameModel } from './index.js';

// The provider's client (the real ChatOllama and ollama client inside) against the loopback mock.

const MODEL = 'glm4:9b';
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ models: [MODEL, 'llama3.1:8b', 'mistral'], reply: 'Very important indeed' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const entry = (extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'glm4-9b',
  provider: 'ollama',
  model: MODEL,
  baseUrl: server.url,
  params: { temperature: 0.6, topP: 0.95, maxTokens: 32 },
  ...extra,
});
const ctx = { env: {} };
const messages: ChatMessage[] = [
  { role: 'system', content: 'Answer with a number.' },
  { role: 'user', content: 'How important is leisure time?' },
];
const say = (content: string): ChatMessage[] => [{ role: 'user', content }];
const promptTokens = Math.ceil(('Answer with a number.'.length + 'How important is leisure time?'.length) / 4);
const replyTokens = Math.ceil('Very important indeed'.length / 4);

describe('ollamaProvider', () => {
  it('declares itself', () => {
    expect(ollamaProvider).toMatchObject({ id: 'ollama', kind: 'llm', defaultConcurrency: 2 });
    expect(ollamaProvider.create(entry(), ctx).capabilities).toEqual({ seed: true, logprobs: false, n: false });
    expect(ollamaProvider.secrets!(entry(), ctx)).toEqual([]);
  });

  it('invoke(): POST /api/chat as NDJSON, with model, messages, sampling options and the call seed', async () => {
    const llm = ollamaProvider.create(entry(), ctx);
    const reply = await llm.invoke(messages, { signal: AbortSignal.timeout(5000), seed: 4242 });
    expect(reply).toEqual({ text: 'Very important indeed', usage: { input: promptTokens, output: replyTokens }, finishReason: 'stop' });

    const req = server.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', url: '/api/chat' });
    expect(req.body).toMatchObject({ model: MODEL, stream: true, options: { temperature: 0.6, top_p: 0.95, num_predict: 32, seed: 4242 } });
    expect(req.body.messages).toEqual([
      { role: 'system', content: 'Answer with a number.' },
      { role: 'user', content: 'How important is leisure time?' },
    ]);
  });

  it('each call sends its own seed; params.seed is only the default (plain ChatOllama drops call seeds)', async () => {
    const llm = ollamaProvider.create(entry({ params: { seed: 1 } }), ctx);
    await llm.invoke(say('a'));
    await llm.invoke(say('b'), { seed: 2 });
    await llm.invoke(say('c'), { seed: 3 });
    expect(server.requests.map((r) => r.body.options.seed)).toEqual([1, 2, 3]);

    // Why the subclass exists: ChatOllama 1.3.0 ignores a call-level seed.
    await new ChatOllama({ model: MODEL, baseUrl: server.url }).invoke('d', { seed: 4 } as Record<string, unknown>);
    expect(server.requests[3]!.body.options.seed).toBeUndefined();
  });

  it('createChatOllama: .stream() yields the words, then usage and stats', async () => {
    const llm = createChatOllama(entry(), ctx);
    const pieces: string[] = [];
    let all: AIMessageChunk | undefined;
    for await (const chunk of await llm.stream(toLangChainMessages(messages), { seed: 9 } as Record<string, unknown>)) {
      if (typeof chunk.content === 'string' && chunk.content) pieces.push(chunk.content);
      all = all ? all.concat(chunk as AIMessageChunk) : (chunk as AIMessageChunk);
    }
    expect(pieces).toEqual(['Very', ' important', ' indeed']);
    expect(all!.usage_metadata).toMatchObject({ input_tokens: promptTokens, output_tokens: replyTokens });
    expect(server.requests[0]!.body).toMatchObject({ stream: true, options: { seed: 9 } });
  });

  it('the content-block event stream (streamEvents) goes through the same seed and signal handling', async () => {
    const llm = createChatOllama(entry(), ctx);
    const events: unknown[] = [];
    for await (const event of llm._streamChatModelEvents([new HumanMessage('hi')], {
      seed: 11,
      signal: AbortSignal.timeout(5000),
    } as SeededChatOllama['ParsedCallOptions'])) {
      events.push(event);
    }
    expect(events.length).toBeGreaterThan(0);
    expect(server.requests[0]!.body).toMatchObject({ stream: true, options: { seed: 11 } });
  });

  it('stream:false (the ollama client, as check() uses it) sees the same reply and counts as NDJSON', async () => {
    const res = await new Ollama({ host: server.url }).chat({
      model: MODEL,
      stream: false,
      messages: [
        { role: 'system', content: 'Answer with a number.' },
        { role: 'user', content: 'How important is leisure time?' },
      ],
      options: { seed: 5 },
    });
    expect(res.message.content).toBe('Very important indeed');
    expect(res).toMatchObject({ prompt_eval_count: promptTokens, eval_count: replyTokens, done: true });
    expect(server.requests[0]!.body).toMatchObject({ stream: false, options: { seed: 5 } });
  });

  it('options pass through: numCtx, keepAlive, think', async () => {
    await ollamaProvider.create(entry({ options: { numCtx: 4096, keepAlive: '10m', think: false } }), ctx).invoke(say('x'));
    expect(server.requests[0]!.body).toMatchObject({ options: { num_ctx: 4096 }, keep_alive: '10m', think: false });
  });

  it('OLLAMA_HOST without a scheme is accepted, like the Ollama CLI does', async () => {
    const env = { env: { OLLAMA_HOST: `127.0.0.1:${server.port}` } };
    expect(createChatOllama(entry({ baseUrl: undefined }), env).baseUrl).toBe(server.url);
    expect((await ollamaProvider.create(entry({ baseUrl: undefined }), env).invoke(say('hi'))).text).toBe('Very important indeed');
  });

  it('a hung server is cut off by options.timeoutMs', async () => {
    server.setFaults(() => ({ kind: 'hang' }));
    const started = Date.now();
    const err = await ollamaProvider
      .create(entry({ options: { timeoutMs: 150 } }), ctx)
      .invoke(say('hi'))
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a hung server is cut off by the runner's call signal (plain ChatOllama ignores it before headers)", async () => {
    server.setFaults(() => ({ kind: 'hang' }));
    const started = Date.now();
    const err = await ollamaProvider
      .create(entry(), ctx)
      .invoke(say('hi'), { signal: AbortSignal.timeout(150) })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);

    // The library bug this works around: the same call on a plain ChatOllama is still pending.
    const plain = new ChatOllama({ model: MODEL, baseUrl: server.url }).invoke('hi', { signal: AbortSignal.timeout(100) }).then(
      () => 'resolved',
      () => 'rejected',
    );
    const state = await Promise.race([plain, new Promise((r) => setTimeout(() => r('still pending'), 400))]);
    expect(state).toBe('still pending');
    server.reset(); // new requests answer again; the pending one ends when the server closes
  });

  it('aborting one call mid-stream ends only that call (plain ChatOllama ends every stream of the model)', async () => {
    // A server that sends one NDJSON line at once and holds the rest until the test releases it,
    // so the abort lands mid-stream whatever the machine's load (no timing guesses).
    let round: { started: number; bothStarted: () => void; released: Promise<void> };
    const srv = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(JSON.stringify({ model: MODEL, message: { role: 'assistant', content: 'part' }, done: false }) + '\n');
        const r = round;
        if (++r.started === 2) r.bothStarted();
        void r.released.then(() => {
          if (!res.destroyed)
            res.end(JSON.stringify({ model: MODEL, message: { role: 'assistant', content: '' }, done: true, eval_count: 1, prompt_eval_count: 1 }) + '\n');
        });
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    const pair = async (llm: BaseChatModel) => {
      let bothStarted!: () => void;
      let release!: () => void;
      const started = new Promise<void>((r) => (bothStarted = r));
      round = { started: 0, bothStarted, released: new Promise<void>((r) => (release = r)) };
      const first = new AbortController();
      const outcomes = Promise.allSettled([llm.invoke('fast', { signal: first.signal }), llm.invoke('slow')]);
      await started; // both streams have their first line
      first.abort();
      await new Promise((r) => setTimeout(r, 50));
      release();
      return outcomes;
    };
    try {
      const [aborted, other] = await pair(createChatOllama(entry({ baseUrl: url }), ctx));
      expect(aborted.status).toBe('rejected');
      expect(other).toMatchObject({ status: 'fulfilled', value: { content: 'part' } });

      // The library behaviour this avoids: its abort calls client.abort(), which ends the other stream too.
      const [, plainOther] = await pair(new ChatOllama({ model: MODEL, baseUrl: url }));
      expect(plainOther.status).toBe('rejected');
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});

describe('hosts and model names', () => {
  it.each([
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['gpu-box:11500', 'http://gpu-box:11500'],
    [':11500', 'http://127.0.0.1:11500'],
    ['0.0.0.0', 'http://0.0.0.0:11434'],
    ['http://localhost:11434/', 'http://localhost:11434'],
    ['https://ollama.example', 'https://ollama.example:443'],
    ['http://proxy.example/ollama/', 'http://proxy.example:80/ollama'],
    ['[::1]:11434', 'http://[::1]:11434'],
    [' "127.0.0.1:11434" ', 'http://127.0.0.1:11434'],
  ])('normaliseOllamaHost(%j) = %s', (raw, expected) => {
    expect(normaliseOllamaHost(raw)).toBe(expected);
  });

  it('name and name:latest are the same model; tags and registries are respected', () => {
    expect(sameModel('mistral', 'mistral:latest')).toBe(true);
    expect(sameModel('Mistral:Latest', 'mistral')).toBe(true);
    expect(sameModel('glm4:9b', 'glm4')).toBe(false);
    expect(canonicalModel('registry.local:5000/team/model')).toBe('registry.local:5000/team/model:latest');
  });

  it('the pull command names OLLAMA_HOST only when it is not the default', () => {
    expect(pullCommand('glm4:9b', 'http://127.0.0.1:11434')).toBe('ollama pull glm4:9b');
    expect(pullCommand('glm4:9b', 'http://gpu-box:11434')).toBe('OLLAMA_HOST=http://gpu-box:11434 ollama pull glm4:9b');
  });
});
