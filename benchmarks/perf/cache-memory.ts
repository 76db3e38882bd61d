/**
 * Memory of the response cache at scale: writes a cache file of N replies (default 1,000,000,
 * shaped like the benchmark's: a sha256 key, a short reply, token counts, latency), then in child
 * processes (a) opens it with ResponseCache and looks every key up, as a fully cached re-run
 * does, and (b) for comparison holds every reply in a Map, as the cache did before it kept an
 * index. Prints peak RSS (GNU time) and wall for both; the children use the built core (dist/).
 *
 *   tsx --conditions=@culturebench/source perf/cache-memory.ts [--requests 1000000]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ResponseCache, sha256, forEachJsonl } from '@culturebench/core';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000000' }, child: { type: 'string' }, dir: { type: 'string' } } });
const N = Number(values.requests);
const key = (i: number) => sha256(`request ${i}`);

if (values.child) {
  // Child: one of the two ways of answering N lookups from the cache file.
  const dir = values.dir!;
  let hits = 0;
  if (values.child === 'index') {
    const cache = new ResponseCache(dir);
    for (let i = 0; i < N; i++) if (cache.get('ns', key(i))) hits++;
    cache.close();
  } else {
    const map = new Map<string, unknown>();
    forEachJsonl<{ key: string }>(join(dir, 'ns.jsonl'), (r) => map.set(r.key, r));
    for (let i = 0; i < N; i++) if (map.get(key(i))) hits++;
  }
  process.stdout.write(`${hits}\n`);
  process.exit(hits === N ? 0 : 1);
}

const dir = mkdtempSync(join(tmpdir(), 'culturebench-cache-mem-'));
try {
  const fd = openSync(join(dir, 'ns.jsonl'), 'w');
  let buf: string[] = [];
  for (let i = 0; i < N; i++) {
    buf.push(JSON.stringify({ key: key(i), raw: `${1 + (i % 5)}`, tokens: { input: 120 + (i % 40), output: 1 }, latencyMs: 500 + (i % 17) }) + '\n');
    if (buf.length === 10_000) {
      writeSync(fd, buf.join(''));
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join(''));
  closeSync(fd);
  const mb = statSync(join(dir, 'ns.jsonl')).size / 1048576;
  const self = fileURLToPath(import.meta.url);
  const rows = ['index', 'map'].map((mode) => {
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %M', process.execPath, '--conditions=@culturebench/source', '--import', 'tsx', self, '--child', mode, '--dir', dir, '--requests', String(N)],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const [wall, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return `| ${mode === 'index' ? 'ResponseCache (index of line positions)' : 'every reply in a Map (the former cache)'} | ${r.status === 0 ? N : 'FAILED'} | ${wall.toFixed(1)} | ${(kb / 1024).toFixed(0)} |`;
  });
  process.stdout.write(
    [
      `Cache file of ${N.toLocaleString('en')} replies (${mb.toFixed(0)} MB), every key looked up once (Node ${process.version}; includes tsx start-up):`,
      '',
      '| cache | hits | wall s | peak RSS MB |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
