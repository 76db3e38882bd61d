import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { ollamaProvider } from './index.js';

// An Ollama model on several hosts: each host checked as a plain entry, through the real ollama client.

let newer: MockLlmServer;
let older: MockLlmServer;
let other: MockLlmServer;
beforeAll(async () => {
  newer = await startMockLlm({ models: ['qwen2.5:7b'], ollamaVersion: '0.12.11' });
  older = await startMockLlm({ models: ['qwen2.5:7b'], ollamaVersion: '0.6.4' });
  other = await startMockLlm({ models: ['llama3.1:8b'], ollamaVersion: '0.12.11' });
});
afterAll(async () => {
  await Promise.all([newer.close(), older.close(), other.close()]);
});

const entry = (...urls: string[]): ModelEntry => ({ id: 'qwen', provider: 'ollama', model: 'qwen2.5:7b', endpoints: urls.map((baseUrl) => ({ baseUrl })) });
const ctx = { env: { OLLAMA_HOST: 'http://127.0.0.1:1' } };

describe('an Ollama entry with several hosts', () => {
  it('declares log-probabilities only when every host has them', async () => {
    const both = entry(newer.url, newer.url.replace('127.0.0.1', 'localhost'));
    expect(await ollamaProvider.check(both, ctx)).toMatchObject({ ok: true });
    expect(ollamaProvider.create(both, ctx).capabilities).toEqual({ seed: true, logprobs: true, n: false });
    const mixed = entry(newer.url, older.url);
    expect(await ollamaProvider.check(mixed, ctx)).toMatchObject({ ok: true });
    expect(ollamaProvider.create(mixed, ctx).capabilities.logprobs).toBe(false);
  });

  it('is usable with a host that lacks the model, naming it and the pull command (OLLAMA_HOST unused)', async () => {
    const a = await ollamaProvider.check(entry(newer.url, other.url), ctx);
    expect(a).toMatchObject({ ok: true, degraded: expect.stringContaining(`model qwen2.5:7b is not pulled on ${other.url}`) });
    expect(a.ok && a.degraded).toContain(`OLLAMA_HOST=${other.url} ollama pull qwen2.5:7b`);
    expect(await ollamaProvider.check(entry(other.url), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('none of the 1 endpoints is usable'),
    });
  });
});
