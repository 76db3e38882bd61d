/**
 * Noise correction for a scorer of answer distributions (issue 10): the IVS map's axes read the
 * answer codes (recoded shares), so the delta method has no gradient; the respondent bootstrap
 * uses the delete-one-respondent jackknife variance instead. Known truth: simulated answer
 * distributions per country and item (not LLMs), whose exact scores are computed from the
 * distributions themselves. The model's index and the human factor scores are on different
 * units, so the skill family (raw differences M − H) is null here; the disattenuated correlation,
 * which the units do not affect, carries the check of the jackknife variance.
 */
import { analyseSimulated, simulateRecords, trueSkill, type SimulationDesign } from '@culturebench/analysis';
import { hash32, pearson } from '@culturebench/core';
import { loadIvsMap } from './survey.js';

/** Core's Pearson r of two complete profiles (never constant here). */
const truePearson = (x: number[], y: number[]): number => pearson(x, y).value!;

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
  // The noise-free correlation per axis across countries between the distributions' exact scores
  // and the human map positions: a correlation does not depend on the two units.
  const trueR = survey.scorer.dimensions.map((d, j) =>
    truePearson(
      COUNTRIES.map((c) => truth(c)[j]!),
      COUNTRIES.map((c) => survey.groundTruth.countries[c]![d]!),
    ),
  );
  const runs = (n: number) => Array.from({ length: 20 }, (_, r) => analyseSimulated(design(n), simulateRecords(design(n), 1000 * n + r), 0, 1000 * n + r));
  const small = runs(10);
  const large = runs(80);

  it('the disattenuated r recovers the true correlation per axis, and its interval covers it in ≥ 90 % of runs', () => {
    const cells = [...small, ...large].flatMap((run) => run.disattenuatedCorrelation.filter((r) => r.model === 'sim'));
    const axis = (rows: typeof cells, j: number) => rows.filter((r) => r.dimension === survey.scorer.dimensions[j]);
    const defined = cells.filter((r) => r.pearsonDisattenuated.estimate !== null);
    expect(defined.length).toBeGreaterThanOrEqual(0.9 * cells.length);
    const covered = defined.filter((r) => {
      const t = trueR[survey.scorer.dimensions.indexOf(r.dimension)]!;
      return r.pearsonDisattenuated.lo! <= t && t <= r.pearsonDisattenuated.hi!;
    });
    expect(covered.length / defined.length).toBeGreaterThanOrEqual(0.9);
    console.log(`coverage ${covered.length} / ${defined.length} (${cells.length} cells)`);
    // at n = 80 the corrected r is close to the truth (the plain r is pulled toward 0 by the noise)
    const big = large.flatMap((run) => run.disattenuatedCorrelation.filter((r) => r.model === 'sim'));
    trueR.forEach((t, j) => {
      const rows = axis(big, j);
      const corrected = mean(rows.map((r) => r.pearsonDisattenuated.estimate!));
      const plain = mean(rows.map((r) => r.pearson.estimate!));
      expect(Math.abs(corrected - t)).toBeLessThan(0.05);
      console.log(`axis ${survey.scorer.dimensions[j]}: true r ${t.toFixed(3)}, n = 80 mean plain ${plain.toFixed(3)}, disattenuated ${corrected.toFixed(3)}`);
    });
  });

  it('the skill family is null with a stated reason: model scores (an index in [−1, 1]) and ground truth (factor scores) are on different units', () => {
    for (const run of [...small, ...large]) {
      expect(run.skillNote).toMatch(/different units|raw differences/);
      const s = run.skill.find((x) => x.model === 'sim')!;
      for (const i of [s.skill, s.skillUncorrected, s.meanDrCorrected, s.countrySignal, s.biasNorm, s.acrossCountries]) expect(i.estimate).toBeNull();
      expect(Object.values(s.bias).every((i) => i.estimate === null)).toBe(true);
      expect(s.defaultCulture).toBeNull();
      expect(run.countrySkill.every((r) => r.skill.estimate === null && r.rank === null)).toBe(true);
    }
    // the raw-unit number it used to print: the same for every n, whatever the model does
    expect(trueSkill(survey, COUNTRIES, truth)).toBeLessThan(0);
  });
});
