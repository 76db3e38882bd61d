import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan, loadBenchmarkCountries, loadConfig, runBenchmark, validateConfig, type Registry } from '@culturebench/core';
import { builtInRegistry } from '@culturebench/cli';
import { loadIvsMap } from '@culturebench/survey-ivs-map';
import { PAPER_SAMPLES } from '../paper-design.js';

const file = fileURLToPath(new URL('../ivs.config.ts', import.meta.url));

/** The CLI's registry, with the IVS map survey added if it is not registered there yet. */
async function registry(): Promise<Registry> {
  const r = await builtInRegistry();
  return r.surveys['ivs-map']
    ? r
    : { ...r, surveys: { ...r.surveys, 'ivs-map': { title: 'Inglehart–Welzel cultural map (IVS)', load: (o) => loadIvsMap(o) } } };
}

describe('benchmarks/ivs.config.ts', () => {
  it('is valid for the shipped plugins and data', async () => {
    const config = await loadConfig(file);
    const reg = await registry();
    const survey = reg.surveys[config.survey].load();
    expect(config.survey).toBe('ivs-map');
    expect(() => validateConfig(config, reg, survey)).not.toThrow();
  });

  it('asks the 20 VSM benchmark countries, all with an IVS position and a text in their own language', async () => {
    const config = await loadConfig(file);
    const survey = loadIvsMap();
    const native = loadBenchmarkCountries();
    expect([...config.countries].sort()).toEqual(Object.keys(native).sort());
    for (const c of config.countries as string[]) {
      expect(survey.groundTruth.countries[c]).toEqual({ TRADSEC: expect.any(Number), SURVSELF: expect.any(Number) });
      expect(survey.languages[native[c].language]).toBeDefined();
    }
    expect(config.conditions).toEqual(['native', 'english', 'chinese']);
    expect(config.aggregates).toEqual(['language-average']);
  });

  it('declares no free constant and the same models and personas as the VSM benchmark', async () => {
    const config = await loadConfig(file);
    const vsm = await loadConfig(fileURLToPath(new URL('../vsm.config.ts', import.meta.url)));
    expect(config.constants).toEqual({ mode: 'fixed', values: { TRADSEC: 0, SURVSELF: 0 } });
    expect(config.models.map((m) => m.id)).toEqual(vsm.models.map((m) => m.id));
    expect(config.persona).toEqual(vsm.persona);
    // VSM takes 40 from its own design study (benchmarks README); the IVS map keeps the paper's 20 until it has one.
    expect(config.samples).toBe(PAPER_SAMPLES);
  });

  it('plans 15,080 requests per model (58 country-language samples × 13 items × 20)', async () => {
    const config = await loadConfig(file);
    const nativeLanguages = Object.fromEntries(Object.values(loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
    const plan = buildPlan({ config, survey: loadIvsMap(), prompter: (await registry()).prompter, nativeLanguages, models: config.models.slice(0, 1) });
    expect(plan.cells).toHaveLength(58);
    expect(plan.size).toBe(15_080);
  });

  it('runs offline with the baselines and writes the usual outputs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'culturebench-ivs-bench-'));
    try {
      const config = await loadConfig(file);
      const result = await runBenchmark({
        config,
        registry: await registry(),
        models: ['baseline-random', 'baseline-middle'],
        samples: 2,
        outDir: out,
        cache: false,
        env: {},
        // The report's intervals are tested elsewhere; a few replicates keep that path in this run.
        replicates: 20,
      });
      for (const f of ['responses.jsonl', 'manifest.json', 'scores.csv', 'alignment.csv', 'agreement.csv', 'answers.csv', 'leaderboard.md']) {
        expect({ f, exists: existsSync(join(result.runDir, f)) }).toEqual({ f, exists: true });
      }
      expect(result.manifest.plan.requests).toBe(2 * 58 * 13 * 2);
      expect(result.analysis.answers.reduce((a, c) => a + c.invalid + c.refusals + c.errors, 0)).toBe(0);
      const middle = result.analysis.alignment.filter((a) => a.model === 'baseline-middle' && a.condition === 'language-average');
      expect(middle).toHaveLength(20);
      for (const r of middle) expect(r.deviation_ratio).toBeCloseTo(1, 10);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
