/**
 * The loopback OpenAI-compatible server for the performance benchmark, in a process of its own so
 * that its CPU time and memory are not counted against the client being measured.
 *
 *   node --import tsx benchmarks/perf/mock-server.ts --latency-ms 50 --model m1
 *
 * Prints one JSON line on stdout when listening: {"url": "http://127.0.0.1:PORT"}.
 * Then reads commands from stdin, one per line, and answers each with one JSON line on stdout:
 *   count  → {"chat": <chat replies sent>, "http": <HTTP requests received>}
 *   reset  → {"chat": 0, "http": 0} (clears both counters)
 *   quit   → closes the server and exits
 * The chat count comes from a wrapper around the reply function (called once per answered chat
 * request), since mock-llm itself is not to be edited for the benchmark.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startMockLlm } from '@culturebench/mock-llm';

const { values } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '50' },
    model: { type: 'string', multiple: true, default: ['m1'] },
    reply: { type: 'string', default: '3' },
  },
});

const latencyMs = Number(values['latency-ms']);
const text = values.reply!;
let chat = 0;

const server = await startMockLlm({
  latencyMs,
  recordRequests: false,
  models: values.model,
  // Non-streamed replies are sent whole anyway; one delta keeps streamed replies cheap too.
  streamChunkWords: false,
  reply: () => {
    chat++;
    return text;
  },
});
let httpBase = 0;

process.stdout.write(JSON.stringify({ url: server.url, pid: process.pid }) + '\n');

const counts = () => ({ chat, http: server.requestCount - httpBase });

const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const cmd = line.trim();
  if (cmd === 'count') process.stdout.write(JSON.stringify(counts()) + '\n');
  else if (cmd === 'reset') {
    chat = 0;
    httpBase = server.requestCount;
    process.stdout.write(JSON.stringify(counts()) + '\n');
  } else if (cmd === 'quit') {
    rl.close();
  } else if (cmd) process.stdout.write(JSON.stringify({ error: `unknown command ${cmd}` }) + '\n');
});
// stdin closed (the harness quit or died): stop, so no server is left behind.
rl.on('close', async () => {
  await server.close();
  process.exit(0);
});
