import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResponseRecord, RunManifest } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const KEY = 'runner-test-key-0123456789abcdefgh';
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

const capture = (env: Record<string, string | undefined> = { RUNNER_KEY: KEY }) => memoryIo(env);

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-runner-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runDirsIn(parent: string): string[] {
  return readdirSync(parent)
    .filter((d) => !d.startsWith('.'))
    .map((d) => join(parent, d));
}

function records(runDir: string): ResponseRecord[] {
  const text = readFileSync(join(runDir, 'responses.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

interface ConfigOpts {
  models: Record<string, unknown>[];
  countries?: string[];
  samples?: number;
  extra?: Record<string, unknown>;
}

function writeConfig(dir: string, o: ConfigOpts): string {
  const file = join(dir, 'bench.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'runner test',
      survey: 'vsm2013',
      countries: o.countries ?? ['US'],
      conditions: ['native'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: o.samples ?? 2,
      outDir: 'out',
      concurrency: 16,
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
      models: o.models,
      ...o.extra,
    }),
  );
  return file;
}

const openaiModel = (server: MockLlmServer, id: string, extra: Record<string, unknown> = {}) => ({
  id,
  provider: 'openai',
  model: id,
  baseUrl: `${server.url}/v1`,
  apiKeyEnv: 'RUNNER_KEY',
  ...extra,
});

const chatRequests = (server: MockLlmServer) => server.requests.filter((r) => r.method === 'POST').length;

jest.setTimeout(30_000);

describe('runner against the loopback server', () => {
  let server: MockLlmServer;
  beforeAll(async () => {
    server = await startMockLlm({ apiKeys: [KEY], models: ['m1', 'm2'], recordRequests: 100_000 });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it('honours 429 retry-after: pauses the model, lowers its concurrency, and answers everything', async () => {
    const dir = tempDir();
    const hits: number[] = [];
    server.setFaults((req) => {
      if (req.index < 3) {
        hits.push(performance.now());
        return { status: 429, retryAfterSeconds: 0.3 };
      }
      return undefined;
    });
    const io = capture();
    const t0 = performance.now();
    expect(await main(['run', '--config', writeConfig(dir, { models: [openaiModel(server, 'm1')] }), '--no-progress'], io)).toBe(0);
    const rows = records(runDirsIn(join(dir, 'out'))[0]);
    expect(rows).toHaveLength(48);
    expect(rows.every((r) => r.error === null && r.parsed?.kind === 'answer')).toBe(true);
    expect(io.stderr).toMatch(/m1: rate limited, concurrency now \d+, pausing 0\.3s/);
    // Nothing of m1 was answered before the pause the server asked for had passed.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(3);
  });

  it('retries a burst of 5xx and timeouts, then answers', async () => {
    const dir = tempDir();
    server.setFaults((req) => (req.index < 10 ? { status: 503 } : req.index < 14 ? { kind: 'hang' } : req.index < 16 ? { kind: 'reset' } : undefined));
    const io = capture();
    const config = writeConfig(dir, { models: [openaiModel(server, 'm1')], extra: { timeoutSeconds: 2 } });
    expect(await main(['run', '--config', config, '--no-progress'], io)).toBe(0);
    const rows = records(runDirsIn(join(dir, 'out'))[0]);
    expect(rows).toHaveLength(48);
    expect(rows.filter((r) => r.error !== null).map((r) => `${r.attempts}: ${r.error}`)).toEqual([]);
    // Each of the 16 faulted server requests cost one failed attempt of some row (a row may meet
    // several: which row a fault hits depends on timing); every other request answered its row.
    const failedAttempts = rows.reduce((s, r) => s + r.attempts - 1, 0);
    expect(failedAttempts).toBeGreaterThanOrEqual(16);
    expect(chatRequests(server)).toBe(48 + failedAttempts);
  });

  it('stops a model whose key is rejected, keeps the others going, and says how to continue', async () => {
    const dir = tempDir();
    server.setFaults((req) => (req.model === 'm2' ? { status: 401 } : undefined));
    const io = capture();
    const config = writeConfig(dir, { models: [openaiModel(server, 'm1'), openaiModel(server, 'm2', { concurrency: 2 })] });
    expect(await main(['run', '--config', config, '--no-progress'], io)).toBe(1);
    const rows = records(runDirsIn(join(dir, 'out'))[0]);
    expect(rows.filter((r) => r.model === 'm1' && r.error === null)).toHaveLength(48);
    const m2 = rows.filter((r) => r.model === 'm2');
    expect(m2.length).toBeLessThanOrEqual(2); // only what was in flight when the key was rejected
    expect(m2.every((r) => r.error !== null && r.answer === null)).toBe(true);
    expect(io.stderr).toMatch(/stopping m2: .*rejected/i);
    expect(io.stderr).toMatch(/--retry-errors/);
    expect(io.stdout + io.stderr).not.toContain(KEY);
    const manifest: RunManifest = JSON.parse(readFileSync(join(runDirsIn(join(dir, 'out'))[0], 'manifest.json'), 'utf8'));
    expect(manifest.stopped?.map((s) => s.id)).toEqual(['m2']);
  });

  it('re-running a finished run makes zero requests: every reply comes from the cache', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, { models: [openaiModel(server, 'm1')] });
    expect(await main(['run', '--config', config, '--no-progress'], capture())).toBe(0);
    const sent = chatRequests(server);
    expect(sent).toBe(48);
    expect(await main(['run', '--config', config, '--no-progress'], capture())).toBe(0);
    expect(chatRequests(server)).toBe(48);
    const [first, second] = runDirsIn(join(dir, 'out')).sort();
    const again = records(second);
    expect(again.every((r) => r.cached && r.costUsd === 0)).toBe(true);
    expect(readFileSync(join(second, 'scores.csv'), 'utf8')).toBe(readFileSync(join(first, 'scores.csv'), 'utf8'));
    // --no-cache asks again.
    expect(await main(['run', '--config', config, '--no-progress', '--no-cache'], capture())).toBe(0);
    expect(chatRequests(server)).toBe(96);
  });

  it('stops before the cost budget is exceeded, and a resume with a higher budget completes', async () => {
    const dir = tempDir();
    const model = openaiModel(server, 'm1', { price: { inputPerMillion: 1000, outputPerMillion: 1000 }, concurrency: 2 });
    const config = writeConfig(dir, { models: [model] });
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--max-cost', '1'], io)).toBe(1);
    expect(io.stderr).toMatch(/budget: .*no more are sent/);
    const runDir = runDirsIn(join(dir, 'out'))[0];
    const manifest: RunManifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('budget');
    const spent = records(runDir).reduce((a, r) => a + (r.costUsd ?? 0), 0);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(1);
    expect(records(runDir).length).toBeLessThan(48);
    expect(await main(['run', '--config', config, '--no-progress', '--resume', runDir, '--max-cost', '100'], capture())).toBe(0);
    const all = records(runDir);
    expect(all).toHaveLength(48);
    expect(new Set(all.map((r) => r.key)).size).toBe(48);
  });

  it('--dry-run prints the plan size, tokens and cost, and writes nothing', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, { models: [openaiModel(server, 'm1', { price: { inputPerMillion: 2, outputPerMillion: 8 } })] });
    const io = capture();
    expect(await main(['run', '--config', config, '--dry-run'], io)).toBe(0);
    expect(io.stdout).toMatch(/dry run: 48 requests planned/);
    expect(io.stdout).toMatch(/^m1\tsample\t1\t48\t48\t0\t\d+\t384\t\$0\.0\d+$/m);
    expect(chatRequests(server)).toBe(0);
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
  });
});

describe('shards and merge', () => {
  it('three shards merged equal one unsharded run', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, {
      models: [{ id: 'b', provider: 'baseline', model: 'random' }],
      countries: ['US', 'CN', 'DE'],
      samples: 3,
    });
    expect(await main(['run', '--config', config, '--no-progress', '--no-cache', '--out', join(dir, 'whole')], capture())).toBe(0);
    for (const s of ['1/3', '2/3', '3/3']) {
      expect(await main(['run', '--config', config, '--no-progress', '--no-cache', '--out', join(dir, 'shards'), '--shard', s], capture())).toBe(0);
    }
    const shardDirs = runDirsIn(join(dir, 'shards'));
    const sizes = shardDirs.map((d) => records(d).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3 * 24 * 3);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    const io = capture();
    expect(await main(['merge', ...shardDirs, '--out', join(dir, 'merged')], io)).toBe(0);
    const merged = runDirsIn(join(dir, 'merged'))[0];
    const whole = runDirsIn(join(dir, 'whole'))[0];
    const answers = (d: string) =>
      records(d)
        .map((r) => `${r.key}:${r.answer}`)
        .sort();
    expect(answers(merged)).toEqual(answers(whole));
    for (const f of ['scores.csv', 'alignment.csv']) expect(readFileSync(join(merged, f), 'utf8')).toBe(readFileSync(join(whole, f), 'utf8'));
    // A missing shard is refused.
    const bad = capture();
    expect(await main(['merge', shardDirs[0], shardDirs[1], '--out', join(dir, 'bad')], bad)).toBe(2);
    expect(bad.stderr).toMatch(/shard\(s\) .* missing/);
  });
});

describe('crash safety', () => {
  let server: MockLlmServer;
  beforeAll(async () => {
    server = await startMockLlm({ apiKeys: [KEY], models: ['m1'], latencyMs: 15, recordRequests: false });
  });
  afterAll(() => server.close());

  /** Runs the CLI in a child process; with `killAtLines`, SIGKILLs it once that many rows are written. */
  function runChild(args: string[], outDir: string, killAtLines?: number): Promise<number | null> {
    return new Promise((resolveExit) => {
      const child = spawn(process.execPath, ['--conditions=@culturebench/source', '--import', 'tsx', MAIN, ...args], {
        env: { ...process.env, RUNNER_KEY: KEY, CI: 'true' },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const watch =
        killAtLines === undefined
          ? undefined
          : setInterval(() => {
              const run = existsSync(outDir) ? runDirsIn(outDir)[0] : undefined;
              const file = run && join(run, 'responses.jsonl');
              if (file && existsSync(file) && readFileSync(file, 'utf8').split('\n').length > killAtLines) child.kill('SIGKILL');
            }, 5);
      child.on('exit', (code) => {
        clearInterval(watch);
        resolveExit(code);
      });
    });
  }

  it('a run killed with SIGKILL at random points and resumed ends with exactly one answer per request', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, { models: [openaiModel(server, 'm1', { concurrency: 4 })], countries: ['US', 'CN'], samples: 4 });
    const expected = 2 * 24 * 4; // US asked in English, China in Chinese (condition native only)
    const cuts = [1, 2, 3].map((i) => Math.floor((expected * i) / 4 + (Math.random() - 0.5) * 30));
    expect(await runChild(['run', '--config', config, '--no-progress', '--no-cache'], out, cuts[0])).toBeNull();
    const runDir = runDirsIn(out)[0];
    for (let i = 1; i < cuts.length; i++) {
      // Tear the last line the way a write cut short would, then kill again mid-run.
      if (i === 1) appendFileSync(join(runDir, 'responses.jsonl'), '{"key":"torn-wri');
      expect(await runChild(['run', '--config', config, '--no-progress', '--no-cache', '--resume', runDir], out, cuts[i])).toBeNull();
    }
    expect(await runChild(['run', '--config', config, '--no-progress', '--no-cache', '--resume', runDir], out)).toBe(0);
    const rows = records(runDir);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.key)).size).toBe(expected);
    expect(rows.every((r) => r.error === null && r.parsed?.kind === 'answer')).toBe(true);
    const manifest: RunManifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.resumedAt!.length).toBe(3);
  }, 90_000);
});

describe('batch submission (--batch) against the loopback Batch API', () => {
  let server: MockLlmServer;
  beforeAll(async () => {
    server = await startMockLlm({ apiKeys: [KEY], models: ['m1'], batchCompleteAfterMs: 1500, recordRequests: 100_000 });
  });
  afterAll(() => server.close());

  it('submits once, survives an interruption, resumes polling the same batch and records every answer', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, {
      models: [openaiModel(server, 'm1', { options: { batch: true } })],
      extra: { batchPollSeconds: 0.1 },
    });
    const io = capture();
    const first = main(['run', '--config', config, '--no-progress', '--batch'], io);
    // Interrupt once the batch is submitted, as Ctrl-C would.
    while (server.batches.size === 0) await new Promise((r) => setTimeout(r, 20));
    process.emit('SIGINT');
    expect(await first).toBe(130);
    expect(io.stderr).toMatch(/Resume it with:\n  npx culturebench run --config .* --resume /);
    const runDir = runDirsIn(join(dir, 'out'))[0];
    expect(readdirSync(join(runDir, 'batches'))).toEqual(['m1.json']);
    expect(records(runDir)).toHaveLength(0);

    const io2 = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--batch', '--resume', runDir], io2)).toBe(0);
    expect(io2.stderr).toMatch(/m1: resuming the batch saved in/);
    expect(server.batches.size).toBe(1); // never paid twice
    const rows = records(runDir);
    expect(rows).toHaveLength(48);
    expect(rows.every((r) => r.error === null && r.parsed?.kind === 'answer' && r.tokens !== null)).toBe(true);
    // No live chat request was sent: everything went through the batch.
    expect(server.requests.filter((r) => r.url === '/v1/chat/completions')).toHaveLength(0);
    const uploaded = [...server.files.values()].find((f) => f.purpose === 'batch')!;
    const line = JSON.parse(uploaded.content.toString('utf8').split('\n')[0]);
    expect(line).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'm1', temperature: 0.7 } });
    expect(typeof line.body.seed).toBe('number');
    expect(readdirSync(join(runDir, 'batches'))[0]).toMatch(/^m1\.done-\d+\.json$/);
  });
});
