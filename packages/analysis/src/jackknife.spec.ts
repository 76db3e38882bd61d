/**
 * The noise correction for scorers that read the answer distribution: the delete-one-respondent
 * jackknife variance of each raw index, checked by hand (for a share it equals s²/n).
 */
import { buildContext } from './analyse-run.js';
import { RespondentBootstrap } from './bootstrap.js';
import { si } from './context.js';
import { manifestFor, recordsFor, tinySurvey, type RunSpec } from './testing/fixtures.js';

const spec: RunSpec = {
  models: [{ id: 'A', kind: 'llm' }],
  countries: [{ code: 'US', language: 'en' }],
  conditions: [{ id: 'native', language: 'native' }],
  aggregates: [],
  headline: 'native',
  constants: { mode: 'fixed', values: {}, all: 0 },
};

it('jackknife variance of a share and of a mean: s²/n of the respondents’ own values', () => {
  const base = tinySurvey();
  // X = 100 × share of item-1 answers ≥ 3 (reads the codes); Y = 20 (m2 − 1)
  const survey = {
    ...base,
    scorer: {
      ...base.scorer,
      needsDistributions: true,
      rawScores(means: Record<string, number | null>, answers?: Record<string, number[]>) {
        const a = answers?.['1'] ?? [];
        return { X: a.length ? (100 * a.filter((x) => x >= 3).length) / a.length : null, Y: means['2'] == null ? null : 20 * (means['2'] - 1) };
      },
    },
  };
  // one array per respondent: (item 1, item 2)
  const records = recordsFor(spec, survey, () => [
    [1, 3],
    [3, 3],
    [4, 2],
    [2, 5],
  ]);
  const manifest = manifestFor(spec, survey);
  const ctx = buildContext(manifest, survey, records, 1);
  const observed = new RespondentBootstrap(ctx, survey, records, manifest.config).observed();
  // X: own values 0, 100, 100, 0 → s² = 10000/3, /4 = 833.33; Y: 40, 40, 20, 80 → s² = 1900/3, /4 = 158.33
  expect(observed.variance[si(ctx, 0, 0, 0, 0)]).toBeCloseTo(10_000 / 12, 9);
  expect(observed.variance[si(ctx, 0, 0, 0, 1)]).toBeCloseTo(1900 / 12, 9);
});
