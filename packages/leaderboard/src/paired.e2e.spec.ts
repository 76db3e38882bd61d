/**
 * The paired bootstrap against a known truth. Simulated respondents (generated answers, not from
 * any model) go through core's real scoring and alignment:
 * - two models drawn from the same answer distribution are exchangeable, so the true difference
 *   of every statistic is 0: the 95 % intervals must cover 0 about 95 % of the time;
 * - a model answering near each country's human profile against one answering uniformly at
 *   random differ: the headline interval must exclude 0 (the test has power).
 */
import { scaleOf, type AnswerRow, type RunManifest } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { mulberry32 } from '@culturebench/analysis';
import { pairedBootstrap } from './paired.js';

const survey = loadVsm2013();
const COUNTRIES = [
  { code: 'US', language: 'en' },
  { code: 'CN', language: 'zh' },
  { code: 'JP', language: 'ja' },
];
const manifest = {
  config: {
    countries: COUNTRIES,
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    constants: { mode: 'anchored' },
    headline: 'native',
    seed: 1,
  },
  models: [{ id: 'x', provider: 'simulated', model: 'x', kind: 'llm', origin: null, params: {}, price: null, baseUrl: null }],
} as unknown as RunManifest;

/** Per country and item, answer probabilities over the codes; a respondent answers every item. */
type Profile = (country: string, item: string, size: number) => number[];

const uniform: Profile = (_c, _i, size) => Array(size).fill(1 / size);
/** Peaked at a code that depends on country and item, the same for every replica of the study. */
const peaked: Profile = (country, item, size) => {
  const at = (country.charCodeAt(0) * 7 + country.charCodeAt(1) * 3 + item.length * 5 + Number(item) * 11) % size;
  return Array.from({ length: size }, (_, k) => (k === at ? 0.6 : 0.4 / (size - 1)));
};

function simulate(model: string, profile: Profile, n: number, rand: () => number): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const c of COUNTRIES) {
    for (const item of survey.items) {
      const size = scaleOf(survey, item).size;
      const p = profile(c.code, item.id, size);
      for (let r = 0; r < n; r++) {
        let u = rand();
        let code = 1;
        for (let k = 0; k < size; k++)
          if ((u -= p[k]) <= 0 || k === size - 1) {
            code = k + 1;
            break;
          }
        rows.push({
          key: `${model}|${c.code}|${item.id}|${r}`,
          model,
          country: c.code,
          language: c.language,
          item: item.id,
          respondent: r,
          answer: code,
          costUsd: null,
          error: null,
          parsed: { kind: 'answer' },
        });
      }
    }
  }
  return rows;
}

describe('paired bootstrap', () => {
  it('covers the true difference 0 about 95 % of the time for exchangeable models', () => {
    const sims = 30;
    let covered = 0;
    let total = 0;
    let widths = 0;
    for (let s = 0; s < sims; s++) {
      const rand = mulberry32(1000 + s);
      const a = simulate('a', peaked, 15, rand);
      const b = simulate('b', peaked, 15, rand);
      const res = pairedBootstrap({ manifest, survey, a, b, condition: 'native', replicates: 50, seed: s });
      for (const d of [res.headline.difference, ...res.dimensions.map((x) => x.difference), ...res.countries.map((x) => x.difference)]) {
        expect(d.lo).not.toBeNull();
        total++;
        if (d.lo! <= 0 && 0 <= d.hi!) covered++;
        widths += d.hi! - d.lo!;
      }
    }
    const rate = covered / total;
    // 30 × 10 intervals (correlated within a simulation), 15 respondents, 50 replicates; 95 % nominal.
    // Small samples under-cover a little (scripts/coverage.ts: ≈ 0.90–0.95 at 20 respondents).
    expect(rate).toBeGreaterThan(0.85);
    expect(rate).toBeLessThan(0.995);
    expect(Number.isFinite(widths)).toBe(true);
  }, 120_000);

  it('separates a model with country-specific answers from one answering at random', () => {
    // Fixed constants (C = 0): uniform answers sit at the scale's middle for every country, the
    // peaked profile moves scores away from it, so the per-dimension errors differ.
    const fixed = { ...manifest, config: { ...manifest.config, constants: { mode: 'fixed', values: {}, all: 0 } } } as unknown as RunManifest;
    let excluded = 0;
    for (let s = 0; s < 3; s++) {
      const rand = mulberry32(77 + s);
      const res = pairedBootstrap({
        manifest: fixed,
        survey,
        a: simulate('a', peaked, 15, rand),
        b: simulate('b', uniform, 15, rand),
        condition: 'native',
        replicates: 50,
        seed: s,
      });
      const d = res.dimensions.map((x) => x.difference);
      // Uniform answers sit in the middle; the peaked profile pulls scores apart: the MAE differs.
      if (d.some((x) => x.lo! > 0 || x.hi! < 0)) excluded++;
    }
    expect(excluded).toBe(3);
  }, 60_000);
});
