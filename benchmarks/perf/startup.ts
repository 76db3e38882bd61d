/**
 * Start-up and memory of the installed-style CLI (the built JS, as `npm install` gives it), side by
 * side with `node -e 0`:
 *   1. `culturebench --help`: wall and peak RSS, paired runs against `node -e 0` (GNU time).
 *   2. A run against a loopback OpenAI-compatible server (separate process) at 500 ms latency:
 *      time from spawn to the first chat request (received by the server) and to the first reply,
 *      peak RSS up to each, then the whole run's wall against the ideal (ceil(N / c) × latency),
 *      split into start-up, ask phase and report stage as the server saw them, and its peak RSS;
 *      then the same run fully cached.
 *
 *   tsx --conditions=@culturebench/source perf/startup.ts [--runs 10] [--requests 10000] [--concurrency 256]
 * (nx run benchmarks:perf-startup builds the packages first.) Prints a markdown section.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PERF = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(PERF, '..', '..');
const BIN = join(REPO, 'packages/cli/bin/culturebench.mjs');
const KEY_ENV = 'PERF_STARTUP_KEY';
const { values: argv } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '256' },
    'latency-ms': { type: 'string', default: '500' },
  },
});
const RUNS = Number(argv.runs);
const N = Number(argv.requests);
const C = Number(argv.concurrency);
const LATENCY = Number(argv['latency-ms']);
if (!existsSync(join(REPO, 'packages/cli/dist/main.js'))) throw new Error('build first: npx nx run-many -t build');
const env = { ...process.env, CULTUREBENCH_USE_DIST: '1', [KEY_ENV]: 'sk-perf', NODE_OPTIONS: '' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (xs: number[], d = 2) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;

/** Wall seconds and peak RSS (MB) of one command, from GNU time. */
function timed(cmd: string[]): { wall: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], { env, encoding: 'utf8', cwd: tmpdir() });
  const [wall, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, rssMb: kb / 1024 };
}

function helpPairs() {
  const base: { wall: number; rssMb: number }[] = [];
  const help: { wall: number; rssMb: number }[] = [];
  const check = spawnSync(process.execPath, [BIN, '--help'], { env, encoding: 'utf8', cwd: tmpdir() });
  if (check.status !== 0 || !check.stdout.includes('culturebench <command>')) throw new Error(`--help failed: ${check.stderr}`);
  for (let i = 0; i < RUNS; i++) {
    base.push(timed([process.execPath, '-e', '0']));
    help.push(timed([process.execPath, BIN, '--help']));
  }
  const diff = help.map((h, i) => h.wall - base[i].wall);
  return { base, help, diff };
}

/** Chat replies the server has sent, and HTTP requests it has received (a request counts on arrival). */
type Counts = { chat: number; http: number };

async function mockServer(): Promise<{ url: string; count: () => Promise<Counts>; quit: () => void; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@culturebench/source', '--import', 'tsx', join(PERF, 'mock-server.ts'), '--latency-ms', String(LATENCY), '--model', 'm1'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((l: string) => void)[] = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = () => new Promise<string>((r) => waiting.push(r));
  const { url } = JSON.parse(await next()) as { url: string };
  return {
    url,
    child,
    count: async () => {
      child.stdin!.write('count\n');
      return JSON.parse(await next()) as Counts;
    },
    quit: () => child.stdin!.end(),
  };
}

/** CPU seconds (user + sys) of a live process, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

function status(pid: number, field: string): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * One CLI run: seconds from spawn to the first chat reply counted by the server and to the first
 * request it received (the only HTTP request before it is the model check's GET /models, so the
 * second request received is the first chat request), peak RSS at those moments, the moment the
 * last expected reply was sent, wall, peak RSS overall.
 */
async function cliRun(server: Awaited<ReturnType<typeof mockServer>>, dir: string, samples: number, cache: boolean, asks = true) {
  const file = join(dir, 'perf.json');
  const model = { id: 'm1', provider: 'openai', model: 'm1', baseUrl: `${server.url}/v1`, apiKeyEnv: KEY_ENV, concurrency: C };
  const persona = { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } };
  writeFileSync(
    file,
    JSON.stringify({
      name: 'perf',
      survey: 'vsm2013',
      countries: ['US'],
      conditions: ['native'],
      persona,
      samples,
      concurrency: C,
      outDir: 'out',
      models: [model],
    }),
  );
  const base = await server.count();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, 'run', '--config', file, '--no-progress', '--replicates', '0', '--cache-dir', join(dir, 'cache'), ...(cache ? [] : ['--no-cache'])],
    {
      env,
      cwd: dir,
      stdio: 'ignore',
    },
  );
  let first = NaN;
  let rssFirst = NaN;
  let arrived = NaN;
  let rssArrived = NaN;
  let lastReply = NaN;
  // The last reply of a run that asks every request (a cached re-run asks none).
  const expected = asks ? samples * 24 : Infinity;
  let peak = 0;
  let cpu = 0;
  const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const hwm = status(child.pid!, 'VmHWM');
    if (Number.isFinite(hwm)) peak = Math.max(peak, hwm);
    const c = cpuSeconds(child.pid!);
    if (Number.isFinite(c)) cpu = c;
    const counts = await server.count();
    const t = (performance.now() - started) / 1000;
    // GET /models (the model check) is the first request; the first chat request is the second.
    if (Number.isNaN(arrived) && counts.http - base.http >= 2) {
      arrived = t;
      rssArrived = hwm;
    }
    if (Number.isNaN(first) && counts.chat > base.chat) {
      first = t;
      rssFirst = hwm;
    }
    if (Number.isNaN(lastReply) && counts.chat - base.chat >= expected) lastReply = t;
    await new Promise((r) => setTimeout(r, Number.isNaN(first) ? 5 : 20));
  }
  const code = await exited;
  if (code !== 0) throw new Error(`culturebench run exited ${code} (samples ${samples}, cache ${cache})`);
  const wall = (performance.now() - started) / 1000;
  return { code, first, rssFirst, arrived, rssArrived, lastReply, wall, peak, cpu, asked: (await server.count()).chat - base.chat };
}

const dir = mkdtempSync(join(tmpdir(), 'culturebench-startup-'));
try {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const { base, help, diff } = helpPairs();
  const server = await mockServer();
  const samples = Math.ceil(N / 24); // 24 VSM items, one country, one condition
  const requests = samples * 24;
  const ideal = Math.ceil(requests / C) * (LATENCY / 1000);
  const firstRuns = [];
  for (let i = 0; i < 3; i++) {
    const d = mkdtempSync(join(dir, 'first-'));
    firstRuns.push(await cliRun(server, d, Math.ceil(C / 24), false));
  }
  // The first run fills an empty cache; the second replays it whole.
  const big = await cliRun(server, dir, samples, true);
  const cached = await cliRun(server, dir, samples, true, false);
  server.quit();
  const version = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  const out = [
    `### Start-up and memory (built JS, \`bin/culturebench.mjs\` → \`dist/\`), commit ${version}`,
    '',
    `Node ${process.version}, load average at start ${load} (2 cores; \`node -e 0\` is the yardstick for how loaded the machine was); medians (min–max) of ${RUNS} paired runs; GNU time wall and max RSS.`,
    '',
    '| measure | `node -e 0` | culturebench | difference / target |',
    '|---|---|---|---|',
    `| \`--help\` wall s | ${fmt(base.map((b) => b.wall))} | ${fmt(help.map((h) => h.wall))} | +${fmt(diff)} s (target ≤ +0.5 s) |`,
    `| \`--help\` peak RSS MB | ${fmt(
      base.map((b) => b.rssMb),
      0,
    )} | ${fmt(
      help.map((h) => h.rssMb),
      0,
    )} | |`,
    `| run: spawn → first chat request received by the server, s | | ${fmt(firstRuns.map((r) => r.arrived))} | target ≤ 1.5 s |`,
    `| run: peak RSS up to the first chat request received, MB | | ${fmt(
      firstRuns.map((r) => r.rssArrived),
      0,
    )} | target ≤ 100 MB |`,
    `| run: spawn → first chat reply counted by the server, s | | ${fmt(firstRuns.map((r) => r.first))} | includes the ${LATENCY} ms served latency |`,
    `| run: the above less the latency, s | | ${fmt(firstRuns.map((r) => r.first - LATENCY / 1000))} | (the first reply waits for the whole first round of c requests to be built) |`,
    `| run: peak RSS up to the first reply (c requests in flight), MB | | ${fmt(
      firstRuns.map((r) => r.rssFirst),
      0,
    )} | stricter reading of the 100 MB target |`,
    `| run, ${requests} requests, c = ${C}, ${LATENCY} ms latency: wall s | ideal ${ideal.toFixed(2)} | ${big.wall.toFixed(2)} (exit ${big.code}, ${big.asked} asked) | ${(big.wall / ideal).toFixed(3)}× ideal (target ≤ 1.05×) |`,
    `| same run, start-up: spawn → first chat request received, s | | ${big.arrived.toFixed(2)} | ${(big.arrived / ideal).toFixed(3)}× ideal |`,
    `| same run, ask phase: first chat request received → last reply sent, s | ideal ${ideal.toFixed(2)} | ${(big.lastReply - big.arrived).toFixed(2)} | ${((big.lastReply - big.arrived) / ideal).toFixed(3)}× ideal |`,
    `| same run, report stage: last reply sent → exit, s | | ${(big.wall - big.lastReply).toFixed(2)} | ${((big.wall - big.lastReply) / ideal).toFixed(3)}× ideal |`,
    `| same run: CPU s (user + sys) / peak RSS MB | | ${big.cpu.toFixed(1)} / ${big.peak.toFixed(0)} | |`,
    `| same run fully cached: wall s / CPU s / peak RSS MB | | ${cached.wall.toFixed(2)} / ${cached.cpu.toFixed(1)} / ${cached.peak.toFixed(0)} (exit ${cached.code}, ${cached.asked} asked) | |`,
    '',
    'The run times include the report (analyses with `--replicates 0`, report.html); the first-request runs ask one round of c requests. The server is polled every 5 ms until the first reply, then every 20 ms: phase boundaries are ±20 ms.',
    '',
  ].join('\n');
  process.stdout.write(out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
