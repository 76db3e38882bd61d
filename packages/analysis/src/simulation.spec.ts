/**
 * Known-truth tests of the estimators (issue 10): simulated respondents with declared true
 * profiles, analysed by the real estimator code. Each test shows the old estimator's symptom and
 * the corrected estimator without it.
 */
import { simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import type { ConstantsSpec } from '@culturebench/core';
import { spearman } from '@culturebench/core';
import { analyseSimulated, nativeStudy, processModel, simulateRecords, STUDY_COUNTRIES, trueSkill, type SimulationDesign } from './simulation.js';
import { DEFAULT_RESPONDENTS } from './design-default.js';

const survey = loadVsm2013();
const COUNTRIES = STUDY_COUNTRIES;

function design(spec: SimulationSpec, respondents: number, constants: ConstantsSpec = { mode: 'global' }) {
  const proc = simulationProcess(survey, COUNTRIES, spec);
  const d = nativeStudy(survey, COUNTRIES, [processModel('sim', proc)], respondents, constants);
  return { d, proc, truth: trueSkill(survey, COUNTRIES, proc.truth) };
}

const run = (d: SimulationDesign, seed: number, replicates = 0) => {
  const a = analyseSimulated(d, simulateRecords(d, seed), replicates, seed);
  // the simulated model's rows (the tables also hold the reference row, human-global-average)
  return { ...a, skill: a.skill.filter((r) => r.model === 'sim'), perModel: a.perModel.filter((r) => r.model === 'sim') };
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('intervals that cover (default design)', () => {
  it(`the skill interval covers the true skill in ≥ 90 % of 200 simulated runs (n = ${DEFAULT_RESPONDENTS}, refusals 5 %)`, () => {
    const { d, truth } = design({ shrink: 0.5, offset: { PDI: 8, IDV: -6 }, refusal: 0.05 }, DEFAULT_RESPONDENTS);
    let covered = 0;
    let containsEstimate = 0;
    const R = 200;
    for (let r = 0; r < R; r++) {
      const s = run(d, 10_000 + r).skill[0]!.skill;
      if (s.lo! <= truth && truth <= s.hi!) covered++;
      if (s.lo! <= s.estimate! && s.estimate! <= s.hi!) containsEstimate++;
    }
    expect(covered / R).toBeGreaterThanOrEqual(0.9);
    expect(containsEstimate).toBe(R);
  });
});

describe('a perfect respondent does not drift with n', () => {
  it("the paper's DR grows with n (old symptom); the corrected skill stays at 1", () => {
    const at = (n: number) => {
      const { d } = design({}, n);
      const rows = Array.from({ length: 12 }, (_, r) => run(d, 500 + r));
      return {
        dr: mean(rows.map((x) => x.perModel[0]!.meanDr.estimate!)),
        skill: mean(rows.map((x) => x.skill[0]!.skill.estimate!)),
        raw: mean(rows.map((x) => x.skill[0]!.skillUncorrected.estimate!)),
      };
    };
    const small = at(5);
    const large = at(80);
    expect(large.dr / small.dr).toBeGreaterThan(2); // DR ∝ √n
    expect(large.raw - small.raw).toBeGreaterThan(0.5); // the uncorrected skill drifts too
    // at n = 5 the clamp at d̂² ≥ 0 (skill ≤ 1) pulls the mean a little below 1
    expect(small.skill).toBeGreaterThan(0.8);
    expect(large.skill).toBeGreaterThan(0.97);
  });
});

describe('a constant-profile respondent is flagged', () => {
  it('answering as an American for every country: default culture US, no country signal, negative skill; per-model anchoring hid it', () => {
    const { d: shared } = design({ country: 'US' }, DEFAULT_RESPONDENTS);
    const s = run(shared, 7, 200).skill[0]!;
    expect(s.defaultCulture!.country).toBe('US');
    expect(s.defaultCulture!.probability).toBeGreaterThan(0.5);
    expect(s.countrySignal.hi!).toBeLessThan(0.25);
    expect(s.countrySignal.estimate!).toBeLessThan(0.05);
    expect(s.skill.hi!).toBeLessThan(0);
    // old path: constants anchored per model absorb the profile; it reads as the global average
    const { d: anchored } = design({ country: 'US' }, DEFAULT_RESPONDENTS, { mode: 'anchored' });
    const old = run(anchored, 7, 200).skill[0]!;
    expect(old.defaultCulture!.country).not.toBe('US');
    // ≈ 0 (the global average) although the truth is about −1.85
    expect(Math.abs(old.skill.estimate!)).toBeLessThan(0.4);
    expect(old.skill.lo!).toBeGreaterThan(s.skill.hi!);
  });
});

describe('calibrated country ranking', () => {
  it('a no-knowledge respondent (answers G + noise): the DR ranking follows d(G, H_c); the calibrated one is flat', () => {
    const { d } = design({ shrink: 1 }, DEFAULT_RESPONDENTS);
    const runs = Array.from({ length: 6 }, (_, r) => run(d, 900 + r));
    const dist = (x: (typeof runs)[number]) => COUNTRIES.map((c) => x.perCountry.find((p) => p.country === c)!.baselineDistance);
    const rhoOld = mean(
      runs.map(
        (x) =>
          spearman(
            COUNTRIES.map((c) => x.perCountry.find((p) => p.country === c)!.meanDr.estimate),
            dist(x),
          ).value!,
      ),
    );
    // calibrated: every country's skill_c is 0 in expectation, whatever its distance from G
    const rhoNew = mean(
      runs.map(
        (x) =>
          spearman(
            COUNTRIES.map((c) => x.countrySkill.find((r) => r.country === c)!.skill.estimate),
            dist(x),
          ).value!,
      ),
    );
    expect(rhoOld).toBeGreaterThan(0.3);
    expect(Math.abs(rhoNew)).toBeLessThan(0.3);
    expect(rhoOld - rhoNew).toBeGreaterThan(0.3);
    const inside = runs.flatMap((x) => x.countrySkill.map((r) => (r.skill.lo! <= 0 && 0 <= r.skill.hi! ? 1 : 0)));
    expect(mean(inside)).toBeGreaterThan(0.85);
  });
});

describe('compression', () => {
  it('a respondent shrunk 70 % toward G: the corrected spread reads ≈ 0.30', () => {
    const { d } = design({ shrink: 0.7 }, DEFAULT_RESPONDENTS);
    const runs = Array.from({ length: 6 }, (_, r) => run(d, 300 + r));
    const spread = mean(runs.flatMap((x) => Object.values(x.skill[0]!.spreadCorrected).map((i) => i.estimate!)));
    expect(spread).toBeGreaterThan(0.15);
    expect(spread).toBeLessThan(0.45);
  });
});
