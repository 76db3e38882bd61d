import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatOpenAI } from '@langchain/openai';
import { parseConfig, runBenchmark } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { loadRegistry } from './registry.js';

// Configuration that cannot silently mislead: provider options are checked against the ones the
// provider declares, and a LangChain instance changed under the same entry never gets stale replies.

const KEY = 'sk-test-safety-0123';
let server: MockLlmServer;
let dir: string;
beforeAll(async () => {
  server = await startMockLlm({ models: ['m1'], apiKeys: [KEY], reply: 'Of very great importance' });
  dir = mkdtempSync(join(tmpdir(), 'culturebench-safety-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const design = {
  survey: 'vsm2013',
  countries: ['US'],
  conditions: ['english'],
  persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
  samples: 1,
};

function capture() {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    env: { SAFETY_KEY: KEY },
    interactive: false,
  };
  return io;
}

describe('provider options', () => {
  it('a misspelt option is bad input (exit 2) naming it and the allowed ones, before anything is asked or written', async () => {
    const out = join(dir, 'typo-out');
    const file = join(dir, 'typo.json');
    const model = { id: 'm1', provider: 'openai', model: 'm1', baseUrl: `${server.url}/v1`, apiKeyEnv: 'SAFETY_KEY', options: { presett: 'deepseek' } };
    writeFileSync(file, JSON.stringify({ name: 'typo', ...design, outDir: out, models: [model] }));
    server.reset();
    for (const cmd of [
      ['run', '--config', file, '--no-progress'],
      ['doctor', '--config', file],
    ]) {
      const io = capture();
      expect(await main(cmd, io)).toBe(2);
      expect(io.stderr).toContain('field "options.presett": unknown option for provider "openai"');
      expect(io.stderr).toMatch(/allowed: batch, checkTimeoutMs, endpointRestSeconds, extraBody, preset, requireKey, skipModelCheck, timeoutMs/);
    }
    expect(server.requests).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });

  it('a value of the wrong type is bad input naming the expected type', async () => {
    const file = join(dir, 'type.json');
    const model = { id: 'o1', provider: 'ollama', model: 'llama3.1:8b', baseUrl: server.url, options: { numCtx: '8192' } };
    writeFileSync(file, JSON.stringify({ name: 'type', ...design, models: [model] }));
    const io = capture();
    expect(await main(['doctor', '--config', file], io)).toBe(2);
    expect(io.stderr).toContain('field "options.numCtx": expected number, got string');
  });

  it('a provider that declares no options refuses any', async () => {
    const file = join(dir, 'baseline.json');
    writeFileSync(file, JSON.stringify({ name: 'b', ...design, models: [{ id: 'b', provider: 'baseline', model: 'random', options: { seed: 1 } }] }));
    const io = capture();
    expect(await main(['doctor', '--config', file], io)).toBe(2);
    expect(io.stderr).toContain('provider "baseline" takes no options');
  });
});

describe('LangChain instances and the response cache', () => {
  const instance = (temperature: number) =>
    new ChatOpenAI({ model: 'm1', apiKey: KEY, maxRetries: 0, temperature, configuration: { baseURL: `${server.url}/v1` } });
  async function run(chatModel: unknown, options?: Record<string, unknown>) {
    const config = parseConfig(
      { name: 'lc', ...design, models: [{ id: 'custom', provider: 'langchain', model: 'custom', chatModel, options }] },
      join(dir, 'lc.ts'),
    );
    server.reset();
    const result = await runBenchmark({
      config,
      registry: await loadRegistry(['langchain']),
      outDir: join(dir, 'lc-out'),
      cacheDir: join(dir, 'lc-cache'),
      env: {},
      log: () => {},
    });
    expect(result.manifest.models[0].params).toEqual({}); // the config's temperature 0.7 is not sent, so not reported
    return { cached: result.manifest.summary!.cached, sent: server.requests.length, total: result.manifest.plan.requests };
  }

  it('the same settings replay from the cache; a changed instance under the same entry is asked again', async () => {
    const first = await run(instance(0.2));
    expect(first.sent).toBe(first.total);
    expect(first.cached).toBe(0);
    const same = await run(instance(0.2));
    expect(same).toMatchObject({ cached: same.total, sent: 0 });
    const changed = await run(instance(0.9));
    expect(changed).toMatchObject({ cached: 0, sent: changed.total });
    expect(server.requests.every((r) => r.body.temperature === 0.9)).toBe(true);
  }, 60_000);

  it('an instance that cannot describe itself is not cached unless the entry names its identity', async () => {
    const opaque = instance(0.5);
    (opaque as unknown as { toJSON: () => unknown }).toJSON = () => ({ type: 'not_implemented' });
    await run(opaque);
    const again = await run(opaque);
    expect(again).toMatchObject({ cached: 0, sent: again.total });
    await run(opaque, { cacheIdentity: 'opaque-v1' });
    const named = await run(opaque, { cacheIdentity: 'opaque-v1' });
    expect(named).toMatchObject({ cached: named.total, sent: 0 });
  }, 60_000);
});
