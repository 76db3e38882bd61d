import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask, type ReadyModel } from './ask.js';
import { ResponseCache } from './cache.js';
import { elicitationSchema, expandVariants } from './design.js';
import type { AnswerParser } from './answer-parser.js';
import type { Plan, PlannedRequest } from './plan.js';
import type { ChatMessage } from './prompter.js';
import type { InvokeOptions, ModelCapabilities, ModelClient, ModelEntry, ModelProvider, ModelReply } from './provider.js';
import { JsonlAppender, readResponses } from './responses.js';

// The runner against a fake ModelClient (the contract is plain data, so no server is needed here;
// the provider plugins test their real clients against the loopback server) and the sleep hook.

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-ask-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The last digit 1–5 of a reply (the real parsers are tested where they live). */
const lastDigitParser: AnswerParser = {
  id: 'last-digit',
  parse(raw) {
    const m = /([1-5])\D*$/.exec(raw ?? '');
    return m ? { kind: 'answer', code: Number(m[1]), via: 'number' } : { kind: 'invalid', reason: 'no-answer', detail: 'no digit' };
  },
};

const entry: ModelEntry = { id: 'm', provider: 'fake', model: 'fake-1' };

/** The reference design: one sampled answer per request, items one at a time. */
const variants = expandVariants({ elicitation: elicitationSchema.parse({}), personaTemplate: 'default', seed: 1 });

/** A plan of `n` requests for one model: each asks for a number 1–5. */
function planOf(n: number): Plan {
  const cell = { model: entry, country: 'US', language: 'en', conditions: ['english'] };
  const requests: PlannedRequest[] = Array.from({ length: n }, (_, i) => ({
    key: `k${i}`,
    cell,
    item: { id: String(i + 1), block: 'A', scale: 'five' },
    respondent: 0,
    persona: { gender: 'female', age: '30-34', education: '16', occupation: 'professional' },
    seed: 100 + i,
    prompt: { messages: [{ role: 'user', content: `item ${i + 1}: pick 1 to 5` }], optionLabels: ['a', 'b', 'c', 'd', 'e'], scaleSize: 5, promptHash: `h${i}` },
    variant: variants[0],
    group: [0],
    invoke: {},
  }));
  return {
    survey: { items: requests.map((r) => r.item) } as Plan['survey'],
    conditions: [{ id: 'english', language: 'en' }],
    cells: [cell],
    countries: [{ code: 'US', language: 'en' }],
    samples: 1,
    variants,
    size: n,
    *requests(filter = {}) {
      for (const r of requests) if (filter.model === undefined || filter.model === r.cell.model.id) yield r;
    },
  };
}

/** A client that answers from a script, recording every call. */
class FakeClient implements ModelClient {
  calls: { messages: ChatMessage[]; options: InvokeOptions }[] = [];
  constructor(
    readonly capabilities: ModelCapabilities,
    private readonly answer: (call: number, messages: ChatMessage[]) => ModelReply | Error,
  ) {}
  async invoke(messages: ChatMessage[], options: InvokeOptions = {}): Promise<ModelReply> {
    this.calls.push({ messages, options });
    const out = this.answer(this.calls.length, messages);
    if (out instanceof Error) throw out;
    return out;
  }
}

const provider: ModelProvider = {
  id: 'fake',
  kind: 'llm',
  defaultConcurrency: 2,
  create: () => {
    throw new Error('not used');
  },
  check: async () => ({ ok: true }),
};

function ready(client: ModelClient, extra: Partial<ModelEntry> = {}): Map<string, ReadyModel> {
  return new Map([['m', { entry: { ...entry, ...extra }, provider, client, secrets: ['sk-secret-1'] }]]);
}

const httpError = (status: number, message = `HTTP ${status}`) => Object.assign(new Error(message), { status });
const itemOf = (messages: ChatMessage[]) => Number(/item (\d+)/.exec(messages[0].content)![1]);

describe('ask', () => {
  it('asks every request once, passes the declared seed, and records the parsed answer, tokens and cost', async () => {
    const client = new FakeClient({ seed: true, logprobs: false, n: false }, (_, m) => ({
      text: `I would say ${(itemOf(m) % 5) + 1}`,
      usage: { input: 10, output: 4 },
    }));
    const path = join(temp(), 'responses.jsonl');
    const log = new JsonlAppender(path);
    const summary = await ask({
      plan: planOf(6),
      models: ready(client, { price: { inputPerMillion: 1, outputPerMillion: 2 } }),
      parser: lastDigitParser,
      log,
      concurrency: 4,
    });
    log.close();
    expect(summary).toMatchObject({ asked: 6, errors: 0, cached: 0, stoppedBy: null });
    expect(client.calls.map((c) => c.options.seed).sort()).toEqual([100, 101, 102, 103, 104, 105]);
    expect(client.calls.every((c) => c.options.signal instanceof AbortSignal)).toBe(true);
    const rows = readResponses(path).records.sort((a, b) => a.key.localeCompare(b.key));
    expect(rows.map((r) => r.answer)).toEqual([2, 3, 4, 5, 1, 2]);
    expect(rows[0]).toMatchObject({
      raw: 'I would say 2',
      tokens: { input: 10, output: 4 },
      costUsd: (10 * 1 + 4 * 2) / 1e6,
      attempts: 1,
      cached: false,
      error: null,
    });
  });

  it('sends no seed to a client that does not declare one', async () => {
    const client = new FakeClient({ seed: false, logprobs: false, n: false }, () => ({ text: '3', usage: null }));
    const log = new JsonlAppender(join(temp(), 'responses.jsonl'));
    await ask({ plan: planOf(3), models: ready(client), parser: lastDigitParser, log, concurrency: 2 });
    log.close();
    expect(client.calls.every((c) => !('seed' in c.options))).toBe(true);
  });

  it('retries 429s after backoff delays handed to the sleep hook, then records the answer', async () => {
    const client = new FakeClient({ seed: true, logprobs: false, n: false }, (call) =>
      call <= 2 ? Object.assign(httpError(429), { retryAfterSeconds: 3 }) : { text: '4', usage: null },
    );
    const slept: number[] = [];
    const path = join(temp(), 'responses.jsonl');
    const log = new JsonlAppender(path);
    const summary = await ask({
      plan: planOf(1),
      models: ready(client),
      parser: lastDigitParser,
      log,
      concurrency: 1,
      retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 50 },
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    log.close();
    expect(client.calls).toHaveLength(3);
    expect(slept.length).toBeGreaterThanOrEqual(1);
    expect(slept.every((ms) => ms >= 1)).toBe(true);
    expect(summary.byModel.m).toMatchObject({ retries: 2, errors: 0 });
    expect(readResponses(path).records).toMatchObject([{ answer: 4, attempts: 3, error: null }]);
  });

  it('stops a model on a non-retryable error, records it without the secret, and leaves unsent requests for a resume', async () => {
    const client = new FakeClient({ seed: true, logprobs: false, n: false }, () => httpError(401, 'bad key sk-secret-1'));
    const path = join(temp(), 'responses.jsonl');
    const log = new JsonlAppender(path);
    const events: string[] = [];
    const summary = await ask({ plan: planOf(10), models: ready(client), parser: lastDigitParser, log, concurrency: 1, onEvent: (e) => events.push(e) });
    log.close();
    expect(summary.byModel.m.stopped).toContain('bad key');
    expect(summary.byModel.m.stopped).not.toContain('sk-secret-1');
    expect(events.some((e) => e.startsWith('stopping m:'))).toBe(true);
    const rows = readResponses(path).records;
    expect(rows.length).toBe(1);
    expect(rows[0].error).not.toContain('sk-secret-1');
  });

  it('replays cached replies without calling the client, and skips keys already answered', async () => {
    const dir = temp();
    const cache = new ResponseCache(join(dir, 'cache'));
    const first = new FakeClient({ seed: true, logprobs: false, n: false }, () => ({ text: '5', usage: { input: 1, output: 1 } }));
    let log = new JsonlAppender(join(dir, 'a.jsonl'));
    await ask({ plan: planOf(4), models: ready(first), parser: lastDigitParser, log, concurrency: 2, cache });
    log.close();
    const second = new FakeClient({ seed: true, logprobs: false, n: false }, () => new Error('must not be called'));
    log = new JsonlAppender(join(dir, 'b.jsonl'));
    const summary = await ask({ plan: planOf(4), models: ready(second), parser: lastDigitParser, log, concurrency: 2, cache, done: new Set(['k0']) });
    log.close();
    cache.close();
    expect(second.calls).toHaveLength(0);
    expect(summary).toMatchObject({ asked: 0, cached: 3, skipped: 1 });
    expect(readResponses(join(dir, 'b.jsonl')).records.every((r) => r.cached && r.costUsd === 0 && r.answer === 5)).toBe(true);
  });
});
