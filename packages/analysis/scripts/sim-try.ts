/**
 * Quick known-truth experiment at the index level (one respondent spec, native condition only):
 *   npx tsx packages/analysis/scripts/sim-try.ts SPEC_JSON RESPONDENTS RUNS REPLICATES
 * prints the true and mean skill, coverage and width of both intervals, and the paper mean DR.
 */
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';
import { analyseSimulated, nativeStudy, processModel, simulateRecords, STUDY_COUNTRIES, trueSkill } from '../src/index.js';

const survey = loadVsm2013();
const COUNTRIES = STUDY_COUNTRIES;
const spec: SimulationSpec = JSON.parse(process.argv[2] ?? '{}');
const n = Number(process.argv[3] ?? 20);
const R = Number(process.argv[4] ?? 50);
const B = Number(process.argv[5] ?? 200);
const proc = simulationProcess(survey, COUNTRIES, spec);
const design = nativeStudy(survey, COUNTRIES, [processModel('sim', proc)], n);
const truth = trueSkill(survey, COUNTRIES, proc.truth);
let coverC = 0,
  widthC = 0,
  cover = 0,
  sum = 0,
  width = 0,
  drSum = 0,
  raw = 0;
const t0 = performance.now();
for (let r = 0; r < R; r++) {
  const recs = simulateRecords(design, Number(process.env.SEED ?? 1000) + r);
  const a = analyseSimulated(design, recs, B, Number(process.env.SEED ?? 1000) + r);
  const s = a.skill.find((x) => x.model === 'sim')!;
  sum += s.skill.estimate!;
  raw += s.skillUncorrected.estimate!;
  width += s.skill.hi! - s.skill.lo!;
  if (s.skill.lo! <= truth && truth <= s.skill.hi!) cover++;
  if (s.acrossCountries.lo! <= truth && truth <= s.acrossCountries.hi!) coverC++;
  widthC += s.acrossCountries.hi! - s.acrossCountries.lo!;
  drSum += a.perModel.find((x) => x.model === 'sim')!.meanDr.estimate!;
  if (r === 0) console.log(JSON.stringify({ dc: s.defaultCulture, signal: s.countrySignal, bias: s.biasNorm }));
}
console.log({
  truth,
  mean: sum / R,
  rawMean: raw / R,
  coverage: cover / R,
  width: width / R,
  coverageCountries: coverC / R,
  widthCountries: widthC / R,
  meanPaperDr: drSum / R,
  msPerRun: (performance.now() - t0) / R,
  clipped: proc.clipped.length,
});
