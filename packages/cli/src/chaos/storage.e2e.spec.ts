// Chaos: short writes and a full disk (through the injectable file-system layer, and a real
// 8 MiB tmpfs where the machine lets us mount one). After every fault, a resume ends with
// exactly one row per planned request and nothing paid twice (counted at the loopback server).
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from '../main.js';
import { capture, chatPosts, cleanTempDirs, faultyFs, manifestOf, openaiModel, PLANNED, rows, runDirsIn, tempDir, writeConfig, KEY } from './kit.js';

jest.setTimeout(60_000);

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ apiKeys: [KEY], recordRequests: 100_000, latencyMs: 5 });
});
afterAll(async () => {
  await server.close();
  cleanTempDirs();
});
beforeEach(() => server.reset());

const REPORT = ['--no-progress', '--replicates', '0'];

function expectExact(runDir: string): void {
  const r = rows(runDir);
  expect(r).toHaveLength(PLANNED());
  expect(new Set(r.map((x) => x.key)).size).toBe(PLANNED());
  expect(r.every((x) => x.error === null && x.parsed?.kind === 'answer')).toBe(true);
  expect(manifestOf(runDir).status).toBe('complete');
  expect(chatPosts(server)).toBe(PLANNED()); // nothing paid twice
}

describe('writes that cannot tear', () => {
  it('short writes (7 bytes at a time) are continued: every row whole, the run complete', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    const fsFault = faultyFs({ maxBytesPerWrite: 7 });
    fsFault.install();
    try {
      expect(await main(['run', '--config', config, ...REPORT], capture())).toBe(0);
    } finally {
      fsFault.remove();
    }
    expect(fsFault.calls).toBeGreaterThan(1000);
    const [runDir] = runDirsIn(join(dir, 'out'));
    expectExact(runDir!);
    expect(JSON.parse(readFileSync(join(runDir!, 'results.json'), 'utf8')).manifest.status).toBe('complete');
  });

  it('a disk full for a moment while appending: the run stops cleanly, whole lines only, and resumes exactly', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    let appended = 0;
    let failing = 0;
    const fsFault = faultyFs({
      // The 10th write to responses.jsonl and the next three fail (the first of them half-written).
      full: (path) => path.endsWith('responses.jsonl') && ++appended >= 10 && failing++ < 4,
    });
    fsFault.install();
    const io = capture();
    let code: number;
    try {
      code = await main(['run', '--config', config, ...REPORT], io);
    } finally {
      fsFault.remove();
    }
    expect(fsFault.failures).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/disk is full/);
    expect(io.stderr).toMatch(/npx culturebench run --config .* --resume /);
    const [runDir] = runDirsIn(join(dir, 'out'));
    expect(manifestOf(runDir!).status).toBe('interrupted');
    const before = rows(runDir!); // throws on a torn line
    expect(before.length).toBeLessThan(PLANNED());
    expect(before.length).toBe(chatPosts(server)); // every request sent so far is on disk

    expect(await main(['run', '--config', config, ...REPORT, '--resume', runDir!], capture())).toBe(0);
    expectExact(runDir!);
  });

  it('a disk that stays full for responses.jsonl: exit 1 with a resume command; the cache (elsewhere) keeps what was paid for', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    let appended = 0;
    const fsFault = faultyFs({ full: (path) => path.endsWith('responses.jsonl') && ++appended > 12 });
    fsFault.install();
    const io = capture();
    let code: number;
    try {
      code = await main(['run', '--config', config, ...REPORT], io);
    } finally {
      fsFault.remove();
    }
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/disk is full[\s\S]*resume with:\n  npx culturebench run --config /);
    expect(io.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const [runDir] = runDirsIn(join(dir, 'out'));
    expect(manifestOf(runDir!).status).not.toBe('complete');
    rows(runDir!); // whole lines only
    expect(await main(['run', '--config', config, ...REPORT, '--resume', runDir!], capture())).toBe(0);
    expectExact(runDir!);
  });

  it('a full cache directory is a warning, never a second request', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    let cacheWrites = 0;
    const fsFault = faultyFs({ full: (path) => path.includes(`${join('out', '.cache')}`) && ++cacheWrites > 3 });
    fsFault.install();
    const io = capture();
    try {
      expect(await main(['run', '--config', config, ...REPORT], io)).toBe(0);
    } finally {
      fsFault.remove();
    }
    expect(io.stderr).toMatch(/warning: the response cache cannot be written/);
    const [runDir] = runDirsIn(join(dir, 'out'));
    expectExact(runDir!);
    // The cache file holds whole lines only, and a cached rerun replays them without asking.
    for (const f of readdirSync(join(dir, 'out', '.cache'))) {
      const text = readFileSync(join(dir, 'out', '.cache', f), 'utf8');
      expect(text === '' || text.endsWith('\n')).toBe(true);
      text
        .split('\n')
        .filter(Boolean)
        .forEach((l) => JSON.parse(l));
    }
  });

  it('a full disk while writing the report: results.json is never cut short, the manifest does not say complete; resume finishes it', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')]);
    const fsFault = faultyFs({ full: (path) => /results\.json/.test(path) });
    fsFault.install();
    const io = capture();
    let code: number;
    try {
      code = await main(['run', '--config', config, ...REPORT], io);
    } finally {
      fsFault.remove();
    }
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/results\.json: the disk is full/);
    const [runDir] = runDirsIn(join(dir, 'out'));
    expect(manifestOf(runDir!).status).toBe('running');
    expect(existsSync(join(runDir!, 'results.json'))).toBe(false);
    expect(readdirSync(runDir!).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await main(['run', '--config', config, ...REPORT, '--resume', runDir!], capture())).toBe(0);
    expectExact(runDir!);
    JSON.parse(readFileSync(join(runDir!, 'results.json'), 'utf8'));
  });
});

describe('a real full disk (tmpfs)', () => {
  const mnt = join(tempDir(), 'tmpfs');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(mnt, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // Not root, or no mount: the injectable layer above covers the same faults.
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt], { stdio: 'ignore' });
  });

  it('ENOSPC on an 8 MiB tmpfs stops the run cleanly; after freeing space the resume is exact', async () => {
    if (!mounted) return;
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')], { cacheDir: join(dir, 'cache') });
    const out = join(mnt, 'out');
    mkdirSync(out);
    // Leave about 20 KiB: enough for the manifest and a few rows, not for 48.
    const free = () => Number(execFileSync('df', ['-B1', '--output=avail', mnt]).toString().split('\n')[1]);
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, free() - 20 * 1024)));
    const io = capture();
    const code = await main(['run', '--config', config, '--out', out, ...REPORT], io);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/disk is full|ENOSPC/);
    const [runDir] = runDirsIn(out);
    const partial = rows(runDir!);
    expect(partial.length).toBeLessThan(PLANNED());
    rmSync(join(mnt, 'filler'));
    expect(await main(['run', '--config', config, '--out', out, ...REPORT, '--resume', runDir!], capture())).toBe(0);
    expectExact(runDir!);
  });
});
