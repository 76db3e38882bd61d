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
 * The built-in surveys by id: the title is listed without importing the plugin; `load` imports it
 * and gives its (synchronous) loader. A run imports only the survey its config names.
 */
type SurveyLoader = Registry['surveys'][string]['load'];
const SURVEYS: Record<string, { title: string; load: () => Promise<SurveyLoader> }> = {
  vsm2013: {
    title: "Hofstede's Values Survey Module 2013",
    load: async () => {
      const vsm = await import('@culturebench/survey-vsm2013');
      return (options) => vsm.loadVsm2013(options);
    },
  },
  'ivs-map': {
    title: 'Inglehart–Welzel cultural map (IVS)',
    load: async () => {
      const ivs = await import('@culturebench/survey-ivs-map');
      return (options) => ivs.loadIvsMap(options);
    },
  },
  // The ids are the survey-opinions package's OPINIONS_ID and OPINIONS_EXAMPLE_ID (registry.spec.ts checks).
  opinions: {
    title: 'Opinion distributions (GlobalOpinionQA layout; CSV from CULTUREBENCH_OPINIONS_CSV)',
    load: async () => {
      const opinions = await import('@culturebench/survey-opinions');
      return (options) => opinions.loadOpinionsFromEnv(options);
    },
  },
  'opinions-example': {
    title: 'Opinion distributions (synthetic example)',
    load: async () => {
      const opinions = await import('@culturebench/survey-opinions');
      return (options) => opinions.loadOpinionsExample(options);
    },
  },
};

/** Ids of the built-in surveys (loaded or not). */
export const BUILT_IN_SURVEYS = Object.keys(SURVEYS);

/**
 * The built-in registry with the named providers loaded (all of them when `providerIds` is
 * undefined, or when one of the ids is unknown, so the error can list every available one), and
 * the named surveys imported (all when `surveyIds` is undefined). Every survey is listed; one not
 * imported cannot be loaded (a caller that names its surveys knows it needs no other).
 */
export async function loadRegistry(providerIds?: Iterable<string>, surveyIds?: Iterable<string>): Promise<Registry> {
  // One import after the other: Jest's ESM loader fails on concurrent imports sharing a module.
  const core = await import('@culturebench/core');
  const wanted = new Set(surveyIds ?? BUILT_IN_SURVEYS);
  const surveys: Registry['surveys'] = {};
  for (const [id, { title, load }] of Object.entries(SURVEYS)) {
    const loader = wanted.has(id) ? await load() : undefined;
    surveys[id] = {
      title,
      load:
        loader ??
        (() => {
          throw new Error(`survey "${id}" was not imported into this registry (loadRegistry named only: ${[...wanted].join(', ')})`);
        }),
    };
  }
  const parser = await import('@culturebench/parser-multilingual');
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
