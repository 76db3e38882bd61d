import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from './index.js';

// Drives the real ChatOpenAI (and through it the openai SDK) against the mock.

const MODEL = 'gpt-4o-mini';
const SYSTEM = 'Answer with a number from 1 to 5.';
const QUESTION = 'How important is family in your life?';

let server: MockLlmServer;

function client(extra: Partial<ConstructorParameters<typeof ChatOpenAI>[0]> = {}): ChatOpenAI {
  return new ChatOpenAI({ model: MODEL, apiKey: 'sk-dummy', maxRetries: 0, configuration: { baseURL: `${server.url}/v1` }, ...extra });
}

beforeAll(async () => {
  server = await startMockLlm({ reply: 'Very important to me', models: [MODEL, 'gpt-4o'] });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe('ChatOpenAI against the mock', () => {
  it('invoke() gets the reply, usage and finish reason, and the server records the request', async () => {
    const msg = await client({ temperature: 0.3 }).invoke(
      [
        ['system', SYSTEM],
        ['human', QUESTION],
      ],
      { seed: 42 },
    );
    expect(msg.content).toBe('Very important to me');
    const prompt = Math.ceil((SYSTEM.length + QUESTION.length) / 4);
    const completion = Math.ceil('Very important to me'.length / 4);
    expect(msg.usage_metadata).toMatchObject({ input_tokens: prompt, output_tokens: completion, total_tokens: prompt + completion });
    expect(msg.response_metadata).toMatchObject({ finish_reason: 'stop', model_name: MODEL });

    expect(server.requestCount).toBe(1);
    const [rec] = server.requests;
    expect(rec).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(rec!.headers.authorization).toBe('Bearer sk-dummy');
    expect(rec!.body).toMatchObject({
      model: MODEL,
      temperature: 0.3,
      seed: 42,
      stream: false,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: QUESTION },
      ],
    });
  });

  it('.stream() yields one chunk per word, then usage', async () => {
    const chunks: AIMessageChunk[] = [];
    for await (const c of await client().stream(QUESTION)) chunks.push(c);
    const words = chunks.map((c) => c.content).filter((c) => c !== '');
    expect(words).toEqual(['Very', ' important', ' to', ' me']);
    const usage = chunks.find((c) => c.usage_metadata)?.usage_metadata;
    expect(usage).toMatchObject({ input_tokens: Math.ceil(QUESTION.length / 4), output_tokens: 5 });
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('a reply function sees the messages and the request index', async () => {
    const seen: ChatRequestInfo[] = [];
    server.setReply((req) => {
      seen.push(req);
      return `${req.index}:${req.messages.at(-1)!.content.toUpperCase()}`;
    });
    const llm = client();
    expect((await llm.invoke('first')).content).toBe('0:FIRST');
    expect(
      (
        await llm.invoke([
          ['system', 'sys'],
          ['human', 'second'],
        ])
      ).content,
    ).toBe('1:SECOND');
    expect(seen[1]).toMatchObject({
      protocol: 'openai',
      model: MODEL,
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'second' },
      ],
    });
  });

  it('an async reply function works with streaming too', async () => {
    server.setReply(async (req) => `echo ${req.messages[0]!.content}`);
    let text = '';
    for await (const c of await client().stream('hello there')) text += c.content;
    expect(text).toBe('echo hello there');
  });

  it('an unknown model gets the real 404 body', async () => {
    const err = await client({ model: 'gpt-9' })
      .invoke('hi')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: 'model_not_found', lc_error_code: 'MODEL_NOT_FOUND' });
    expect((err as Error).message).toContain('The model `gpt-9` does not exist or you do not have access to it.');
  });

  it('GET /v1/models lists the configured models', async () => {
    const res = await fetch(`${server.url}/v1/models`);
    expect(await res.json()).toEqual({
      object: 'list',
      data: [MODEL, 'gpt-4o'].map((id) => ({ id, object: 'model', created: expect.any(Number), owned_by: 'openai' })),
    });
  });

  it('a body that is not JSON gets a 400 with an OpenAI error body', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/could not parse the JSON body/);
    expect(server.requests[0]!.body).toBe('{not json');
  });

  it('unknown /v1 routes get the OpenAI 404', async () => {
    const res = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/embeddings)', type: 'invalid_request_error', param: null, code: null } });
  });
});

describe('API keys', () => {
  let keyed: MockLlmServer;
  beforeAll(async () => {
    keyed = await startMockLlm({ apiKeys: ['sk-good-key-0000'] });
  });
  afterAll(() => keyed.close());

  const keyedClient = (apiKey: string) => new ChatOpenAI({ model: MODEL, apiKey, maxRetries: 0, configuration: { baseURL: `${keyed.url}/v1` } });

  it('a listed key is accepted', async () => {
    expect((await keyedClient('sk-good-key-0000').invoke('hi')).content).toBe('3');
  });

  it('a wrong key gets 401 with the key masked like OpenAI does', async () => {
    const secret = 'sk-wrong-secret-9876';
    const err = await keyedClient(secret)
      .invoke('hi')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key', lc_error_code: 'MODEL_AUTHENTICATION' });
    const message = (err as Error).message;
    expect(message).toContain('Incorrect API key provided: sk-...9876.');
    expect(message).not.toContain(secret);
  });

  it('a missing key gets the "didn\'t provide an API key" 401', async () => {
    const res = await fetch(`${keyed.url}/v1/models`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^You didn't provide an API key/);
  });
});
