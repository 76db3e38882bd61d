import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_VERSION, gitState, gitStateAsync, packageVersions } from './manifest.js';

// The manifest's provenance fields: the git state of the working tree and the versions of the
// libraries that shape requests, read where the run starts.

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-manifest-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();

describe('gitState', () => {
  it('records the commit, and whether the tree differs from it', async () => {
    const dir = temp();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git(dir, 'add', 'a.txt');
    git(dir, 'commit', '-q', '-m', 'a');
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(gitState(dir)).toEqual({ commit: head, dirty: false });
    await expect(gitStateAsync(dir)).resolves.toEqual({ commit: head, dirty: false });
    writeFileSync(join(dir, 'a.txt'), 'changed\n');
    expect(gitState(dir)).toEqual({ commit: head, dirty: true });
    await expect(gitStateAsync(dir)).resolves.toEqual({ commit: head, dirty: true });
  });

  it('agrees with the synchronous reading on an untracked file and on a repository without commits', async () => {
    const dir = temp();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'new.txt'), 'n\n');
    expect(await gitStateAsync(dir)).toEqual(gitState(dir));
    expect(gitState(dir)).toEqual({ commit: null, dirty: null });
    git(dir, 'add', 'new.txt');
    git(dir, 'commit', '-q', '-m', 'n');
    writeFileSync(join(dir, 'untracked.txt'), 'u\n');
    expect(await gitStateAsync(dir)).toEqual({ commit: git(dir, 'rev-parse', 'HEAD'), dirty: true });
    expect(gitState(dir).dirty).toBe(true);
  });

  it('is null, not an error, outside a repository', async () => {
    expect(gitState(temp())).toEqual({ commit: null, dirty: null });
    await expect(gitStateAsync(temp())).resolves.toEqual({ commit: null, dirty: null });
  });
});

describe('packageVersions', () => {
  it('reads installed versions from node_modules and leaves out what is not installed', () => {
    const zod = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'zod', 'package.json'), 'utf8')).version;
    expect(packageVersions(['zod', 'culturebench-no-such-package'])).toEqual({ zod });
  });

  it('finds node_modules in a parent folder of the working directory', () => {
    const root = temp();
    mkdirSync(join(root, 'node_modules', 'fake-lib'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'fake-lib', 'package.json'), JSON.stringify({ name: 'fake-lib', version: '9.8.7' }));
    const sub = join(root, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const before = process.cwd();
    try {
      process.chdir(sub);
      expect(packageVersions(['fake-lib'])).toEqual({ 'fake-lib': '9.8.7' });
    } finally {
      process.chdir(before);
    }
  });
});

describe('CORE_VERSION', () => {
  it("is core's own package.json version (the manifest's software.culturebench)", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.name).toBe('@culturebench/core');
    expect(CORE_VERSION).toBe(pkg.version);
    expect(CORE_VERSION).not.toBe('0.0.0');
  });
});
