import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { startMockLlm, type MockLlmServer } from './index.js';

// Scripted log-probabilities and n distinct choices, read back through the real clients.

let server: MockLlmServer;
const top = [
  { token: '4', logprob: Math.log(0.6) },
  { token: '3', logprob: Math.log(0.3) },
  { token: ' I', logprob: Math.log(0.1) },
];

beforeAll(async () => {
  server = await startMockLlm({
    reply: (req) => String(4 - (req.choice ?? 0)),
    logprobs: (_req, text) => [{ token: text, logprob: top.find((t) => t.token === text)?.logprob ?? Math.log(0.01), top }],
  });
});
afterAll(() => server.close());

describe('OpenAI protocol', () => {
  it('answers n > 1 with one scripted text per choice, each with the scripted top_logprobs', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }], n: 3, logprobs: true, top_logprobs: 2 });
    expect(res.choices.map((c) => c.message.content)).toEqual(['4', '3', '2']);
    expect(res.choices[0].logprobs!.content![0].top_logprobs.map((t) => t.token)).toEqual(['4', '3']);
    expect(res.choices[0].logprobs!.content![0].logprob).toBeCloseTo(Math.log(0.6), 12);
    // Usage counts every completion.
    expect(res.usage!.completion_tokens).toBe(3);
  });
  it('leaves logprobs null when they are not asked for', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    expect(res.choices[0].logprobs).toBeNull();
  });
});

describe('Ollama protocol', () => {
  it('answers logprobs: true with token log-probabilities and top_logprobs (newer servers)', async () => {
    const client = new Ollama({ host: server.url });
    const res = (await client.chat({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
      stream: false,
      logprobs: true,
      top_logprobs: 3,
    } as never)) as unknown as {
      message: { content: string };
      logprobs: { token: string; logprob: number; top_logprobs: { token: string }[] }[];
    };
    expect(res.message.content).toBe('4');
    expect(res.logprobs[0].token).toBe('4');
    expect(res.logprobs[0].top_logprobs.map((t) => t.token)).toEqual(['4', '3', ' I']);
  });
});
