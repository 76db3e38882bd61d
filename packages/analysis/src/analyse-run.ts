/**
 * A finished run directory → every analysis with bootstrap intervals (a ResultsDocument).
 * Point estimates come from core's `analyse()`; the bootstrap recomputes them per replicate.
 */
import { join } from 'node:path';
import {
  analyse,
  describeConstants,
  InputError,
  LANGUAGE_AVERAGE,
  answerRowView,
  LatestRecords,
  loadBenchmarkCountries,
  readManifest,
  reliabilityReport,
  scoringView,
  type ReliabilityReport,
  type Analysis,
  type ResponseRecord,
  type RunManifest,
  type Survey,
  benchmarkCountries,
} from '@culturebench/core';
import type { AnalysisSetup } from './analysis-module.js';
import { DEFAULT_WEB_CONTENT_MEASURES, loadWebContent, type WebContentTable } from './analyses/web-content.js';
import { fillAlignmentFromRows, fillScoresFromRows } from './alignment-rows.js';
import { RespondentBootstrap } from './bootstrap.js';
import { collectSamples, type SampleCollector, type SeenModel } from './samples.js';
import { createContext, emptyRealisation, type Context, type ModelInfo, type Realisation } from './context.js';
import { estimate, type Statistic } from './estimate.js';
import { keyFindings } from './findings.js';
import { roundDeep } from './format.js';
import { ANALYSES, type AnalysisResults } from './registry.js';
import type { ResultsDocument, ResultsFrame } from './results.js';

export interface AnalyseOptions {
  /** Bootstrap replicates (default 1,000; 0 gives point estimates with null intervals). */
  replicates?: number;
  /** PRNG seed of the bootstrap (default: the run's seed, manifest.config.seed). */
  seed?: number;
  /** Web-content shares by language (default: datasets/web-content/content-language-share.csv). */
  webContent?: WebContentTable;
  /** Share columns of the web-content table to correlate (default: both 2022 measures). */
  webContentMeasures?: string[];
  /** Country pairs of the origin analysis (default [['US', 'CN']]; pairs not in the run are an error). */
  originPairs?: [string, string][];
  /**
   * Core's summary of these same records (`analyse(records, manifest, survey)`), when the caller
   * already has it (the report stage computes it once for every reporter); computed here otherwise.
   */
  summary?: Analysis;
  /**
   * The samples of these same records, already collected (the analysis reporter fills them in the
   * walk that feeds the reliability report); with `summary` too, `records` is not walked at all.
   */
  collector?: SampleCollector;
}

export const DEFAULT_REPLICATES = 1000;
export const DEFAULT_ORIGIN_PAIRS: [string, string][] = [['US', 'CN']];
export const BOOTSTRAP_METHOD =
  'Respondents (one reply per item each, moving together) resampled with replacement within each model × country × language sample; item means, indices, condition scores, constants and every statistic recomputed per replicate; intervals are the 2.5th–97.5th percentiles (linear interpolation) of the replicates where the statistic is defined, shifted to centre on the estimate (median-centred). Exceptions: the alignment skill, skill_c and the disattenuated correlation have analytic intervals (estimate ± 1.96 SE from the estimated sampling variances), and acrossCountries resamples the countries.';

/**
 * Reads manifest.json and responses.jsonl of a run directory and analyses them, streaming the
 * file (an index of its latest lines, as the report stage does): no record is held.
 */
export function analyseRun(runDir: string, survey: Survey, opts: AnalyseOptions = {}): ResultsDocument {
  const manifest = readManifest(runDir);
  const allRecords = LatestRecords.open([join(runDir, 'responses.jsonl')]);
  // The headline analyses read the reference variant, one record per respondent, distributions by expectation.
  const doc = analyseRecords(scoringView(allRecords), manifest, survey, opts);
  doc.reliability = roundDeep(reliabilityReport(answerRowView(allRecords), manifest, survey)) as ReliabilityReport;
  return doc;
}

/** The frame of the analyses: models (LLMs, baselines, reference), countries, conditions, human scores. */
export function buildContext(manifest: RunManifest, survey: Survey, records: Iterable<ResponseRecord>, seed: number): Context {
  const seen = new Map<string, SeenModel>();
  for (const r of records) if (!seen.has(r.model)) seen.set(r.model, { id: r.model, kind: r.kind, provider: r.provider });
  return contextOf(manifest, survey, seen.values(), seed);
}

/** The frame, given the models the records name (a SampleCollector's `models`). */
export function contextOf(manifest: RunManifest, survey: Survey, seen: Iterable<SeenModel>, seed: number): Context {
  const dims = survey.scorer.dimensions;
  const countries = manifest.config.countries.map((c) => c.code);
  const globalCountries = benchmarkCountries(manifest, survey.groundTruth.countries);
  // A no-persona condition is the model's default profile, not a country: it enters no country analysis.
  const conditions = [
    ...manifest.config.conditions.filter((c) => c.persona !== false).map((c) => c.id),
    ...manifest.config.aggregates.filter((a) => a === LANGUAGE_AVERAGE),
  ];
  const info = (m: RunManifest['models'][number]): ModelInfo => ({ id: m.id, kind: m.kind, origin: m.origin ?? null, provider: m.provider ?? null });
  const known = new Set(manifest.models.map((m) => m.id));
  // Models in the responses but not in the manifest (should not happen) are kept, with the kind
  // their records carry, by id (not by order of appearance).
  const extra = [...seen]
    .filter((m) => !known.has(m.id))
    .map((m): ModelInfo => ({ id: m.id, kind: m.kind, origin: null, provider: m.provider }))
    .sort((a, b) => cmp(a.id, b.id));
  const all = [...manifest.models.map(info), ...extra];
  return createContext({
    dims,
    countries,
    countryLanguages: manifest.config.countries.map((c) => c.language),
    conditions,
    // LLMs first, then baselines; createContext appends the reference row.
    models: [...all.filter((m) => m.kind === 'llm'), ...all.filter((m) => m.kind !== 'llm')],
    human: Object.fromEntries(globalCountries.map((c) => [c, survey.groundTruth.countries[c] ?? {}])),
    globalCountries,
    headline: manifest.config.headline,
    seed,
    metric: survey.alignmentMetric,
  });
}

/** The observed realisation, from core's analysis (scores with constants, and its alignment rows). */
export function realisationFromAnalysis(ctx: Context, analysis: Analysis): Realisation {
  const real = emptyRealisation(ctx);
  fillScoresFromRows(ctx, real, analysis.scores);
  fillAlignmentFromRows(ctx, real, analysis.alignment);
  return real;
}

function checkOptions(countries: string[], seed: number, opts: AnalyseOptions): { replicates: number; pairs: [string, string][] } {
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(seed)) throw new InputError(`seed: a whole number, got ${seed}`);
  if (!Number.isInteger(replicates) || replicates < 0) throw new InputError(`replicates: a whole number ≥ 0, got ${replicates}`);
  let pairs = DEFAULT_ORIGIN_PAIRS.filter(([a, b]) => countries.includes(a) && countries.includes(b));
  if (opts.originPairs) {
    for (const [a, b] of opts.originPairs) {
      for (const c of [a, b])
        if (!countries.includes(c)) throw new InputError(`originPairs: country "${c}" is not in this run (countries: ${countries.join(', ')})`);
    }
    pairs = opts.originPairs;
  }
  return { replicates, pairs };
}

function countryName(code: string, survey: Survey, names: Record<string, { name: string }>): string {
  return names[code]?.name ?? survey.languages['en']?.countries[code] ?? code;
}

/**
 * The analyses of a run's response records (latest per request key). `records` is read once (a
 * second time by core's analyse() when no `summary` is given), into typed per-sample arrays: it
 * may be a stream that re-reads responses.jsonl on every iteration.
 */
export function analyseRecords(records: Iterable<ResponseRecord>, manifest: RunManifest, survey: Survey, opts: AnalyseOptions = {}): ResultsDocument {
  const seed = opts.seed ?? manifest.config.seed;
  const { replicates, pairs } = checkOptions(
    manifest.config.countries.map((c) => c.code),
    seed,
    opts,
  );
  const collector =
    opts.collector ??
    collectSamples(
      records,
      survey.items.map((i) => i.id),
      survey.scorer.needsDistributions === true,
    );
  const ctx = contextOf(manifest, survey, collector.models.values(), seed);
  const analysis = opts.summary ?? analyse(records, manifest, survey);
  const observed = realisationFromAnalysis(ctx, analysis);
  const placed = collector.place(ctx);
  const boot = new RespondentBootstrap(ctx, survey, placed, manifest.config);
  observed.variance.set(boot.observed().variance);
  const setup: AnalysisSetup = {
    ctx,
    survey,
    observed,
    replicates,
    seed,
    originPairs: pairs,
    noPersona: placed.noPersona,
    conditions: manifest.config.conditions,
    constants: analysis.constants.byGroup,
    webContent: opts.webContent ?? loadWebContent(),
    webContentMeasures: opts.webContentMeasures ?? DEFAULT_WEB_CONTENT_MEASURES,
  };
  // One statistic per module, all computed on the same replicates (one draw each).
  const statistics: Record<string, Statistic<object>> = Object.fromEntries(ANALYSES.map((m) => [m.id, m.statistic(setup) as Statistic<object>]));
  const buffer = emptyRealisation(ctx);
  const est = estimate(ctx, statistics, observed, (rand) => boot.replicate(rand, buffer), replicates, seed) as Record<string, object>;
  const slices: object[] = ANALYSES.map((m) => {
    const slice = est[m.id]!;
    (m.finish as ((s: AnalysisSetup, x: object) => void) | undefined)?.(setup, slice);
    return slice;
  });

  let names: Record<string, { name: string }> = {};
  try {
    names = loadBenchmarkCountries();
  } catch {
    // a datasets folder without the countries table: fall back to the survey's English names
  }
  const frame: ResultsFrame = {
    schema: 'culturebench-results/1',
    runId: manifest.runId,
    manifest,
    bootstrap: { replicates, seed, level: 0.95, method: BOOTSTRAP_METHOD },
    dimensions: ctx.dims,
    human: {
      countries: Object.fromEntries(ctx.countries.map((c) => [c, Object.fromEntries(ctx.dims.map((d) => [d, survey.groundTruth.countries[c]?.[d] ?? null]))])),
      global: Object.fromEntries(ctx.dims.map((d, i) => [d, Number.isFinite(ctx.global[i]) ? ctx.global[i]! : null])),
    },
    models: ctx.models.map((m) => ({ id: m.id, kind: m.kind, origin: m.origin, provider: m.provider })),
    countries: manifest.config.countries.map((c) => ({
      code: c.code,
      language: c.language,
      name: countryName(c.code, survey, names),
      direction: survey.languages[c.language]?.direction ?? 'ltr',
    })),
    conditions: ctx.conditions,
    headline: ctx.headline,
    constants: {
      mode: analysis.constants.spec.mode,
      description: describeConstants(analysis.constants.spec),
      values: ctx.models.flatMap((m) =>
        ctx.conditions.flatMap((condition) => {
          const group = analysis.constants.byGroup[`${m.id}\u0000${condition}`];
          return group ? ctx.dims.map((dimension) => ({ model: m.id, condition, dimension, value: group[dimension] ?? null })) : [];
        }),
      ),
    },
    countryBasis: ctx.countryBasisKind,
    answers: analysis.answers
      .map((a) => ({ model: a.model, language: a.language, total: a.total, answers: a.answers, refusals: a.refusals, invalid: a.invalid, errors: a.errors }))
      .sort((a, b) => cmp(a.model, b.model) || cmp(a.language, b.language)),
    findings: [],
  };
  const doc = Object.assign(frame, ...slices) as ResultsFrame & AnalysisResults;
  const { manifest: _m, ...rest } = doc;
  const rounded = { manifest, ...(roundDeep(rest) as Omit<ResultsDocument, 'manifest'>) };
  rounded.findings = keyFindings(rounded);
  return rounded;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
