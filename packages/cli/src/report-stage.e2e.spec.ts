import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOneWriter, type Reporter } from '@culturebench/core';
import { main } from './main.js';

// The report stage in a separate process with node:fs instrumented (testing/count-io.ts): it
// never holds responses.jsonl; it indexes it once and each reader streams it again (so the number
// of reads is fixed by the readers), and each output file has exactly one writer.

const dir = mkdtempSync(join(tmpdir(), 'culturebench-report-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runDir: string;
beforeAll(async () => {
  const config = join(dir, 'bench.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'report stage',
      survey: 'vsm2013',
      countries: ['US', 'CN', 'JP'],
      conditions: ['native', 'english'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 3,
      seed: 11,
      models: [
        { id: 'baseline-random', provider: 'baseline', model: 'random' },
        { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
      ],
      outDir: 'out',
    }),
  );
  const quiet = { out: () => {}, err: () => {}, env: {}, interactive: false };
  expect(await main(['run', '--config', config, '--no-progress', '--no-cache', '--replicates', '20'], quiet)).toBe(0);
  runDir = join(dir, 'out', readdirSync(join(dir, 'out'))[0]);
  // A whole run and its report: more than Jest's default 5 s on a loaded machine.
}, 60_000);

describe('the report stage', () => {
  it('streams responses.jsonl a fixed number of times and writes every output exactly once', () => {
    const script = fileURLToPath(new URL('./testing/count-io.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--conditions=@culturebench/source', '--import', 'tsx', script, runDir], {
      encoding: 'utf8',
      cwd: join(fileURLToPath(import.meta.url), '../../../..'),
    });
    const { reads, writes, files } = JSON.parse(out.trim().split('\n').pop()!) as {
      reads: Record<string, number>;
      writes: Record<string, number>;
      files: string[];
    };
    // the index, core's summary, the analyses (one walk of every variant), responses.arrow, the response browser
    expect(reads['responses.jsonl']).toBe(5);
    expect(writes['responses.jsonl']).toBeUndefined();
    const outputs = [
      'scores.csv',
      'alignment.csv',
      'agreement.csv',
      'answers.csv',
      'results.json',
      'per-model.csv',
      'per-country.csv',
      'leaderboard.md',
      'report.html',
    ];
    for (const f of outputs) expect({ f, writes: writes[f] }).toEqual({ f, writes: 1 });
    for (const [f, n] of Object.entries(writes)) expect({ f, n }).toEqual({ f, n: 1 });
    expect([...files].sort()).toEqual(Object.keys(writes).sort());
  }, 60_000);

  it('refuses two reporters that declare the same file', () => {
    const a: Reporter = { id: 'a', files: ['leaderboard.md'], report: () => ({ files: [] }) };
    const b: Reporter = { id: 'b', files: ['x.csv', 'leaderboard.md'], report: () => ({ files: [] }) };
    expect(() => checkOneWriter([a, b])).toThrow('reporters a and b both write leaderboard.md: every output file has one writer');
  });
});
