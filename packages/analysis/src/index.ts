export * from './results.js';
export {
  analyseRun,
  analyseRecords,
  buildContext,
  contextOf,
  realisationFromAnalysis,
  BOOTSTRAP_METHOD,
  DEFAULT_ORIGIN_PAIRS,
  DEFAULT_REPLICATES,
  type AnalyseOptions,
} from './analyse-run.js';
export { RespondentBootstrap } from './bootstrap.js';
export { collectSamples, SampleCollector, type PlacedSamples, type SampleData, type SeenModel } from './samples.js';
export { estimate, keyed, type Estimates, type Statistic } from './estimate.js';
export { writeAnalysisOutputs, leaderboardMarkdown, analysisCsvs, ANALYSIS_CSV_FILES, RESULTS_FILE, LEADERBOARD_FILE } from './outputs.js';
export { keyFindings } from './findings.js';
export { canonicalJson, roundDeep, fmtInterval } from './format.js';
export { percentileInterval, quantileSorted, rankInterval } from './quantile.js';
export { mulberry32, mixSeed } from './rng.js';
export { signFlipTest } from './analyses/origin.js';
export { webInference, permutationP, WEB_PERMUTATIONS, type PermutationInference } from './analyses/web-inference.js';
export { loadWebContent, webLanguage, DEFAULT_WEB_CONTENT_MEASURES, type WebContentRow, type WebContentTable } from './analyses/web-content.js';
export { validateJsonSchema, loadResultsSchema, RESULTS_SCHEMA_PATH, type SchemaError } from './schema.js';
export type { Context, Realisation } from './context.js';
export type { AnalysisModule, AnalysisSetup, CsvOutput, FindingsDoc, JsonSchema, ModuleChart } from './analysis-module.js';
export { ANALYSES, type AnalysisResults } from './registry.js';
export { attachAcrossCountries, candidateCultures } from './analyses/skill-module.js';
export {
  analyseSimulated,
  nativeStudy,
  processModel,
  simulateRecords,
  STUDY_COUNTRIES,
  simulatedManifest,
  trueSkill,
  type SimulatedModel,
  type SimulationDesign,
  type SimulatedAnalysis,
} from './simulation.js';
export { skillStatistic, type Candidate, type SkillResults } from './analyses/skill.js';
export { centredInterval } from './quantile.js';
export { DEFAULT_RESPONDENTS } from './design-default.js';
export { MIN_COUNTRIES } from './findings.js';
export { analysisReporter, RESULTS_PUBLISHED } from './reporter.js';
export { runTitle } from './run-title.js';
