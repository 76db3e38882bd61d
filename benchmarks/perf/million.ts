/**
 * Memory of a very large run end to end (issue 14: peak RSS ≤ 250 MB for 1,000,000 requests,
 * uncached and fully cached, and for `report` on it). Runs the built CLI (as installed) on the
 * `baseline` provider (no model, no latency: the runner, the cache and the report are all that is
 * measured), one country × one condition × 24 items × ceil(N / 24) respondents:
 *   1. a run that fills an empty response cache (every request asked),
 *   2. the same run again, every reply from the cache,
 *   3. `culturebench report` on the first run's directory.
 * Each under GNU time (wall, CPU, max RSS); RSS is also sampled every 250 ms from /proc so the
 * peak of the ask phase (until the manifest gets its `finishedAt`, before the report stage) is
 * known apart from the report stage's.
 *
 *   tsx --conditions=@culturebench/source perf/million.ts [--requests 1000000] [--replicates 0] [--keep]
 * (nx run benchmarks:perf-million builds the packages first.) Prints a markdown section.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PERF = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(PERF, '..', '..');
const BIN = join(REPO, 'packages/cli/bin/culturebench.mjs');
const { values: argv } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    replicates: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
  },
});
if (!existsSync(join(REPO, 'packages/cli/dist/main.js'))) throw new Error('build first: npx nx run-many -t build');
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time (/usr/bin/time; Debian: apt-get install -y time)');
const env = { ...process.env, CULTUREBENCH_USE_DIST: '1', NODE_OPTIONS: '' };

interface Measured {
  wall: number;
  cpu: number;
  peakMb: number;
  askPeakMb: number;
  askSeconds: number;
  code: number;
}

function vmRssMb(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function finished(dir: string): boolean {
  try {
    const runs = readdirSync(join(dir, 'out')).filter((d) => existsSync(join(dir, 'out', d, 'manifest.json')));
    return runs.some((d) => (JSON.parse(readFileSync(join(dir, 'out', d, 'manifest.json'), 'utf8')) as { finishedAt: unknown }).finishedAt !== null);
  } catch {
    return false;
  }
}

/** One command under GNU time, its RSS sampled; `askDir`: a run folder whose manifest marks the end of asking. */
async function measure(args: string[], cwd: string, askDir?: string): Promise<Measured> {
  const timeFile = join(cwd, `time-${Date.now()}.txt`);
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S %M', process.execPath, BIN, ...args], {
    env,
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
  let done = false;
  void exited.then(() => (done = true));
  let askPeak = 0;
  let askSeconds = NaN;
  let nodePid: number | undefined;
  while (!done) {
    // GNU time's child is node.
    nodePid ??= Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]) || undefined;
    if (nodePid && askDir && Number.isNaN(askSeconds)) {
      askPeak = Math.max(askPeak, vmRssMb(nodePid));
      if (finished(askDir)) askSeconds = (performance.now() - started) / 1000;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const code = await exited;
  if (code !== 0) throw new Error(`culturebench ${args[0]} exited ${code}: ${stderr}`);
  const [wall, user, sys, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user + sys, peakMb: kb / 1024, askPeakMb: askPeak, askSeconds, code };
}

const root = mkdtempSync(join(tmpdir(), 'culturebench-million-'));
try {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const base = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, '-e', '0'], { encoding: 'utf8' })
    .stderr.trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  const samples = Math.ceil(Number(argv.requests) / 24);
  const persona = { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } };
  const config = {
    name: 'million',
    survey: 'vsm2013',
    countries: ['US'],
    conditions: ['native'],
    persona,
    samples,
    concurrency: 256,
    outDir: 'out',
    models: [{ id: 'base', provider: 'baseline', model: 'middle' }],
  };
  const runArgs = (dir: string) => [
    'run',
    '--config',
    join(dir, 'million.json'),
    '--no-progress',
    '--replicates',
    argv.replicates!,
    '--cache-dir',
    join(root, 'cache'),
  ];
  const dirs = ['fill', 'cached'].map((d) => mkdtempSync(join(root, `${d}-`)));
  for (const d of dirs) writeFileSync(join(d, 'million.json'), JSON.stringify(config));
  const fill = await measure(runArgs(dirs[0]), dirs[0], dirs[0]);
  const cached = await measure(runArgs(dirs[1]), dirs[1], dirs[1]);
  const runDir = join(dirs[0], 'out', readdirSync(join(dirs[0], 'out'))[0]);
  const rows = statSync(join(runDir, 'responses.jsonl')).size;
  const report = await measure(['report', runDir, '--replicates', argv.replicates!], dirs[0]);
  const cacheBytes = readdirSync(join(root, 'cache')).reduce((a, f) => a + statSync(join(root, 'cache', f)).size, 0);
  const requests = samples * 24;
  const mb = (x: number) => x.toFixed(0);
  const line = (what: string, m: Measured, ask = true) =>
    `| ${what} | ${m.wall.toFixed(1)} | ${m.cpu.toFixed(1)} | ${ask ? `${m.askSeconds.toFixed(1)} / ${mb(m.askPeakMb)}` : '–'} | ${mb(m.peakMb)} |`;
  const version = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  process.stdout.write(
    [
      `#### ${requests.toLocaleString('en')} requests on the \`baseline\` provider (built JS), commit ${version}`,
      '',
      `Node ${process.version}, load average at start ${load}; \`node -e 0\`: ${base[0].toFixed(2)} s, ${mb(base[1] / 1024)} MB. responses.jsonl ${(rows / 1e6).toFixed(0)} MB, cache file ${(cacheBytes / 1e6).toFixed(0)} MB; \`--replicates ${argv.replicates}\`.`,
      '',
      '| run | wall s | CPU s | ask phase: s from spawn / peak RSS MB | peak RSS MB (whole process) |',
      '|---|---|---|---|---|',
      line('run, empty cache (every request asked, cache filled)', fill),
      line('run, every reply from the cache', cached),
      line('`culturebench report` on the first run', report, false),
      '',
    ].join('\n'),
  );
  if (argv.keep) process.stderr.write(`kept ${root}\n`);
} finally {
  if (!argv.keep) rmSync(root, { recursive: true, force: true });
}
