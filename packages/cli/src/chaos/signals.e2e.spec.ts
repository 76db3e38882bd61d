// Chaos: signals and two processes. SIGINT/SIGTERM to the bin's process and to the run itself
// (the PID in the run directory's lock: the same process once the bin runs without a child),
// two concurrent resumes, a stale lock. After each, resume is exact and nothing is paid twice.
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from '../main.js';
import { capture, chatPosts, cleanTempDirs, manifestOf, openaiModel, rows, runDirsIn, spawnBin, tempDir, writeConfig, KEY } from './kit.js';

jest.setTimeout(90_000);

let server: MockLlmServer;
beforeAll(async () => {
  // Slow enough that a signal always finds requests in flight, fast enough to finish in the grace time.
  server = await startMockLlm({ apiKeys: [KEY], recordRequests: 100_000, latencyMs: 150 });
});
afterAll(async () => {
  await server.close();
  cleanTempDirs();
});
beforeEach(() => server.reset());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}

const lockPid = (runDir: string): number | undefined => {
  try {
    return JSON.parse(readFileSync(join(runDir, '.lock'), 'utf8')).pid as number;
  } catch {
    return undefined;
  }
};

const FLAGS = ['--no-progress', '--replicates', '0', '--samples', '4'];
const QUICK = ['--no-progress', '--replicates', '0'];

// Both targets and both signals are covered with two spawned runs (each bin start costs seconds).
describe.each([
  ['SIGTERM', 'the bin', 143],
  ['SIGINT', 'the run', 130],
] as const)('%s to %s', (sig, target, exitCode) => {
  it(`stops sending, keeps what arrived, marks the run interrupted, exits ${exitCode}, prints a pasteable resume; the resume is exact`, async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    const planned = 24 * 4;
    const bin = spawnBin(['run', '--config', config, ...FLAGS], {});
    await until(() => {
      const [d] = runDirsIn(out);
      return !!d && existsSync(join(d, 'responses.jsonl')) && readFileSync(join(d, 'responses.jsonl'), 'utf8').split('\n').length > 8;
    });
    const runDir = runDirsIn(out)[0]!;
    const pid = target === 'the bin' ? bin.child.pid! : lockPid(runDir)!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, sig);
    const res = await bin.done;
    expect(res.code).toBe(exitCode);
    // Nothing is sent once the run has ended: no orphan keeps asking.
    const sent = chatPosts(server);
    await sleep(600);
    expect(chatPosts(server)).toBe(sent);
    expect(manifestOf(runDir).status).toBe('interrupted');
    expect(existsSync(join(runDir, '.lock'))).toBe(false);
    expect(existsSync(join(runDir, 'leaderboard.md'))).toBe(true);
    const kept = rows(runDir);
    // Requests in flight finished within the grace time: every request sent is a row, none an error.
    expect(kept.length).toBe(sent);
    expect(kept.every((r) => r.error === null)).toBe(true);
    expect(kept.length).toBeLessThan(planned);
    const resume = /Resume it with:\n  (npx culturebench run .*)\n/.exec(res.stderr)?.[1];
    expect(resume).toBeDefined();
    expect(resume).toContain(`--config ${config}`);
    expect(resume).toContain('--samples 4');
    expect(resume).toContain('--no-progress');
    expect(resume).toContain(`--resume ${runDir}`);

    // Paste it (npx culturebench → this repository's CLI, in-process to save a process start).
    const args = resume!.split(' ').slice(2);
    expect(await main(args, capture())).toBe(0);
    const all = rows(runDir);
    expect(all).toHaveLength(planned);
    expect(new Set(all.map((r) => r.key)).size).toBe(planned);
    expect(manifestOf(runDir).status).toBe('complete');
    expect(chatPosts(server)).toBe(planned); // nothing paid twice
  });
});

describe('requests cut off by the user', () => {
  it('are not model errors: no row, exit 130, and the resume asks them', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    // The first four requests hang: still in flight when the grace time after Ctrl-C ends.
    server.setFaults((req) => (req.index < 4 ? { kind: 'hang' } : undefined));
    const io0 = capture();
    const run = main(['run', '--config', config, ...QUICK], io0);
    await until(() => chatPosts(server) >= 4);
    process.emit('SIGINT');
    expect(await run).toBe(130);
    expect(io0.stderr).toMatch(/4 request\(s\) cut off in flight are asked again/);
    const runDir = runDirsIn(out)[0]!;
    expect(rows(runDir).filter((r) => r.error !== null)).toEqual([]);
    server.setFaults(undefined);
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], io)).toBe(0);
    const all = rows(runDir);
    expect(all).toHaveLength(48);
    expect(all.every((r) => r.error === null && r.parsed?.kind === 'answer')).toBe(true);
  });
});

describe('one run per directory', () => {
  it('two concurrent resumes: the second is refused with exit 2 before it asks anything; the first ends exact', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    // A run interrupted (Ctrl-C in-process) after a few rows: a directory to resume.
    const started = main(['run', '--config', config, ...QUICK], capture());
    await until(() => {
      const [d] = runDirsIn(out);
      return !!d && existsSync(join(d, 'responses.jsonl')) && readFileSync(join(d, 'responses.jsonl'), 'utf8').split('\n').length > 5;
    });
    process.emit('SIGINT');
    expect(await started).toBe(130);
    const runDir = runDirsIn(out)[0]!;
    const before = rows(runDir).length;
    expect(before).toBeLessThan(48);
    server.reset();
    const first = spawnBin(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], {});
    await until(() => lockPid(runDir) !== undefined && chatPosts(server) > 0);
    const sentBefore = chatPosts(server);
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], io)).toBe(2);
    expect(io.stderr).toMatch(new RegExp(`is in use by another run \\(pid \\d+ on ${hostname()}, started .*\\)`));
    expect((await first.done).code).toBe(0);
    expect(sentBefore).toBeGreaterThan(0);
    const all = rows(runDir);
    expect(all).toHaveLength(48);
    expect(new Set(all.map((r) => r.key)).size).toBe(48);
    expect(chatPosts(server)).toBe(48 - before); // the resumed part only, asked once
  });

  it('a stale lock (its process gone) is recognised and taken over', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    expect(await main(['run', '--config', config, ...QUICK], capture())).toBe(0);
    const runDir = runDirsIn(out)[0]!;
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => dead.on('exit', () => r(dead.pid!)));
    writeFileSync(join(runDir, '.lock'), JSON.stringify({ pid: deadPid, host: hostname(), startedAt: '2026-01-01T00:00:00Z', command: 'crashed' }));
    expect(await main(['report', runDir, '--replicates', '0'], capture())).toBe(0);
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], capture())).toBe(0);
    expect(rows(runDir)).toHaveLength(48);
    expect(existsSync(join(runDir, '.lock'))).toBe(false);
  });

  it('a live lock makes report and merge refuse the directory', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], capture())).toBe(0);
    const runDir = runDirsIn(out)[0]!;
    writeFileSync(join(runDir, '.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'now', command: 'test' }));
    const io = capture();
    expect(await main(['report', runDir], io)).toBe(2);
    expect(io.stderr).toMatch(/is being written by a run/);
  });
});
