/**
 * Times the analysis of a run directory: `npm run bench -w @culturebench/analysis -- RUN_DIR [REPLICATES]`
 * (or `npx tsx packages/analysis/scripts/bench.ts RUN_DIR`). Reports wall and CPU time per phase.
 */
import { analyse, latestRecords, readManifest, readResponses } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { analyseRecords } from '../src/index.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: bench.ts RUN_DIR [REPLICATES]');
  process.exit(2);
}
const replicates = Number(process.argv[3] ?? 1000);
const survey = loadVsm2013();
function time<T>(f: () => T): [T, string] {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = f();
  const u = process.cpuUsage(c);
  return [v, `wall ${(performance.now() - t).toFixed(0)} ms, cpu ${((u.user + u.system) / 1000).toFixed(0)} ms`];
}
const [{ manifest, records }, read] = time(() => ({ manifest: readManifest(dir), records: latestRecords(readResponses(`${dir}/responses.jsonl`).records) }));
console.log(`read ${records.length} records:`, read);
console.log('core analyse():', time(() => analyse(records, manifest, survey))[1]);
for (const R of [0, replicates, replicates])
  console.log(`analyseRecords, ${R} replicates:`, time(() => analyseRecords(records, manifest, survey, { replicates: R }))[1]);
