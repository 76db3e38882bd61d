/**
 * The old path's symptoms (issue 10, "Done when"), reproduced with known-truth simulated
 * respondents through the real estimator code — the paper's formulas: raw DR, percentile
 * intervals, constants anchored per model and condition — and each shown gone on the new
 * estimators (noise-corrected skill with its analytic interval, run-shared constants, bias vectors,
 * calibrated countries, permutation and leave-one-out inference across countries).
 */
import { loadBenchmarkCountries, type ConstantsSpec } from '@culturebench/core';
import { simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { buildContext, candidateCultures } from './analyse-run.js';
import { perCountryModule } from './analyses/per-country.js';
import { skillModule } from './analyses/skill.js';
import { loadWebContent, webContentModule } from './analyses/web-content.js';
import { estimate, RespondentBootstrap } from './bootstrap.js';
import { modelSummaries, type AnalysisModule } from './context.js';
import { percentileInterval } from './quantile.js';
import type { Interval } from './results.js';
import { simulatedManifest, simulateRecords, trueSkill, type SimulationDesign } from './simulation.js';

const survey = loadVsm2013();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'];
const NATIVE = loadBenchmarkCountries();
const ANCHORED: ConstantsSpec = { mode: 'anchored' };
const SHARED: ConstantsSpec = { mode: 'global' };

function design(spec: SimulationSpec, respondents: number, constants: ConstantsSpec) {
  const proc = simulationProcess(survey, COUNTRIES, spec);
  const d: SimulationDesign = {
    survey,
    // each country in its own language (the web-content analysis reads it)
    countries: COUNTRIES.map((code) => ({ code, language: NATIVE[code]!.language })),
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    headline: 'native',
    constants,
    models: [{ id: 'sim', cumulative: (c, item) => proc.cumulative(c, item), refusal: proc.refusal }],
    respondents,
  };
  return { d, proc };
}

/** The paper's interval of the mean DR: plain 2.5/97.5 % percentiles of the bootstrap replicates. */
const paperMeanDr: AnalysisModule<Interval> = {
  id: 'paperMeanDr',
  size: (ctx) => ctx.models.length,
  stats: (ctx, real, out) => out.set(modelSummaries(ctx, real).mean.subarray(0, ctx.models.length)),
  assemble: (_, est) => percentileInterval(est.point(0), est.column(0)),
};

function analyse(d: SimulationDesign, seed: number, replicates: number, withWeb = false) {
  const records = simulateRecords(d, seed);
  const ctx = buildContext(simulatedManifest(d, seed), survey, records, seed);
  const boot = new RespondentBootstrap(ctx, survey, records, {
    conditions: d.conditions,
    countries: d.countries,
    aggregates: d.aggregates,
    constants: d.constants,
  });
  const buffer = boot.observed();
  const modules = { paperMeanDr, skill: skillModule(candidateCultures(ctx, survey)), perCountry: perCountryModule };
  const draw = (rand: () => number) => boot.replicate(rand, buffer);
  const est = estimate(ctx, modules, boot.observed(), draw, replicates, seed);
  // 9,999 permutations and 20 leave-one-out fits: only where the test reads it
  const web = withWeb
    ? estimate(ctx, { web: webContentModule(loadWebContent(), ['w3techs_2022_pct']) }, boot.observed(), draw, replicates, seed).web[0]!
    : null;
  return { ...est, web, skill: est.skill.skill.find((r) => r.model === 'sim')!, perCountry: est.perCountry.filter((r) => r.condition === 'native') };
}

/** The paper's DR of the noise-free profile: mean_c d(G, H_c) / max(d(T_c, H_c), 0.5). */
function trueMeanDr(truth: (c: string) => number[]): number {
  const dims = survey.scorer.dimensions;
  const h = (c: string) => dims.map((x) => survey.groundTruth.countries[c]![x]!);
  const g = dims.map((_, j) => COUNTRIES.reduce((s, c) => s + h(c)[j]!, 0) / COUNTRIES.length);
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0));
  return COUNTRIES.reduce((s, c) => s + dist(g, h(c)) / Math.max(dist(truth(c), h(c)), 0.5), 0) / COUNTRIES.length;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('old path: the paper’s formulas (raw DR, percentile intervals, per-model anchoring)', () => {
  it('a perfect respondent’s mean DR grows with n under per-model anchoring too; the corrected skill stays ≈ 1', () => {
    const at = (n: number) => {
      const runs = Array.from({ length: 6 }, (_, r) => analyse(design({}, n, ANCHORED).d, 40 + r, 0));
      const covers = runs.filter((a) => a.skill.skill.lo! <= 1 && 1 <= a.skill.skill.hi!).length / runs.length;
      return { dr: mean(runs.map((a) => a.paperMeanDr.estimate!)), skill: mean(runs.map((a) => a.skill.skill.estimate!)), covers };
    };
    const small = at(5);
    const large = at(80);
    expect(large.dr / small.dr).toBeGreaterThan(2); // ∝ √n: the truth is infinite (floored), the estimate measures the noise
    expect(large.skill).toBeGreaterThan(0.95);
    // at n = 5 the clamp at skill ≤ 1 pulls the mean of a very noisy estimate below 1 (≈ 0.71), but its interval holds 1
    expect(small.skill).toBeGreaterThan(0.6);
    expect(small.covers).toBeGreaterThanOrEqual(5 / 6);
    expect(large.covers).toBeGreaterThanOrEqual(5 / 6);
  });

  it('at n = 20 the percentile interval of the mean DR misses the noise-free value (≤ 10 % of runs); the skill interval covers its truth', () => {
    // shrunk 70 % toward G: noise-free DR = 1/0.7 = 1.43 in every country, true skill 1 − 0.7² = 0.51
    const { d, proc } = design({ shrink: 0.7 }, 20, ANCHORED);
    const drTrue = trueMeanDr(proc.truth);
    const skillTrue = trueSkill(survey, COUNTRIES, proc.truth);
    expect(drTrue).toBeCloseTo(1 / 0.7, 6);
    const R = 30;
    let old = 0;
    let corrected = 0;
    let dr = 0;
    for (let r = 0; r < R; r++) {
      const a = analyse(d, 100 + r, 100);
      if (a.paperMeanDr.lo! <= drTrue && drTrue <= a.paperMeanDr.hi!) old++;
      if (a.skill.skill.lo! <= skillTrue && skillTrue <= a.skill.skill.hi!) corrected++;
      dr += a.paperMeanDr.estimate! / R;
    }
    expect(old / R).toBeLessThanOrEqual(0.1);
    expect(dr).toBeLessThan(1.1); // noise inflates d(M, H): the DR reads ≈ 1.0 for a true 1.43
    expect(corrected / R).toBeGreaterThanOrEqual(0.85);
  });

  it('a respondent answering as an American everywhere: anchoring ranks the US mid-table and hides the lean; shared constants show it', () => {
    const old = analyse(design({ country: 'US' }, 40, ANCHORED).d, 7, 0);
    const rankOf = (a: typeof old) => a.perCountry.find((r) => r.country === 'US')!.rank!;
    // anchoring subtracts the model's own mean: the constant US profile becomes G + noise everywhere
    expect(rankOf(old)).toBeGreaterThanOrEqual(5);
    expect(Math.abs(old.skill.bias['IDV']!.estimate!)).toBeLessThan(1e-6);
    expect(old.skill.defaultCulture!.country).not.toBe('US');
    expect(old.skill.skill.estimate!).toBeGreaterThan(0); // reads as better than the global average
    const shared = analyse(design({ country: 'US' }, 40, SHARED).d, 7, 0);
    expect(rankOf(shared)).toBe(1);
    expect(shared.skill.defaultCulture!.country).toBe('US');
    expect(shared.skill.bias['IDV']!.estimate!).toBeGreaterThan(30); // US IDV 91 vs the 20-country mean ≈ 48
    expect(shared.skill.countrySignal.estimate!).toBeLessThan(0.1); // flagged: the same profile for every country
    expect(shared.skill.skill.estimate!).toBeLessThan(-1);
  });

  it('the web-content correlation is carried by the US point: the old r and its respondent interval say "strong"; permutation and leave-one-out say no direction', () => {
    const a = analyse(design({ country: 'US' }, 40, SHARED).d, 7, 100, true);
    const w = a.web!;
    // old: Pearson r across countries with its respondent-bootstrap percentile interval, far from 0
    expect(w.pearson.estimate!).toBeGreaterThan(0.8);
    expect(w.pearson.lo!).toBeGreaterThan(0.5);
    expect(w.pearson.hi!).toBeLessThanOrEqual(1); // a correlation's interval stays in [−1, 1]
    // new: without the US the sign flips; the finding states no direction
    const us = w.inference.leaveOneOut.find((l) => l.country === 'US')!;
    expect(us.signChanges).toBe(true);
    expect(us.pearson!).toBeLessThan(0.2);
    expect(w.inference.carriedBy).toContain('US');
    expect(w.inference.supported).toBe(false);
  });
});
