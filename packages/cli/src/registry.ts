import { analysisReporter } from '@culturebench/analysis';
import { surveyPrompter, type Registry } from '@culturebench/core';
import { MULTILINGUAL_PARSER_ID, multilingualParser } from '@culturebench/parser-multilingual';
import { arrowReporter } from '@culturebench/leaderboard';
import { reportHtmlReporter, responseBrowserReporter } from '@culturebench/report-html';
import { baselineProvider } from '@culturebench/provider-baseline';
import { langchainProvider } from '@culturebench/provider-langchain';
import { ollamaProvider } from '@culturebench/provider-ollama';
import { openaiProvider } from '@culturebench/provider-openai';
import { simulatedProvider } from '@culturebench/provider-simulated';
import { loadIvsMap } from '@culturebench/survey-ivs-map';
import { loadOpinionsExample, loadOpinionsFromEnv, OPINIONS_EXAMPLE_ID, OPINIONS_ID } from '@culturebench/survey-opinions';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

/** The plugins that ship with culturebench: add a new survey, provider or reporter here. */
export function builtInRegistry(): Registry {
  const surveys: Registry['surveys'] = {
    vsm2013: { title: "Hofstede's Values Survey Module 2013", load: (options) => loadVsm2013(options) },
    'ivs-map': { title: 'Inglehart–Welzel cultural map (IVS)', load: (options) => loadIvsMap(options) },
    [OPINIONS_ID]: {
      title: 'Opinion distributions (GlobalOpinionQA layout; CSV from CULTUREBENCH_OPINIONS_CSV)',
      load: (options) => loadOpinionsFromEnv(options),
    },
    [OPINIONS_EXAMPLE_ID]: { title: 'Opinion distributions (synthetic example)', load: (options) => loadOpinionsExample(options) },
  };
  return {
    surveys,
    providers: {
      baseline: baselineProvider,
      openai: openaiProvider,
      ollama: ollamaProvider,
      langchain: langchainProvider,
      // Known-truth simulated respondents (labelled simulations); the survey id is the entry's model.
      simulated: simulatedProvider((id) => {
        const s = surveys[id];
        if (!s) throw new Error(`unknown survey "${id}" (available: ${Object.keys(surveys).sort().join(', ')})`);
        return s.load();
      }),
    },
    prompter: surveyPrompter,
    parsers: { [MULTILINGUAL_PARSER_ID]: multilingualParser },
    // After core's tables: the analyses (results.json, CSVs, leaderboard.md), the Arrow exports and the
    // response browser, then report.html last (its Files section lists every other output).
    reporters: [analysisReporter, arrowReporter, responseBrowserReporter, reportHtmlReporter],
  };
}
