/**
 * Memory and time of the report stage's two per-row exports on a large run: responses.arrow
 * (leaderboard's arrow reporter) and the response browser (report-html). Each is run in a child
 * process of its own, fed the records as the report stage streams them (core's LatestRecords
 * index and scoringView), beside a child that only iterates the records: the difference in peak
 * RSS is what the export adds. Prompt texts can be made distinct per row (--distinct-prompts: the
 * worst case of a run with as many personas as requests; the hashes are then synthetic).
 *
 *   tsx --conditions=@culturebench/source perf/report-exports.ts RUN_DIR [--distinct-prompts]
 * RUN_DIR: a run's folder (manifest.json, responses.jsonl), e.g. one kept by perf/million.ts --keep.
 * Outputs go to a temporary folder, never into RUN_DIR. Prints a markdown table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LatestRecords, scoringView, surveyPrompter, type ResponseRecord, type RunManifest } from '@culturebench/core';
import { writeResponsesArrow } from '@culturebench/leaderboard';
import { writeResponseBrowser } from '@culturebench/report-html';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

type Mode = 'iterate' | 'arrow' | 'browser';

/** The records as the report stage hands them over: core's index of the latest lines, streamed again per walk. */
function streamedRecords(path: string, distinctPrompts: boolean): Iterable<ResponseRecord> {
  const records = scoringView(LatestRecords.open([path]));
  if (!distinctPrompts) return records;
  return {
    *[Symbol.iterator]() {
      let row = 0;
      for (const r of records) yield { ...r, promptHash: `synthetic-${row++}` };
    },
  };
}

function peakMb(): number {
  const m = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function child(mode: Mode, runDir: string, outDir: string, distinctPrompts: boolean): void {
  const records = streamedRecords(join(runDir, 'responses.jsonl'), distinctPrompts);
  const before = peakMb();
  const t = performance.now();
  let rows = 0;
  if (mode === 'iterate') for (const _ of records) rows++;
  if (mode === 'arrow') rows = writeResponsesArrow(join(outDir, 'responses.arrow'), records);
  if (mode === 'browser') {
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as RunManifest;
    rows = writeResponseBrowser({ runDir: outDir, manifest, survey: loadVsm2013(), prompter: surveyPrompter, records }).rows;
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ mode, rows, seconds, peakMb: peakMb(), startMb: before }));
}

function du(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((a, f) => a + du(join(path, f)), 0) : s.size;
}

const [runDir, ...flags] = process.argv.slice(2);
const mode = flags.find((f) => f.startsWith('--child='))?.slice(8) as Mode | undefined;
const distinct = flags.includes('--distinct-prompts');
if (!runDir) throw new Error('usage: report-exports.ts RUN_DIR [--distinct-prompts]');
if (mode) child(mode, runDir, flags.find((f) => f.startsWith('--out='))!.slice(6), distinct);
else {
  const out = mkdtempSync(join(tmpdir(), 'culturebench-exports-'));
  try {
    const self = fileURLToPath(import.meta.url);
    const results = (['iterate', 'arrow', 'browser'] as const).map((m) => {
      const r = spawnSync(process.execPath, [...process.execArgv, self, runDir, `--child=${m}`, `--out=${out}`, ...(distinct ? ['--distinct-prompts'] : [])], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (r.status !== 0) throw new Error(`${m} exited ${r.status}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { mode: Mode; rows: number; seconds: number; peakMb: number };
    });
    const floor = results[0];
    const size = { iterate: 0, arrow: du(join(out, 'responses.arrow')), browser: du(join(out, 'responses')) };
    console.log(`rows: ${floor.rows}${distinct ? ' (prompt hashes made distinct per row: synthetic)' : ''}`);
    console.log('| what | seconds | peak RSS (MB) | added over iterating (MB) | output (MB) |');
    console.log('|---|---|---|---|---|');
    for (const r of results)
      console.log(
        `| ${r.mode} | ${r.seconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${r === floor ? '–' : (r.peakMb - floor.peakMb).toFixed(0)} | ${r === floor ? '–' : (size[r.mode] / 1e6).toFixed(0)} |`,
      );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
