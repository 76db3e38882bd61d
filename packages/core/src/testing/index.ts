/** Test toolbox for plugin authors: conformance suites that every provider and survey plugin runs. */
export { describeProviderConformance, type ConformanceFault, type ProviderConformanceOptions, type ProviderConformanceSetup } from './provider-conformance.js';
export { describeSurveyConformance, type SurveyConformanceOptions } from './survey-conformance.js';
