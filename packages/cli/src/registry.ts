import type { ModelProvider, Registry, Reporter } from '@culturebench/core';

/**
 * The plugins that ship with culturebench: add a new survey, provider or reporter here. Each is imported
 * only when a command needs it, so `--help` or a baseline run never loads the LLM clients.
 */
const PROVIDERS: Record<string, (surveys: Registry['surveys']) => Promise<ModelProvider>> = {
  baseline: async () => (await import('@culturebench/provider-baseline')).baselineProvider,
  openai: async () => (await import('@culturebench/provider-openai')).openaiProvider,
  ollama: async () => (await import('@culturebench/provider-ollama')).ollamaProvider,
  langchain: async () => (await import('@culturebench/provider-langchain')).langchainProvider,
  // Known-truth simulated respondents (labelled simulations); the survey id is the entry's model.
  simulated: async (surveys) =>
    (await import('@culturebench/provider-simulated')).simulatedProvider((id) => {
      const s = surveys[id];
      if (!s) throw new Error(`unknown survey "${id}" (available: ${Object.keys(surveys).sort().join(', ')})`);
      return s.load();
    }),
};

/** Ids of the built-in providers (loaded or not). */
export const BUILT_IN_PROVIDERS = Object.keys(PROVIDERS);

/**
 * The built-in registry with the named providers loaded (all of them when `providerIds` is
 * undefined, or when one of the ids is unknown, so the error can list every available one).
 */
export async function loadRegistry(providerIds?: Iterable<string>): Promise<Registry> {
  // One import after the other: Jest's ESM loader fails on concurrent imports sharing a module.
  const core = await import('@culturebench/core');
  const vsm = await import('@culturebench/survey-vsm2013');
  const ivs = await import('@culturebench/survey-ivs-map');
  const opinions = await import('@culturebench/survey-opinions');
  const parser = await import('@culturebench/parser-multilingual');
  const surveys: Registry['surveys'] = {
    vsm2013: { title: "Hofstede's Values Survey Module 2013", load: (options) => vsm.loadVsm2013(options) },
    'ivs-map': { title: 'Inglehart–Welzel cultural map (IVS)', load: (options) => ivs.loadIvsMap(options) },
    [opinions.OPINIONS_ID]: {
      title: 'Opinion distributions (GlobalOpinionQA layout; CSV from CULTUREBENCH_OPINIONS_CSV)',
      load: (options) => opinions.loadOpinionsFromEnv(options),
    },
    [opinions.OPINIONS_EXAMPLE_ID]: { title: 'Opinion distributions (synthetic example)', load: (options) => opinions.loadOpinionsExample(options) },
  };
  let ids = providerIds === undefined ? BUILT_IN_PROVIDERS : [...new Set(providerIds)];
  if (ids.some((id) => !PROVIDERS[id])) ids = BUILT_IN_PROVIDERS;
  const loaded: [string, ModelProvider][] = [];
  for (const id of ids) loaded.push([id, await PROVIDERS[id](surveys)]);
  return {
    surveys,
    providers: Object.fromEntries(loaded),
    prompter: core.surveyPrompter,
    parsers: { [parser.MULTILINGUAL_PARSER_ID]: parser.multilingualParser },
    // Imported when the report stage starts (a run: after asking; doctor, list, score: never).
    loadReporters: builtInReporters,
  };
}

/**
 * After core's tables: the analyses (results.json, CSVs, leaderboard.md), the Arrow exports and the
 * response browser, then report.html last (its Files section lists every other output).
 */
async function builtInReporters(): Promise<Reporter[]> {
  const analysis = await import('@culturebench/analysis');
  const leaderboard = await import('@culturebench/leaderboard');
  const reportHtml = await import('@culturebench/report-html');
  return [analysis.analysisReporter, leaderboard.arrowReporter, reportHtml.responseBrowserReporter, reportHtml.reportHtmlReporter];
}

/** Every built-in plugin, loaded, the reporters included. */
export async function builtInRegistry(): Promise<Registry> {
  const { loadReporters } = await import('@culturebench/core');
  return loadReporters(await loadRegistry());
}
