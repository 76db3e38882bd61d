/**
 * Peak memory of the analysis reporter on a large run, its records streamed from responses.jsonl
 * on every pass (nothing held, as the report stage of issue 14 hands them over):
 *   npx tsx --conditions=@culturebench/source packages/analysis/scripts/stream-memory.ts RUN_DIR [REPLICATES]
 * RUN_DIR is only read; the outputs go to a temporary folder. Prints the RSS before, the peak
 * during core's summary, and the peak during the analysis reporter (VmHWM, reset in between
 * through /proc/self/clear_refs), with the number of passes over the file.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, readManifest, scoringRecords, type AnswerRow, type Prompter, type ResponseRecord } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { analysisReporter } from '../src/index.js';

const [dir, reps] = process.argv.slice(2);
if (!dir) {
  console.error('usage: stream-memory.ts RUN_DIR [REPLICATES]');
  process.exit(2);
}
const path = join(dir, 'responses.jsonl');
let passes = 0;

/** The file's records, one line at a time (no two lines in memory beyond one 1 MB chunk). */
function* lines(): Generator<ResponseRecord> {
  passes++;
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const text = rest + buf.toString('utf8', 0, n);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (nl > start) yield JSON.parse(text.slice(start, nl)) as ResponseRecord;
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } finally {
    closeSync(fd);
  }
}
const allRecords: Iterable<ResponseRecord> = { [Symbol.iterator]: lines };
// The reference variant, expanded per respondent (core's scoringRecords, one record at a time).
const records: Iterable<ResponseRecord> = {
  *[Symbol.iterator]() {
    for (const r of lines()) yield* scoringRecords([r]);
  },
};

const mb = (kb: string | undefined) => `${(Number(kb) / 1024).toFixed(0)} MB`;
const status = (field: string) => readFileSync('/proc/self/status', 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1];
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');

const survey = loadVsm2013();
const manifest = readManifest(dir);
const out = mkdtempSync(join(tmpdir(), 'stream-memory-'));
copyFileSync(join(dir, 'manifest.json'), join(out, 'manifest.json'));
globalThis.gc?.();
console.log(`before: RSS ${mb(status('VmRSS'))}`);
resetPeak();
let t = performance.now();
const summary = analyse(records as Iterable<unknown> as AnswerRow[], manifest, survey);
console.log(`core analyse(): peak ${mb(status('VmHWM'))}, ${((performance.now() - t) / 1000).toFixed(1)} s, ${passes} passes`);
globalThis.gc?.();
const base = status('VmRSS');
console.log(`after it: RSS ${mb(base)}`);
resetPeak();
passes = 0;
t = performance.now();
analysisReporter.report({
  runDir: out,
  manifest,
  survey,
  prompter: {} as Prompter,
  records: records as ResponseRecord[],
  allRecords: allRecords as ResponseRecord[],
  summary,
  options: { replicates: Number(reps ?? 0) },
  published: new Map(),
});
const peak = status('VmHWM');
console.log(
  `analysis reporter (${reps ?? 0} replicates): peak ${mb(peak)} (+${mb(String(Number(peak) - Number(base)))} over the RSS before it), ${((performance.now() - t) / 1000).toFixed(1)} s, ${passes} passes`,
);
rmSync(out, { recursive: true, force: true });
