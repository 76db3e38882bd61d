import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HUMAN_GLOBAL_AVERAGE,
  parseConfig,
  runReporters,
  runBenchmark,
  spearman,
  surveyPrompter,
  type BenchmarkConfigInput,
  type Registry,
  type RunResult,
} from '@culturebench/core';
import { analysisReporter } from '@culturebench/analysis';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { baselineModels, baselineProvider } from '@culturebench/provider-baseline';
import { IVS_MAP_ID, loadIvsMap } from './survey.js';

/** A registry like packages/cli/src/registry.ts, with only what this run needs. */
const registry: Registry = {
  surveys: { [IVS_MAP_ID]: { title: 'Inglehart–Welzel cultural map (IVS)', load: (options) => loadIvsMap(options) } },
  providers: { baseline: baselineProvider },
  prompter: surveyPrompter,
  parsers: { multilingual: multilingualParser },
  // The analyses write the one leaderboard.
  reporters: [analysisReporter],
};

const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'SE'];
const SAMPLES = 4;
const ITEMS = 13;

// The middle baseline picks the lower middle option everywhere: happy4 → 2, trust2 → 1, change3 → 2,
// action3 → 2, 1–10 scales → 5, proud4 → 2, goal pairs → 3 (mixed, Y002 = 2), chosen2 → 1 (all four
// qualities chosen, Y003 = 0). By hand:
//   TRADSEC  = (0.91·(1 − 8/9) + 0.88·0 + 0.82·(8/9 − 1) + 0.81·(2/3 − 1) + 0.73·0) / 4.15 = −0.26 / 4.15
//   SURVSELF = (0.87·0 + 0.81·(1 − 2/3) + 0.77·(8/9 − 1) + 0.74·0 + 0.46·1) / 3.65 = (0.27 − 0.77/9 + 0.46) / 3.65
const MIDDLE = { TRADSEC: -0.26 / 4.15, SURVSELF: (0.27 - 0.77 / 9 + 0.46) / 3.65 };

describe('a full IVS map run through the baselines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-ivs-run-'));
  let result: RunResult;

  beforeAll(async () => {
    const input: BenchmarkConfigInput = {
      name: 'ivs map (pipeline test)',
      survey: IVS_MAP_ID,
      countries: COUNTRIES,
      conditions: ['native', 'english'],
      aggregates: ['language-average'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: SAMPLES,
      seed: 11,
      constants: { mode: 'fixed', values: { TRADSEC: 0, SURVSELF: 0 } },
      outDir: 'out',
      models: baselineModels,
    };
    result = await runBenchmark({ config: parseConfig(input, join(dir, 'ivs.config.ts')), registry, cache: false, replicates: 0 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks every item in every country-language sample and parses every baseline reply', () => {
    // US: en serves native and english; the five others ask two languages.
    const cells = 1 + 2 * (COUNTRIES.length - 1);
    expect(result.manifest.plan.requests).toBe(2 * cells * ITEMS * SAMPLES);
    expect(result.analysis.answers.reduce((a, c) => a + c.answers, 0)).toBe(result.manifest.plan.requests);
    expect(result.manifest.survey.id).toBe('ivs-map');
    expect(Object.keys(result.manifest.survey.texts).sort()).toEqual(['de', 'en', 'hi', 'ja', 'sv', 'zh']);
    expect(result.manifest.survey.formulas.TRADSEC).toContain('0.91·s(F063)');
  });

  it('writes the same outputs as the VSM benchmark', () => {
    for (const f of ['responses.jsonl', 'manifest.json', 'scores.csv', 'alignment.csv', 'agreement.csv', 'answers.csv', 'leaderboard.md']) {
      expect({ f, exists: existsSync(join(result.runDir, f)) }).toEqual({ f, exists: true });
    }
    expect(readFileSync(join(result.runDir, 'scores.csv'), 'utf8').split('\n')[0]).toBe('model,country,condition,dimension,score');
    expect(result.leaderboard).toContain('survey ivs-map 2005.1');
    expect(result.leaderboard).toContain('Constants: fixed: TRADSEC=0, SURVSELF=0.');
  });

  it('scores the middle baseline as worked out by hand, the same in every country and language', () => {
    const rows = result.analysis.scores.filter((s) => s.model === 'baseline-middle');
    expect(rows).toHaveLength(COUNTRIES.length * 3 * 2);
    for (const r of rows) expect(r.score).toBeCloseTo(MIDDLE[r.dimension as 'TRADSEC' | 'SURVSELF'], 10);
  });

  it('places a model without country differences at the human mean: DR = 1, like the global-average reference', () => {
    for (const model of ['baseline-middle', HUMAN_GLOBAL_AVERAGE]) {
      const rows = result.analysis.alignment.filter((a) => a.model === model);
      expect(rows).toHaveLength(COUNTRIES.length * 3);
      for (const r of rows) {
        expect(r.deviation_ratio).toBeCloseTo(1, 10);
        expect(r.dims).toEqual(['TRADSEC', 'SURVSELF']);
      }
    }
  });

  it('reports distances on the standardised map and per-axis rank correlations', () => {
    const random = result.analysis.alignment.filter((a) => a.model === 'baseline-random' && a.condition === 'native');
    expect(random).toHaveLength(COUNTRIES.length);
    for (const r of random) {
      expect(r.distance).toBeGreaterThanOrEqual(0);
      expect(r.baseline_distance).toBeGreaterThan(0);
    }
    // d(G, H) on the standardised map of these six countries (computed by hand from the pinned
    // ground truth: z-scores with the sample sd, then the length of each country's vector).
    const ref = result.analysis.alignment.filter((a) => a.model === HUMAN_GLOBAL_AVERAGE && a.condition === 'native');
    const expected: Record<string, number> = { US: 0.4817, CN: 1.135, DE: 0.7864, JP: 1.2309, IN: 1.8974, SE: 1.6571 };
    for (const r of ref) expect(r.baseline_distance).toBeCloseTo(expected[r.country], 4);
    for (const r of random) expect(r.baseline_distance).toBeCloseTo(expected[r.country], 4);
    const agreement = result.analysis.agreement.filter((a) => a.model === 'baseline-random' && a.condition === 'native');
    expect(agreement.map((a) => a.dimension).sort()).toEqual(['SURVSELF', 'TRADSEC']);
    const survey = loadIvsMap();
    for (const a of agreement) {
      const scores = result.analysis.scores.filter((s) => s.model === 'baseline-random' && s.condition === 'native' && s.dimension === a.dimension);
      const rho = spearman(
        scores.map((s) => s.score),
        scores.map((s) => survey.groundTruth.countries[s.country][a.dimension]),
      );
      expect(a.spearman).toBeCloseTo(rho.value!, 12);
      expect(a.n).toBe(COUNTRIES.length);
    }
  });

  it('recomputes the same report from the run directory alone', () => {
    const before = readFileSync(join(result.runDir, 'alignment.csv'), 'utf8');
    runReporters(result.runDir, registry, { replicates: 0 });
    expect(readFileSync(join(result.runDir, 'alignment.csv'), 'utf8')).toBe(before);
  });
});
