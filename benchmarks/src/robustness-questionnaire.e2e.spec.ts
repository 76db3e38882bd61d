import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResultsSchema, validateJsonSchema, type ResultsDocument } from '@culturebench/analysis';
import { main, memoryIo } from '@culturebench/cli';
import type { ResponseRecord } from '@culturebench/core';
import robustness from '../robustness.config.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'BR', 'SE'];

const capture = () => memoryIo();

/**
 * The robustness audit's grid with the whole questionnaire in one request, stated distributions
 * as the reference method (sampled answers second), on simulated respondents (known truth, not
 * LLMs): the simulator has no presentation effects by construction, so no perturbation may move
 * its stated distributions, and the reliability section must still be there.
 */
describe('the robustness grid, questionnaire × verbalized, on the simulator', () => {
  let dir: string;
  let io: ReturnType<typeof capture>;
  let code: number;
  let leaderboard: string;
  let doc: ResultsDocument;
  let html: string;
  let records: ResponseRecord[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'culturebench-robustness-q-'));
    const sim = (id: string, spec: Record<string, unknown>) => ({ id, provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec } });
    const file = join(dir, 'robustness-questionnaire.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'robustness grid, questionnaire × verbalized (simulated)',
        survey: 'vsm2013',
        countries: COUNTRIES,
        conditions: robustness.conditions,
        aggregates: [],
        headline: robustness.headline,
        persona: robustness.persona,
        samples: 4,
        seed: 5,
        elicitation: { methods: ['verbalized', 'sample'], presentation: 'questionnaire' },
        grid: robustness.grid,
        constants: 'global',
        outDir: 'out',
        models: [sim('sim-faithful', { shrink: 0.2, tau: 0.8, noise: 0.1 }), sim('sim-american', { country: 'US', tau: 0.8, noise: 0.1 })],
      }),
    );
    io = capture();
    code = await main(['run', '--config', file, '--no-cache', '--no-progress', '--replicates', '0'], io);
    const parent = join(dir, 'out');
    const runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]!);
    leaderboard = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
    doc = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    html = readFileSync(join(runDir, 'report.html'), 'utf8');
    records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the whole grid on the questionnaire: every request asks all 24 items, every item answered', () => {
    expect(code).toBe(0);
    expect(doc.manifest.config.variants!.map((v) => v.id).sort()).toEqual(
      [
        'reference',
        'method=sample',
        'optionOrder=reversed',
        'labels=numbers',
        'personaPlacement=user',
        'personaTemplate=interview',
        'wording=paraphrase-1',
        'wording=paraphrase-2',
        'seed=1001',
      ].sort(),
    );
    // 2 models × 6 countries × (8 verbalized variants + 1 sample variant) × 4 respondents
    expect(io.stderr).toContain(
      '432 requests planned (2 models × 6 country-language samples; verbalized: 8 variants × 4 respondents, one request asks all 24 items of one respondent; sample: 4 respondents, one request asks all 24 items of one respondent)',
    );
    expect(records).toHaveLength(432);
    expect(records.filter((r) => r.questionnaire?.length !== 24 || r.questionnaire.some((q) => q.parsed.kind !== 'answer'))).toEqual([]);
  });

  it('writes the reliability report into results.json, valid against its schema, with the simulator’s known absence of presentation effects', () => {
    expect(validateJsonSchema(loadResultsSchema(), doc)).toEqual([]);
    const rel = doc.reliability!;
    expect(rel.perturbations).toHaveLength(2 * 8);
    // Stated distributions do not depend on order, labels, persona placement or phrasing, wording or seed.
    const grid = rel.perturbations.filter((p) => p.factor !== 'method');
    expect(grid).toHaveLength(2 * 7);
    for (const p of grid)
      expect({ variant: p.variant, movement: p.meanMovement, exceeded: p.exceeded }).toEqual({ variant: p.variant, movement: 0, exceeded: 0 });
    for (const t of rel.testRetest) expect([t.itemMeanCorrelation, t.meanAbsDifference]).toEqual([1, 0]);
    for (const o of rel.order) expect(o.shift).toBe(0);
    // Scored exactly, the faithful respondent (shrink 0.2 toward G) has a deviation ratio of 1 / 0.2.
    expect(rel.perturbations.find((p) => p.model === 'sim-faithful')!.meanDr.reference).toBeCloseTo(5, 4);
    // Four sampled respondents per country are noisy: the sampled answers move the scores.
    for (const p of rel.perturbations.filter((x) => x.factor === 'method')) expect(p.meanMovement).toBeGreaterThan(10);
    expect(rel.methods.map((m) => m.variant)).toEqual(['method=sample', 'method=sample']);
  });

  it('shows the stability column and the reliability section in leaderboard.md and report.html', () => {
    expect(leaderboard).toMatch(/\| rank \| model .*\| stability \|/);
    expect(leaderboard).toContain('## Reliability');
    expect(leaderboard).toContain('### Test-retest (another seed)');
    expect(leaderboard).toContain('### Order effects');
    expect(leaderboard).toContain('sim-faithful (simulation)');
    expect(html).toContain('<section class="card" id="reliability"><h2>Reliability</h2>');
    expect(html).toContain('id="chart-reliability"');
    expect(html).toContain('<table class="sortable" id="table-order">');
  });
});
