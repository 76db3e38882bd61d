/**
 * The registered analyses, in leaderboard order (their sections of leaderboard.md follow this
 * order; findings follow each module's `findingsOrder`). A new analysis: one file exporting an
 * `AnalysisModule` (analysis-module.ts), added here. results.json, its schema, the CSVs,
 * leaderboard.md, the findings and report.html pick it up from this list.
 */
import type { AnalysisModule } from './analysis-module.js';
import { dimensionsAnalysis } from './analyses/dimensions.js';
import { disattenuatedAnalysis } from './analyses/disattenuated.js';
import { languageAnalysis } from './analyses/language.js';
import { middleGroundAnalysis } from './analyses/middle-ground.js';
import { originAnalysis } from './analyses/origin.js';
import { perCountryAnalysis } from './analyses/per-country.js';
import { perModelAnalysis } from './analyses/per-model.js';
import { scoresAnalysis } from './analyses/scores.js';
import { skillAnalysis } from './analyses/skill-module.js';
import { webContentAnalysis } from './analyses/web-content.js';

export const ANALYSES = [
  skillAnalysis,
  perModelAnalysis,
  languageAnalysis,
  perCountryAnalysis,
  webContentAnalysis,
  scoresAnalysis,
  middleGroundAnalysis,
  originAnalysis,
  dimensionsAnalysis,
  disattenuatedAnalysis,
] as const;

type SliceOf<M> = M extends AnalysisModule<infer S> ? S : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The keys of results.json that the registered analyses write. */
export type AnalysisResults = Intersection<SliceOf<(typeof ANALYSES)[number]>>;

/** The CSV files of the registered analyses, in registry order. */
export const ANALYSIS_CSV_FILES: readonly string[] = ANALYSES.flatMap((m) => (m.csv ?? []).map((c) => c.file));
