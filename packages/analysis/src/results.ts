/**
 * results.json: everything a finished run's analysis produced, for machines and for the HTML
 * report. Its JSON Schema is results.schema.json beside this package's README.
 *
 * Intervals are 95 %: `estimate` is the value on the data as observed (not the bootstrap mean);
 * `lo`/`hi` are, unless a field says otherwise, the 2.5th and 97.5th percentiles (linear
 * interpolation) of the respondent-bootstrap replicates where the statistic is defined, shifted
 * to centre on the estimate (median-centred). The skill's are analytic (estimate ± 1.96 SE). All
 * three are null when the statistic is undefined on the observed data. Numbers are rounded to 6
 * decimals.
 */
import type { ReliabilityReport, RunManifest } from '@culturebench/core';
import type { AnalysisResults } from './registry.js';

export interface Interval {
  estimate: number | null;
  lo: number | null;
  hi: number | null;
}

export type ModelKind = 'llm' | 'baseline' | 'simulation' | 'reference';

/** Model id of the "over all LLMs" rows in `language`. */
export const ALL_LLMS = 'all-llms';

/** What every run's results.json holds besides the analyses (registry.ts), which add their own keys. */
export interface ResultsFrame {
  schema: 'culturebench-results/1';
  runId: string;
  manifest: RunManifest;
  /** How stable the measurement is: perturbations vs the human between-country gap, test-retest, methods, α, order (core's reliabilityReport). */
  reliability?: ReliabilityReport;
  bootstrap: {
    replicates: number;
    seed: number;
    level: 0.95;
    /** One sentence naming what is resampled and how intervals are formed. */
    method: string;
  };
  dimensions: string[];
  /** Human scores of the benchmark countries and their global average G. */
  human: { countries: Record<string, Record<string, number | null>>; global: Record<string, number | null> };
  /** LLMs (manifest order), then baselines, then the analytic reference `human-global-average`. */
  models: { id: string; kind: ModelKind; origin: string | null; provider: string | null }[];
  countries: { code: string; language: string; name: string; direction: 'ltr' | 'rtl' }[];
  conditions: string[];
  headline: string;
  /** The constants C that were added (per model × condition × dimension), and the mode. */
  constants: {
    mode: 'fixed' | 'anchored' | 'global';
    description: string;
    values: { model: string; condition: string; dimension: string; value: number | null }[];
  };
  /**
   * Which models the per-country means (perCountry, webContent) average over: the LLMs, or the
   * baselines when no LLM ran ('none' when neither has data).
   */
  countryBasis: 'llm' | 'simulation' | 'baseline' | 'none';

  /** Non-answers per model × language. */
  answers: { model: string; language: string; total: number; answers: number; refusals: number; invalid: number; errors: number }[];
  /** A few generated sentences stating the key findings. */
  findings: string[];
}

/** results.json: the frame plus every registered analysis' keys. */
export type ResultsDocument = ResultsFrame & AnalysisResults;
