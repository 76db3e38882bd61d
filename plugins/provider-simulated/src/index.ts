import type { ModelEntry, ModelProvider, Survey } from '@culturebench/core';
import { checkSpec, simulationProcess, type SimulationSpec } from './process.js';
import { createSimulatedClient } from './respondent.js';

export * from './process.js';
export { createSimulatedClient, promptLocator, REFUSAL_TEXT } from './respondent.js';

/**
 * Options of a `simulated` model entry: `{ provider: 'simulated', model: SURVEY_ID,
 * options: { countries: [...benchmark countries, for G], spec: SimulationSpec } }`.
 */
export interface SimulatedOptions {
  countries: string[];
  spec?: SimulationSpec;
}

function readOptions(entry: ModelEntry): SimulatedOptions | string {
  const o = entry.options as Partial<SimulatedOptions> | undefined;
  if (!o || !Array.isArray(o.countries) || o.countries.length === 0) return 'options.countries must list the benchmark countries (G is their human mean)';
  return { countries: o.countries.map(String), spec: (o.spec ?? {}) as SimulationSpec };
}

/**
 * The provider plugin `simulated`: respondents from a declared generating process with a known
 * truth, labelled `simulation` in every output, never an LLM. `loadSurvey` resolves entry.model.
 */
export function simulatedProvider(loadSurvey: (id: string) => Survey): ModelProvider {
  return {
    id: 'simulated',
    kind: 'simulation',
    defaultConcurrency: 64,
    options: {
      countries: { type: 'array', description: "the benchmark's country codes (G is their human mean)" },
      spec: { type: 'object', description: 'the generating process: shrink, noise, country, profiles, …' },
    },
    create(entry) {
      const o = readOptions(entry);
      if (typeof o === 'string') throw new Error(`model ${entry.id}: ${o}`);
      const survey = loadSurvey(entry.model);
      return createSimulatedClient(simulationProcess(survey, o.countries, o.spec), survey, entry.params?.seed ?? 0);
    },
    async check(entry) {
      const o = readOptions(entry);
      if (typeof o === 'string') return { ok: false, reason: o, fix: "add options: { countries: ['US', …], spec: {…} } to the model entry" };
      let survey: Survey;
      try {
        survey = loadSurvey(entry.model);
      } catch (e) {
        return {
          ok: false,
          reason: `model ${entry.id}: survey "${entry.model}": ${(e as Error).message}`,
          fix: 'set model to the survey id of the benchmark, e.g. vsm2013',
        };
      }
      const problem = checkSpec(o.spec ?? {}, survey);
      return problem
        ? { ok: false, reason: problem, fix: 'correct options.spec of the model entry' }
        : { ok: true, detail: 'offline simulation (known truth)' };
    },
  };
}

/** A simulated model entry for a benchmark's countries. */
export function simulatedModel(id: string, survey: string, countries: string[], spec: SimulationSpec = {}): ModelEntry {
  return { id, provider: 'simulated', model: survey, options: { countries, spec } };
}
