/** Coverage of the paired intervals under an exchangeable null (true difference 0): npx tsx packages/leaderboard/scripts/coverage.ts N_RESPONDENTS N_SIMS [anchored|fixed] */
import { scaleOf, type AnswerRow, type RunManifest } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { mulberry32 } from '@culturebench/analysis';
import { pairedBootstrap } from '../src/paired.js';
const survey = loadVsm2013();
const COUNTRIES = [
  { code: 'US', language: 'en' },
  { code: 'CN', language: 'zh' },
  { code: 'JP', language: 'ja' },
  { code: 'DE', language: 'de' },
];
const manifest = {
  config: {
    countries: COUNTRIES,
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    constants: { mode: process.argv[4] ?? 'anchored', values: {} },
    headline: 'native',
    seed: 1,
  },
  models: [{ id: 'x', kind: 'llm' }],
} as unknown as RunManifest;
const peaked = (country: string, item: string, size: number) => {
  const at = (country.charCodeAt(0) * 7 + country.charCodeAt(1) * 3 + Number(item) * 11) % size;
  return Array.from({ length: size }, (_, k) => (k === at ? 0.6 : 0.4 / (size - 1)));
};
function simulate(model: string, n: number, rand: () => number): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const c of COUNTRIES)
    for (const item of survey.items) {
      const size = scaleOf(survey, item).size;
      const p = peaked(c.code, item.id, size);
      for (let r = 0; r < n; r++) {
        let u = rand();
        let code = size;
        for (let k = 0; k < size; k++)
          if ((u -= p[k]) <= 0) {
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
  return rows;
}
const n = Number(process.argv[2]),
  sims = Number(process.argv[3]);
const cov: Record<string, number> = {};
let t = performance.now();
for (let s = 0; s < sims; s++) {
  const rand = mulberry32(1000 + s);
  const res = pairedBootstrap({ manifest, survey, a: simulate('a', n, rand), b: simulate('b', n, rand), condition: 'native', replicates: 100, seed: s });
  const all: [string, any][] = [
    ['headline', res.headline.difference],
    ...res.dimensions.map((d) => [d.dimension, d.difference] as [string, any]),
    ...res.countries.map((d) => ['c' + d.country, d.difference] as [string, any]),
  ];
  for (const [k, d] of all) cov[k] = (cov[k] ?? 0) + (d.lo <= 0 && 0 <= d.hi ? 1 : 0);
}
console.log(
  n,
  sims,
  ((performance.now() - t) / sims).toFixed(0),
  'ms/sim',
  JSON.stringify(Object.fromEntries(Object.entries(cov).map(([k, v]) => [k, v / sims]))),
);
