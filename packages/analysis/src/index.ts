import { registerDatasets } from '@culturebench/core';

// Installed, the package ships its datasets in its own datasets/ folder (copied there by the build).
registerDatasets(new URL('../datasets/', import.meta.url));
export * from './results.js';
export { analyseRun, analyseRecords, buildContext, realisationFromAnalysis, BOOTSTRAP_METHOD, DEFAULT_ORIGIN_PAIRS, DEFAULT_REPLICATES, type AnalyseOptions } from './analyse-run.js';
export { RespondentBootstrap, estimate } from './bootstrap.js';
export { writeAnalysisOutputs, leaderboardMarkdown, analysisCsvs, ANALYSIS_CSV_FILES, RESULTS_FILE, LEADERBOARD_FILE } from './outputs.js';
export { keyFindings } from './findings.js';
export { canonicalJson, roundDeep, fmtInterval } from './format.js';
export { percentileInterval, quantileSorted, rankInterval } from './quantile.js';
export { mulberry32, mixSeed } from './rng.js';
export { signFlipTest } from './analyses/origin.js';
export { loadWebContent, webLanguage, DEFAULT_WEB_CONTENT_MEASURES, type WebContentRow, type WebContentTable } from './analyses/web-content.js';
export { validateJsonSchema, loadResultsSchema, RESULTS_SCHEMA_PATH, type SchemaError } from './schema.js';
export type { AnalysisModule, Context, Estimates, Realisation } from './context.js';
