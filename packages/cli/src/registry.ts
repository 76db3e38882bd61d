import { defaultParser, surveyPrompter, type Registry } from '@culturebench/core';
import { baselineProvider } from '@culturebench/provider-baseline';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

/** The plugins that ship with culturebench. */
export function builtInRegistry(): Registry {
  return {
    surveys: {
      vsm2013: { title: "Hofstede's Values Survey Module 2013", load: () => loadVsm2013() },
    },
    providers: { baseline: baselineProvider },
    prompter: surveyPrompter,
    parser: defaultParser,
  };
}
