import { analysisReporter } from '@culturebench/analysis';
import { surveyPrompter, type Registry } from '@culturebench/core';
import { MULTILINGUAL_PARSER_ID, multilingualParser } from '@culturebench/parser-multilingual';
import { reportHtmlReporter } from '@culturebench/report-html';
import { baselineProvider } from '@culturebench/provider-baseline';
import { langchainProvider } from '@culturebench/provider-langchain';
import { ollamaProvider } from '@culturebench/provider-ollama';
import { openaiProvider } from '@culturebench/provider-openai';
import { loadIvsMap } from '@culturebench/survey-ivs-map';
import { loadOpinionsExample, loadOpinionsFromEnv, OPINIONS_EXAMPLE_ID, OPINIONS_ID } from '@culturebench/survey-opinions';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

/** The plugins that ship with culturebench: add a new survey, provider or reporter here. */
export function builtInRegistry(): Registry {
  return {
    surveys: {
      vsm2013: { title: "Hofstede's Values Survey Module 2013", load: (options) => loadVsm2013(options) },
      'ivs-map': { title: 'Inglehart–Welzel cultural map (IVS)', load: (options) => loadIvsMap(options) },
      [OPINIONS_ID]: {
        title: 'Opinion distributions (GlobalOpinionQA layout; CSV from CULTUREBENCH_OPINIONS_CSV)',
        load: (options) => loadOpinionsFromEnv(options),
      },
      [OPINIONS_EXAMPLE_ID]: { title: 'Opinion distributions (synthetic example)', load: (options) => loadOpinionsExample(options) },
    },
    providers: {
      baseline: baselineProvider,
      openai: openaiProvider,
      ollama: ollamaProvider,
      langchain: langchainProvider,
    },
    prompter: surveyPrompter,
    parsers: { [MULTILINGUAL_PARSER_ID]: multilingualParser },
    // After core's tables: the analyses (results.json, CSVs, leaderboard.md), then report.html from them.
    reporters: [analysisReporter, reportHtmlReporter],
  };
}
