/**
 * `acrossCountries` (countries resampled as a sample of cultures) against a known truth, near
 * perfection: the skill is clamped at 1 there, and an interval built from clamped replicates
 * (which pile up at exactly 1) ended below the truth in a third of the runs (65.5 % coverage of a
 * perfect respondent in 200 runs before the fix). The interval now comes from the unclamped skill.
 */
import { simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { buildContext } from './analyse-run.js';
import { attachAcrossCountries, candidateCultures } from './analyses/skill-module.js';
import { skillStatistic } from './analyses/skill.js';
import { RespondentBootstrap } from './bootstrap.js';
import { DEFAULT_RESPONDENTS } from './design-default.js';
import { estimate } from './estimate.js';
import { nativeStudy, processModel, simulatedManifest, simulateRecords, STUDY_COUNTRIES, trueSkill } from './simulation.js';

const survey = loadVsm2013();
const COUNTRIES = STUDY_COUNTRIES;
const RUNS = 200;

function coverage(spec: SimulationSpec): { covered: number; containsEstimate: number; truth: number } {
  const proc = simulationProcess(survey, COUNTRIES, spec);
  const truth = trueSkill(survey, COUNTRIES, proc.truth);
  const d = nativeStudy(survey, COUNTRIES, [processModel('sim', proc)], DEFAULT_RESPONDENTS);
  let covered = 0;
  let containsEstimate = 0;
  for (let run = 0; run < RUNS; run++) {
    const seed = 20_000 + run;
    const records = simulateRecords(d, seed);
    const manifest = simulatedManifest(d, seed);
    const ctx = buildContext(manifest, survey, records, seed);
    const observed = new RespondentBootstrap(ctx, survey, records, manifest.config).observed();
    const candidates = candidateCultures(ctx, survey);
    const rows = estimate(ctx, { s: skillStatistic(candidates) }, observed, [], 0, seed).s.skill;
    attachAcrossCountries(ctx, candidates, observed, rows, 100, seed);
    const a = rows.find((r) => r.model === 'sim')!.acrossCountries;
    if (a.lo! <= truth && truth <= a.hi!) covered++;
    if (a.lo! <= a.estimate! && a.estimate! <= a.hi!) containsEstimate++;
  }
  return { covered: covered / RUNS, containsEstimate, truth };
}

describe(`acrossCountries near perfection (${RUNS} simulated runs, n = ${DEFAULT_RESPONDENTS})`, () => {
  it('covers a perfect respondent’s skill of 1 (was 65.5 %)', () => {
    const r = coverage({});
    expect(r.truth).toBe(1);
    console.log(`perfect: ${r.covered}`);
    expect(r.covered).toBeGreaterThanOrEqual(0.9);
    expect(r.containsEstimate).toBe(RUNS);
  });

  it('covers a respondent shrunk 10 % toward G (true skill 0.99)', () => {
    const r = coverage({ shrink: 0.1 });
    expect(r.truth).toBeCloseTo(0.99, 2);
    console.log(`shrink 0.1: ${r.covered}`);
    expect(r.covered).toBeGreaterThanOrEqual(0.88);
    expect(r.containsEstimate).toBe(RUNS);
  });
});
