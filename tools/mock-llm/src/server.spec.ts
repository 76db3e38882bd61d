import { describe, expect, it } from '@jest/globals';
import { ChatOpenAI } from '@langchain/openai';
import { startMockLlm } from './index.js';
import { maskKey, splitWords } from './util.js';

// Server mechanics: recording, reset, latency, close, load.

const chat = (url: string, body: object) =>
  fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'q' }], ...body }) });

describe('recording', () => {
  it('keeps at most the given number of requests but counts all of them', async () => {
    const server = await startMockLlm({ recordRequests: 2 });
    try {
      for (let i = 0; i < 4; i++) await (await chat(server.url, { seed: i })).text();
      expect(server.requestCount).toBe(4);
      expect(server.requests.map((r) => r.body.seed)).toEqual([0, 1]);
    } finally {
      await server.close();
    }
  });

  it('recordRequests:false keeps nothing', async () => {
    const server = await startMockLlm({ recordRequests: false });
    try {
      await (await chat(server.url, {})).text();
      expect(server.requests).toEqual([]);
      expect(server.requestCount).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('reset() clears recordings and counters and restores the initial reply and faults', async () => {
    const server = await startMockLlm({ reply: (req) => `#${req.index}` });
    try {
      const content = async () => ((await (await chat(server.url, {})).json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
      expect(await content()).toBe('#0');
      server.setReply('other');
      server.setFaults(() => ({ status: 500 }));
      expect((await chat(server.url, {})).status).toBe(500);
      server.reset();
      expect(server.requests).toEqual([]);
      expect(server.requestCount).toBe(0);
      expect(await content()).toBe('#0');
    } finally {
      await server.close();
    }
  });
});

describe('responses', () => {
  it('streamChunkWords:false sends the whole reply as one delta', async () => {
    const server = await startMockLlm({ reply: 'one two three', streamChunkWords: false });
    try {
      const text = await (await chat(server.url, { stream: true })).text();
      const deltas = text
        .split('\n\n')
        .filter((l) => l.startsWith('data: {'))
        .map((l) => JSON.parse(l.slice(6)).choices[0]?.delta?.content)
        .filter((c) => c);
      expect(deltas).toEqual(['one two three']);
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('latencyMs delays the answer', async () => {
    const server = await startMockLlm({ latencyMs: 100 });
    try {
      const started = Date.now();
      await (await chat(server.url, {})).text();
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    } finally {
      await server.close();
    }
  });

  it('GET /v1/models/:id follows `models`', async () => {
    const server = await startMockLlm({ models: ['gpt-4o'] });
    try {
      expect(await (await fetch(`${server.url}/v1/models/gpt-4o`)).json()).toMatchObject({ id: 'gpt-4o', object: 'model' });
      expect((await fetch(`${server.url}/v1/models/gpt-3`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('`tags` overrides what /api/tags and /v1/models advertise', async () => {
    const server = await startMockLlm({ tags: ['qwen2.5:7b'] });
    try {
      const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: { name: string }[] };
      expect(tags.models.map((m) => m.name)).toEqual(['qwen2.5:7b']);
      const list = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
      expect(list.data.map((m) => m.id)).toEqual(['qwen2.5:7b']);
    } finally {
      await server.close();
    }
  });
});

describe('close()', () => {
  it('ends hanging requests and resolves promptly', async () => {
    const server = await startMockLlm({ faults: () => ({ kind: 'hang' }) });
    const pending = chat(server.url, {}).then(
      () => 'answered',
      () => 'failed',
    );
    while (server.requestCount === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBe('failed');
  });

  it('also cancels a pending latency delay, and can be called twice', async () => {
    const server = await startMockLlm({ latencyMs: 60_000 });
    const pending = chat(server.url, {}).then(
      () => 'answered',
      () => 'failed',
    );
    while (server.requestCount === 0) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([server.close(), server.close()]);
    expect(await pending).toBe('failed');
  });
});

describe('load', () => {
  it('serves 512 ChatOpenAI requests at concurrency 256 with recording off', async () => {
    const server = await startMockLlm({ recordRequests: false });
    try {
      const llm = new ChatOpenAI({ model: 'm', apiKey: 'sk-dummy', maxRetries: 0, configuration: { baseURL: `${server.url}/v1` } });
      let next = 0;
      const worker = async () => {
        while (next < 512) {
          next++;
          if ((await llm.invoke('q')).content !== '3') throw new Error('wrong reply');
        }
      };
      await Promise.all(Array.from({ length: 256 }, worker));
      expect(server.requestCount).toBe(512);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
    // A functional check, not a timed one: speed is measured by benchmarks:perf.
  }, 60_000);
});

describe('helpers', () => {
  it('splitWords keeps every character', () => {
    for (const text of ['', 'a', 'Hello world', '  lead and trail  ', 'a\nb\tc', '   ']) {
      expect(splitWords(text).join('')).toBe(text);
    }
    expect(splitWords('Hello big world')).toEqual(['Hello', ' big', ' world']);
  });

  it('maskKey shows only the first 3 and last 4 characters', () => {
    expect(maskKey('sk-proj-abcdefgh1234')).toBe('sk-...1234');
    expect(maskKey('sk-short')).toBe('sk-...');
  });
});
