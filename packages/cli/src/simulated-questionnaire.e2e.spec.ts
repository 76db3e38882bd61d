/**
 * End to end with known truth, the whole questionnaire in one request: the simulated respondent
 * answers every item as one JSON object through the whole run (plan → ask → questionnaire reader →
 * responses.jsonl → scores.csv). Stated distributions (verbalized) score the true profile exactly;
 * sampled answers (sample, n-completions) within the noise the process implies.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerRowsOf, distributionMoments, type ResponseRecord } from '@culturebench/core';
import { simulationProcess } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP'];
const SPEC = { shrink: 0.3, tau: 0.8, noise: 0.1, refusal: 0.05 };
const SAMPLES = 40;

const capture = () => memoryIo();

describe('simulated respondents asked the whole questionnaire in one request', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-simq-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const survey = loadVsm2013();
  const proc = simulationProcess(survey, COUNTRIES, SPEC);
  const io = capture();
  let code: number;
  let records: ResponseRecord[];
  let runDir: string;

  beforeAll(async () => {
    const file = join(dir, 'bench.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'simulated questionnaire',
        survey: 'vsm2013',
        countries: COUNTRIES,
        conditions: ['english'],
        aggregates: [],
        headline: 'english',
        persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: SAMPLES,
        seed: 6,
        constants: 'global',
        elicitation: { methods: ['verbalized', 'sample', 'n-completions'], presentation: 'questionnaire' },
        grid: { optionOrder: ['original', 'reversed'] },
        models: [{ id: 'sim', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec: SPEC } }],
        outDir: 'out',
      }),
    );
    code = await main(['run', '--config', file, '--no-progress', '--no-cache', '--replicates', '0'], io);
    const parent = join(dir, 'out');
    runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]!);
    records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ResponseRecord);
  }, 180_000);

  const methodOf = (r: ResponseRecord) => r.variant!.method;
  /** Item means of one country over the rows of one method, and how many valid answers each has. */
  function itemMeans(method: string, country: string) {
    const keys = new Set(records.filter((r) => methodOf(r) === method && r.country === country).map((r) => r.key));
    const rows = answerRowsOf(records).filter((x) => keys.has(x.key.split('#')[0]!) && typeof x.value === 'number');
    return Object.fromEntries(
      survey.items.map((it) => {
        const v = rows.filter((x) => x.item === it.id).map((x) => x.value as number);
        return [it.id, { mean: v.reduce((a, b) => a + b, 0) / v.length, n: v.length }];
      }),
    );
  }
  const scoreOf = (means: Record<string, { mean: number }>) => survey.scorer.rawScores(Object.fromEntries(Object.entries(means).map(([k, v]) => [k, v.mean])));

  it('asks one request per respondent (per persona with n-completions) and option order, and says what one request covers', () => {
    expect(code).toBe(0);
    const count = (m: string) => records.filter((r) => methodOf(r) === m).length;
    // The grid varies the reference method (verbalized) only: 4 countries × 2 option orders × 40
    // respondents; sample 4 × 40; n-completions one request per persona, 4 × 2.
    expect([count('verbalized'), count('sample'), count('n-completions')]).toEqual([4 * 2 * SAMPLES, 4 * SAMPLES, 4 * 2]);
    expect(io.stderr).toContain(
      `${4 * 2 * SAMPLES + 4 * SAMPLES + 4 * 2} requests planned (1 model × 4 country-language samples; verbalized: 2 variants × 40 respondents, one request asks all 24 items of one respondent; sample: 40 respondents, one request asks all 24 items of one respondent; n-completions: 2 persona prompts, one request asks all 24 items of one persona, its n completions answering the respondents who share it)`,
    );
  });

  it('verbalized: the stated distributions score the true profile exactly (C = G), in both option orders', () => {
    for (const country of COUNTRIES) {
      const raw = scoreOf(itemMeans('verbalized', country));
      proc.dims.forEach((d, j) => expect(Math.abs(raw[d]! + proc.global[j]! - proc.truth(country)[j]!)).toBeLessThan(1e-9));
    }
    // the headline scores (the reference variant: verbalized, original order) are the truth too
    const csv = readFileSync(join(runDir, 'scores.csv'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('sim,'));
    expect(csv).toHaveLength(COUNTRIES.length * proc.dims.length);
    for (const line of csv) {
      const [, country, , dim, score] = line.split(',');
      expect(Math.abs(Number(score) - proc.truth(country!)[proc.dims.indexOf(dim!)]!)).toBeLessThan(1e-6);
    }
  });

  it('sample and n-completions: the scores land on the true profile within the noise the process implies', () => {
    // Gradient of each index in the item means (the scorer is linear).
    const mid = Object.fromEntries(survey.items.map((it) => [it.id, survey.scales[it.scale]!.midpoint]));
    const base = survey.scorer.rawScores(mid);
    const grad = Object.fromEntries(survey.items.map((it) => [it.id, survey.scorer.rawScores({ ...mid, [it.id]: mid[it.id]! + 1 })]));
    const z: number[] = [];
    for (const method of ['sample', 'n-completions']) {
      for (const country of COUNTRIES) {
        const means = itemMeans(method, country);
        // 40 respondents, 5 % refused per item
        for (const it of survey.items) expect(means[it.id]!.n).toBeGreaterThan(30);
        const raw = scoreOf(means);
        proc.dims.forEach((d, j) => {
          const variance = survey.items.reduce((a, it) => {
            const w = grad[it.id]![d]! - base[d]!;
            return a + (w * w * distributionMoments({ probs: [...proc.probabilities(country, it.id)] }).variance) / means[it.id]!.n;
          }, 0);
          z.push((raw[d]! + proc.global[j]! - proc.truth(country)[j]!) / Math.sqrt(variance));
        });
      }
    }
    expect(z).toHaveLength(2 * 4 * 6);
    expect(Math.max(...z.map(Math.abs))).toBeLessThan(4.5);
    // neither too far nor suspiciously close: the mean squared z is about 1
    const msz = z.reduce((a, b) => a + b * b, 0) / z.length;
    expect(msz).toBeGreaterThan(0.25);
    expect(msz).toBeLessThan(2.5);
  });
});
