/**
 * Peak memory of the analysis reporter on a large run, its records streamed from responses.jsonl
 * on every pass as the report stage hands them over (core's LatestRecords and scoringView):
 *   npx tsx --conditions=@culturebench/source packages/analysis/scripts/stream-memory.ts RUN_DIR [REPLICATES]
 * RUN_DIR is only read; the outputs go to a temporary folder. Prints the RSS before, the peak
 * during core's summary, and the peak during the analysis reporter (VmHWM, reset in between
 * through /proc/self/clear_refs), with the number of passes over the file.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, LatestRecords, readManifest, scoringView, type Prompter } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { analysisReporter } from '../src/index.js';

const [dir, reps] = process.argv.slice(2);
if (!dir) {
  console.error('usage: stream-memory.ts RUN_DIR [REPLICATES]');
  process.exit(2);
}
// As the report stage hands them over: an index of the latest lines, every pass streams the file again.
const allRecords = LatestRecords.open([join(dir, 'responses.jsonl')]);
let passes = 0;
const counted = <T>(xs: Iterable<T>): Iterable<T> => ({
  *[Symbol.iterator]() {
    passes++;
    yield* xs;
  },
});
const records = counted(scoringView(allRecords));

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
const summary = analyse(records, manifest, survey);
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
  records,
  allRecords: counted(allRecords),
  recordCount: allRecords.count,
  summary,
  options: { replicates: Number(reps ?? 0) },
  published: new Map(),
});
const peak = status('VmHWM');
console.log(
  `analysis reporter (${reps ?? 0} replicates): peak ${mb(peak)} (+${mb(String(Number(peak) - Number(base)))} over the RSS before it), ${((performance.now() - t) / 1000).toFixed(1)} s, ${passes} passes`,
);
rmSync(out, { recursive: true, force: true });
