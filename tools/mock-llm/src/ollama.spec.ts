import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import { startMockLlm, type MockLlmServer } from './index.js';

// Drives the real ChatOllama and the raw ollama client against the mock.

const MODEL = 'glm4:9b';
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ reply: 'Quite important', models: [MODEL, 'llama3'] });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe('ChatOllama against the mock', () => {
  it('invoke() streams NDJSON and copies the stats into response_metadata', async () => {
    const llm = new ChatOllama({ model: MODEL, baseUrl: server.url, temperature: 0.2, seed: 7 });
    const msg = await llm.invoke([
      ['system', 'Be brief.'],
      ['human', 'Is work important?'],
    ]);
    expect(msg.content).toBe('Quite important');
    expect(msg.response_metadata).toMatchObject({
      model: MODEL,
      done: true,
      done_reason: 'stop',
      prompt_eval_count: Math.ceil(('Be brief.'.length + 'Is work important?'.length) / 4),
      eval_count: Math.ceil('Quite important'.length / 4),
    });
    for (const key of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration']) {
      expect(Number.isInteger(msg.response_metadata[key])).toBe(true);
    }
    expect(msg.usage_metadata).toMatchObject({ input_tokens: 7, output_tokens: 4, total_tokens: 11 });

    const body = server.requests[0]!.body;
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/api/chat' });
    // ChatOllama always streams, and puts sampling settings under `options`.
    expect(body).toMatchObject({ model: MODEL, stream: true, options: { temperature: 0.2, seed: 7 } });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Is work important?' },
    ]);
  });

  it('"name" matches a configured "name:latest" and vice versa, like Ollama', async () => {
    const llm = new ChatOllama({ model: 'llama3:latest', baseUrl: server.url });
    expect((await llm.invoke('hi')).content).toBe('Quite important');
  });

  it('an unknown model gets the Ollama 404', async () => {
    const err = await new ChatOllama({ model: 'nope:1b', baseUrl: server.url }).invoke('hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("model 'nope:1b' not found");
  });
});

describe('ollama client against the mock', () => {
  const ollama = () => new Ollama({ host: server.url });

  it('chat with stream:false returns one object with the message and stats', async () => {
    server.setReply((req) => `You said ${req.messages[0]!.content}`);
    const res = await ollama().chat({ model: MODEL, stream: false, messages: [{ role: 'user', content: 'hello' }] });
    expect(res.message).toEqual({ role: 'assistant', content: 'You said hello' });
    expect(res).toMatchObject({ model: MODEL, done: true, done_reason: 'stop', prompt_eval_count: 2, eval_count: 4 });
    expect(res.total_duration).toBeGreaterThan(0);
    expect(server.requests[0]!.body.stream).toBe(false);
  });

  it('chat with stream:true yields word pieces and a final done line', async () => {
    const parts: string[] = [];
    let last: { done: boolean; eval_count?: number } | undefined;
    for await (const part of await ollama().chat({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'x' }] })) {
      parts.push(part.message.content);
      last = part;
    }
    expect(parts).toEqual(['Quite', ' important', '']);
    expect(last).toMatchObject({ done: true, eval_count: 4 });
  });

  it('list() returns the configured models as tags', async () => {
    const { models } = await ollama().list();
    expect(models.map((m) => m.name)).toEqual([MODEL, 'llama3:latest']);
    expect(models[0]).toMatchObject({ model: MODEL, details: { format: 'gguf', family: 'glm', parameter_size: '9B', quantization_level: 'Q4_0' } });
    expect(models[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an unknown model rejects with a ResponseError saying "not found"', async () => {
    const err = await ollama()
      .chat({ model: 'missing', stream: false, messages: [] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ResponseError', status_code: 404, message: "model 'missing' not found" });
  });

  it('version(), GET / and unknown routes answer like Ollama', async () => {
    expect(await ollama().version()).toEqual({ version: '0.6.4' });
    expect(await (await fetch(server.url)).text()).toBe('Ollama is running');
    const res = await fetch(`${server.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found');
  });

  it('a body that is not JSON gets a 400 with an Ollama error body', async () => {
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', body: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
