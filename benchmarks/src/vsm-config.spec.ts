import { fileURLToPath } from 'node:url';
import { buildPlan, loadBenchmarkCountries, loadConfig, validateConfig } from '@culturebench/core';
import { builtInRegistry } from '@culturebench/cli';

const file = fileURLToPath(new URL('../vsm.config.ts', import.meta.url));

describe('benchmarks/vsm.config.ts', () => {
  it('is valid for the shipped plugins and data', async () => {
    const config = await loadConfig(file);
    const registry = await builtInRegistry();
    const survey = registry.surveys[config.survey].load();
    expect(() => validateConfig(config, registry, survey)).not.toThrow();
  });

  it('has the paper design (20 countries, three language conditions and their average) with the design study’s 40 respondents and shared constants', async () => {
    const config = await loadConfig(file);
    expect(config.countries).toHaveLength(20);
    expect(config.conditions).toEqual(['native', 'english', 'chinese', 'no-persona']);
    expect(config.aggregates).toEqual(['language-average']);
    expect(config.samples).toBe(40);
    expect(config.constants).toEqual({ mode: 'global' });
    const native = loadBenchmarkCountries();
    expect(new Set(config.countries.map((c) => native[c as string].language)).size).toBe(20);
  });

  it('rosters ten LLMs, half of US and half of Chinese origin, plus the two baselines', async () => {
    const config = await loadConfig(file);
    const registry = await builtInRegistry();
    const llms = config.models.filter((m) => registry.providers[m.provider].kind === 'llm');
    expect(llms).toHaveLength(10);
    expect(llms.filter((m) => m.origin === 'US')).toHaveLength(5);
    expect(llms.filter((m) => m.origin === 'CN')).toHaveLength(5);
    expect(llms.some((m) => m.model === 'glm4:9b')).toBe(true);
    expect(config.models.filter((m) => m.provider === 'baseline').map((m) => m.model)).toEqual(['random', 'middle']);
  });

  it('plans 56,640 requests per model (58 country-language samples and one no-persona sample × 24 items × 40)', async () => {
    const config = await loadConfig(file);
    const registry = await builtInRegistry();
    const survey = registry.surveys.vsm2013.load();
    const nativeLanguages = Object.fromEntries(Object.values(loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
    const plan = buildPlan({ config, survey, prompter: registry.prompter, nativeLanguages, models: config.models.slice(0, 1) });
    expect(plan.cells).toHaveLength(59); // US and CN ask two languages, the others three; + no persona
    expect(plan.cells.filter((c) => c.noPersona)).toHaveLength(1);
    expect(plan.size).toBe(56_640);
  });
});
