/**
 * Performance benchmark (issue 4): culturebench's full pipeline against the loopback
 * OpenAI-compatible server with a fixed latency, side by side with promptfoo on the same workload.
 *
 *   npx nx run benchmarks:perf                       # full run, writes benchmarks/perf/RESULTS.md
 *   npx nx run benchmarks:perf -- --quick            # small smoke run (prints; RESULTS.md untouched)
 *   npx nx run benchmarks:perf -- --requests 20000 --latency-ms 50 --concurrency 64,256 \
 *        --cached-requests 100000 --small-cached-requests 20000 [--skip-promptfoo] [--profile]
 *
 * Every tool runs as a child process; the mock server runs in a process of its own. See README.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { profileMarkdown, summariseProfile } from './profile.js';
import { costPerPrecision, costPerPrecisionMarkdown } from './cost-per-precision.js';

const PERF = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(PERF, '../..');
const PROMPTFOO_DIR = join(PERF, 'promptfoo');
const PROMPTFOO_ENTRY = join(PROMPTFOO_DIR, 'node_modules/promptfoo/dist/src/entrypoint.js');
const TIME_BIN = '/usr/bin/time';
const KEY_ENV = 'CULTUREBENCH_PERF_KEY';
const DUMMY_KEY = 'perf-dummy-key-0123456789';
const MODEL = 'm1';
const ITEMS = 24; // VSM 2013: 24 items per respondent

// ---------------------------------------------------------------------------------------------
// Arguments

const { values: argv } = parseArgs({
  options: {
    requests: { type: 'string' },
    'latency-ms': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '64,256' },
    'skip-promptfoo': { type: 'boolean', default: false },
    'cached-requests': { type: 'string' },
    'small-cached-requests': { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'skip-client-floor': { type: 'boolean', default: false },
    'skip-startup': { type: 'boolean', default: false },
    'skip-million': { type: 'boolean', default: false },
    'skip-endpoints': { type: 'boolean', default: false },
    results: { type: 'string' },
    'child-timeout': { type: 'string', default: '1800' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (argv.help) {
  process.stdout.write(
    [
      'usage: tsx perf/run.ts [options]',
      '  --requests N              requests per uncached run (default 20000; --quick: 960)',
      '  --latency-ms L            mock server latency (default 50)',
      '  --concurrency LIST        concurrency levels, comma-separated (default 64,256)',
      '  --cached-requests N       size of the cached re-run (default 100000; --quick: 4800)',
      '  --small-cached-requests N a smaller cached re-run, to show RSS growth (default 20000; --quick: 960; 0 = skip)',
      '  --skip-promptfoo          do not run promptfoo',
      '  --profile                 also run culturebench under --cpu-prof and summarise the hot spots',
      '  --skip-client-floor       skip client-floor.ts (the HTTP client layers alone at the largest c; skipped with --quick)',
      '  --skip-startup            skip startup.ts (the built CLI: --help, first request, 10k run at c = 256 and 500 ms; --quick: 2 runs of 960)',
      '  --skip-million            skip million.ts (1,000,000 requests: cache fill, cached re-run, report; about 6 min and 1 GB of disk; skipped with --quick)',
      '  --skip-endpoints          skip endpoint-pool.ts (one endpoint vs a pool of three; skipped with --quick)',
      '  --results FILE            where to write the markdown (default perf/RESULTS.md; --quick: none)',
      '  --child-timeout S         kill a child that runs longer than this (default 1800)',
      '  --keep                    keep the temporary folder',
      '  --quick                   small smoke run',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const quick = argv.quick;
const num = (v: string | undefined, def: number, name: string): number => {
  const n = v === undefined ? def : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number, got ${v}`);
  return n;
};
const params = {
  requests: num(argv.requests, quick ? 960 : 20_000, 'requests'),
  latencyMs: num(argv['latency-ms'], 50, 'latency-ms'),
  concurrency: argv
    .concurrency!.split(',')
    .map((s) => num(s.trim(), 0, 'concurrency'))
    .filter((c) => c > 0),
  cachedRequests: num(argv['cached-requests'], quick ? 4800 : 100_000, 'cached-requests'),
  smallCachedRequests: num(argv['small-cached-requests'], quick ? 960 : 20_000, 'small-cached-requests'),
  promptfoo: !argv['skip-promptfoo'],
  profile: argv.profile,
  clientFloor: !argv['skip-client-floor'] && !quick,
  startup: !argv['skip-startup'],
  million: !argv['skip-million'] && !quick,
  endpoints: !argv['skip-endpoints'] && !quick,
  childTimeoutMs: num(argv['child-timeout'], 1800, 'child-timeout') * 1000,
};
const resultsFile = argv.results ? resolve(argv.results) : quick ? null : join(PERF, 'RESULTS.md');
const cMax = Math.max(...params.concurrency);

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** The code measured: commit, and the files of packages/ and plugins/ that differ from it. */
const codeAtStart = (() => {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: REPO, encoding: 'utf8' }).stdout ?? '';
  const commit = git('rev-parse', '--short', 'HEAD').trim() || '?';
  const changed = git('status', '--porcelain', '--', 'packages', 'plugins')
    .split('\n')
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3))
    .filter((f) => !/\.spec\.ts$/.test(f));
  return changed.length
    ? `commit ${commit} plus uncommitted changes to ${changed.length} file(s) of packages/ and plugins/ (${changed.join(', ')})`
    : `commit ${commit}, clean`;
})();
const work = mkdtempSync(join(tmpdir(), 'culturebench-perf-'));
const log = (line: string) => process.stderr.write(`[perf] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Child processes and their resource use

const active = new Set<ChildProcess>();
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the child leads its own process group (detached)
  } catch {
    /* gone */
  }
}
let server: MockServer | undefined;
function cleanupAndExit(code: number): never {
  for (const c of active) killGroup(c);
  server?.kill();
  if (!argv.keep) rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => cleanupAndExit(130));
process.on('SIGTERM', () => cleanupAndExit(143));

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** utime+stime (ms) and VmHWM (KB) of one process, or undefined once it is gone. */
function procSample(pid: number): { cpuMs: number; hwmKb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields after the comm: state(3) ppid(4) … utime(14) stime(15) → indexes 11, 12 here
    const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return { cpuMs, hwmKb: m ? Number(m[1]) : 0 };
  } catch {
    return undefined;
  }
}

/** CPU time (ms) the whole machine spent busy so far, all cores summed (from /proc/stat). */
function machineBusyMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  return (busy * 1000) / CLK_TCK;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let kids: string;
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8');
    } catch {
      return;
    }
    for (const k of kids.trim().split(/\s+/).filter(Boolean)) {
      out.push(Number(k));
      walk(Number(k));
    }
  };
  walk(pid);
  return out;
}

interface Measured {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  /** user+sys of the measured process tree (ms). */
  cpuMs: number;
  userMs: number | null;
  sysMs: number | null;
  /** Peak RSS (KB) of the largest process in the tree. */
  peakRssKb: number;
  /** How cpu/peak RSS were obtained. */
  source: 'GNU time' | '/proc sampling';
  /** /proc sampling's own view (a lower bound: the last moments before exit are missed). */
  procPeakRssKb: number;
  stdoutFile: string;
  stderrFile: string;
  /** CPU (ms) the whole machine was busy during the run, every process included. */
  machineBusyMs: number;
}

const hasTime = existsSync(TIME_BIN) && spawnSync(TIME_BIN, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/** Runs a command as a child in its own process group; measures wall time, CPU and peak RSS. */
async function measure(label: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measured> {
  const base = join(work, label.replace(/[^A-Za-z0-9_.-]+/g, '_'));
  const stdoutFile = `${base}.stdout`;
  const stderrFile = `${base}.stderr`;
  const timeFile = `${base}.time`;
  const outFd = openSync(stdoutFile, 'w');
  const errFd = openSync(stderrFile, 'w');
  const [file, fileArgs] = hasTime ? [TIME_BIN, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const child = spawn(file, fileArgs, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', outFd, errFd], detached: true });
  active.add(child);
  closeSync(outFd);
  closeSync(errFd);
  const seen = new Map<number, { cpuMs: number; hwmKb: number }>();
  const sample = () => {
    if (child.pid === undefined) return;
    for (const pid of [child.pid, ...descendants(child.pid)]) {
      const s = procSample(pid);
      if (s) seen.set(pid, s);
    }
  };
  const sampler = setInterval(sample, 100);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    log(`${label}: still running after ${params.childTimeoutMs / 1000} s, killed`);
    killGroup(child);
  }, params.childTimeoutMs);
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  const wallMs = performance.now() - t0;
  const busyMs = machineBusyMs() - busy0;
  clearInterval(sampler);
  clearTimeout(killer);
  active.delete(child);
  let procCpu = 0;
  let procPeak = 0;
  for (const [pid, s] of seen) {
    if (hasTime && pid === child.pid) continue; // GNU time itself
    procCpu += s.cpuMs;
    procPeak = Math.max(procPeak, s.hwmKb);
  }
  if (hasTime && existsSync(timeFile)) {
    // The last line is "%e %U %S %M"; a line before it may say the command exited non-zero.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.trim().split(/\s+/).map(Number);
    if (last.length === 4 && last.every(Number.isFinite)) {
      return {
        exitCode: code,
        signal,
        timedOut,
        wallMs,
        cpuMs: (last[1] + last[2]) * 1000,
        userMs: last[1] * 1000,
        sysMs: last[2] * 1000,
        peakRssKb: last[3],
        source: 'GNU time',
        procPeakRssKb: procPeak,
        stdoutFile,
        stderrFile,
        machineBusyMs: busyMs,
      };
    }
  }
  return {
    exitCode: code,
    signal,
    timedOut,
    wallMs,
    cpuMs: procCpu,
    userMs: null,
    sysMs: null,
    peakRssKb: procPeak,
    source: '/proc sampling',
    procPeakRssKb: procPeak,
    stdoutFile,
    stderrFile,
    machineBusyMs: busyMs,
  };
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Environment for the measured children: no inherited NODE_OPTIONS (npm sets some under nx). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

// ---------------------------------------------------------------------------------------------
// The mock server, in its own process

interface MockServer {
  url: string;
  pid: number;
  command(cmd: 'count' | 'reset'): Promise<{ chat: number; http: number }>;
  cpuMs(): number;
  kill(): void;
}

async function startServer(latencyMs: number): Promise<MockServer> {
  const child = spawn(
    process.execPath,
    ['--conditions=@culturebench/source', '--import', 'tsx', join(PERF, 'mock-server.ts'), '--latency-ms', String(latencyMs), '--model', MODEL],
    {
      cwd: REPO,
      env: childEnv({}),
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  lines.on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else queued.push(l);
  });
  const next = () =>
    new Promise<string>((res, rej) => {
      const q = queued.shift();
      if (q !== undefined) return res(q);
      const t = setTimeout(() => rej(new Error('mock server did not answer')), 30_000);
      waiting.push((l) => {
        clearTimeout(t);
        res(l);
      });
    });
  const hello = JSON.parse(await next()) as { url: string; pid: number };
  return {
    url: hello.url,
    pid: child.pid!,
    async command(cmd) {
      child.stdin!.write(cmd + '\n');
      return JSON.parse(await next());
    },
    cpuMs: () => procSample(child.pid!)?.cpuMs ?? NaN,
    kill: () => {
      child.stdin!.end();
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Workloads

interface Row {
  tool: 'culturebench' | 'promptfoo';
  mode: string;
  c: number;
  n: number;
  m: Measured;
  idealMs: number | null;
  /** The ask phase alone, where it can be read honestly; with how it was obtained. */
  phaseMs: number | null;
  phaseNote: string;
  serverChat: number;
  expectedChat: number;
  serverCpuMs: number;
  errors: number;
  note?: string;
}

const rows: Row[] = [];
const samplesFor = (n: number) => Math.ceil(n / ITEMS);
const idealMs = (n: number, c: number) => Math.ceil(n / c) * params.latencyMs;

function benchConfig(dir: string, url: string, c: number, samples: number): string {
  const file = join(dir, 'bench.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        name: 'perf',
        survey: 'vsm2013',
        countries: ['US'],
        conditions: ['native'],
        persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples,
        concurrency: c,
        timeoutSeconds: 600,
        outDir: 'out',
        models: [{ id: MODEL, provider: 'openai', model: MODEL, baseUrl: `${url}/v1`, apiKeyEnv: KEY_ENV, concurrency: c }],
      },
      null,
      2,
    ),
  );
  return file;
}

interface RunRecords {
  count: number;
  errors: number;
  cached: number;
  firstAt: number;
  lastAt: number;
  firstLatencyMs: number;
}

function readRecords(outDir: string): RunRecords | null {
  const runs = existsSync(outDir) ? readdirSync(outDir).filter((d) => !d.startsWith('.')) : [];
  if (runs.length !== 1) return null;
  const file = join(outDir, runs[0], 'responses.jsonl');
  if (!existsSync(file)) return null;
  const r: RunRecords = { count: 0, errors: 0, cached: 0, firstAt: Infinity, lastAt: -Infinity, firstLatencyMs: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const rec = JSON.parse(line) as { at: string; latencyMs: number; error: string | null; cached: boolean };
    r.count++;
    if (rec.error !== null) r.errors++;
    if (rec.cached) r.cached++;
    const at = Date.parse(rec.at);
    if (at < r.firstAt) {
      r.firstAt = at;
      r.firstLatencyMs = rec.latencyMs;
    }
    if (at > r.lastAt) r.lastAt = at;
  }
  return r;
}

async function runCulturebench(opts: {
  mode: string;
  c: number;
  n: number;
  cacheDir?: string;
  expectCached: boolean;
  profileDir?: string;
  record?: boolean;
}): Promise<Row> {
  const dir = mkdtempSync(join(work, 'cb-'));
  const config = benchConfig(dir, server!.url, opts.c, samplesFor(opts.n));
  const out = join(dir, 'out');
  const args = [
    ...(opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : []),
    '--import',
    'tsx',
    join(REPO, 'packages/cli/src/main.ts'),
    'run',
    '--config',
    config,
    '--no-progress',
    '--out',
    out,
    ...(opts.cacheDir ? ['--cache-dir', opts.cacheDir] : ['--no-cache']),
  ];
  await server!.command('reset');
  const cpu0 = server!.cpuMs();
  const label = `culturebench ${opts.mode} c${opts.c} n${opts.n}`;
  log(`${label} …`);
  const m = await measure(label, process.execPath, args, { cwd: REPO, env: childEnv({ [KEY_ENV]: DUMMY_KEY }) });
  const serverCpuMs = server!.cpuMs() - cpu0;
  const counts = await server!.command('count');
  const recs = readRecords(out);
  const n = recs?.count ?? samplesFor(opts.n) * ITEMS;
  let note: string | undefined;
  if (m.exitCode !== 0 || m.timedOut) {
    note = `exit ${m.exitCode ?? m.signal}${m.timedOut ? ' (timed out)' : ''}`;
    log(`${label}: failed (${note}); stderr:\n${tail(m.stderrFile)}`);
  }
  if (recs && recs.count !== samplesFor(opts.n) * ITEMS) note = `${note ? note + '; ' : ''}${recs.count} rows for ${samplesFor(opts.n) * ITEMS} planned`;
  if (opts.expectCached && recs && recs.cached !== recs.count) note = `${note ? note + '; ' : ''}only ${recs.cached} of ${recs.count} from the cache`;
  // Ask phase, from responses.jsonl: first request sent (first row's time minus its latency) to
  // the last row written. For a cached run, first to last cache hit written.
  let phaseMs: number | null = null;
  let phaseNote = '';
  if (recs && recs.count > 0) {
    phaseMs = opts.expectCached ? recs.lastAt - recs.firstAt : recs.lastAt - recs.firstAt + recs.firstLatencyMs;
    phaseNote = opts.expectCached ? 'first→last cached row written' : 'first request sent→last row written';
  }
  const row: Row = {
    tool: 'culturebench',
    mode: opts.mode,
    c: opts.c,
    n,
    m,
    idealMs: opts.expectCached ? null : idealMs(n, opts.c),
    phaseMs,
    phaseNote,
    serverChat: counts.chat,
    expectedChat: opts.expectCached ? 0 : n,
    serverCpuMs,
    errors: recs?.errors ?? NaN,
    note,
  };
  if (opts.record !== false) rows.push(row);
  logRow(row);
  if (!argv.keep) rmSync(out, { recursive: true, force: true });
  return row;
}

/** The exact messages culturebench sends for the first n requests of the same plan. */
async function culturebenchPrompts(n: number): Promise<{ system: string; user: string }[]> {
  const core = await import('@culturebench/core');
  const { builtInRegistry } = await import('@culturebench/cli');
  const registry = await builtInRegistry();
  const dir = mkdtempSync(join(work, 'prompts-'));
  const config = core.parseConfig(JSON.parse(readFileSync(benchConfig(dir, 'http://127.0.0.1:9', 1, samplesFor(n)), 'utf8')), join(dir, 'bench.json'));
  const survey = core.getSurvey(registry, config.survey, 'perf');
  const nativeLanguages = Object.fromEntries(Object.values(core.loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
  const models = config.models.map((m) => ({ ...m, params: { temperature: config.temperature, ...m.params } }));
  const plan = core.buildPlan({ config, survey, prompter: registry.prompter, nativeLanguages, models });
  const out: { system: string; user: string }[] = [];
  for (const req of plan.requests()) {
    const sys = req.prompt.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = req.prompt.messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n');
    out.push({ system: sys, user });
    if (out.length >= n) break;
  }
  return out;
}

function ensurePromptfoo(): boolean {
  if (existsSync(PROMPTFOO_ENTRY)) return true;
  log(`promptfoo is not installed yet: npm ci --prefix ${PROMPTFOO_DIR} (pinned 0.121.20, about 1.5 GB; takes a few minutes) …`);
  const env = childEnv({});
  delete env.CI;
  const r = spawnSync('npm', ['ci', '--prefix', PROMPTFOO_DIR, '--no-audit', '--no-fund'], {
    cwd: PROMPTFOO_DIR,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(PROMPTFOO_ENTRY)) {
    log(`promptfoo install failed (exit ${r.status}); its rows are skipped`);
    return false;
  }
  return true;
}

async function runPromptfoo(c: number, n: number, prompts: { system: string; user: string }[]): Promise<Row> {
  const dir = mkdtempSync(join(work, 'pf-'));
  writeFileSync(join(dir, 'prompt.json'), '[{"role":"system","content":{{ system | dump }}},{"role":"user","content":{{ user | dump }}}]\n');
  const fd = openSync(join(dir, 'tests.jsonl'), 'w');
  for (let i = 0; i < n; i++) writeSync(fd, JSON.stringify({ vars: prompts[i] }) + '\n');
  closeSync(fd);
  writeFileSync(
    join(dir, 'promptfooconfig.yaml'),
    [
      'description: culturebench perf reference',
      'prompts:',
      '  - file://prompt.json',
      'providers:',
      `  - id: openai:chat:${MODEL}`,
      '    config:',
      `      apiBaseUrl: ${server!.url}/v1`,
      '      temperature: 0.7',
      'tests: file://tests.jsonl',
      'sharing: false',
      'evaluateOptions:',
      `  maxConcurrency: ${c}`,
      '',
    ].join('\n'),
  );
  const home = join(dir, 'home');
  mkdirSync(home);
  const env = childEnv({
    OPENAI_API_KEY: DUMMY_KEY,
    PROMPTFOO_CONFIG_DIR: home,
    PROMPTFOO_CACHE_ENABLED: 'false',
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_SELF_HOSTED: '1',
  });
  delete env.OPENAI_BASE_URL;
  delete env.OPENAI_API_BASE_URL;
  const outFile = join(dir, 'output.json');
  const args = [
    PROMPTFOO_ENTRY,
    'eval',
    '-c',
    'promptfooconfig.yaml',
    '--no-cache',
    '-j',
    String(c),
    '-o',
    outFile,
    '--no-table',
    '--no-progress-bar',
    '--no-share',
  ];
  await server!.command('reset');
  const cpu0 = server!.cpuMs();
  const label = `promptfoo c${c} n${n}`;
  log(`${label} …`);
  const m = await measure(label, process.execPath, args, { cwd: dir, env });
  const serverCpuMs = server!.cpuMs() - cpu0;
  const counts = await server!.command('count');
  let note: string | undefined;
  let errors = NaN;
  let count = n;
  let phaseMs: number | null = null;
  if (m.exitCode !== 0 || m.timedOut) {
    note = `exit ${m.exitCode ?? m.signal}${m.timedOut ? ' (timed out)' : ''}`;
    log(`${label}: exit ${m.exitCode}; stderr:\n${tail(m.stderrFile)}`);
  }
  try {
    const stats = (
      JSON.parse(readFileSync(outFile, 'utf8')) as {
        results: { stats: { successes: number; failures: number; errors: number; durationMs?: number; evaluationDurationMs?: number } };
      }
    ).results.stats;
    errors = stats.errors;
    count = stats.successes + stats.failures + stats.errors;
    phaseMs = stats.evaluationDurationMs ?? stats.durationMs ?? null;
  } catch (err) {
    note = `${note ? note + '; ' : ''}no output file (${(err as Error).message.slice(0, 60)})`;
  }
  const row: Row = {
    tool: 'promptfoo',
    mode: 'no cache',
    c,
    n: count,
    m,
    idealMs: idealMs(count, c),
    phaseMs,
    phaseNote: "promptfoo's own evaluationDurationMs",
    serverChat: counts.chat,
    expectedChat: n,
    serverCpuMs,
    errors,
    note,
  };
  rows.push(row);
  logRow(row);
  if (!argv.keep) rmSync(dir, { recursive: true, force: true });
  return row;
}

// ---------------------------------------------------------------------------------------------
// Output

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const mb = (kb: number) => kb / 1024;

/** Average number of cores busy with other processes (neither the child nor the mock server) during the run. */
function othersLoad(r: Row): number {
  return Math.max(0, r.m.machineBusyMs - r.m.cpuMs - r.serverCpuMs) / r.m.wallMs;
}

function logRow(r: Row): void {
  log(
    `  ${r.tool} ${r.mode} c=${r.c} n=${r.n}: wall ${f2(r.m.wallMs / 1000)} s${r.idealMs ? ` (ideal ${f2(r.idealMs / 1000)} s, ×${f2(r.m.wallMs / r.idealMs)})` : ''}, ` +
      `${f1((r.n / r.m.wallMs) * 1000)} req/s, CPU ${f2(r.m.cpuMs / r.n)} ms/req, peak RSS ${f1(mb(r.m.peakRssKb))} MB, server got ${r.serverChat}/${r.expectedChat} chat requests, others' load ${f2(othersLoad(r))} cores` +
      (r.note ? ` — ${r.note}` : ''),
  );
}

function table(): string {
  const head = [
    "| tool | mode | c | N | wall s | ideal s | wall/ideal | req/s | CPU ms/req | peak RSS MB | ask phase s | phase/ideal | server got | errors | server CPU ms/req | others' load (cores) |",
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const body = rows.map((r) => {
    const wall = r.m.wallMs / 1000;
    const ideal = r.idealMs === null ? null : r.idealMs / 1000;
    const ok = r.serverChat === r.expectedChat ? '' : ' ⚠';
    return [
      '',
      r.tool,
      r.mode + (r.note ? ` (${r.note})` : ''),
      r.c,
      r.n,
      f2(wall),
      ideal === null ? '–' : f2(ideal),
      ideal === null ? '–' : f2(wall / ideal),
      Math.round(r.n / wall),
      f2(r.m.cpuMs / r.n),
      f1(mb(r.m.peakRssKb)),
      r.phaseMs === null ? '–' : f2(r.phaseMs / 1000),
      r.phaseMs === null || ideal === null ? '–' : f2(r.phaseMs / 1000 / ideal),
      `${r.serverChat}${ok}`,
      Number.isNaN(r.errors) ? '?' : r.errors,
      f2(r.serverCpuMs / r.n),
      f2(othersLoad(r)),
      '',
    ]
      .join(' | ')
      .trim();
  });
  return [...head, ...body].join('\n');
}

function machine(): Record<string, string> {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
  const kernel = spawnSync('uname', ['-sr'], { encoding: 'utf8' }).stdout?.trim() ?? '?';
  return {
    date: new Date().toISOString(),
    nproc,
    cpu: model,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    kernel,
    'load average at start (1/5/15 min)': loadAtStart,
    'code measured': codeAtStart,
    'measured with': hasTime
      ? `GNU time (${TIME_BIN}: user+sys, max RSS) + wall from spawn to exit`
      : `/proc/<pid>/stat and status sampled every 100 ms (CLK_TCK ${CLK_TCK})`,
  };
}

interface Target {
  what: string;
  met: boolean | null;
  evidence: string;
}

function targets(): Target[] {
  const cb = (mode: string, c: number) => rows.find((r) => r.tool === 'culturebench' && r.mode === mode && r.c === c);
  const out: Target[] = [];
  const at256 = cb('no cache', 256) ?? cb('no cache', cMax);
  if (at256) {
    const ratio = at256.m.wallMs / at256.idealMs!;
    out.push({
      what: `wall within 1.10 × ideal at c = ${at256.c}`,
      met: ratio <= 1.1 && !at256.note,
      evidence: `wall ${f2(at256.m.wallMs / 1000)} s vs ideal ${f2(at256.idealMs! / 1000)} s = ${f2(ratio)}× (the ask phase alone: ${at256.phaseMs === null ? '?' : `${f2(at256.phaseMs / 1000)} s = ${f2(at256.phaseMs / at256.idealMs!)}×`})`,
    });
  }
  const cachedBig = rows.find((r) => r.tool === 'culturebench' && r.mode === 'cached re-run' && r.n >= params.cachedRequests);
  if (cachedBig) {
    out.push({
      what: `cached re-run of ${cachedBig.n.toLocaleString('en-US')} responses in under 10 s`,
      met: cachedBig.m.wallMs < 10_000 && !cachedBig.note && cachedBig.serverChat === 0,
      evidence: `wall ${f2(cachedBig.m.wallMs / 1000)} s, ${cachedBig.serverChat} chat requests reached the server${cachedBig.note ? `; ${cachedBig.note}` : ''}`,
    });
  }
  const big = rows.filter((r) => r.tool === 'culturebench' && r.n >= params.cachedRequests);
  if (big.length) {
    const peak = Math.max(...big.map((r) => r.m.peakRssKb));
    const small = rows.filter((r) => r.tool === 'culturebench' && r.mode !== 'no cache' && r.n < params.cachedRequests);
    const growth = small.length ? `; at ${small[0].n.toLocaleString('en-US')}: ${small.map((r) => `${r.mode} ${f1(mb(r.m.peakRssKb))} MB`).join(', ')}` : '';
    out.push({
      what: `peak RSS ≤ 200 MB at ${params.cachedRequests.toLocaleString('en-US')} requests (not growing with N)`,
      met: mb(peak) <= 200,
      evidence: `at ${big[0].n.toLocaleString('en-US')}: ${big.map((r) => `${r.mode} ${f1(mb(r.m.peakRssKb))} MB`).join(', ')}${growth}`,
    });
  }
  for (const c of params.concurrency) {
    const a = cb('no cache', c);
    const b = rows.find((r) => r.tool === 'promptfoo' && r.c === c);
    if (!a || !b) continue;
    out.push({
      what: `faster than promptfoo at c = ${c} (same server, N, concurrency)`,
      met: a.m.wallMs < b.m.wallMs && !a.note,
      evidence: `culturebench ${f2(a.m.wallMs / 1000)} s vs promptfoo ${f2(b.m.wallMs / 1000)} s wall (${f2(b.m.wallMs / a.m.wallMs)}× ${a.m.wallMs < b.m.wallMs ? 'faster' : 'slower'}); CPU ${f2(a.m.cpuMs / a.n)} vs ${f2(b.m.cpuMs / b.n)} ms/req; peak RSS ${f1(mb(a.m.peakRssKb))} vs ${f1(mb(b.m.peakRssKb))} MB`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

/** Runs another perf script in its own process and returns the markdown it prints (or why it failed). */
function perfScript(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, ['--conditions=@culturebench/source', '--import', 'tsx', join(PERF, script), ...args], {
    cwd: join(PERF, '..'),
    env: childEnv({}),
    encoding: 'utf8',
    timeout: params.childTimeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status === 0) return r.stdout.trim();
  return `${script} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`;
}

async function mainPerf(): Promise<void> {
  log(`work folder ${work}`);
  log(`parameters: ${JSON.stringify(params)}`);
  let promptfooReady = false;
  if (params.promptfoo) promptfooReady = ensurePromptfoo();
  server = await startServer(params.latencyMs);
  log(`mock server ${server.url} (pid ${server.pid}, latency ${params.latencyMs} ms)`);

  const prompts = promptfooReady ? await culturebenchPrompts(samplesFor(params.requests) * ITEMS) : [];

  // 1. Uncached runs, culturebench and promptfoo side by side per concurrency level.
  for (const c of params.concurrency) {
    await runCulturebench({ mode: 'no cache', c, n: params.requests, expectCached: false });
    if (promptfooReady) await runPromptfoo(c, samplesFor(params.requests) * ITEMS, prompts);
  }

  // 2. Cache: fill it, then a fully cached re-run; at a smaller N too, to show memory growth.
  const cacheSizes = [params.smallCachedRequests, params.cachedRequests].filter((n) => n > 0);
  const cacheDirs = new Map<number, string>();
  for (const n of [...new Set(cacheSizes)].sort((a, b) => a - b)) {
    const cacheDir = join(work, `cache-${n}`);
    cacheDirs.set(n, cacheDir);
    await runCulturebench({ mode: 'cache fill', c: cMax, n, cacheDir, expectCached: false });
    await runCulturebench({ mode: 'cached re-run', c: cMax, n, cacheDir, expectCached: true });
    const size = readdirSync(cacheDir).reduce((a, f) => a + statSync(join(cacheDir, f)).size, 0);
    log(`  cache at ${n}: ${f1(size / 2 ** 20)} MB on disk`);
  }

  // 3. Optional CPU profiles of the client (not counted in the table: profiling slows it down).
  let profiles = '';
  if (params.profile) {
    const profileDir = join(work, 'profiles');
    const take = async (title: string, run: () => Promise<Row>) => {
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
      const row = await run();
      if (row.m.exitCode !== 0) {
        profiles += `#### ${title}\n\nNo profile: the run failed (${row.note}): ${
          tail(row.m.stderrFile, 40)
            .split('\n')
            .find((l) => /Error/.test(l)) ?? ''
        }\n\n`;
        return;
      }
      const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      for (const f of files.sort()) {
        // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; thread 0 is the main thread.
        const tid = Number(/^CPU\.\d+\.\d+\.\d+\.(\d+)\./.exec(f)?.[1] ?? 0);
        const thread = tid === 0 ? 'main thread' : `thread ${tid} (Node's off-thread module loader running the tsx hooks)`;
        const summary = summariseProfile(JSON.parse(readFileSync(join(profileDir, f), 'utf8')), tid === 0 ? 20 : 8);
        profiles += profileMarkdown(summary, `${title}: ${thread}; wall ${f2(row.m.wallMs / 1000)} s under the profiler`) + '\n';
      }
      if (argv.keep) {
        const kept = join(work, `profile-${rows.length}-${Date.now()}`);
        spawnSync('cp', ['-r', profileDir, kept]);
        log(`  profiles kept in ${kept}`);
      }
    };
    await take(`culturebench, no cache, c = ${cMax}, N = ${samplesFor(params.requests) * ITEMS}`, () =>
      runCulturebench({ mode: 'no cache (profiled)', c: cMax, n: params.requests, expectCached: false, profileDir, record: false }),
    );
    const bigDir = cacheDirs.get(params.cachedRequests);
    if (bigDir) {
      await take(`culturebench, cached re-run, N = ${samplesFor(params.cachedRequests) * ITEMS}`, () =>
        runCulturebench({
          mode: 'cached re-run (profiled)',
          c: cMax,
          n: params.cachedRequests,
          cacheDir: bigDir,
          expectCached: true,
          profileDir,
          record: false,
        }),
      );
    }
  }

  server.kill();
  server = undefined;

  // 4. The HTTP client layers alone (own process, own server), for where the time goes.
  let floor = '';
  if (params.clientFloor) {
    log(`client floor: node:http, fetch, openai SDK, LangChain at c = ${cMax} …`);
    const n = samplesFor(params.requests) * ITEMS;
    floor = perfScript('client-floor.ts', ['--requests', String(n), '--concurrency', String(cMax), '--latency-ms', String(params.latencyMs)]);
    log(floor);
  }
  // 5. The built CLI as installed (issue 14): start-up, a million requests, the endpoint pool.
  const installed: string[] = [];
  if (params.startup) {
    log('start-up of the built CLI next to node -e 0 (perf/startup.ts) …');
    installed.push(perfScript('startup.ts', quick ? ['--runs', '2', '--requests', '960'] : []));
  }
  if (params.million) {
    log('1,000,000 requests: cache fill, cached re-run, report (perf/million.ts) …');
    installed.push(perfScript('million.ts', []));
  }
  if (params.endpoints) {
    log('endpoint pool overhead (perf/endpoint-pool.ts) …');
    installed.push(perfScript('endpoint-pool.ts', []));
  }

  // 4. Report.
  const t = table();
  const ts = targets();
  const mach = machine();
  const md = [
    '# culturebench performance benchmark',
    '',
    'Produced by `npx nx run benchmarks:perf` (`benchmarks/perf/run.ts`; see `benchmarks/perf/README.md`). Numbers from one run on the machine below; on 2 cores they are noisy, so compare rows of the same run rather than across runs.',
    '',
    'Measurements by hand (before/after pairs of each change, with their load averages) are kept in [HISTORY.md](HISTORY.md).',
    '',
    ...(installed.length
      ? [
          '## Installed CLI: start-up and memory (issue 14)',
          '',
          'The built JS as `npm install` gives it (`bin/culturebench.mjs` → `dist/`), each row next to `node -e 0` measured at the same time; the load average is printed with each table.',
          '',
          ...installed.map((m) => m.trim() + '\n'),
        ]
      : []),
    '## Machine',
    '',
    ...Object.entries(mach).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Parameters',
    '',
    `- loopback OpenAI-compatible server (\`@culturebench/mock-llm\`, own process), latency L = ${params.latencyMs} ms, non-streamed replies ("3")`,
    `- uncached runs: N = ${samplesFor(params.requests) * ITEMS} requests (samples = ceil(${params.requests}/24) = ${samplesFor(params.requests)} × 24 VSM items, 1 country, native condition, 1 model), concurrency c ∈ {${params.concurrency.join(', ')}} (model and global cap both c)`,
    `- culturebench: \`node --import tsx packages/cli/src/main.ts run --config … --no-progress --no-cache --out <tmp>\` (full pipeline: model check, plan, ask, parse, responses.jsonl, score, report)`,
    `- cache rows: \`--cache-dir <tmp>\` instead of \`--no-cache\`, c = ${cMax}: a first run fills the cache ("cache fill"), the second is answered from it ("cached re-run")`,
    params.promptfoo
      ? `- promptfoo 0.121.20 (own folder \`benchmarks/perf/promptfoo\`), \`promptfoo eval --no-cache -j c -o <tmp>/output.json --no-table --no-progress-bar --no-share\`, provider \`openai:chat:${MODEL}\` with \`apiBaseUrl\` = the mock, the same N chat prompts culturebench sends (system + user messages rendered by culturebench's prompter), no assertions, telemetry/update check off, its results database in a fresh temp folder`
      : '- promptfoo: skipped',
    '- ideal = ceil(N/c) × L; wall = child process from spawn to exit (start-up, config load, model check and report writing included)',
    "- ask phase (culturebench): from responses.jsonl, first request sent (first row's `at` minus its latency) to last row written; for a cached re-run, first to last cached row. promptfoo: its own `evaluationDurationMs`.",
    '- CPU ms/req = (user + sys of the child) / N; peak RSS = max RSS of the child; "server got" = chat requests the mock answered during that run (⚠ when not the expected N, or 0 for a cached re-run)',
    '',
    '## Results',
    '',
    t,
    '',
    '## Targets (issue 4)',
    '',
    '| target | met | evidence |',
    '| --- | --- | --- |',
    ...ts.map((x) => `| ${x.what} | ${x.met === null ? '?' : x.met ? 'yes' : '**no**'} | ${x.evidence} |`),
    '',
    ...(floor
      ? [
          '## The HTTP client layers alone (`perf/client-floor.ts`)',
          '',
          `The same server and the same N at c = ${cMax}, sent by one process through each layer of the stack culturebench's openai provider uses, without culturebench around it (a warm-up of 2c requests first; CPU = this process's user + sys). It shows how much of the per-request cost is the client stack itself.`,
          '',
          floor
            .split('\n')
            .filter((l) => l.startsWith('|'))
            .join('\n'),
          '',
        ]
      : []),
    // Issue 12: tokens per method to reach the default design's precision (in-process simulation).
    costPerPrecisionMarkdown(await costPerPrecision({ replicates: quick ? 100 : 400 })),
    ...(profiles ? ['## CPU profiles of the culturebench child (`node --cpu-prof`)', '', profiles] : []),
  ].join('\n');
  process.stdout.write('\n' + t + '\n\n' + ts.map((x) => `${x.met ? 'MET ' : 'MISS'}  ${x.what}: ${x.evidence}`).join('\n') + '\n');
  if (resultsFile) {
    writeFileSync(resultsFile, md + '\n');
    log(`wrote ${resultsFile}`);
  } else {
    writeFileSync(join(work, 'RESULTS.md'), md + '\n');
    if (argv.keep) log(`wrote ${join(work, 'RESULTS.md')}`);
  }
  if (profiles) process.stdout.write('\n' + profiles + '\n');
}

mainPerf()
  .then(() => cleanupAndExit(0))
  .catch((err) => {
    log(`failed: ${(err as Error).stack ?? err}`);
    cleanupAndExit(1);
  });
