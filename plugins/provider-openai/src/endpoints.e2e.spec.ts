import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EndpointFailure, explainFailure, type ChatMessage, type ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { explainOpenAIError, openaiProvider } from './index.js';

// The pool of per-endpoint clients that create() builds for `endpoints`, through the real
// ChatOpenAI against loopback mock servers.

const KEY = 'sk-pool-0123';
const ctx = { env: { POOL_KEY: KEY } };
const ask: ChatMessage[] = [{ role: 'user', content: 'How important is family? 1. Very 2. Quite' }];
let a: MockLlmServer;
let b: MockLlmServer;
/** Requests being answered right now by each server, and the most seen at once. */
const live = { a: 0, b: 0 };
const peak = { a: 0, b: 0 };

function slowReply(name: 'a' | 'b', ms: number) {
  return async () => {
    live[name]++;
    peak[name] = Math.max(peak[name], live[name]);
    await new Promise((r) => setTimeout(r, ms));
    live[name]--;
    return '2';
  };
}

const chats = (s: MockLlmServer) => s.requests.filter((r) => r.method === 'POST').length;

beforeAll(async () => {
  a = await startMockLlm({ models: ['m'], apiKeys: [KEY] });
  b = await startMockLlm({ models: ['m'] });
});
beforeEach(() => {
  a.reset();
  b.reset();
  Object.assign(peak, { a: 0, b: 0 });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const entry = (endpoints: ModelEntry['endpoints'], restSeconds = 30): ModelEntry => ({
  id: 'pool',
  provider: 'openai',
  model: 'm',
  endpoints,
  options: { endpointRestSeconds: restSeconds },
});
const explain = (err: unknown, e: ModelEntry) => explainFailure(err, e, explainOpenAIError);

describe('an OpenAI entry with several endpoints', () => {
  it('shares requests by weight, each endpoint getting only its own key', async () => {
    const client = openaiProvider.create(
      entry([
        { baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' },
        { baseUrl: `${b.url}/v1`, weight: 3 },
      ]),
      ctx,
    );
    for (let i = 0; i < 40; i++) await client.invoke(ask);
    expect([chats(a), chats(b)]).toEqual([10, 30]);
    expect(a.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(b.requests.some((r) => String(r.headers.authorization).includes(KEY))).toBe(false);
    expect(client.pool!.status().map((s) => s.served)).toEqual([10, 30]);
  });

  it('keeps each endpoint under its own concurrency', async () => {
    a.setReply(slowReply('a', 40));
    b.setReply(slowReply('b', 40));
    const client = openaiProvider.create(
      entry([
        { baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY', concurrency: 2 },
        { baseUrl: `${b.url}/v1`, concurrency: 1 },
      ]),
      ctx,
    );
    const replies = await Promise.all(Array.from({ length: 12 }, () => client.invoke(ask)));
    expect(replies.every((r) => r.text === '2')).toBe(true);
    expect(peak).toEqual({ a: 2, b: 1 });
    expect(chats(a) + chats(b)).toBe(12);
  });

  it('rests an endpoint after a 503, sends to the other meanwhile, then probes it and takes it back', async () => {
    b.setFaults((req) => (req.index === 0 ? { status: 503 } : undefined));
    // Rested 2 s: long enough for five calls to the other endpoint on a loaded machine.
    const client = openaiProvider.create(entry([{ baseUrl: `${b.url}/v1` }, { baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }], 2), ctx);
    const events: string[] = [];
    client.pool!.onEvent((m) => events.push(m));
    const err = await client.invoke(ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointFailure);
    // Another endpoint can take the retry at once: retryable without the runner's backoff (failover),
    // no pause, not a rate limit of the model.
    expect(explain(err, entry([]))).toEqual({ message: expect.stringContaining(`${b.url}/v1`), retryable: true, failover: true });
    for (let i = 0; i < 5; i++) expect((await client.invoke(ask)).endpoint).toBe(`${a.url}/v1`);
    expect(client.pool!.status()[0]).toMatchObject({ state: 'resting', rests: 1, failures: 1 });
    while (client.pool!.status()[0].state === 'resting') await new Promise((r) => setTimeout(r, 50));
    expect((await client.invoke(ask)).endpoint).toBe(`${b.url}/v1`);
    expect(events).toEqual([
      expect.stringMatching(new RegExp(`^endpoint ${b.url}/v1 rested for 2 s after: .*503`)),
      `endpoint ${b.url}/v1 is back (a probe was answered)`,
    ]);
    expect(client.pool!.status()[0]).toMatchObject({ state: 'healthy', served: 1 });
  });

  it('when every endpoint rests, says how long until one may be probed', async () => {
    a.setFaults(() => ({ status: 500 }));
    b.setFaults(() => ({ status: 502 }));
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: `${b.url}/v1` }], 2), ctx);
    await client.invoke(ask).catch(() => undefined);
    await client.invoke(ask).catch(() => undefined);
    const err = await client.invoke(ask).catch((e: unknown) => e);
    const explained = explain(err, entry([]));
    expect(explained.retryable).toBe(true);
    expect(explained.retryAfterSeconds).toBeGreaterThan(1);
    expect(explained.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(chats(a) + chats(b)).toBe(2); // the third call sent nothing
  });

  it('takes an endpoint that rejects its key out for the run; the last one standing fails as a single endpoint would', async () => {
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1` }, { baseUrl: `${b.url}/v1` }]), { env: {} });
    // A requires a key and none is sent to it (the default key variable is withheld from a non-OpenAI host).
    const first = await client.invoke(ask).catch((e: unknown) => e);
    expect(explain(first, entry([])).retryable).toBe(true);
    expect(client.pool!.status()[0]).toMatchObject({ state: 'out', lastError: expect.stringMatching(/401/) });
    for (let i = 0; i < 3; i++) expect((await client.invoke(ask)).endpoint).toBe(`${b.url}/v1`);
    b.setFaults(() => ({ status: 404 }));
    const last = await client.invoke(ask).catch((e: unknown) => e);
    expect(explain(last, entry([]))).toMatchObject({ retryable: false, status: 404 });
    const none = await client.invoke(ask).catch((e: unknown) => e);
    // Nothing left to send to: not retried, so the runner stops the model with this reason.
    expect(explain(none, entry([]))).toEqual({ message: expect.stringMatching(/every endpoint of pool is out/), retryable: false });
    expect(chats(a) + chats(b)).toBe(5);
  });

  it("rests an endpoint after three of the runner's timeouts in a row, not after one", async () => {
    a.setFaults(() => ({ kind: 'hang' }));
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: `${b.url}/v1` }]), ctx);
    // The runner's own timeout aborts the call with a TimeoutError reason. Long enough that the
    // healthy endpoint always answers first, also on a loaded machine (only a's calls hang).
    const timedOut = () => {
      const c = new AbortController();
      setTimeout(() => c.abort(new DOMException('The request timed out', 'TimeoutError')), 1000);
      return c.signal;
    };
    const states: string[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await client.invoke(ask, { signal: timedOut() }).catch((e: unknown) => e);
      states.push((reply as { endpoint?: string }).endpoint === `${b.url}/v1` ? 'b' : `a:${client.pool!.status()[0].state}`);
    }
    // a, b, a, b, a (third timeout: rested), then only b.
    expect(states).toEqual(['a:healthy', 'b', 'a:healthy', 'b', 'a:resting', 'b']);
    expect(client.pool!.status()[0]).toMatchObject({ failures: 3, rests: 1 });
  });

  it('rests an endpoint after three dropped connections in a row, not after one (a keep-alive race is not an outage)', async () => {
    a.setFaults(() => ({ kind: 'reset' }));
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: `${b.url}/v1` }]), ctx);
    const states: string[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await client.invoke(ask).catch((e: unknown) => e);
      states.push((reply as { endpoint?: string }).endpoint === `${b.url}/v1` ? 'b' : `a:${client.pool!.status()[0].state}`);
    }
    expect(states).toEqual(['a:healthy', 'b', 'a:healthy', 'b', 'a:resting', 'b']);
    expect(client.pool!.status()[0]).toMatchObject({ failures: 3, rests: 1 });
  });

  // A cut-off by the user (any other abort reason) is nobody's failure.
  it('does not count a call the user cut off against the endpoint', async () => {
    a.setFaults(() => ({ kind: 'hang' }));
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }]), ctx);
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('The run was interrupted', 'AbortError')), 30);
    const err = await client.invoke(ask, { signal: c.signal }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(EndpointFailure);
    expect(client.pool!.status()[0]).toMatchObject({ state: 'healthy', failures: 0 });
  });

  it("leaves a request's own error (400) to the runner as one endpoint would, naming the endpoint", async () => {
    a.setFaults(() => ({ status: 400, message: 'context too long' }));
    const client = openaiProvider.create(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: `${b.url}/v1` }]), ctx);
    const err = await client.invoke(ask).catch((e: unknown) => e);
    expect(explain(err, entry([]))).toMatchObject({ retryable: false, status: 400, message: expect.stringContaining(`${a.url}/v1`) });
    expect(client.pool!.status()[0]).toMatchObject({ state: 'healthy', failures: 0 });
  });

  it('checks every endpoint: usable when one is, degraded naming the others', async () => {
    const gone = await startMockLlm();
    const goneUrl = `${gone.url}/v1`;
    await gone.close();
    const ok = await openaiProvider.check(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: goneUrl }]), ctx);
    expect(ok).toMatchObject({ ok: true, degraded: expect.stringContaining(`1 of 2 endpoints down (cannot connect to ${goneUrl} (connection refused)`) });
    const none = await openaiProvider.check(entry([{ baseUrl: goneUrl }]), ctx);
    expect(none).toMatchObject({ ok: false, reason: expect.stringContaining('none of the 1 endpoints is usable') });
    expect(openaiProvider.batch!.supports(entry([{ baseUrl: 'https://api.openai.com/v1' }]))).toBe(false);
    expect(openaiProvider.secrets!(entry([{ baseUrl: `${a.url}/v1`, apiKeyEnv: 'POOL_KEY' }, { baseUrl: `${b.url}/v1` }]), ctx)).toEqual([KEY]);
  });
});
