import { describe, expect, it } from '@jest/globals';
import { AIMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { startMockLlm } from '@culturebench/mock-llm';
import { chatModelClient, replyOf, textOf, toLangChainMessages, tokenLogprobs } from './index.js';

describe('langchain-client', () => {
  it('converts plain messages to LangChain message types by role', () => {
    const out = toLangChainMessages([
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'assistant', content: 'a' },
    ]);
    expect(out.map((m) => [m.getType(), m.content])).toEqual([
      ['system', 's'],
      ['human', 'u'],
      ['ai', 'a'],
    ]);
  });

  it('reads text, usage, finish reason, refusal and log-probabilities from a reply', () => {
    const message = new AIMessage({
      content: [
        { type: 'text', text: 'I would ' },
        { type: 'text', text: 'say 3' },
      ],
      usage_metadata: { input_tokens: 10, output_tokens: 2, total_tokens: 12 },
      response_metadata: {
        finish_reason: 'stop',
        logprobs: {
          content: [
            {
              token: '3',
              logprob: -0.1,
              top_logprobs: [
                { token: '3', logprob: -0.1 },
                { token: '4', logprob: -2.4 },
              ],
            },
          ],
        },
      },
      additional_kwargs: { refusal: 'no' },
    });
    expect(textOf(message)).toBe('I would say 3');
    expect(replyOf(message)).toEqual({
      text: 'I would say 3',
      usage: { input: 10, output: 2 },
      finishReason: 'stop',
      refused: true,
      logprobs: [
        {
          token: '3',
          logprob: -0.1,
          top: [
            { token: '3', logprob: -0.1 },
            { token: '4', logprob: -2.4 },
          ],
        },
      ],
    });
    expect(replyOf(new AIMessage('x'))).toEqual({ text: 'x', usage: null });
    expect(tokenLogprobs(null)).toBeUndefined();
  });

  it('passes signal and declared seed through the real ChatOpenAI; refuses what is not declared, before sending', async () => {
    const server = await startMockLlm({ models: ['m'], reply: 'ok' });
    try {
      const chat = new ChatOpenAI({ model: 'm', apiKey: 'sk-test-0', maxRetries: 0, configuration: { baseURL: `${server.url}/v1` } });
      const client = chatModelClient(chat, { model: 'm', capabilities: { seed: true, logprobs: false, n: false } });
      expect(await client.invoke([{ role: 'user', content: 'hi' }], { seed: 5, signal: AbortSignal.timeout(5000) })).toMatchObject({ text: 'ok' });
      expect(server.requests[0]!.body).toMatchObject({ seed: 5, messages: [{ role: 'user', content: 'hi' }] });
      await expect(client.invoke([{ role: 'user', content: 'hi' }], { logprobs: { top: 5 } })).rejects.toThrow(
        'model m cannot honour logprobs (it supports: seed)',
      );
      const declaredWithoutPath = chatModelClient(chat, { model: 'm', capabilities: { seed: false, logprobs: false, n: true } });
      await expect(declaredWithoutPath.invoke([{ role: 'user', content: 'hi' }], { n: 2 })).rejects.toThrow(/no extended call/);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
