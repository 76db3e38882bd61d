/**
 * Noise correction for a scorer of answer distributions (issue 10): the IVS map's axes read the
 * answer codes (recoded shares), so the delta method has no gradient; the respondent bootstrap
 * uses the delete-one-respondent jackknife variance instead. Known truth: simulated answer
 * distributions per country and item (not LLMs), whose exact scores are computed from the
 * distributions themselves.
 */
import { analyseSimulated, simulateRecords, trueSkill, type SimulationDesign } from '@culturebench/analysis';
import { hash32 } from '@culturebench/core';
import { loadIvsMap } from './survey.js';

const survey = loadIvsMap();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'].filter((c) =>
  survey.scorer.dimensions.every((d) => Number.isFinite(survey.groundTruth.countries[c]?.[d] ?? NaN)),
);

/** A fixed answer distribution per country and item, in whole percent (so its exact score is computable). */
function counts(country: string, item: string): number[] {
  const size = survey.scales[survey.items.find((i) => i.id === item)!.scale]!.size;
  const w = Array.from({ length: size }, (_, k) => 1 + (hash32('ivs-truth', country, item, k) % 6));
  const total = w.reduce((a, b) => a + b, 0);
  const c = w.map((x) => Math.floor((100 * x) / total));
  c[0]! += 100 - c.reduce((a, b) => a + b, 0);
  return c;
}

/** Exact scores of the distributions: the scorer applied to 100 answers in exactly those proportions. */
function truth(country: string): number[] {
  const answers: Record<string, number[]> = {};
  const means: Record<string, number | null> = {};
  for (const it of survey.items) {
    const c = counts(country, it.id);
    answers[it.id] = c.flatMap((n, k) => Array.from({ length: n }, () => k + 1));
    means[it.id] = c.reduce((a, n, k) => a + n * (k + 1), 0) / 100;
  }
  const raw = survey.scorer.rawScores(means, answers);
  return survey.scorer.dimensions.map((d) => raw[d]!);
}

function design(respondents: number): SimulationDesign {
  return {
    survey,
    countries: COUNTRIES.map((code) => ({ code, language: 'en' })),
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    headline: 'native',
    constants: { mode: 'fixed', values: {}, all: 0 },
    models: [
      {
        id: 'sim',
        refusal: 0,
        cumulative: (country, item) => {
          let acc = 0;
          return Float64Array.from(counts(country, item), (n) => (acc += n / 100));
        },
      },
    ],
    respondents,
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('noise correction for a distribution scorer (IVS map, jackknife variance)', () => {
  const skillTrue = trueSkill(survey, COUNTRIES, truth);

  it('the corrected skill is unbiased at n = 10 and 80 (was null) and its interval covers the truth in ≥ 90 % of 40 runs', () => {
    const runs = (n: number) =>
      Array.from(
        { length: 20 },
        (_, r) => analyseSimulated(design(n), simulateRecords(design(n), 1000 * n + r), 0, 1000 * n + r).skill.find((x) => x.model === 'sim')!,
      );
    const small = runs(10);
    const large = runs(80);
    // true skill −0.118 (these distributions are not the human map positions); measured −0.115 and −0.121
    expect(Math.abs(mean(small.map((s) => s.skill.estimate!)) - skillTrue)).toBeLessThan(0.015);
    expect(Math.abs(mean(large.map((s) => s.skill.estimate!)) - skillTrue)).toBeLessThan(0.015);
    const all = [...small, ...large];
    expect(all.filter((s) => s.skill.lo! <= skillTrue && skillTrue <= s.skill.hi!).length / all.length).toBeGreaterThanOrEqual(0.9);
    // the interval narrows as √n: the variance is estimated, not fixed
    expect(mean(large.map((s) => s.skill.hi! - s.skill.lo!))).toBeLessThan(0.5 * mean(small.map((s) => s.skill.hi! - s.skill.lo!)));
    for (const s of all) expect([s.countrySignal.estimate, s.biasNorm.estimate].every((v) => v !== null)).toBe(true);
  });
});
