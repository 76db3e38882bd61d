import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HUMAN_GLOBAL_AVERAGE,
  parseConfig,
  runReporters,
  runBenchmark,
  surveyPrompter,
  type BenchmarkConfigInput,
  type Registry,
  type RunResult,
} from '@culturebench/core';
import { analysisReporter } from '@culturebench/analysis';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { baselineModels, baselineProvider } from '@culturebench/provider-baseline';
import { jsSimilarity } from './jsd.js';
import type { OpinionAlignmentRow } from './metric.js';
import { loadOpinionsExample, OPINIONS_EXAMPLE_ID } from './survey.js';

/** A registry like packages/cli/src/registry.ts, with only what this run needs. */
const registry: Registry = {
  surveys: { [OPINIONS_EXAMPLE_ID]: { title: 'Opinion distributions (synthetic example)', load: (options) => loadOpinionsExample(options) } },
  providers: { baseline: baselineProvider },
  prompter: surveyPrompter,
  parsers: { multilingual: multilingualParser },
  // The analyses write the one leaderboard.
  reporters: [analysisReporter],
};

const COUNTRIES = ['US', 'CN', 'DE', 'IN', 'NG'];
const SAMPLES = 6;

describe('a full run of the synthetic example through the baselines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-opinions-run-'));
  let result: RunResult;
  const survey = loadOpinionsExample();

  beforeAll(async () => {
    const input: BenchmarkConfigInput = {
      name: 'opinions (synthetic example)',
      survey: OPINIONS_EXAMPLE_ID,
      // Nigeria is not one of the 20 VSM benchmark countries, so its language is given.
      countries: ['US', 'CN', 'DE', 'IN', { code: 'NG', language: 'en' }],
      conditions: ['english'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: SAMPLES,
      seed: 7,
      // Shares must not be shifted: no anchoring for distribution surveys.
      constants: 0,
      outDir: 'out',
      models: baselineModels,
    };
    result = await runBenchmark({ config: parseConfig(input, join(dir, 'opinions.config.ts')), registry, cache: false, replicates: 0 });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rowsOf = (model: string, condition = 'english') =>
    (result.analysis.alignment as OpinionAlignmentRow[]).filter((a) => a.model === model && a.condition === condition);

  it('asks every item of every country and parses every baseline reply', () => {
    expect(result.manifest.plan.requests).toBe(2 * COUNTRIES.length * 6 * SAMPLES);
    const answered = result.analysis.answers.reduce((a, c) => a + c.answers, 0);
    expect(answered).toBe(result.manifest.plan.requests);
    expect(result.manifest.survey.groundTruth.name).toMatch(/SYNTHETIC/);
  });

  it('scores each sample as answer shares that sum to 1 per item', () => {
    const random = result.analysis.scores.filter((s) => s.model === 'baseline-random' && s.country === 'NG' && s.condition === 'english');
    for (const item of survey.items) {
      const shares = random.filter((s) => s.dimension.startsWith(`${item.id}:`)).map((s) => s.score!);
      expect(shares).toHaveLength(survey.scales[item.scale].size);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const x of shares) expect(Math.round(x * SAMPLES)).toBeCloseTo(x * SAMPLES, 9);
    }
  });

  it('gives the middle baseline exactly the similarity of a one-hot answer on the middle option', () => {
    // The middle baseline answers code ⌊(k − 1)/2⌋ + 1 of k listed options, in every country.
    for (const row of rowsOf('baseline-middle')) {
      const h = survey.groundTruth.countries[row.country];
      const sims = survey.items
        .filter((it) => h[`${it.id}:1`] != null)
        .map((it) => {
          const k = survey.scales[it.scale].size;
          const model = Array.from({ length: k }, (_, j) => (j === Math.floor((k - 1) / 2) ? 1 : 0));
          return jsSimilarity(
            model,
            Array.from({ length: k }, (_, j) => h[`${it.id}:${j + 1}`]!),
          );
        });
      expect({ country: row.country, s: row.similarity }).toEqual({
        country: row.country,
        s: expect.closeTo(sims.reduce((a, b) => a + b, 0) / sims.length, 12),
      });
      expect(row.items).toHaveLength(row.country === 'CN' ? 5 : 6); // China has no data for q3
    }
  });

  it('rates the human global mix against each country as the reference row, and keeps every value in [0, 1]', () => {
    const ref = rowsOf(HUMAN_GLOBAL_AVERAGE);
    expect(ref.map((r) => r.country).sort()).toEqual([...COUNTRIES].sort());
    for (const r of ref) expect(r.similarity).toBeCloseTo(1 - r.baseline_distance!, 12);
    for (const r of result.analysis.alignment) {
      expect(r.deviation_ratio).toBeGreaterThanOrEqual(0);
      expect(r.deviation_ratio).toBeLessThanOrEqual(1);
    }
    // Averaging the five countries' distributions is closer to them than a one-hot answer.
    const mean = (rows: OpinionAlignmentRow[]) => rows.reduce((a, r) => a + r.similarity!, 0) / rows.length;
    expect(mean(ref)).toBeGreaterThan(mean(rowsOf('baseline-middle')));
    expect(result.analysis.models.find((m) => m.model === HUMAN_GLOBAL_AVERAGE && m.condition === 'english')!.mean_dr).toBeCloseTo(mean(ref), 12);
  });

  it('writes the report files, and recomputes the same alignment from the run directory', () => {
    const csv = readFileSync(join(result.runDir, 'alignment.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('model,country,condition,deviation_ratio,distance,baseline_distance,dims');
    expect(csv).toMatch(/^baseline-middle,US,english,0\.\d+,0\.\d+,0\.\d+,q0 q1 q2 q3 q4 q5$/m);
    expect(result.leaderboard).toContain('baseline-random (baseline)');
    const again = runReporters(result.runDir, registry, { replicates: 0 });
    expect(again.summary.alignment).toEqual(result.analysis.alignment);
  });
});
