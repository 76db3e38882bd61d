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
  latestRecords,
  loadBenchmarkCountries,
  readManifest,
  readResponses,
  readAnswerRows,
  reliabilityReport,
  scoringRecords,
  type ReliabilityReport,
  type Analysis,
  type ResponseRecord,
  type RunManifest,
  type Survey,
  benchmarkCountries,
} from '@culturebench/core';
import { dimensionsModule } from './analyses/dimensions.js';
import { languageModule } from './analyses/language.js';
import { middleGroundModule } from './analyses/middle-ground.js';
import { originModule } from './analyses/origin.js';
import { perCountryModule } from './analyses/per-country.js';
import { perModelModule } from './analyses/per-model.js';
import { scoresModule } from './analyses/scores.js';
import { bounded, skillModule, skillSlot, type Candidate } from './analyses/skill.js';
import { attachNoPersona } from './analyses/no-persona.js';
import { DEFAULT_WEB_CONTENT_MEASURES, loadWebContent, webContentModule, type WebContentTable } from './analyses/web-content.js';
import { estimate, RespondentBootstrap } from './bootstrap.js';
import { createContext, emptyRealisation, fillAlignmentFromRows, fillScoresFromRows, type AnalysisModule, type Context, type ModelInfo, type Realisation } from './context.js';
import { keyFindings } from './findings.js';
import { roundDeep } from './format.js';
import type { Interval, ResultsDocument } from './results.js';

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
}

export const DEFAULT_REPLICATES = 1000;
export const DEFAULT_ORIGIN_PAIRS: [string, string][] = [['US', 'CN']];
export const BOOTSTRAP_METHOD =
  'Respondents (one reply per item each, moving together) resampled with replacement within each model × country × language sample; item means, indices, condition scores, constants and every statistic recomputed per replicate; 2.5th–97.5th percentiles (linear interpolation) of the replicates where the statistic is defined.';

/** Reads manifest.json and responses.jsonl of a run directory and analyses them. */
export function analyseRun(runDir: string, survey: Survey, opts: AnalyseOptions = {}): ResultsDocument {
  const manifest = readManifest(runDir);
  const path = join(runDir, 'responses.jsonl');
  // The headline analyses read the reference variant, one record per respondent, distributions by expectation.
  const records = scoringRecords(latestRecords(readResponses(path).records));
  const doc = analyseRecords(records, manifest, survey, opts);
  doc.reliability = roundDeep(reliabilityReport(readAnswerRows([path], { variant: 'all' }), manifest, survey)) as ReliabilityReport;
  return doc;
}

/** The frame of the analyses: models (LLMs, baselines, reference), countries, conditions, human scores. */
export function buildContext(manifest: RunManifest, survey: Survey, records: readonly ResponseRecord[], seed: number): Context {
  const dims = survey.scorer.dimensions;
  const countries = manifest.config.countries.map((c) => c.code);
  const globalCountries = benchmarkCountries(manifest, survey.groundTruth.countries);
  // A no-persona condition is the model's default profile, not a country: it enters no country analysis.
  const conditions = [...manifest.config.conditions.filter((c) => c.persona !== false).map((c) => c.id), ...manifest.config.aggregates.filter((a) => a === LANGUAGE_AVERAGE)];
  const info = (m: RunManifest['models'][number]): ModelInfo => ({ id: m.id, kind: m.kind, origin: m.origin ?? null, provider: m.provider ?? null });
  const known = new Set(manifest.models.map((m) => m.id));
  // Models in the responses but not in the manifest (should not happen) are kept, with the kind their records carry.
  const extra = new Map<string, ModelInfo>();
  for (const r of records) if (!known.has(r.model) && !extra.has(r.model)) extra.set(r.model, { id: r.model, kind: r.kind, origin: null, provider: r.provider });
  const all = [...manifest.models.map(info), ...extra.values()];
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

function checkOptions(ctx: Context, opts: AnalyseOptions): { replicates: number; pairs: [string, string][] } {
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(ctx.seed)) throw new InputError(`seed: a whole number, got ${ctx.seed}`);
  if (!Number.isInteger(replicates) || replicates < 0) throw new InputError(`replicates: a whole number ≥ 0, got ${replicates}`);
  let pairs = DEFAULT_ORIGIN_PAIRS.filter(([a, b]) => ctx.countries.includes(a) && ctx.countries.includes(b));
  if (opts.originPairs) {
    for (const [a, b] of opts.originPairs) {
      for (const c of [a, b]) if (!ctx.countries.includes(c)) throw new InputError(`originPairs: country "${c}" is not in this run (countries: ${ctx.countries.join(', ')})`);
    }
    pairs = opts.originPairs;
  }
  return { replicates, pairs };
}

function countryName(code: string, survey: Survey, names: Record<string, { name: string }>): string {
  return names[code]?.name ?? survey.languages['en']?.countries[code] ?? code;
}

/** The analyses of a run's response records (latest per request key). */
export function analyseRecords(records: ResponseRecord[], manifest: RunManifest, survey: Survey, opts: AnalyseOptions = {}): ResultsDocument {
  const seed = opts.seed ?? manifest.config.seed;
  const ctx = buildContext(manifest, survey, records, seed);
  const { replicates, pairs } = checkOptions(ctx, opts);
  const analysis = analyse(records, manifest, survey);
  const observed = realisationFromAnalysis(ctx, analysis);
  const boot = new RespondentBootstrap(ctx, survey, records, manifest.config);
  observed.variance.set(boot.observed().variance);
  const candidates = candidateCultures(ctx, survey);
  const modules = {
    skill: skillModule(candidates),
    scores: scoresModule,
    perCountry: perCountryModule,
    perModel: perModelModule,
    middleGround: middleGroundModule,
    origin: originModule(pairs),
    language: languageModule,
    dimensionAgreement: dimensionsModule(),
    webContent: webContentModule(opts.webContent ?? loadWebContent(), opts.webContentMeasures ?? DEFAULT_WEB_CONTENT_MEASURES),
  };
  const buffer = emptyRealisation(ctx);
  const est = estimate(ctx, modules, observed, (rand) => boot.replicate(rand, buffer), replicates, seed);
  attachAcrossCountries(ctx, candidates, observed, est.skill.skill, replicates, seed);
  attachNoPersona(est.skill.skill, { ctx, survey, records, conditions: manifest.config.conditions, constants: analysis.constants.byGroup, candidates, replicates, seed });

  let names: Record<string, { name: string }> = {};
  try {
    names = loadBenchmarkCountries();
  } catch {
    // a datasets folder without the countries table: fall back to the survey's English names
  }
  const doc: ResultsDocument = {
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
    skill: est.skill.skill,
    alignmentCorrected: est.skill.alignmentCorrected,
    countrySkill: est.skill.countrySkill,
    scores: est.scores.scores,
    alignment: est.scores.alignment,
    perCountry: est.perCountry,
    perModel: est.perModel,
    middleGround: est.middleGround.spread,
    middleGroundDistance: est.middleGround.distance,
    origin: est.origin,
    language: est.language,
    dimensionAgreement: est.dimensionAgreement,
    webContent: est.webContent,
    answers: analysis.answers
      .map((a) => ({ model: a.model, language: a.language, total: a.total, answers: a.answers, refusals: a.refusals, invalid: a.invalid, errors: a.errors }))
      .sort((a, b) => cmp(a.model, b.model) || cmp(a.language, b.language)),
    findings: [],
  };
  const { manifest: _m, ...rest } = doc;
  const rounded = { manifest, ...(roundDeep(rest) as Omit<ResultsDocument, 'manifest'>) };
  rounded.findings = keyFindings(rounded);
  return rounded;
}

/**
 * Countries as a sample of cultures: the skill recomputed with the countries resampled (the
 * observed per-country values; a cluster bootstrap, whose between-country spread already contains
 * the respondent noise), attached to each skill row as `acrossCountries`.
 */
export function attachAcrossCountries(ctx: Context, candidates: Candidate[], observed: Realisation, rows: ResultsDocument['skill'], replicates: number, seed: number): void {
  const skill = skillModule(candidates);
  const across: AnalysisModule<Map<string, Interval>> = {
    id: 'acrossCountries',
    size: skill.size,
    stats: skill.stats,
    assemble: (c, est) =>
      new Map(
        c.conditions.flatMap((condition, k) =>
          c.models.map((m, i) => [`${m.id}\u0000${condition}`, bounded(est.interval(skillSlot(c, candidates.length, k, i)), -Infinity, 1)] as const),
        ),
      ),
  };
  const copy: Realisation = { ...observed, countryWeights: new Float64Array(observed.countryWeights), memo: undefined };
  const byKey = estimate(ctx, { across }, observed, () => copy, replicates, seed, true).across;
  for (const r of rows) r.acrossCountries = byKey.get(`${r.model}\u0000${r.condition}`) ?? { estimate: null, lo: null, hi: null };
}

/** Every ground-truth country with all dimensions: what a model's default culture can be. */
export function candidateCultures(ctx: Context, survey: Survey): Candidate[] {
  return Object.entries(survey.groundTruth.countries)
    .map(([code, v]) => ({ code, scores: ctx.dims.map((d) => v[d] ?? NaN) }))
    .filter((c) => c.scores.every((x) => Number.isFinite(x)))
    .sort((a, b) => cmp(a.code, b.code));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
