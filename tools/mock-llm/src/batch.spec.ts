import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI, { toFile } from 'openai';
import { startMockLlm, type ChatRequestInfo, type MockLlmOptions, type MockLlmServer } from './index.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

// The Batch API wire protocol, driven by the real openai SDK (6.x).

const MODEL = 'gpt-4o-mini';
const KEY = 'sk-batch-key-01234';

type Line = { custom_id: string; method: string; url: string; body: Record<string, unknown> };
const line = (customId: string, content = `question ${customId}`, extra: Partial<Line> = {}, body: Record<string, unknown> = {}): Line => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: MODEL, messages: [{ role: 'user', content }], ...body },
  ...extra,
});
const jsonl = (lines: (Line | string)[]): string => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

async function withServer(opts: MockLlmOptions, fn: (server: MockLlmServer, client: OpenAI) => Promise<void>): Promise<void> {
  const server = await startMockLlm(opts);
  try {
    await fn(server, new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 }));
  } finally {
    await server.close();
  }
}

async function upload(client: OpenAI, text: string, filename = 'input.jsonl', purpose: 'batch' | 'user_data' = 'batch') {
  return client.files.create({ file: await toFile(Buffer.from(text), filename), purpose });
}

async function createBatch(client: OpenAI, lines: (Line | string)[], metadata?: Record<string, string>) {
  const file = await upload(client, jsonl(lines));
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', ...(metadata ? { metadata } : {}) });
}

async function readJsonl(client: OpenAI, fileId: string | null | undefined): Promise<any[]> {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

async function pollUntilDone(client: OpenAI, id: string, max = 20): Promise<{ statuses: string[]; batch: OpenAI.Batches.Batch }> {
  const statuses: string[] = [];
  for (let i = 0; i < max; i++) {
    const batch = await client.batches.retrieve(id);
    statuses.push(batch.status);
    if (['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) return { statuses, batch };
  }
  throw new Error(`batch ${id} not done after ${max} polls: ${statuses.join(',')}`);
}

describe('files', () => {
  let server: MockLlmServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startMockLlm({ batchMaxBytes: 1000 });
    client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it('upload returns a File object; retrieve and content give it back byte for byte', async () => {
    const text = jsonl([line('a'), line('b', 'ünïcödé ✓')]);
    const f = await upload(client, text);
    expect(f).toEqual({
      id: expect.stringMatching(/^file-[A-Za-z0-9]{22}$/),
      object: 'file',
      bytes: Buffer.byteLength(text),
      created_at: expect.any(Number),
      filename: 'input.jsonl',
      purpose: 'batch',
      status: 'processed',
      expires_at: f.created_at + 30 * 86_400,
      status_details: null,
    });
    expect(await client.files.retrieve(f.id)).toEqual(f);
    const res = await client.files.content(f.id);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(await res.text()).toBe(text);
    expect(server.files.get(f.id)!.content.toString()).toBe(text);
    // The upload is recorded with its fields, and the file part summarised.
    expect(server.requests[0]!.body).toEqual({
      purpose: 'batch',
      file: { filename: 'input.jsonl', contentType: 'application/octet-stream', bytes: Buffer.byteLength(text) },
    });
  });

  it('lists (newest first, by purpose) and deletes files', async () => {
    const a = await upload(client, jsonl([line('a')]), 'a.jsonl');
    const b = await upload(client, 'notes', 'b.txt', 'user_data');
    expect((await client.files.list()).data.map((f) => f.id)).toEqual([b.id, a.id]);
    expect((await client.files.list({ purpose: 'batch' })).data.map((f) => f.id)).toEqual([a.id]);
    expect(await client.files.delete(a.id)).toEqual({ id: a.id, object: 'file', deleted: true });
    const err = await client.files.retrieve(a.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, error: { message: `No such File object: ${a.id}`, param: 'id' } });
  });

  it('rejects batch uploads like OpenAI: not .jsonl, too large, bad purpose, no file', async () => {
    await expect(upload(client, 'x', 'input.csv')).rejects.toMatchObject({
      status: 400,
      error: { message: 'Invalid file format for Batch API. Must be .jsonl' },
    });
    await expect(upload(client, 'x'.repeat(1001))).rejects.toMatchObject({ status: 400, error: { message: 'File is too large.' } });
    await expect(client.files.create({ file: await toFile(Buffer.from('x'), 'a.jsonl'), purpose: 'nonsense' as 'batch' })).rejects.toMatchObject({
      status: 400,
      error: { param: 'purpose' },
    });
    const form = new FormData();
    form.set('purpose', 'batch');
    const res = await fetch(`${server.url}/v1/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: "Missing required parameter: 'file'.", param: 'file' } });
  });
});

describe('batches', () => {
  let server: MockLlmServer;
  let client: OpenAI;
  const seen: ChatRequestInfo[] = [];
  beforeAll(async () => {
    server = await startMockLlm({
      models: [MODEL, 'gpt-4o'],
      apiKeys: [KEY],
      reply: (req) => {
        seen.push(req);
        return `answer to ${req.messages.at(-1)!.content}`;
      },
    });
    client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  });
  beforeEach(() => {
    server.reset();
    seen.length = 0;
  });
  afterAll(() => server.close());

  it('runs a batch: validating → in_progress → finalizing → completed, then an output file of chat.completion lines', async () => {
    const created = await createBatch(client, [line('q1'), line('q2'), line('q3')], { run: 'r1' });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^batch_[0-9a-f]{32}$/),
      object: 'batch',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      errors: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata: { run: 'r1' },
      expires_at: created.created_at + 86_400,
    });
    const { statuses, batch } = await pollUntilDone(client, created.id);
    expect(statuses).toEqual(['in_progress', 'in_progress', 'finalizing', 'completed']);
    expect(batch).toMatchObject({ status: 'completed', model: MODEL, request_counts: { total: 3, completed: 3, failed: 0 }, error_file_id: null });
    expect(batch.completed_at).toEqual(expect.any(Number));
    expect(batch.usage).toMatchObject({
      input_tokens: 3 * Math.ceil('question q1'.length / 4),
      output_tokens: 3 * Math.ceil('answer to question q1'.length / 4),
    });

    const out = await readJsonl(client, batch.output_file_id);
    expect(out.map((l) => l.custom_id).sort()).toEqual(['q1', 'q2', 'q3']);
    const q2 = out.find((l) => l.custom_id === 'q2');
    expect(q2).toEqual({
      id: expect.stringMatching(/^batch_req_[0-9a-f]{32}$/),
      custom_id: 'q2',
      response: { status_code: 200, request_id: expect.stringMatching(/^[0-9a-f]{32}$/), body: expect.any(Object) },
      error: null,
    });
    // The body is exactly what the non-stream chat endpoint returns for the same request.
    const direct = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'question q2' }] });
    const strip = (o: any) => ({ ...o, id: undefined, created: undefined });
    expect(strip(q2.response.body)).toEqual(strip(direct));
    expect(q2.response.body.choices[0].message.content).toBe('answer to question q2');

    // The reply script saw each line, in file order, marked as a batch request.
    expect(seen.slice(0, 3).map((r) => [r.index, r.batch])).toEqual([
      [0, { batchId: created.id, customId: 'q1' }],
      [1, { batchId: created.id, customId: 'q2' }],
      [2, { batchId: created.id, customId: 'q3' }],
    ]);
    expect(server.batches.get(created.id)).toMatchObject({
      status: 'completed',
      polls: 4,
      lines: [{ customId: 'q1' }, { customId: 'q2' }, { customId: 'q3' }],
    });
    expect(server.files.get(batch.output_file_id!)).toMatchObject({ purpose: 'batch_output', filename: `${created.id}_output.jsonl` });

    // Polling a finished batch again changes nothing.
    expect(await client.batches.retrieve(created.id)).toEqual(batch);
  });

  it('failing requests go to the error file with their status and OpenAI error body; counts say so', async () => {
    server.setFaults((req) =>
      req.batch?.customId === 'bad-500'
        ? { status: 500 }
        : req.batch?.customId === 'bad-429'
          ? { status: 429 }
          : req.batch?.customId === 'bad-400'
            ? { status: 400, message: 'max_tokens is too large' }
            : undefined,
    );
    const b = await createBatch(client, [line('ok-1'), line('bad-500'), line('bad-429'), line('ok-2'), line('bad-400')]);
    const { batch } = await pollUntilDone(client, b.id);
    expect(batch).toMatchObject({ status: 'completed', request_counts: { total: 5, completed: 2, failed: 3 } });
    expect((await readJsonl(client, batch.output_file_id)).map((l) => l.custom_id).sort()).toEqual(['ok-1', 'ok-2']);
    const errors = await readJsonl(client, batch.error_file_id);
    const byId = Object.fromEntries(errors.map((l) => [l.custom_id, l]));
    expect(byId['bad-500']).toMatchObject({
      response: { status_code: 500, body: { error: { type: 'server_error', message: expect.stringMatching(/had an error/) } } },
      error: null,
    });
    expect(byId['bad-429']).toMatchObject({ response: { status_code: 429, body: { error: { code: 'rate_limit_exceeded' } } } });
    expect(byId['bad-400']).toMatchObject({
      response: { status_code: 400, body: { error: { message: 'max_tokens is too large', type: 'invalid_request_error' } } },
    });
  });

  it('a hanging request makes the batch expire: its line gets a batch_expired error', async () => {
    server.setFaults((req) => (req.batch?.customId === 'slow' ? { kind: 'hang' } : undefined));
    const b = await createBatch(client, [line('fast'), line('slow')]);
    const { batch } = await pollUntilDone(client, b.id);
    expect(batch).toMatchObject({ status: 'expired', request_counts: { total: 2, completed: 1, failed: 1 }, expired_at: expect.any(Number) });
    expect(await readJsonl(client, batch.error_file_id)).toEqual([
      {
        id: expect.any(String),
        custom_id: 'slow',
        response: null,
        error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
      },
    ]);
  });

  it('validation failures fail the batch with errors per line (duplicate custom_id, bad JSON, wrong url or method, mixed or unknown models)', async () => {
    const b = await createBatch(client, [
      line('a'),
      line('a'),
      '{not json',
      line('c', 'x', { url: '/v1/embeddings' }),
      line('d', 'x', { method: 'GET' }),
      line('e', 'x', {}, { model: 'gpt-4o' }),
      line('f', 'x', {}, { model: 'gpt-9' }),
      JSON.stringify({ custom_id: 'g', method: 'POST', url: '/v1/chat/completions' }),
      line('h', 'x', {}, { stream: true }),
    ]);
    const { statuses, batch } = await pollUntilDone(client, b.id);
    expect(statuses).toEqual(['failed']);
    expect(batch).toMatchObject({
      status: 'failed',
      failed_at: expect.any(Number),
      request_counts: { total: 0, completed: 0, failed: 0 },
      output_file_id: null,
    });
    expect(batch.errors!.data!.map((e) => [e.line, e.code])).toEqual([
      [2, 'duplicate_custom_id'],
      [3, 'invalid_json_line'],
      [4, 'invalid_url'],
      [5, 'invalid_request'],
      [6, 'mismatched_model'],
      [7, 'model_not_found'],
      [8, 'missing_required_parameter'],
      [9, 'invalid_request'],
    ]);
    expect(batch.errors!.data![0]!.message).toMatch(
      /^The custom_id for this request is a duplicate of another request \(line 1\)\. The custom_id parameter must be unique/,
    );
    expect(seen).toEqual([]);
  });

  it('an empty file fails validation', async () => {
    const f = await upload(client, '\n');
    const b = await client.batches.create({ input_file_id: f.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const { batch } = await pollUntilDone(client, b.id);
    expect(batch.errors!.data).toEqual([{ code: 'empty_file', message: 'The batch input file is empty.', param: null, line: null }]);
  });

  it('rejects bad create requests with 400s', async () => {
    const f = await upload(client, jsonl([line('a')]));
    const create = (p: Record<string, unknown>) =>
      client.batches.create({ input_file_id: f.id, endpoint: '/v1/chat/completions', completion_window: '24h', ...p } as never);
    await expect(create({ completion_window: '1h' })).rejects.toMatchObject({ status: 400, error: { param: 'completion_window' } });
    await expect(create({ endpoint: '/v1/embeddings' })).rejects.toMatchObject({ status: 400, error: { param: 'endpoint' } });
    await expect(create({ input_file_id: 'file-nope' })).rejects.toMatchObject({
      status: 400,
      error: { message: 'Cannot find file file-nope, or project proj_mock does not have access to it.', param: 'file_id' },
    });
    const other = await upload(client, 'notes', 'n.jsonl', 'user_data');
    await expect(create({ input_file_id: other.id })).rejects.toMatchObject({ status: 400, error: { param: 'input_file_id' } });
    await expect(create({ metadata: { k: 'v'.repeat(513) } })).rejects.toMatchObject({ status: 400, error: { param: 'metadata' } });
  });

  it('unknown ids get 404s', async () => {
    await expect(client.batches.retrieve('batch_nope')).rejects.toMatchObject({ status: 404, error: { message: "No batch found with id 'batch_nope'." } });
    await expect(client.files.content('file-nope')).rejects.toMatchObject({ status: 404 });
  });

  it('cancel: cancelling, then cancelled; cancelling again is a no-op, cancelling a finished batch is a 400', async () => {
    const b = await createBatch(client, [line('a'), line('b')]);
    const c = await client.batches.cancel(b.id);
    expect(c).toMatchObject({ status: 'cancelling', cancelling_at: expect.any(Number) });
    expect(await client.batches.cancel(b.id)).toMatchObject({ status: 'cancelling' });
    const after = await client.batches.retrieve(b.id);
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelled_at: expect.any(Number),
      output_file_id: null,
      error_file_id: null,
      request_counts: { total: 2, completed: 0, failed: 0 },
    });
    expect(seen).toEqual([]);

    const done = await createBatch(client, [line('x')]);
    await pollUntilDone(client, done.id);
    await expect(client.batches.cancel(done.id)).rejects.toMatchObject({ status: 400, error: { message: "Cannot cancel a batch with status 'completed'." } });
  });

  it('lists batches newest first, with cursor pagination', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createBatch(client, [line(`q${i}`)])).id);
    const page = await client.batches.list({ limit: 2 });
    expect(page.data.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const b of client.batches.list({ limit: 2 })) all.push(b.id);
    expect(all).toEqual([...ids].reverse());
  });

  it('a wrong key gets 401 on upload, with the key masked', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong-secret-9876', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const err = await upload(bad, jsonl([line('a')])).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((err as Error).message).toContain('sk-...9876');
    expect((err as Error).message).not.toContain('sk-wrong-secret-9876');
  });

  it('reset() forgets files and batches', async () => {
    await createBatch(client, [line('a')]);
    expect(server.files.size).toBe(1);
    expect(server.batches.size).toBe(1);
    server.reset();
    expect(server.files.size).toBe(0);
    expect(server.batches.size).toBe(0);
  });
});

describe('batch options', () => {
  it('batchPollsToComplete: 1 completes on the first poll; batchShuffleOutput: false keeps input order', async () => {
    await withServer({ batchPollsToComplete: 1, batchShuffleOutput: false, reply: (r) => r.batch!.customId }, async (_server, client) => {
      const ids = Array.from({ length: 12 }, (_, i) => `id-${i}`);
      const b = await createBatch(
        client,
        ids.map((id) => line(id)),
      );
      const { statuses, batch } = await pollUntilDone(client, b.id);
      expect(statuses).toEqual(['completed']);
      expect((await readJsonl(client, batch.output_file_id)).map((l) => l.custom_id)).toEqual(ids);
    });
  });

  it('output lines are scrambled by default (match them by custom_id)', async () => {
    await withServer({ batchPollsToComplete: 1 }, async (_server, client) => {
      const ids = Array.from({ length: 12 }, (_, i) => `id-${i}`);
      const { batch } = await pollUntilDone(
        client,
        (
          await createBatch(
            client,
            ids.map((id) => line(id)),
          )
        ).id,
      );
      const got = (await readJsonl(client, batch.output_file_id)).map((l) => l.custom_id);
      expect(got).not.toEqual(ids);
      expect([...got].sort()).toEqual([...ids].sort());
    });
  });

  it('in_progress counts grow over the polls', async () => {
    await withServer({ batchPollsToComplete: 8 }, async (_server, client) => {
      const b = await createBatch(
        client,
        Array.from({ length: 8 }, (_, i) => line(`q${i}`)),
      );
      const seen: [string, number][] = [];
      for (let i = 0; i < 8; i++) {
        const r = await client.batches.retrieve(b.id);
        seen.push([r.status, r.request_counts!.completed]);
      }
      expect(seen).toEqual([
        ['validating', 0],
        ['in_progress', 0],
        ['in_progress', 2],
        ['in_progress', 4],
        ['in_progress', 6],
        ['finalizing', 8],
        ['finalizing', 8],
        ['completed', 8],
      ]);
    });
  });

  it('cancelling mid-run keeps the results of the requests already processed', async () => {
    await withServer({ batchPollsToComplete: 8 }, async (_server, client) => {
      const b = await createBatch(
        client,
        Array.from({ length: 8 }, (_, i) => line(`q${i}`)),
      );
      for (let i = 0; i < 4; i++) await client.batches.retrieve(b.id); // in_progress, 4 of 8 done
      await client.batches.cancel(b.id);
      const after = await client.batches.retrieve(b.id);
      expect(after).toMatchObject({ status: 'cancelled', request_counts: { total: 8, completed: 4, failed: 0 } });
      expect((await readJsonl(client, after.output_file_id)).length).toBe(4);
    });
  });

  it('batchCompleteAfterMs: progression by time', async () => {
    await withServer({ batchCompleteAfterMs: 200 }, async (_server, client) => {
      const b = await createBatch(client, [line('a')]);
      expect((await client.batches.retrieve(b.id)).status).toBe('validating');
      await new Promise((r) => setTimeout(r, 220));
      expect((await client.batches.retrieve(b.id)).status).toBe('completed');
    });
  });

  it('batchMaxRequests: a file with more lines fails validation', async () => {
    await withServer({ batchMaxRequests: 2, batchPollsToComplete: 1 }, async (_server, client) => {
      const { batch } = await pollUntilDone(client, (await createBatch(client, [line('a'), line('b'), line('c')])).id);
      expect(batch.status).toBe('failed');
      expect(batch.errors!.data![0]).toMatchObject({ code: 'too_many_requests' });
    });
  });

  it('batchFileVisibleAfterMs: a fresh upload is unknown to POST /v1/batches for a while', async () => {
    await withServer({ batchFileVisibleAfterMs: 100 }, async (_server, client) => {
      const f = await upload(client, jsonl([line('a')]));
      const create = () => client.batches.create({ input_file_id: f.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
      await expect(create()).rejects.toMatchObject({ status: 400, error: { message: expect.stringMatching(/^Cannot find file file-/) } });
      await new Promise((r) => setTimeout(r, 120));
      expect((await create()).status).toBe('validating');
    });
  });
});

describe('multipart parser', () => {
  it('parses what fetch sends, binary-safe', async () => {
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', new Blob([bytes], { type: 'application/jsonl' }), 'we"ird.jsonl');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const boundary = multipartBoundary(req.headers.get('content-type')!)!;
    const parts = parseMultipart(Buffer.from(await req.arrayBuffer()), boundary)!;
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['purpose', undefined, undefined],
      ['file', 'we"ird.jsonl', 'application/jsonl'],
    ]);
    expect(parts[1]!.data.equals(bytes)).toBe(true);
  });

  it('rejects a truncated body', () => {
    expect(parseMultipart(Buffer.from('--b\r\ncontent-disposition: form-data; name="a"\r\n\r\nvalue'), 'b')).toBeUndefined();
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data; boundary="q b"')).toBe('q b');
  });
});
