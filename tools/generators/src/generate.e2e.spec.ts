/**
 * End to end, on disk: a temporary workspace with the root files, the core, the baseline and
 * mock-llm plugins and this tools package; the real `nx g` generates a survey and a provider;
 * `tsc` type-checks them; nx lists them as projects; Jest runs their generated specs, which must pass.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const NODE_MODULES = join(REPO, 'node_modules');
const NX = join(NODE_MODULES, 'nx', JSON.parse(readFileSync(join(NODE_MODULES, 'nx', 'package.json'), 'utf8')).bin.nx);
const TSC = join(NODE_MODULES, 'typescript', 'bin', 'tsc');
const JEST = join(NODE_MODULES, 'jest', 'bin', 'jest.js');

/** What the generated packages import, plus this package; their workspace dependencies are added. */
const ROOTS = ['@culturebench/core', '@culturebench/parser-multilingual', '@culturebench/provider-baseline', '@culturebench/mock-llm', '@culturebench/tools'];

/** Workspace package name → folder (relative to the repository), with every @culturebench dependency. */
function localPackages(): Record<string, string> {
  const out: Record<string, string> = {};
  const todo = [...ROOTS];
  while (todo.length) {
    const name = todo.pop()!;
    if (out[name]) continue;
    // This package itself may not be linked yet (tools/* not in the root workspaces).
    const dir = name === '@culturebench/tools' ? resolve(__dirname, '..') : realpathSync(join(NODE_MODULES, name));
    out[name] = relative(REPO, dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    todo.push(...Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@culturebench/')));
  }
  return out;
}

function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'culturebench-generators-'));
  for (const f of ['nx.json', 'tsconfig.base.json', 'jest.preset.js', 'jest.config.mjs', '.npmrc']) cpSync(join(REPO, f), join(root, f));
  // The root changes this package needs (see its README): tools/* in the workspaces, the Jest
  // projects and the tsconfig include. The temp copy has them whatever the repo's state.
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  pkg.workspaces = ['packages/*', 'plugins/*', 'tools/*'];
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ extends: './tsconfig.base.json', files: [], include: ['packages/*/src/**/*.ts', 'plugins/*/src/**/*.ts', 'tools/*/src/**/*.ts'] }),
  );
  const local = localPackages();
  const skip = (src: string) => !/[\\/](node_modules|\.nx)([\\/]|$)/.test(src);
  for (const dir of Object.values(local)) cpSync(join(REPO, dir), join(root, dir), { recursive: true, filter: skip });
  // The core reads the benchmark country table; the survey skeleton copies nothing else from datasets/.
  cpSync(join(REPO, 'datasets', 'countries'), join(root, 'datasets', 'countries'), { recursive: true });
  // node_modules: third-party packages linked from the repository, workspace packages to the copies.
  mkdirSync(join(root, 'node_modules', '@culturebench'), { recursive: true });
  for (const entry of readdirSync(NODE_MODULES)) {
    if (entry === '@culturebench' || entry.startsWith('.package-lock')) continue;
    symlinkSync(join(NODE_MODULES, entry), join(root, 'node_modules', entry));
  }
  for (const [name, dir] of Object.entries(local)) symlinkSync(join(root, dir), join(root, 'node_modules', name));
  return root;
}

const STRIPS_TYPES = 'typescript' in process.features;

function run(root: string, file: string, args: string[], timeoutMs = 120_000) {
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      NX_INTERACTIVE: 'false',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      // Node 22.18+ strips types itself and then cannot map the generators' `.js` imports to `.ts`: leave
      // the TypeScript to nx's own transpiler there.
      NODE_OPTIONS: `--experimental-vm-modules --disable-warning=ExperimentalWarning${STRIPS_TYPES ? ' --no-experimental-strip-types' : ''}`,
      // Jest in this process sets these; the child runs its own.
      JEST_WORKER_ID: undefined,
      CULTUREBENCH_DATASETS: undefined,
    },
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('generators in a temporary workspace, through the nx CLI', () => {
  let root: string;

  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('nx g @culturebench/tools:survey loads the TS generator and writes the plugin and its data', () => {
    const r = run(root, NX, ['g', '@culturebench/tools:survey', 'demo-values', '--title=Demo values survey', '--dimension=TRUST', '--no-interactive']);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('CREATE plugins/survey-demo-values/src/index.ts') });
    expect(r.out).toContain('CREATE datasets/demo-values/instrument.json');
    expect(r.out).toContain('register it in packages/cli/src/registry.ts');
    expect(existsSync(join(root, 'datasets/demo-values/text/en.json'))).toBe(true);
  }, 120_000);

  it('nx g @culturebench/tools:provider writes a provider plugin', () => {
    const r = run(root, NX, ['g', '@culturebench/tools:provider', 'acme-ai', '--no-interactive']);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('CREATE plugins/provider-acme-ai/src/index.ts') });
  }, 120_000);

  it('the generated code type-checks with the workspace settings (strict, nodenext)', () => {
    writeFileSync(
      join(root, 'tsconfig.generated.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        files: [],
        include: ['plugins/survey-demo-values/src/**/*.ts', 'plugins/provider-acme-ai/src/**/*.ts'],
      }),
    );
    const r = run(root, TSC, ['-p', 'tsconfig.generated.json']);
    expect({ code: r.code, out: r.out.trim() }).toEqual({ code: 0, out: '' });
  }, 120_000);

  it('nx sees the new packages as projects (npm workspaces glob plugins/*)', () => {
    const r = run(root, NX, ['show', 'projects']);
    expect(r.code).toBe(0);
    expect(r.out.split(/\s+/)).toEqual(expect.arrayContaining(['survey-demo-values', 'provider-acme-ai']));
  }, 120_000);

  it('the generated specs pass as generated', () => {
    const r = run(root, JEST, ['--ci', '--projects', 'plugins/survey-demo-values', 'plugins/provider-acme-ai'], 180_000);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringMatching(/Tests:\s+21 passed, 21 total/) });
    expect(r.out).toContain('PASS survey-demo-values');
    expect(r.out).toContain('PASS provider-acme-ai');
  }, 180_000);
});
