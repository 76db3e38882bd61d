/**
 * The endpoint pool's overhead (`nx run benchmarks:perf-endpoints`, issue 14 item 6): N chat
 * requests at a total concurrency c through the openai provider's real client (the one a run
 * uses), in three set-ups, each in rounds with the order rotated:
 *
 *   one endpoint      a plain `baseUrl` entry, one server
 *   pool of 1         the same server as `endpoints: [one]` (concurrency c): the pool's bookkeeping alone
 *   pool of 3         `endpoints` over three servers, concurrency c/3 each (c in total)
 *
 * Each server is a mock-server.ts process of its own (its CPU is not this process's). Reports the
 * median over the rounds of wall time (and wall/ideal), this process's CPU ms per request and
 * per-request latency, and how many chat requests each server answered.
 *
 *   tsx --conditions=@culturebench/source benchmarks/perf/endpoint-pool.ts [--requests 20000]
 *     [--concurrency 192] [--latency-ms 50] [--rounds 3] [--results perf/RESULTS.md (appends a section)]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ChatMessage, type ModelClient, type ModelEntry, networkCode, pooledClient } from '@culturebench/core';
import { openaiProvider } from '@culturebench/provider-openai';

const PERF = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(PERF, '../..');
const { values: argv } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '192' },
    'latency-ms': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    results: { type: 'string' },
  },
});
const N = Number(argv.requests);
const C = Number(argv.concurrency);
const L = Number(argv['latency-ms']);
const ROUNDS = Number(argv.rounds);
if (!(N > 0 && C >= 3 && C % 3 === 0 && L >= 0 && ROUNDS >= 1))
  throw new Error('--requests > 0, --concurrency a multiple of 3, --latency-ms ≥ 0, --rounds ≥ 1');

interface Server {
  url: string;
  child: ChildProcess;
  lines: Interface;
  ask(command: string): Promise<{ chat: number; http: number }>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--conditions=@culturebench/source', '--import', 'tsx', join(PERF, 'mock-server.ts'), '--latency-ms', String(L)], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((res) => lines.once('line', res));
  const { url } = JSON.parse(await next()) as { url: string };
  return {
    url,
    child,
    lines,
    ask: async (command) => {
      const reply = next();
      child.stdin!.write(`${command}\n`);
      return JSON.parse(await reply);
    },
  };
}

const messages: ChatMessage[] = [
  {
    role: 'system',
    content: 'Imagine you are a 30-34 year old woman from the United States with 16 years of education, working as a professional. Answer as she would.',
  },
  {
    role: 'user',
    content:
      'Please think of an ideal job, disregarding your present job, if you have one. In choosing an ideal job, how important would it be to you to have sufficient time for your personal or home life?\n\n1. of utmost importance\n2. very important\n3. of moderate importance\n4. of little importance\n5. of very little or no importance\n\nAnswer with the number of one option only (1-5).',
  },
];

interface Measured {
  wallMs: number;
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  /** Requests sent again after a connection closed under them (a run retries those too). */
  retried: number;
}

/** A keep-alive connection the server closed as it was reused (likelier on a loaded machine). */
const connectionClosed = (err: unknown): boolean => ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(networkCode(err) ?? '');

/** n requests, c at a time, through one client; every reply must be the server's "3". */
async function drive(client: ModelClient, n: number, c: number): Promise<Measured> {
  const latencies = new Float64Array(n);
  let next = 0;
  let retried = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      for (let attempt = 1; ; attempt++) {
        try {
          const reply = await client.invoke(messages, { seed: i });
          if (reply.text !== '3') throw new Error(`unexpected reply ${JSON.stringify(reply.text)}`);
          break;
        } catch (err) {
          if (attempt >= 3 || !connectionClosed(err)) throw err;
          retried++;
        }
      }
      latencies[i] = performance.now() - t;
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: c }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort();
  return { wallMs, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / n, p50: latencies[Math.floor(n / 2)], p99: latencies[Math.floor(n * 0.99)], retried };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The pool's own cost, without HTTP: pooledClient over three in-process clients that answer at
 * once, against calling one such client directly; CPU µs per request over `n` requests at c.
 */
async function poolAlone(n: number, c: number): Promise<{ direct: number; pooled: number }> {
  const instant: ModelClient = { capabilities: { seed: true, logprobs: false, n: false }, invoke: async () => ({ text: '3', usage: null }) };
  const pooled = pooledClient(
    [0, 1, 2].map((i) => ({
      baseUrl: `http://replica-${i}:8000/v1`,
      entry: { id: 'p', provider: 'openai', model: 'm1' },
      client: instant,
      concurrency: c / 3,
    })),
    { model: 'p', explain: () => ({ message: 'never', retryable: false }) },
  );
  const cpuPerRequest = async (client: ModelClient) => {
    await drive(client, n, c); // warm-up
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) runs.push((await drive(client, n, c)).cpuMsPerRequest * 1000);
    return median(runs);
  };
  return { direct: await cpuPerRequest(instant), pooled: await cpuPerRequest(pooled) };
}
const alone = await poolAlone(200_000, C);

const servers = await Promise.all([startServer(), startServer(), startServer()]);
const ctx = { env: { PERF_KEY: 'sk-perf-dummy' } };
const base = { provider: 'openai', model: 'm1', params: { temperature: 0.7 } };
const setups: { name: string; entry: ModelEntry; servers: Server[] }[] = [
  { name: 'one endpoint (`baseUrl`)', entry: { ...base, id: 'one', baseUrl: `${servers[0].url}/v1`, apiKeyEnv: 'PERF_KEY' }, servers: [servers[0]] },
  {
    name: 'pool of 1 (`endpoints`, the same server)',
    entry: { ...base, id: 'pool1', endpoints: [{ baseUrl: `${servers[0].url}/v1`, apiKeyEnv: 'PERF_KEY', concurrency: C }] },
    servers: [servers[0]],
  },
  {
    name: `pool of 3 (3 servers, c/3 = ${C / 3} each)`,
    entry: { ...base, id: 'pool3', endpoints: servers.map((s) => ({ baseUrl: `${s.url}/v1`, apiKeyEnv: 'PERF_KEY', concurrency: C / 3 })) },
    servers,
  },
];
const clients = setups.map((s) => openaiProvider.create(s.entry, ctx));
const results: Measured[][] = setups.map(() => []);
const answered: number[][] = setups.map(() => []);
const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
try {
  // Warm-up: connections, JIT, every client once.
  for (const client of clients) await drive(client, Math.min(N, 2 * C), C);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < setups.length; k++) {
      const i = (round + k) % setups.length;
      for (const s of servers) await s.ask('reset');
      results[i].push(await drive(clients[i], N, C));
      answered[i] = await Promise.all(setups[i].servers.map(async (s) => (await s.ask('count')).chat));
      const total = answered[i].reduce((a, b) => a + b, 0);
      // A connection closed after the reply was written may make a retried request answered twice.
      if (total < N || total > N + results[i].at(-1)!.retried) throw new Error(`${setups[i].name}: the servers answered ${total} chat requests for ${N}`);
      process.stderr.write(`round ${round + 1}: ${setups[i].name}: ${(results[i].at(-1)!.wallMs / 1000).toFixed(2)} s\n`);
    }
  }
} finally {
  for (const s of servers) s.child.stdin!.end('quit\n');
}
const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const ideal = Math.ceil(N / C) * L;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim() || '?';
const rows = setups.map((s, i) => {
  const r = results[i];
  const wall = median(r.map((x) => x.wallMs));
  const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  return `| ${s.name} | ${(wall / 1000).toFixed(2)} (${range(
    r.map((x) => x.wallMs / 1000),
    2,
  )}) | ${(wall / ideal).toFixed(2)} | ${median(r.map((x) => x.cpuMsPerRequest)).toFixed(3)} (${range(
    r.map((x) => x.cpuMsPerRequest),
    3,
  )}) | ${median(r.map((x) => x.p50)).toFixed(1)} | ${median(r.map((x) => x.p99)).toFixed(1)} | ${answered[i].join(' / ')} | ${r.reduce((a, x) => a + x.retried, 0)} |`;
});
const markdown = [
  `## The endpoint pool's overhead (\`perf/endpoint-pool.ts\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit})`,
  '',
  `N = ${N} chat requests per run, total concurrency c = ${C}, server latency L = ${L} ms (ideal ceil(N/c) × L = ${(ideal / 1000).toFixed(2)} s), through the openai provider's client (\`openaiProvider.create\`), ${ROUNDS} rounds with the order rotated after a warm-up; medians, (min–max) over the rounds. CPU = this process only (user + system; each mock server is a process of its own). ${cpus().length} CPUs, ${process.version}, load average ${load0} before and ${load1} after (the machine is shared).`,
  '',
  '| set-up | wall s (min–max) | wall/ideal | client CPU ms/req (min–max) | p50 ms | p99 ms | chat requests answered per server (last round) | sent again (all rounds) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ...rows,
  '',
  `The pool alone (no HTTP: \`pooledClient\` over three in-process clients that answer at once, 200,000 requests at c = ${C}, median of 5): ${alone.pooled.toFixed(2)} µs CPU per request through the pool against ${alone.direct.toFixed(2)} µs calling one such client directly, i.e. ${(alone.pooled - alone.direct).toFixed(2)} µs of pool bookkeeping per request.`,
  '',
];
console.log(markdown.join('\n'));
if (argv.results) appendFileSync(resolve(argv.results), `\n${markdown.join('\n')}`);
process.exit(0);
