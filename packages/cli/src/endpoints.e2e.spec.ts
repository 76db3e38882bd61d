// Several endpoints of one model over loopback: mock servers speaking the OpenAI and Ollama wire
// protocols, reached through the real clients, one of them failing mid-run.
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { PLANNED, capture, cleanTempDirs, manifestOf, rows, runDirsIn, tempDir, writeConfig } from './chaos/kit.js';

const KEY_A = 'fakekey-Aa1Bb2Cc3Dd';
const KEY_B = 'fakekey-Ee4Ff5Gg6Hh';
const ENV = { EP_A_KEY: KEY_A, EP_B_KEY: KEY_B };
const SAMPLES = 4;

/** Successful chat answers a server gave (failed ones are not paid). */
function answered(server: MockLlmServer, failed: (index: number) => boolean = () => false): number {
  return server.requests.filter((r) => r.method === 'POST' && /\/(chat\/completions|api\/chat)$/.test(r.url)).filter((_, i) => !failed(i)).length;
}

function posts(server: MockLlmServer): { index: number; auth: string | undefined }[] {
  return server.requests
    .filter((r) => r.method === 'POST' && /\/(chat\/completions|api\/chat)$/.test(r.url))
    .map((r, index) => ({ index, auth: r.headers.authorization as string | undefined }));
}

function byEndpoint(runDir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows(runDir)) if (r.endpoint) out[r.endpoint] = (out[r.endpoint] ?? 0) + 1;
  return out;
}

function expectEveryRowOnce(runDir: string, planned: number): void {
  const all = rows(runDir);
  expect(all).toHaveLength(planned);
  expect(new Set(all.map((r) => r.key)).size).toBe(planned);
  expect(all.filter((r) => r.error)).toEqual([]);
}

describe('a model with three OpenAI-compatible endpoints, one failing mid-run', () => {
  const servers: MockLlmServer[] = [];
  let a: MockLlmServer, b: MockLlmServer, c: MockLlmServer;
  /** C answers its first 3 requests, then 503 for every later one. */
  const cFails = (i: number) => i >= 3;

  beforeAll(async () => {
    a = await startMockLlm({ models: ['llama-3.1-8b'], apiKeys: [KEY_A], latencyMs: 5 });
    b = await startMockLlm({ models: ['llama-3.1-8b'], apiKeys: [KEY_B], latencyMs: 5 });
    c = await startMockLlm({ models: ['llama-3.1-8b'], latencyMs: 5, faults: (req) => (cFails(req.index) ? { status: 503 } : undefined) });
    servers.push(a, b, c);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    cleanTempDirs();
  });

  const model = (order = [0, 1, 2], weights = [1, 1, 1]) => {
    const eps = [
      { baseUrl: `${a.url}/v1`, apiKeyEnv: 'EP_A_KEY', weight: weights[0] },
      { baseUrl: `${b.url}/v1`, apiKeyEnv: 'EP_B_KEY', weight: weights[1] },
      { baseUrl: `${c.url}/v1`, weight: weights[2] },
    ];
    return { id: 'llama', provider: 'openai', model: 'llama-3.1-8b', endpoints: order.map((i) => eps[i]), options: { endpointRestSeconds: 30 } };
  };

  it('spreads the requests, rests the failing endpoint, answers every row once, shares the cache and resumes', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [model()], { samples: SAMPLES, concurrency: 6 });
    const io = capture(ENV);
    expect(await main(['run', '--config', config, '--no-progress', '--out', out, '--replicates', '0'], io)).toBe(0);
    const [runDir] = runDirsIn(out);
    const planned = PLANNED(SAMPLES);
    expectEveryRowOnce(runDir, planned);

    // Paid once: the answers the servers gave add up to the plan (C's 503s were not answers).
    const aN = answered(a);
    const bN = answered(b);
    const cN = answered(c, cFails);
    expect(aN + bN + cN).toBe(planned);
    expect(cN).toBe(3);
    // Spread: the two healthy replicas share the rest about evenly; rows say who answered.
    expect(Math.abs(aN - bN)).toBeLessThanOrEqual(planned / 4);
    expect(byEndpoint(runDir)).toEqual({ [`${a.url}/v1`]: aN, [`${b.url}/v1`]: bN, [`${c.url}/v1`]: cN });
    // Rested after its first 503 (30 s): no more than the requests already in flight reached it.
    const cFailed = posts(c).length - cN;
    expect(cFailed).toBeGreaterThanOrEqual(1);
    expect(cFailed).toBeLessThanOrEqual(6);
    // Each key went only to its own server; C (no apiKeyEnv, not api.openai.com) got no real key.
    expect(posts(a).every((p) => p.auth === `Bearer ${KEY_A}`)).toBe(true);
    expect(posts(b).every((p) => p.auth === `Bearer ${KEY_B}`)).toBe(true);
    expect(posts(c).some((p) => p.auth?.includes(KEY_A) || p.auth?.includes(KEY_B))).toBe(false);
    // Reported: the event, the summary and the manifest.
    expect(io.stderr).toMatch(new RegExp(`llama: endpoint ${c.url}/v1 rested for 30 s after: .*503`));
    expect(io.stderr).toContain(`llama endpoint ${c.url}/v1: ${cN} answered`);
    const eps = manifestOf(runDir).models[0].endpoints!;
    expect(eps.map((e) => [e.url, e.served, e.state])).toEqual([
      [`${a.url}/v1`, aN, 'healthy'],
      [`${b.url}/v1`, bN, 'healthy'],
      [`${c.url}/v1`, cN, 'resting'],
    ]);
    expect(eps[2].rests).toBe(1);
    expect(eps[2].failures).toBe(cFailed);
    expect(eps[2].lastError).toMatch(/503/);
    expect(manifestOf(runDir).models[0].baseUrl).toBeNull();
    // The client libraries of the providers used, with their installed versions (openai only here).
    const software = manifestOf(runDir).software;
    expect(Object.keys(software.packages)).toEqual(['openai']);
    expect(software.culturebench).toMatch(/^\d+\.\d+\.\d+/);

    // The cache does not depend on which endpoint answered, nor on their order or weights.
    for (const s of servers) s.reset();
    const again = writeConfig(dir, [model([2, 0, 1], [1, 3, 1])], { samples: SAMPLES, concurrency: 6 }, 'again.json');
    expect(await main(['run', '--config', again, '--no-progress', '--out', out, '--replicates', '0'], capture(ENV))).toBe(0);
    expect(posts(a).length + posts(b).length + posts(c).length).toBe(0);
    const second = runDirsIn(out).find((d) => d !== runDir)!;
    expect(rows(second).every((r) => r.cached && r.endpoint === undefined)).toBe(true);

    // Resume: cut the first run's rows to 40 and drop the cache, so that exactly the rest is asked.
    for (const s of servers) s.reset();
    rmSync(join(out, '.cache'), { recursive: true, force: true });
    const file = join(runDir, 'responses.jsonl');
    const text = readFileSync(file, 'utf8');
    const keep = text.split('\n').slice(0, 40).join('\n') + '\n';
    writeFileSync(file, keep);
    truncateSync(file, Buffer.byteLength(keep));
    const resumed = capture(ENV);
    expect(await main(['run', '--config', config, '--no-progress', '--resume', runDir, '--replicates', '0'], resumed)).toBe(0);
    expectEveryRowOnce(runDir, planned);
    const asked = answered(a) + answered(b) + answered(c, cFails);
    expect(asked).toBe(planned - 40);
    // The manifest adds this run's answers to the first run's, per endpoint.
    const after = manifestOf(runDir).models[0].endpoints!;
    expect(after[0].served + after[1].served + after[2].served).toBe(planned + planned - 40);
  }, 60_000);
});

describe('a model with two Ollama hosts, one closing connections mid-run', () => {
  let a: MockLlmServer, b: MockLlmServer;
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    cleanTempDirs();
  });

  it('spreads over both, rests the host that resets, and completes', async () => {
    a = await startMockLlm({ models: ['qwen2.5:7b'], latencyMs: 5 });
    // B answers 4 requests, then closes the connection on every later one.
    b = await startMockLlm({ models: ['qwen2.5:7b'], latencyMs: 5, faults: (req) => (req.index >= 4 ? { kind: 'reset' } : undefined) });
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(
      dir,
      [
        {
          id: 'qwen',
          provider: 'ollama',
          model: 'qwen2.5:7b',
          endpoints: [
            { baseUrl: a.url, concurrency: 2 },
            { baseUrl: b.url, concurrency: 2 },
          ],
          options: { endpointRestSeconds: 30 },
        },
      ],
      { samples: SAMPLES, concurrency: 4 },
    );
    const io = capture({});
    expect(await main(['run', '--config', config, '--no-progress', '--out', out, '--replicates', '0'], io)).toBe(0);
    const [runDir] = runDirsIn(out);
    const planned = PLANNED(SAMPLES);
    expectEveryRowOnce(runDir, planned);
    const bN = answered(b, (i) => i >= 4);
    expect(answered(a) + bN).toBe(planned);
    expect(bN).toBe(4);
    expect(byEndpoint(runDir)).toEqual({ [a.url]: planned - 4, [b.url]: 4 });
    expect(io.stderr).toMatch(new RegExp(`qwen: endpoint ${b.url} rested for 30 s`));
    const eps = manifestOf(runDir).models[0].endpoints!;
    expect(eps[1]).toMatchObject({ url: b.url, served: 4, rests: 1, state: 'resting' });
  }, 60_000);
});

describe('an endpoint that is down at the start', () => {
  let a: MockLlmServer, gone: MockLlmServer;
  afterAll(async () => {
    await a?.close();
    cleanTempDirs();
  });

  it('doctor names it (exit 1); the run says so, runs on the others, and no URL credential is printed or written', async () => {
    a = await startMockLlm({ models: ['llama-3.1-8b'], latencyMs: 2 });
    gone = await startMockLlm();
    const goneUrl = `${gone.url}/v1`;
    await gone.close(); // the port is closed: connection refused
    const secretUrl = `http://user:pw-Zq81Lm30@localhost:${a.port}/v1?token=tok-Jd72Kf02`;
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(
      dir,
      [
        {
          id: 'llama',
          provider: 'openai',
          model: 'llama-3.1-8b',
          endpoints: [{ baseUrl: `${a.url}/v1` }, { baseUrl: goneUrl }, { baseUrl: secretUrl }],
          options: { endpointRestSeconds: 30 },
        },
      ],
      { samples: 1, concurrency: 4 },
    );
    const doctor = capture({});
    expect(await main(['doctor', '--config', config], doctor)).toBe(1);
    expect(doctor.stdout).toMatch(/degraded llama/);
    expect(doctor.stdout).toContain(`${goneUrl}`);
    expect(doctor.stdout).toMatch(/connection refused/);

    const io = capture({});
    expect(await main(['run', '--config', config, '--no-progress', '--out', out, '--replicates', '0'], io)).toBe(0);
    expect(io.stderr).toMatch(/llama: 2 of 3 endpoints down .*running on the others/);
    // The progress shows every endpoint, the one with credentials in its URL by host only.
    expect(io.stderr).toMatch(
      new RegExp(`progress llama endpoints: 127\\.0\\.0\\.1:${a.port} serving: \\d+ answered \\| .* \\| localhost:${a.port} (serving|probing|rested|out)`),
    );
    const [runDir] = runDirsIn(out);
    expectEveryRowOnce(runDir, PLANNED(1));
    const eps = manifestOf(runDir).models[0].endpoints!;
    expect(eps[1]).toMatchObject({ url: goneUrl, served: 0 });
    expect(eps[1].state === 'resting' || eps[1].failures === 0).toBe(true);
    const everything =
      doctor.stdout +
      doctor.stderr +
      io.stdout +
      io.stderr +
      readFileSync(join(runDir, 'manifest.json'), 'utf8') +
      readFileSync(join(runDir, 'responses.jsonl'), 'utf8');
    for (const secret of ['pw-Zq81Lm30', 'tok-Jd72Kf02']) expect(everything).not.toContain(secret);
  }, 60_000);
});

describe('a retry after an endpoint fails', () => {
  // Backoff of 3–6 s (full jitter over 6 s, never under half): a retry sooner than 3 s did not wait for it.
  const retry = { baseDelayMs: 6000, maxDelayMs: 6000, maxAttempts: 3 };
  const SHORTEST_BACKOFF_MS = retry.baseDelayMs / 2;
  const servers: MockLlmServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    cleanTempDirs();
  });

  /** For each request a server failed, the ms until the same request (same body) reached `next`. */
  function gaps(failing: MockLlmServer, failed: (index: number) => boolean, next: MockLlmServer): number[] {
    const chats = (s: MockLlmServer) => s.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/chat/completions'));
    return chats(failing)
      .filter((_, i) => failed(i))
      .map((f) => {
        const again = chats(next).find((r) => r !== f && r.receivedAt >= f.receivedAt && JSON.stringify(r.body) === JSON.stringify(f.body));
        if (!again) throw new Error(`request at ${f.receivedAt} was not retried`);
        return again.receivedAt - f.receivedAt;
      });
  }

  it('goes to another healthy endpoint at once, without the backoff', async () => {
    const good = await startMockLlm({ models: ['llama-3.1-8b'], latencyMs: 5 });
    const bad = await startMockLlm({ models: ['llama-3.1-8b'], faults: () => ({ status: 503 }) });
    servers.push(good, bad);
    const dir = tempDir();
    const out = join(dir, 'out');
    const entry = {
      id: 'llama',
      provider: 'openai',
      model: 'llama-3.1-8b',
      // The failing one first, so that it takes the first requests.
      endpoints: [
        { baseUrl: `${bad.url}/v1`, concurrency: 2 },
        { baseUrl: `${good.url}/v1`, concurrency: 2 },
      ],
      options: { endpointRestSeconds: 60 },
    };
    const io = capture({});
    expect(await main(['run', '--config', writeConfig(dir, [entry], { samples: 1, concurrency: 4, retry }), '--no-progress', '--out', out], io)).toBe(0);
    const [runDir] = runDirsIn(out);
    expectEveryRowOnce(runDir, PLANNED(1));
    const failover = gaps(bad, () => true, good);
    // The progress lines end with each endpoint's state and counts.
    expect(io.stderr).toMatch(
      new RegExp(
        `progress llama endpoints: 127\\.0\\.0\\.1:${bad.port} rested, \\S+ left: 0 answered, ${failover.length} failed \\| 127\\.0\\.0\\.1:${good.port} serving: ${PLANNED(1)} answered\n`,
      ),
    );
    // The failing endpoint took its first requests (at most its 2 slots) before it was rested.
    expect(failover.length).toBeGreaterThanOrEqual(1);
    expect(failover.length).toBeLessThanOrEqual(2);
    for (const ms of failover) expect(ms).toBeLessThan(SHORTEST_BACKOFF_MS);
    // Those rows were answered on the second attempt, by the healthy endpoint.
    const retried = rows(runDir).filter((r) => r.attempts === 2);
    expect(retried).toHaveLength(failover.length);
    expect(retried.every((r) => r.endpoint === `${good.url}/v1`)).toBe(true);
  }, 60_000);

  it.each([
    ['a plain baseUrl', (url: string) => ({ baseUrl: url })],
    ['a single entry under endpoints', (url: string) => ({ endpoints: [{ baseUrl: url }], options: { endpointRestSeconds: 1 } })],
  ])(
    'with %s, waits for the backoff before asking the same server again',
    async (_, where) => {
      // The first request fails with 503, every later one is answered.
      const server = await startMockLlm({ models: ['llama-3.1-8b'], latencyMs: 5, faults: (req) => (req.index === 0 ? { status: 503 } : undefined) });
      servers.push(server);
      const dir = tempDir();
      const out = join(dir, 'out');
      const entry = { id: 'llama', provider: 'openai', model: 'llama-3.1-8b', ...where(`${server.url}/v1`) };
      const io = capture({});
      expect(await main(['run', '--config', writeConfig(dir, [entry], { samples: 1, concurrency: 2, retry }), '--no-progress', '--out', out], io)).toBe(0);
      const [runDir] = runDirsIn(out);
      expectEveryRowOnce(runDir, PLANNED(1));
      const [gap] = gaps(server, (i) => i === 0, server);
      expect(gap).toBeGreaterThanOrEqual(SHORTEST_BACKOFF_MS - 50);
    },
    60_000,
  );
});

describe('endpoints in the config', () => {
  afterAll(() => cleanTempDirs());
  const base = { id: 'm', provider: 'openai', model: 'x' };
  it.each([
    [
      { ...base, baseUrl: 'http://h1:8000/v1', endpoints: [{ baseUrl: 'http://h2:8000/v1' }] },
      /models\.0\.baseUrl": give either "baseUrl" \(one server\) or "endpoints"/,
    ],
    [
      { ...base, apiKeyEnv: 'K', endpoints: [{ baseUrl: 'http://h2:8000/v1' }] },
      /models\.0\.apiKeyEnv": with "endpoints", name the key variable on each endpoint/,
    ],
    [
      { ...base, endpoints: [{ baseUrl: 'http://h2:8000/v1' }, { baseUrl: 'http://h2:8000/v1/' }] },
      /endpoints\.1\.baseUrl": http:\/\/h2:8000\/v1 is listed twice/,
    ],
    [{ ...base, endpoints: [{ baseUrl: 'http://h2:8000/v1', apikey: 'x' }] }, /endpoints\.0.*unknown key/],
    [{ ...base, endpoints: [] }, /endpoints/],
    [
      { id: 'b', provider: 'baseline', model: 'random', endpoints: [{ baseUrl: 'http://h2:8000/v1' }] },
      /field "endpoints": provider "baseline" talks to one endpoint only/,
    ],
  ])('refuses %j with exit 2', async (entry, message) => {
    const dir = tempDir();
    const io = capture({});
    expect(await main(['run', '--config', writeConfig(dir, [entry]), '--no-progress', '--out', join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(runDirsIn(join(dir, 'out'))).toEqual([]);
  });
});
