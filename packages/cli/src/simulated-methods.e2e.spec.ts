/**
 * End to end with known truth, per elicitation method: the simulated respondent answers
 * `logprobs` and `verbalized` through the whole run (plan → ask → method reader → responses.jsonl),
 * and the item means a distribution method yields score exactly the true profile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerRowsOf, type ResponseRecord } from '@culturebench/core';
import { simulationProcess } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP'];
const SPEC = { shrink: 0.3, tau: 0.8, noise: 0.1 };

const capture = () => memoryIo();

describe('simulated respondents asked with every distribution method', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-simm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logprobs and verbalized item means score the true profile exactly (C = G); n-completions answers every respondent', async () => {
    const file = join(dir, 'bench.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'simulated methods',
        survey: 'vsm2013',
        countries: COUNTRIES,
        conditions: ['english', 'native'],
        aggregates: [],
        headline: 'english',
        persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: 3,
        seed: 2,
        constants: 'global',
        elicitation: { methods: ['logprobs', 'verbalized', 'n-completions'], presentation: 'item' },
        models: [{ id: 'sim', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec: SPEC } }],
        outDir: 'out',
      }),
    );
    const io = capture();
    expect(await main(['run', '--config', file, '--no-progress', '--no-cache', '--replicates', '0'], io)).toBe(0);
    const parent = join(dir, 'out');
    const runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]!);
    const records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ResponseRecord);
    const rows = answerRowsOf(records);
    const survey = loadVsm2013();
    const proc = simulationProcess(survey, COUNTRIES, SPEC);
    for (const method of ['logprobs', 'verbalized']) {
      for (const country of COUNTRIES) {
        for (const language of [...new Set(rows.filter((r) => r.country === country).map((r) => r.language))]) {
          const mine = rows.filter((r) => r.country === country && r.language === language && records.find((x) => x.key === r.key)!.variant!.method === method);
          expect(mine).toHaveLength(survey.items.length * 3);
          const means = Object.fromEntries(
            survey.items.map((it) => {
              const v = mine.filter((r) => r.item === it.id).map((r) => r.value as number);
              return [it.id, v.reduce((a, b) => a + b, 0) / v.length];
            }),
          );
          const raw = survey.scorer.rawScores(means);
          proc.dims.forEach((d, j) => expect(Math.abs(raw[d]! + proc.global[j]! - proc.truth(country)[j]!)).toBeLessThan(1e-9));
        }
      }
    }
    // n-completions: one request per persona (2 personas, 3 respondents), every respondent answered
    const nc = records.filter((r) => r.variant!.method === 'n-completions');
    const cells = new Set(records.map((r) => `${r.country}/${r.language}`)).size;
    expect(cells).toBe(7); // US asked in English once (native = english), the others in English and their own language
    expect(nc).toHaveLength(cells * survey.items.length * 2);
    const ncRows = rows.filter((r) => records.find((x) => x.key === r.key.split('#')[0])!.variant!.method === 'n-completions');
    expect(ncRows).toHaveLength(cells * survey.items.length * 3);
    expect(ncRows.every((r) => r.parsed?.kind === 'answer')).toBe(true);
  }, 120_000);
});
