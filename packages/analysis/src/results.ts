/**
 * results.json: everything a finished run's analysis produced, for machines and for the HTML
 * report. Its JSON Schema is results.schema.json beside this package's README.
 *
 * Intervals are 95 % percentile bootstrap intervals over respondents: `estimate` is the value on
 * the data as observed (not the bootstrap mean), `lo`/`hi` the 2.5th and 97.5th percentiles
 * (linear interpolation) of the replicates where the statistic is defined. All three are null
 * when the statistic is undefined on the observed data. Numbers are rounded to 6 decimals.
 */
import type { ReliabilityReport, RunManifest } from '@culturebench/core';

import type { NoPersonaCulture } from './analyses/no-persona.js';
import type { PermutationInference } from './analyses/web-inference.js';

export interface Interval {
  estimate: number | null;
  lo: number | null;
  hi: number | null;
}

export type ModelKind = 'llm' | 'baseline' | 'simulation' | 'reference';

/** Model id of the "over all LLMs" rows in `language`. */
export const ALL_LLMS = 'all-llms';

export interface ResultsDocument {
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

  /** Model scores with intervals: model × country × condition × dimension. */
  scores: { model: string; country: string; condition: string; dimension: string; score: Interval; human: number | null }[];
  /** Deviation ratio per model × country × condition, d(M_c, H_c) and d(G, H_c). */
  alignment: { model: string; country: string; condition: string; dr: Interval; distance: Interval; baselineDistance: number | null }[];

  /** 1. Per country (paper Table 3): DR averaged over the LLMs (or the baselines if none ran); best first per condition. */
  perCountry: {
    country: string;
    condition: string;
    rank: number | null;
    meanDr: Interval;
    medianDr: number | null;
    nModels: number;
    baselineDistance: number | null;
  }[];
  /** 2. Per model (paper Figure 3b): mean and median DR over countries, rank and rank probabilities; best first per condition. */
  perModel: {
    model: string;
    condition: string;
    meanDr: Interval;
    medianDr: Interval;
    nCountries: number;
    /** Competition rank (ties share the better rank) of the mean DR; null when the mean DR is missing. */
    rank: number | null;
    /** P(rank = k+1) over bootstrap replicates, k = 0.. (LLMs ranked among LLMs; baselines and the reference among all models). */
    rankProbabilities: number[];
    /** 2.5th–97.5th percentile of the rank over replicates (nearest rank); null when the rank is. */
    rankInterval: { lo: number; hi: number } | null;
  }[];
  /** 3. Middle ground (Figure 1): spread ratio per dimension (sd over countries, model / human). */
  middleGround: { model: string; condition: string; dimension: string; spreadRatio: Interval; modelSd: number | null; humanSd: number | null }[];
  /** 3b. Middle ground: mean distance of the model's country profiles to G vs to the countries themselves. */
  middleGroundDistance: {
    model: string;
    condition: string;
    /** mean_c d(M_c, G) */
    toGlobal: Interval;
    /** mean_c d(M_c, H_c) */
    toCountry: Interval;
    /** mean_c d(H_c, G) over the same countries: how far the humans are from G. */
    humanToGlobal: number | null;
    nCountries: number;
  }[];
  /** 4. Model origin (Figures 4–5): alignment with each country of a pair, by origin group, with a paired test. */
  origin: {
    pair: [string, string];
    condition: string;
    /** Per origin group: mean DR over the group's models, per country of the pair. */
    groups: { origin: string; models: string[]; dr: Record<string, Interval> }[];
    /** Per LLM with an origin: its DR with each country of the pair and the difference first − second. */
    models: { model: string; origin: string; dr: Record<string, Interval>; difference: Interval }[];
    /** Per origin group: paired difference DR(first) − DR(second) over models, sign-flip permutation test (two-sided). */
    tests: {
      origin: string;
      meanDifference: Interval;
      pValue: number | null;
      /** 'exact sign-flip permutation', 'monte-carlo sign-flip permutation', or 'none' (fewer than 2 models). */
      test: string;
      n: number;
      note: string | null;
    }[];
    notes: string[];
  }[];
  /** 5. Prompt language: mean DR per model × condition, and over the LLMs (model `all-llms`). */
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
  webContent: {
    measure: string;
    condition: string;
    pearson: Interval;
    spearman: Interval;
    n: number;
    points: { country: string; language: string; share: number; meanDr: number | null }[];
    /** Across countries: permutation p of Pearson r and leave-one-out influence per country. */
    inference: PermutationInference;
  }[];
  /**
   * The corrected headline per model × condition (best first by skill): skill = 1 − Σ_c d̂²(M_c, H_c) /
   * Σ_c d²(G, H_c), with d̂² the noise-corrected squared distance; intervals resample respondents and
   * countries. `skill` ranks the models.
   */
  skill: {
    model: string;
    condition: string;
    /** Interval over respondents, for the run's countries (the benchmark's estimand). */
    skill: Interval;
    /** The same estimate with the interval of countries taken as a sample of cultures (countries resampled). */
    acrossCountries: Interval;
    /** The same without the noise correction: drifts with the number of respondents. */
    skillUncorrected: Interval;
    /** Mean over countries of d(G, H_c) / max(√d̂²(M_c, H_c), 0.5). */
    meanDrCorrected: Interval;
    /** Σ_d corrected var_c(M) / Σ_d var_c(H): ≈ 0 when the model gives every country the same profile. */
    countrySignal: Interval;
    nCountries: number;
    rank: number | null;
    rankInterval: { lo: number; hi: number } | null;
    /** mean_c (M_c − H_c) per dimension: where the model leans. */
    bias: Record<string, Interval>;
    /** Length of the bias vector (noise-corrected). */
    biasNorm: Interval;
    /** √((var_c M − mean Var(M)) / var_c H) per dimension: the spread ratio without the noise. */
    spreadCorrected: Record<string, Interval>;
    /** Human country nearest to the model's profile averaged over the countries' personas. */
    defaultCulture: {
      country: string;
      distance: Interval;
      /** Share of replicates in which this country is the nearest. */
      probability: number | null;
      alternatives: { country: string; probability: number }[];
    } | null;
    /**
     * Human country nearest to the model's profile with no persona at all (each no-persona
     * condition of the run; read with this row's constants). Absent or [] when none was asked.
     */
    noPersona?: NoPersonaCulture[];
  }[];
  /** Per model × country × condition: corrected d², corrected DR and skill_c = 1 − d̂²(M, H) / d²(G, H). */
  alignmentCorrected: { model: string; country: string; condition: string; distanceSq: Interval; drCorrected: Interval; skill: Interval }[];
  /** Calibrated country ranking: skill_c averaged over the basis models (0 = no better than no country knowledge). */
  countrySkill: { country: string; condition: string; rank: number | null; skill: Interval; nModels: number }[];
  /** Non-answers per model × language. */
  answers: { model: string; language: string; total: number; answers: number; refusals: number; invalid: number; errors: number }[];
  /** A few generated sentences stating the key findings. */
  findings: string[];
}
