import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmOptions, type MockLlmServer } from '@culturebench/mock-llm';
import {
  OpenAIBatchError,
  cancelBatch,
  cancelBatchState,
  fetchBatchResults,
  fetchBatchStateResults,
  openaiProvider,
  planBatchParts,
  pollBatch,
  pollBatchState,
  submitBatch,
  supportsBatch,
  type BatchRequest,
  type BatchResult,
  type BatchState,
} from './index.js';

// The Batch client (real openai SDK) against the mock's Batch API.

const KEY = 'sk-test-SECRET-0123';
const BAD_KEY = 'sk-bad-SECRET-98765';
const ctx = { env: { OPENAI_API_KEY: KEY } };
const SYSTEM = 'You answer surveys.';
const question = (i: number) => `Q${i}: How important is family? 1. Very 2. Quite`;
const reply = (customId: string) => `Answer for ${customId}: 2`;

const messages: string[] = [];
const remember = (x: { message?: string } | BatchResult[] | string) => {
  if (typeof x === 'string') messages.push(x);
  else if (Array.isArray(x)) for (const r of x) messages.push(r.error ?? '');
  else messages.push(x.message ?? String(x));
};
const console_: string[] = [];
const servers: MockLlmServer[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'cb-batch-'));

beforeAll(() => {
  const keep = (...args: unknown[]) => void console_.push(args.map(String).join(' '));
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation(keep);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => {
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
  // No message, result or console line ever holds a key.
  for (const text of [...messages, ...console_]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(BAD_KEY);
  }
});

/** A mock whose reply names the request's custom id. */
async function mock(opts: MockLlmOptions = {}): Promise<MockLlmServer> {
  const server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], reply: (r) => reply(r.batch?.customId ?? 'chat'), ...opts });
  servers.push(server);
  return server;
}

const entryFor = (server: MockLlmServer, extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'mini',
  provider: 'openai',
  model: 'gpt-4o-mini',
  baseUrl: `${server.url}/v1`,
  apiKeyEnv: 'OPENAI_API_KEY',
  params: { temperature: 0.7, topP: 0.9, maxTokens: 16, seed: 100 },
  options: { batch: true },
  ...extra,
});

const requests = (n: number, prefix = 'r'): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    customId: `${prefix}${i}`,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: question(i) },
    ],
    // Odd requests carry their own seed; even ones fall back to params.seed.
    ...(i % 2 ? { seed: 1000 + i } : {}),
  }));

async function pollUntilDone(entry: ModelEntry, state: BatchState) {
  for (let i = 0; i < 50; i++) {
    const p = await pollBatchState(entry, ctx, state);
    if (p.done) return p;
  }
  throw new Error('batch did not finish');
}

function inputLines(server: MockLlmServer, state: BatchState): any[] {
  return state.parts.flatMap((p) =>
    server.files
      .get(p.inputFileId)!
      .content.toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
}

describe('submit → poll → fetch', () => {
  it('30 requests: every customId comes back with the scripted text and usage', async () => {
    const server = await mock();
    const entry = entryFor(server);
    const reqs = requests(30);
    const state = await submitBatch(entry, ctx, reqs);
    expect(state).toMatchObject({ version: 1, modelId: 'mini', model: 'gpt-4o-mini', endpoint: `${server.url}/v1` });
    expect(state.parts).toHaveLength(1);
    expect(state.parts[0]).toMatchObject({
      batchId: expect.stringMatching(/^batch_/),
      inputFileId: expect.stringMatching(/^file-/),
      status: 'validating',
      customIds: reqs.map((r) => r.customId),
    });

    const progress = await pollUntilDone(entry, state);
    expect(progress).toMatchObject({ done: true, failed: false, counts: { total: 30, completed: 30, failed: 0 } });
    expect(state.parts[0]!.status).toBe('completed');

    const results = await fetchBatchStateResults(entry, ctx, state);
    remember(results);
    expect(results.map((r) => r.customId)).toEqual(reqs.map((r) => r.customId));
    const prompt = (i: number) => Math.ceil((SYSTEM.length + question(i).length) / 4);
    for (const [i, r] of results.entries()) {
      expect(r).toEqual({
        customId: `r${i}`,
        text: reply(`r${i}`),
        usage: { input: prompt(i), output: Math.ceil(reply(`r${i}`).length / 4) },
        error: null,
        status: 200,
      });
    }
  });

  it("the uploaded file carries the chat path's body: model, messages, temperature, top_p, max_tokens, seed", async () => {
    const server = await mock();
    const entry = entryFor(server, { options: { batch: true, extraBody: { user: 'cb' } } });
    const state = await submitBatch(entry, ctx, requests(4));
    const lines = inputLines(server, state);
    expect(lines.map((l) => [l.custom_id, l.method, l.url, l.body.seed])).toEqual([
      ['r0', 'POST', '/v1/chat/completions', 100],
      ['r1', 'POST', '/v1/chat/completions', 1001],
      ['r2', 'POST', '/v1/chat/completions', 100],
      ['r3', 'POST', '/v1/chat/completions', 1003],
    ]);
    expect(lines[1].body).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 16,
      seed: 1001,
      user: 'cb',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: question(1) },
      ],
    });
    // Same body as the provider's chat path sends for the same call, minus `stream`.
    await openaiProvider.create(entry, ctx).invoke(
      [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: question(1) },
      ],
      { seed: 1001 },
    );
    const chat = server.requests.find((r) => r.url === '/v1/chat/completions')!.body;
    const { stream, ...chatBody } = chat;
    expect(stream).toBe(false);
    expect(lines[1].body).toEqual(chatBody);
  });

  it('reasoning models get max_completion_tokens and a developer message, as on the chat path', async () => {
    const server = await mock({ models: undefined });
    const state = await submitBatch(entryFor(server, { model: 'o3-mini' }), ctx, requests(1));
    const [l] = inputLines(server, state);
    expect(l.body).toMatchObject({ model: 'o3-mini', max_completion_tokens: 16, messages: [{ role: 'developer', content: SYSTEM }, { role: 'user' }] });
    expect(l.body.max_tokens).toBeUndefined();
  });

  it('failed requests come back as errors with clear messages; an expired batch says which requests never ran', async () => {
    const server = await mock({
      faults: (r) => {
        const id = r.batch?.customId;
        if (id === 'r1') return { status: 500 };
        if (id === 'r2') return { status: 400, message: "Invalid 'max_tokens': integer below minimum value." };
        if (id === 'r3') return { status: 401 };
        if (id === 'r4') return { kind: 'hang' };
        return undefined;
      },
    });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(6));
    const progress = await pollUntilDone(entry, state);
    expect(progress).toMatchObject({ done: true, failed: true, counts: { total: 6, completed: 2, failed: 4 } });
    expect(state.parts[0]!.status).toBe('expired');
    const results = await fetchBatchStateResults(entry, ctx, state);
    remember(results);
    const by = Object.fromEntries(results.map((r) => [r.customId, r]));
    expect(by.r0).toMatchObject({ text: reply('r0'), error: null });
    expect(by.r5).toMatchObject({ text: reply('r5'), error: null });
    expect(by.r1).toEqual({
      customId: 'r1',
      text: null,
      usage: null,
      status: 500,
      error: 'HTTP 500 (server_error): The server had an error while processing your request. Sorry about that!',
    });
    expect(by.r2).toMatchObject({ text: null, status: 400, error: "HTTP 400 (invalid_request_error): Invalid 'max_tokens': integer below minimum value." });
    // The 401 body echoes the key masked (sk-...0123); the result never holds it whole.
    expect(by.r3!.error).toMatch(/^HTTP 401 \(invalid_api_key\): Incorrect API key provided: sk-\.\.\.0123\./);
    expect(by.r4).toEqual({
      customId: 'r4',
      text: null,
      usage: null,
      error: 'batch_expired: This request could not be executed before the completion window expired.',
    });
  });

  it('fetchBatchResults / pollBatch work on a single batch id too', async () => {
    const server = await mock({ batchPollsToComplete: 2 });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(3));
    const id = state.parts[0]!.batchId;
    const early = await fetchBatchResults(entry, ctx, id).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(OpenAIBatchError);
    expect((early as Error).message).toMatch(/batch batch_\w+ is still in_progress \(\d\/3 done\); poll until it is done/);
    expect(await pollBatch(entry, ctx, id)).toMatchObject({ status: 'completed', done: true, failed: false, counts: { total: 3, completed: 3, failed: 0 } });
    const results = await fetchBatchResults(entry, ctx, id);
    expect(results.map((r) => r.customId).sort()).toEqual(['r0', 'r1', 'r2']);
  });

  it('a batch that fails validation (unknown model) reports the errors on every request', async () => {
    const server = await mock();
    const entry = entryFor(server, { model: 'gpt-9' });
    const state = await submitBatch(entry, ctx, requests(2));
    const p = await pollUntilDone(entry, state);
    expect(p).toMatchObject({ done: true, failed: true });
    expect(state.parts[0]!.errors[0]).toBe("line 1: model_not_found: The model 'gpt-9' does not exist or you do not have access to it.");
    const results = await fetchBatchStateResults(entry, ctx, state);
    expect(results[1]!.error).toMatch(/^batch batch_\w+ failed validation: line 1: model_not_found/);
  });
});

describe('resume from a persisted BatchState', () => {
  it('a fresh call with only the JSON state polls and fetches the same results; finished batches cost no requests', async () => {
    const server = await mock({ batchPollsToComplete: 3 });
    const entry = entryFor(server);
    const file = join(tmp, 'batch-state.json');
    const persist = (s: BatchState) => writeFileSync(file, JSON.stringify(s));
    const state = await submitBatch(entry, ctx, requests(10), { onSubmitted: persist, maxRequestsPerBatch: 4 });
    expect(state.parts).toHaveLength(3);
    await pollBatchState(entry, ctx, state); // first process polls once, then "crashes"
    persist(state);

    // "New process": nothing but the file.
    const resumed = JSON.parse(readFileSync(file, 'utf8')) as BatchState;
    await pollUntilDone(entry, resumed);
    persist(resumed);
    const first = await fetchBatchStateResults(entry, ctx, resumed);
    expect(first.map((r) => r.text)).toEqual(requests(10).map((r) => reply(r.customId)));

    // Again, from the file: no polling requests for finished batches, and the same results.
    const again = JSON.parse(readFileSync(file, 'utf8')) as BatchState;
    const before = server.requestCount;
    expect(await pollBatchState(entry, ctx, again)).toMatchObject({ done: true, failed: false });
    expect(server.requestCount).toBe(before);
    expect(await fetchBatchStateResults(entry, ctx, again)).toEqual(first);
    expect(await pollBatch(entry, ctx, again.parts[0]!.batchId)).toMatchObject({ status: 'completed' });
  });

  it('an interrupted submission resumes: parts in the state are skipped, a batch created before the crash is adopted', async () => {
    const server = await mock();
    const entry = entryFor(server);
    const reqs = requests(9);
    let saved: BatchState | undefined;
    // Crash right after the second batch was created, before the state could be saved.
    let calls = 0;
    const crash = await submitBatch(entry, ctx, reqs, {
      maxRequestsPerBatch: 3,
      onSubmitted: (s) => {
        if (++calls === 2) throw new Error('killed');
        saved = JSON.parse(JSON.stringify(s));
      },
    }).catch((e: unknown) => e);
    expect((crash as Error).message).toBe('killed');
    expect(server.batches.size).toBe(2);
    expect(saved!.parts).toHaveLength(1);

    const state = await submitBatch(entry, ctx, reqs, { maxRequestsPerBatch: 3, state: saved });
    expect(server.batches.size).toBe(3); // part 2 adopted, only part 3 created
    expect(state.parts.map((p) => p.customIds)).toEqual([
      ['r0', 'r1', 'r2'],
      ['r3', 'r4', 'r5'],
      ['r6', 'r7', 'r8'],
    ]);
    await pollUntilDone(entry, state);
    expect((await fetchBatchStateResults(entry, ctx, state)).map((r) => r.text)).toEqual(reqs.map((r) => reply(r.customId)));

    // Submitting the same requests again changes nothing.
    expect((await submitBatch(entry, ctx, reqs, { maxRequestsPerBatch: 3, state })).parts).toHaveLength(3);
    expect(server.batches.size).toBe(3);
    // A state made for other requests is refused.
    await expect(submitBatch(entry, ctx, requests(9, 'x'), { maxRequestsPerBatch: 3, state })).rejects.toThrow(/made for other requests/);
  });
});

describe('cancellation', () => {
  it('cancelBatchState cancels every unfinished part; results say the requests never ran; cancelling again is a no-op', async () => {
    const server = await mock({ batchPollsToComplete: 10 });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(4), { maxRequestsPerBatch: 2 });
    const c = await cancelBatchState(entry, ctx, state);
    expect(state.parts.map((p) => p.status)).toEqual(['cancelling', 'cancelling']);
    expect(c.done).toBe(false);
    const p = await pollUntilDone(entry, state);
    expect(p).toMatchObject({ done: true, failed: true });
    expect(state.parts.map((x) => x.status)).toEqual(['cancelled', 'cancelled']);
    const results = await fetchBatchStateResults(entry, ctx, state);
    expect(results.map((r) => r.error)).toEqual(
      state.parts.flatMap((x) => x.customIds.map(() => `not run: batch ${x.batchId} ended cancelled before this request was processed`)),
    );
    expect(await cancelBatch(entry, ctx, state.parts[0]!.batchId)).toMatchObject({ status: 'cancelled', done: true });
    await cancelBatchState(entry, ctx, state);
  });

  it('cancelling a completed batch leaves it completed', async () => {
    const server = await mock({ batchPollsToComplete: 1 });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(1));
    await pollUntilDone(entry, state);
    expect(await cancelBatch(entry, ctx, state.parts[0]!.batchId)).toMatchObject({ status: 'completed', failed: false });
  });
});

describe('splitting at the limits', () => {
  it('by request count: the mock (limit 7) would fail an unsplit file', async () => {
    const server = await mock({ batchMaxRequests: 7 });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(30), { maxRequestsPerBatch: 7 });
    expect(state.parts.map((p) => p.customIds.length)).toEqual([7, 7, 7, 7, 2]);
    expect(server.batches.size).toBe(5);
    const p = await pollUntilDone(entry, state);
    expect(p).toMatchObject({ done: true, failed: false, counts: { total: 30, completed: 30, failed: 0 } });
    expect((await fetchBatchStateResults(entry, ctx, state)).map((r) => r.customId)).toEqual(requests(30).map((r) => r.customId));
    // Metadata identifies each part.
    expect([...server.batches.values()].map((b) => b.metadata?.culturebench_part)).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
  });

  it('by bytes: no file exceeds the limit (and the mock rejects larger uploads)', async () => {
    const limit = 1500;
    const server = await mock({ batchMaxBytes: limit });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(12), { maxBytesPerBatch: limit });
    expect(state.parts.length).toBeGreaterThan(2);
    for (const part of state.parts) expect(server.files.get(part.inputFileId)!.bytes).toBeLessThanOrEqual(limit);
    expect(state.parts.flatMap((p) => p.customIds)).toEqual(requests(12).map((r) => r.customId));
  });

  it('planBatchParts refuses duplicate custom ids and a request larger than the limit, before any request', () => {
    const entry: ModelEntry = { id: 'x', provider: 'openai', model: 'gpt-4o-mini' };
    expect(() => planBatchParts(entry, [...requests(2), ...requests(1)])).toThrow('duplicate customId "r0"');
    expect(() => planBatchParts(entry, requests(1), 10, 50)).toThrow(/request "r0" alone is \d+ bytes, over the 50-byte batch file limit/);
    expect(() => planBatchParts(entry, requests(1), 60_000)).toThrow(/between 1 and 50000/);
  });
});

describe('errors', () => {
  it('a wrong key: 401 on upload, a clear OpenAIBatchError naming the variable and the fix, without the key', async () => {
    const server = await mock();
    const entry = entryFor(server);
    const err = (await submitBatch(entry, { env: { OPENAI_API_KEY: BAD_KEY } }, requests(2)).catch((e: unknown) => e)) as OpenAIBatchError;
    remember(err);
    expect(err).toBeInstanceOf(OpenAIBatchError);
    expect(err).toMatchObject({ name: 'OpenAIBatchError', status: 401, retryable: false });
    expect(err.message).toMatch(
      new RegExp(
        `^model mini \\(gpt-4o-mini at http://127\\.0\\.0\\.1:\\d+/v1\\): uploading the batch input file failed: the key in OPENAI_API_KEY was rejected by .*\\(401: Incorrect API key provided: sk-\\.\\.\\.8765\\..*Fix: export OPENAI_API_KEY=`,
      ),
    );
    expect(server.batches.size).toBe(0);
  });

  it('a missing key fails before any request', async () => {
    const server = await mock();
    const err = (await submitBatch(entryFor(server), { env: {} }, requests(1)).catch((e: unknown) => e)) as OpenAIBatchError;
    expect(err.message).toMatch(/OPENAI_API_KEY is not set\. Fix: export OPENAI_API_KEY=/);
    expect(server.requestCount).toBe(0);
  });

  it('an endpoint without the Batch API: a 404 that says so', async () => {
    const plain = createServer((req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Invalid URL (${req.method} ${req.url})`, type: 'invalid_request_error', param: null, code: null } }));
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const port = (plain.address() as { port: number }).port;
      const entry: ModelEntry = { id: 'local', provider: 'openai', model: 'm', baseUrl: `http://127.0.0.1:${port}/v1`, options: { batch: true } };
      const err = (await submitBatch(entry, ctx, requests(1)).catch((e: unknown) => e)) as OpenAIBatchError;
      remember(err);
      expect(err.message).toMatch(
        /uploading the batch input file failed: http:\/\/127\.0\.0\.1:\d+\/v1 does not implement the Batch API \(404: Invalid URL \(POST \/v1\/files\)\)\. Fix: remove options\.batch/,
      );
      expect(err.retryable).toBe(false);
    } finally {
      plain.closeAllConnections();
      await new Promise((r) => plain.close(r));
    }
  });

  it('a refused connection is a clear, non-retryable error', async () => {
    const server = await mock();
    const entry = entryFor(server);
    await server.close();
    const err = (await pollBatch(entry, ctx, 'batch_x', { maxRetries: 0 }).catch((e: unknown) => e)) as OpenAIBatchError;
    remember(err);
    expect(err.message).toMatch(/polling batch batch_x failed: cannot connect to http:\/\/127\.0\.0\.1:\d+\/v1 \(connection refused\)/);
    expect(err.retryable).toBe(false);
  });

  it('an unknown batch id is a 404 "not found"', async () => {
    const server = await mock();
    const err = (await pollBatch(entryFor(server), ctx, 'batch_nope').catch((e: unknown) => e)) as OpenAIBatchError;
    remember(err);
    expect(err.message).toMatch(/polling batch batch_nope failed: not found \(404: No batch found with id 'batch_nope'\.\)/);
  });

  it('retries batch creation while a fresh upload is not visible yet', async () => {
    const server = await mock({ batchFileVisibleAfterMs: 150 });
    const entry = entryFor(server);
    const state = await submitBatch(entry, ctx, requests(2), { fileRetryDelaysMs: [100, 100, 100] });
    expect(state.parts[0]!.status).toBe('validating');
    const creates = server.requests.filter((r) => r.url === '/v1/batches' && r.method === 'POST');
    expect(creates.length).toBeGreaterThanOrEqual(2);
  });

  it('a lost answer to POST /batches is not retried blindly: the batch that was created is adopted', async () => {
    const server = await mock();
    let dropped = 0;
    // A proxy that forwards everything but loses the answer to the first batch creation.
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<
        string,
        string
      >;
      const upstream = await fetch(`${server.url}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (req.method === 'POST' && req.url === '/v1/batches' && dropped++ === 0) return void req.socket.destroy();
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as { port: number }).port;
      const entry = entryFor(server, { baseUrl: `http://127.0.0.1:${port}/v1` });
      const state = await submitBatch(entry, ctx, requests(3));
      expect(dropped).toBe(1);
      expect(server.batches.size).toBe(1);
      expect(state.parts[0]!.batchId).toBe([...server.batches.keys()][0]);
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });

  it('refuses endpoints without batch support unless options.batch is set', async () => {
    const entry: ModelEntry = { id: 'ds', provider: 'openai', model: 'deepseek-chat', options: { preset: 'deepseek' } };
    const err = (await submitBatch(entry, { env: { DEEPSEEK_API_KEY: KEY } }, requests(1)).catch((e: unknown) => e)) as OpenAIBatchError;
    remember(err);
    expect(err.message).toMatch(/the Batch API is only used with hosted OpenAI\. Fix: set options\.batch: true if https:\/\/api\.deepseek\.com\/v1 implements/);
  });
});

describe('supportsBatch', () => {
  const e = (extra: Partial<ModelEntry>): ModelEntry => ({ id: 'x', provider: 'openai', model: 'm', ...extra });
  it.each([
    ['the default endpoint (OpenAI)', true, e({})],
    ['the openai preset', true, e({ options: { preset: 'openai' } })],
    ['a baseUrl on api.openai.com', true, e({ baseUrl: 'https://api.openai.com/v1/' })],
    ['DeepSeek', false, e({ options: { preset: 'deepseek' } })],
    ['a local vLLM', false, e({ options: { preset: 'vllm' } })],
    ['any endpoint with options.batch', true, e({ baseUrl: 'http://127.0.0.1:9/v1', options: { batch: true } })],
    ['OpenAI with options.batch: false', false, e({ options: { batch: false } })],
    ['an unknown preset', false, e({ options: { preset: 'nope' } })],
  ])('%s → %s', (_name, expected, entry) => {
    expect(supportsBatch(entry)).toBe(expected);
  });
});
