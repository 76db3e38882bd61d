/**
 * results.json: everything a finished run's analysis produced, for machines and for the HTML
 * report. Its JSON Schema is results.schema.json beside this package's README.
 * Intervals are 95 % percentile bootstrap intervals over respondents (null when not computable).
 */
import type { RunManifest } from '@culturebench/core';

export interface Interval {
  estimate: number | null;
  lo: number | null;
  hi: number | null;
}

export type ModelKind = 'llm' | 'baseline' | 'reference';

export interface ResultsDocument {
  schema: 'culturebench-results/1';
  runId: string;
  manifest: RunManifest;
  bootstrap: { replicates: number; seed: number; level: 0.95 };
  dimensions: string[];
  /** Human scores of the benchmark countries and their global average G. */
  human: { countries: Record<string, Record<string, number | null>>; global: Record<string, number | null> };
  models: { id: string; kind: ModelKind; origin: string | null; provider: string | null }[];
  countries: { code: string; language: string; name: string; direction: 'ltr' | 'rtl' }[];
  conditions: string[];
  headline: string;

  /** Model scores with intervals: model × country × condition × dimension. */
  scores: { model: string; country: string; condition: string; dimension: string; score: Interval; human: number | null }[];

  /** 1. Per country (paper Table 3): DR averaged over the LLMs (or the baselines if none ran). */
  perCountry: { country: string; condition: string; meanDr: Interval; medianDr: number | null; nModels: number; baselineDistance: number | null }[];
  /** 2. Per model (paper Figure 3b): mean and median DR over countries, rank and rank probabilities. */
  perModel: {
    model: string;
    condition: string;
    meanDr: Interval;
    medianDr: Interval;
    nCountries: number;
    rank: number;
    /** P(rank = k+1) over bootstrap replicates, k = 0.. (LLMs ranked among LLMs; baselines among all). */
    rankProbabilities: number[];
    rankInterval: { lo: number; hi: number };
  }[];
  /** 3. Middle ground (Figure 1): spread ratio per dimension, and each model's distance to G vs to countries. */
  middleGround: { model: string; condition: string; dimension: string; spreadRatio: Interval; modelSd: number | null; humanSd: number | null }[];
  /** 4. Model origin (Figures 4–5): alignment with each country of a pair, by origin group, with a paired test. */
  origin: {
    pair: [string, string];
    condition: string;
    groups: { origin: string; models: string[]; dr: Record<string, Interval> }[];
    /** Per origin group: paired difference DR(first) − DR(second) over models, sign/permutation test p-value. */
    tests: { origin: string; meanDifference: Interval; pValue: number | null; test: string; n: number }[];
  }[];
  /** 5. Prompt language: mean DR per model × condition, and overall. */
  language: { model: string; condition: string; meanDr: Interval }[];
  /** 6. Dimensions: per model × condition × dimension agreement across countries. */
  dimensionAgreement: {
    model: string;
    condition: string;
    dimension: string;
    pearson: Interval;
    spearman: Interval;
    kendall: Interval;
    meanAbsError: Interval;
    n: number;
  }[];
  /** 7. Web content: correlation of a language's share of web content with the country's mean DR. */
  webContent: { measure: string; condition: string; pearson: Interval; spearman: Interval; n: number; points: { country: string; language: string; share: number; meanDr: number | null }[] }[];
  /** Non-answers per model × language. */
  answers: { model: string; language: string; total: number; answers: number; refusals: number; invalid: number; errors: number }[];
  /** A few generated sentences stating the key findings. */
  findings: string[];
}
