/**
 * Diagnostic, not part of `benchmarks:perf`: how fast can the HTTP client layers alone go against
 * the same loopback server? Sends N chat requests at concurrency c through each layer in turn
 * (node:http with a keep-alive agent, global fetch/undici, the openai SDK on Node's fetch and on
 * culturebench's node:http fetch, LangChain's ChatOpenAI)
 * and prints wall time, wall/ideal and CPU ms per request of this process. The server runs in its
 * own process (mock-server.ts).
 *
 *   tsx benchmarks/perf/client-floor.ts [--requests 20000] [--concurrency 256] [--latency-ms 50]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { createOpenAISdk } from '@culturebench/provider-openai';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';

const PERF = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '256' },
    'latency-ms': { type: 'string', default: '50' },
  },
});
const N = Number(values.requests);
const C = Number(values.concurrency);
const L = Number(values['latency-ms']);

const server = spawn(process.execPath, ['--conditions=@culturebench/source', '--import', 'tsx', join(PERF, 'mock-server.ts'), '--latency-ms', String(L)], {
  cwd: resolve(PERF, '../..'),
  stdio: ['pipe', 'pipe', 'inherit'],
});
const first = await new Promise<string>((res) => createInterface({ input: server.stdout! }).once('line', res));
const base = (JSON.parse(first) as { url: string }).url;

const system = 'Imagine you are a 30-34 year old woman from the United States with 16 years of education, working as a professional. Answer as she would.';
const user =
  'Please think of an ideal job, disregarding your present job, if you have one. In choosing an ideal job, how important would it be to you to have sufficient time for your personal or home life?\n\n1. of utmost importance\n2. very important\n3. of moderate importance\n4. of little importance\n5. of very little or no importance\n\nAnswer with the number of one option only (1-5).';
const messages = [
  { role: 'system' as const, content: system },
  { role: 'user' as const, content: user },
];

async function pool(n: number, c: number, one: (i: number) => Promise<string>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const text = await one(i);
      if (text !== '3') throw new Error(`unexpected reply ${JSON.stringify(text)}`);
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
}

const agent = new Agent({ keepAlive: true, maxSockets: C });
const viaHttp = (i: number) =>
  new Promise<string>((res, rej) => {
    const body = JSON.stringify({ model: 'm1', messages, temperature: 0.7, seed: i });
    const req = request(
      `${base}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-dummy', 'content-length': Buffer.byteLength(body) } },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => res(JSON.parse(Buffer.concat(chunks).toString('utf8')).choices[0].message.content));
        r.on('error', rej);
      },
    );
    req.on('error', rej);
    req.end(body);
  });

const viaFetch = async (i: number) => {
  const r = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-dummy' },
    body: JSON.stringify({ model: 'm1', messages, temperature: 0.7, seed: i }),
  });
  return ((await r.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content;
};

const sdk = new OpenAI({ apiKey: 'sk-dummy', baseURL: `${base}/v1`, maxRetries: 0 });
const viaSdk = async (i: number) => (await sdk.chat.completions.create({ model: 'm1', messages, temperature: 0.7, seed: i })).choices[0].message.content ?? '';

// culturebench's own client: the SDK with its node:http fetch (provider-openai/src/http-fetch.ts).
const cbSdk = createOpenAISdk({ id: 'm1', provider: 'openai', model: 'm1', baseUrl: `${base}/v1`, apiKeyEnv: 'FLOOR_KEY' }, { env: { FLOOR_KEY: 'sk-dummy' } });
const viaCbSdk = async (i: number) =>
  (await cbSdk.chat.completions.create({ model: 'm1', messages, temperature: 0.7, seed: i })).choices[0].message.content ?? '';

const lc = new ChatOpenAI({ model: 'm1', apiKey: 'sk-dummy', maxRetries: 0, temperature: 0.7, configuration: { baseURL: `${base}/v1` } });
const viaLangChain = async (i: number) => {
  const m = await lc.invoke([new SystemMessage(system), new HumanMessage(user)], { seed: i } as Record<string, unknown>);
  return String(m.content);
};

const ideal = Math.ceil(N / C) * L;
console.log(`N = ${N}, c = ${C}, L = ${L} ms, ideal ${(ideal / 1000).toFixed(2)} s`);
console.log('| client | wall s | wall/ideal | req/s | CPU ms/req |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, fn] of [
  ['node:http, keep-alive agent', viaHttp],
  ['fetch (undici)', viaFetch],
  ['openai SDK (Node fetch)', viaSdk],
  ['openai SDK with node:http fetch (culturebench)', viaCbSdk],
  ['LangChain ChatOpenAI.invoke', viaLangChain],
] as const) {
  await pool(Math.min(N, 2 * C), C, fn); // warm-up: connections, JIT
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(N, C, fn);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`| ${name} | ${(wall / 1000).toFixed(2)} | ${(wall / ideal).toFixed(2)} | ${Math.round((N / wall) * 1000)} | ${(cpuMs / N).toFixed(3)} |`);
}
server.stdin!.end();
agent.destroy();
process.exit(0);
