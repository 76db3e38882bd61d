// Chaos: hostile servers. Error bodies that quote the key at every position around every
// truncation length, escape sequences and HTML, credentials in URLs and headers, replies that
// quote a secret. Nothing secret and nothing executable reaches any output.
import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ChatOpenAI } from '@langchain/openai';
import { checkModels, safeServerText, type ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { openaiProvider } from '@culturebench/provider-openai';
import { langchainProvider } from '@culturebench/provider-langchain';
import { main } from '../main.js';
import { builtInRegistry } from '../registry.js';
import { allText, capture, chatPosts, cleanTempDirs, fragmentsIn, KEY, manifestOf, openaiModel, rows, runDirsIn, tempDir, writeConfig } from './kit.js';

jest.setTimeout(60_000);

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ apiKeys: [KEY], recordRequests: 100_000 });
});
afterAll(async () => {
  await server.close();
  cleanTempDirs();
});
beforeEach(() => server.reset());

/** A body of `length` characters with the key starting at `at`. */
const bodyWithKeyAt = (at: number, length = 340) => `${'x'.repeat(at)}${KEY}${'y'.repeat(Math.max(0, length - at - KEY.length))}`;
const HOSTILE =
  '\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b]52;c;ZXZpbA==\x07\x9b31m<script>alert(1)</script> <img src=x onerror=alert(2)> | **bold** [link](javascript:alert(3))';

/** A server that answers every request with `status` and an OpenAI-style error body. */
async function errorServer(status: number, message: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const srv: Server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: message(), type: 'invalid_request_error' } }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => new Promise((r) => srv.close(() => r())) };
}

describe('redact before truncating: the key at every position around the cut', () => {
  // Positions from well before to past the 300-character cut of server messages (and the
  // 200-character one of stored error summaries), in every provider that reads error bodies.
  const positions = Array.from({ length: 60 }, (_, i) => 160 + i * 3).concat(Array.from({ length: 40 }, (_, i) => 270 + i));

  it('openai provider (real OpenAI SDK client): no 6-character piece of the key in any message', async () => {
    const entry: ModelEntry = { id: 'm', provider: 'openai', model: 'm', baseUrl: `${server.url}/v1`, apiKeyEnv: 'CHAOS_KEY' };
    const ctx = { env: { CHAOS_KEY: KEY } };
    const secrets = openaiProvider.secrets!(entry, ctx);
    const chat = openaiProvider.create(entry, ctx);
    for (const at of positions) {
      for (const status of [400, 401, 404] as const) {
        server.setFaults(() => ({ status, message: bodyWithKeyAt(at) }));
        const err = await chat.invoke([{ role: 'user', content: 'hi' }]).then(
          () => null,
          (e: unknown) => e,
        );
        const message = safeServerText(openaiProvider.explainError!(err, entry).message, secrets);
        expect({ at, status, found: fragmentsIn(message, KEY) }).toEqual({ at, status, found: [] });
      }
    }
  });

  it('openai check (doctor): no piece of the key in the reason, at any position', async () => {
    let at = 0;
    const srv = await errorServer(401, () => bodyWithKeyAt(at));
    try {
      const entry: ModelEntry = { id: 'm', provider: 'openai', model: 'm', baseUrl: `${srv.url}/v1`, apiKeyEnv: 'CHAOS_KEY' };
      for (at of positions) {
        const a = await openaiProvider.check(entry, { env: { CHAOS_KEY: KEY } });
        expect({ at, found: fragmentsIn(JSON.stringify(a), KEY) }).toEqual({ at, found: [] });
      }
    } finally {
      await srv.close();
    }
  });

  it('langchain provider: a key in configuration.defaultHeaders is collected and redacted at every position', async () => {
    const HEADER_KEY = 'fake-header-key-Qw7Er9Ty';
    const instance = new ChatOpenAI({
      model: 'm',
      apiKey: KEY,
      maxRetries: 0,
      configuration: { baseURL: `${server.url}/v1`, defaultHeaders: { 'x-api-key': HEADER_KEY } },
    });
    const entry = { id: 'lc', provider: 'langchain', model: 'm', chatModel: instance } as ModelEntry;
    const { ready } = await checkModels([entry], await builtInRegistry(), { env: {} });
    const secrets = ready.get('lc')!.secrets;
    expect(secrets).toEqual(expect.arrayContaining([KEY, HEADER_KEY]));
    const chat = langchainProvider.create(entry, { env: {} });
    for (const at of positions) {
      server.setFaults(() => ({ status: 401, message: `${bodyWithKeyAt(at)} ${bodyWithKeyAt(at).replace(KEY, HEADER_KEY)}` }));
      const err = await chat.invoke([{ role: 'user', content: 'hi' }]).then(
        () => null,
        (e: unknown) => e,
      );
      const message = safeServerText(langchainProvider.explainError!(err, entry).message, secrets);
      expect({ at, key: fragmentsIn(message, KEY), header: fragmentsIn(message, HEADER_KEY) }).toEqual({ at, key: [], header: [] });
    }
  });
});

describe('hostile servers through a whole run', () => {
  it('a 401 quoting the key across the cut: no piece of it in stdout, stderr or any file', async () => {
    const dir = tempDir();
    server.setFaults(() => ({ status: 401, message: bodyWithKeyAt(290) }));
    const config = writeConfig(dir, [openaiModel(server, 'm1'), { id: 'baseline-middle', provider: 'baseline', model: 'middle' }]);
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], io)).toBe(1);
    expect(io.stderr).toMatch(/model m1 was stopped/);
    const everything = io.stdout + io.stderr + allText(join(dir, 'out'));
    expect(everything).toContain('leaderboard.md');
    expect(fragmentsIn(everything, KEY)).toEqual([]);
  });

  it('escape sequences and HTML in error bodies and the config name never reach the terminal, leaderboard.md or responses.jsonl', async () => {
    const dir = tempDir();
    server.setFaults(() => ({ status: 400, message: HOSTILE }));
    const skipSrv = await errorServer(403, () => HOSTILE);
    try {
      const config = writeConfig(
        dir,
        [
          openaiModel(server, 'm1'),
          { id: 'm2', provider: 'openai', model: 'm2', baseUrl: `${skipSrv.url}/v1`, apiKeyEnv: 'CHAOS_KEY' },
          { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
        ],
        { name: '<img src=x onerror=alert(9)> | **name**' },
      );
      const io = capture();
      expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], io)).toBe(1);
      const [runDir] = runDirsIn(join(dir, 'out'));
      const md = readFileSync(join(runDir!, 'leaderboard.md'), 'utf8');
      // The terminal gets no control characters; markdown (printed and written) no raw HTML.
      for (const text of [io.stdout, io.stderr, md]) expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      for (const text of [io.stdout, md]) expect(text).not.toMatch(/<script|<img/i);
      expect(md).toContain('&lt;img src=x onerror=alert(9)&gt; \\| \\*\\*name\\*\\*');
      expect(md).toMatch(/## Skipped models[\s\S]*&lt;script&gt;/);
      const errors = rows(runDir!).filter((r) => r.error !== null);
      expect(errors.length).toBeGreaterThan(0);
      for (const r of errors) expect(r.error).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    } finally {
      await skipSrv.close();
    }
  });

  it('doctor prints hostile check replies and config values without control characters', async () => {
    const srv = await errorServer(403, () => HOSTILE);
    try {
      const dir = tempDir();
      const config = writeConfig(dir, [{ id: 'm2', provider: 'openai', model: 'm\u001b]0;title\u0007x', baseUrl: `${srv.url}/v1`, apiKeyEnv: 'CHAOS_KEY' }]);
      const io = capture();
      expect(await main(['doctor', '--config', config], io)).toBe(1);
      expect(io.stdout).toMatch(/missing\s+m2\s+openai:mx: .*403: <script>/);
      expect(io.stdout + io.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    } finally {
      await srv.close();
    }
  });

  it('credentials in URLs (user:password, ?api-key=) appear nowhere; the manifest keeps a redacted URL', async () => {
    const dir = tempDir();
    const port = new URL(server.url).port;
    const config = writeConfig(dir, [
      openaiModel(server, 'userinfo', { baseUrl: `http://chaosuser:pw-SeCrEt-77@127.0.0.1:${port}/v1` }),
      openaiModel(server, 'query', { baseUrl: `http://127.0.0.1:${port}/v1?api-key=q-SeCrEt-88` }),
      { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
    ]);
    const io = capture();
    await main(['run', '--config', config, '--no-progress', '--replicates', '0'], io);
    const everything = io.stdout + io.stderr + allText(join(dir, 'out'));
    expect(everything).toContain('manifest.json');
    for (const secret of ['pw-SeCrEt-77', 'q-SeCrEt-88']) expect(fragmentsIn(everything, secret)).toEqual([]);
    expect(everything).not.toContain('chaosuser');
    const [runDir] = runDirsIn(join(dir, 'out'));
    const urls = manifestOf(runDir!)
      .models.map((m) => m.baseUrl)
      .filter(Boolean);
    expect(urls).toContain(`http://127.0.0.1:${port}/v1?api-key=[redacted]`);
  });

  it('a reply that quotes a secret is redacted before it is cached or stored', async () => {
    const dir = tempDir();
    server.setReply(`3 (my key is ${KEY})`);
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], capture())).toBe(0);
    const [runDir] = runDirsIn(join(dir, 'out'));
    const r = rows(runDir!);
    expect(r.every((x) => x.raw === '3 (my key is [redacted])' && x.answer === 3)).toBe(true);
    expect(fragmentsIn(allText(join(dir, 'out')), KEY)).toEqual([]);
    expect(chatPosts(server)).toBe(r.length);
  });

  it('OPENAI_API_KEY is not sent to a host that is not OpenAI unless apiKeyEnv names it, and doctor says so', async () => {
    const open = await startMockLlm({ models: ['m1'] });
    try {
      const dir = tempDir();
      const config = writeConfig(dir, [{ id: 'm1', provider: 'openai', model: 'm1', baseUrl: `${open.url}/v1` }]);
      const io = capture({ OPENAI_API_KEY: KEY });
      expect(await main(['doctor', '--config', config], io)).toBe(0);
      expect(io.stdout).toMatch(/ok\s+m1 .*no key sent: OPENAI_API_KEY goes only to api\.openai\.com; set apiKeyEnv/);
      expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], capture({ OPENAI_API_KEY: KEY }))).toBe(0);
      expect(open.requests.length).toBeGreaterThan(24);
      expect(open.requests.filter((r) => JSON.stringify(r.headers).includes(KEY))).toEqual([]);
    } finally {
      await open.close();
    }
  });
});
