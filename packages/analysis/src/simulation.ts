/**
 * Known-truth simulation at the index level: respondents' answers are drawn from a declared
 * process straight into response records (no prompts), then analysed by the real estimator code
 * (the respondent bootstrap and the analysis modules). Used by the coverage tests and by
 * `culturebench design`; the full prompt → reply → parse path is the `simulated` provider's.
 */
import { LANGUAGE_AVERAGE, type ConstantsSpec, type ResponseRecord, type RunManifest, type Survey } from '@culturebench/core';
import { buildContext } from './analyse-run.js';
import { disattenuatedStatistic } from './analyses/disattenuated.js';
import { attachAcrossCountries, candidateCultures } from './analyses/skill-module.js';
import { perCountryStatistic } from './analyses/per-country.js';
import { perModelStatistic } from './analyses/per-model.js';
import { skillStatistic } from './analyses/skill.js';
import { RespondentBootstrap } from './bootstrap.js';
import { estimate } from './estimate.js';
import type { ResultsDocument } from './results.js';
import { mixSeed, mulberry32 } from './rng.js';

export interface SimulatedModel {
  id: string;
  /** Cumulative probabilities of the answer codes 1..k of an item for a country (last = 1). */
  cumulative(country: string, itemId: string, language: string): Float64Array;
  /** Share of refusals. */
  refusal: number;
}

export interface SimulationDesign {
  survey: Survey;
  countries: { code: string; language: string }[];
  /** Conditions (language 'native' = each country's own); the language average is added when listed in aggregates. */
  conditions: { id: string; language: string }[];
  aggregates: string[];
  headline: string;
  constants: ConstantsSpec;
  models: SimulatedModel[];
  /** Respondents per item and sample. */
  respondents: number;
}

/** The 20 countries of the known-truth studies (the paper's), in the order their seeds assume. */
export const STUDY_COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'];

/** A generating process (e.g. provider-simulated's `simulationProcess`) as a simulated model. */
export function processModel(
  id: string,
  proc: { cumulative(country: string, itemId: string): Float64Array; refusal: number },
  refusal = proc.refusal,
): SimulatedModel {
  return { id, cumulative: (c, item) => proc.cumulative(c, item), refusal };
}

/** The simplest known-truth study: one native condition, every country asked in English, constants shared unless given. */
export function nativeStudy(
  survey: Survey,
  countries: string[],
  models: SimulatedModel[],
  respondents: number,
  constants: ConstantsSpec = { mode: 'global' },
): SimulationDesign {
  return {
    survey,
    countries: countries.map((code) => ({ code, language: 'en' })),
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    headline: 'native',
    constants,
    models,
    respondents,
  };
}

/** The distinct languages each country is asked in. */
function languagesOf(design: SimulationDesign, native: string): string[] {
  const out: string[] = [];
  for (const c of design.conditions) {
    const l = c.language === 'native' ? native : c.language;
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

/** Response records of one simulated run (seeded); only the fields the analysis reads are filled. */
export function simulateRecords(design: SimulationDesign, seed: number): ResponseRecord[] {
  const rand = mulberry32(mixSeed(seed, 0x51a1));
  const out: ResponseRecord[] = [];
  const n = design.respondents;
  for (const model of design.models) {
    for (const { code, language: native } of design.countries) {
      for (const language of languagesOf(design, native)) {
        for (const item of design.survey.items) {
          const cum = model.cumulative(code, item.id, language);
          for (let r = 0; r < n; r++) {
            let answer: number | null = null;
            if (!(model.refusal > 0 && rand() < model.refusal)) {
              const u = rand();
              let c = 0;
              while (c < cum.length - 1 && u >= cum[c]!) c++;
              answer = c + 1;
            }
            out.push({
              model: model.id,
              kind: 'simulation',
              provider: 'simulated',
              country: code,
              language,
              item: item.id,
              respondent: r,
              answer,
            } as unknown as ResponseRecord);
          }
        }
      }
    }
  }
  return out;
}

/** A manifest for a simulated run (the fields the analysis reads). */
export function simulatedManifest(design: SimulationDesign, seed: number): RunManifest {
  return {
    tool: 'culturebench',
    runId: `simulation-${seed}`,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.000Z',
    status: 'complete',
    stopped: [],
    config: {
      file: 'simulation',
      hash: '0'.repeat(64),
      name: 'simulation',
      survey: design.survey.id,
      countries: design.countries,
      conditions: design.conditions,
      aggregates: design.aggregates,
      headline: design.headline,
      samples: design.respondents,
      seed,
      temperature: 0,
      persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      constants: design.constants,
    },
    models: design.models.map((m) => ({
      id: m.id,
      provider: 'simulated',
      model: design.survey.id,
      kind: 'simulation',
      origin: null,
      params: {},
      price: null,
      baseUrl: null,
    })),
    skipped: [],
    survey: { id: design.survey.id, version: design.survey.version, texts: {}, formulas: {}, groundTruth: { name: '', version: '', hash: '', source: '' } },
    plan: { requests: 0, cells: 0, items: design.survey.items.length },
    prompter: 'simulation',
    parser: 'simulation',
    software: { node: process.version, culturebench: '0.0.0', packages: {} },
    git: { commit: null, dirty: null },
  } as unknown as RunManifest;
}

export interface SimulatedAnalysis {
  skill: ResultsDocument['skill'];
  countrySkill: ResultsDocument['countrySkill'];
  alignmentCorrected: ResultsDocument['alignmentCorrected'];
  skillNote: ResultsDocument['skillNote'];
  disattenuatedCorrelation: ResultsDocument['disattenuatedCorrelation'];
  perModel: ResultsDocument['perModel'];
  perCountry: ResultsDocument['perCountry'];
}

/** The headline analyses (skill, calibrated countries, the paper's DR) of a simulated run. */
export function analyseSimulated(design: SimulationDesign, records: ResponseRecord[], replicates: number, seed: number): SimulatedAnalysis {
  const manifest = simulatedManifest(design, seed);
  const ctx = buildContext(manifest, design.survey, records, seed);
  const boot = new RespondentBootstrap(ctx, design.survey, records, manifest.config);
  const observed = boot.observed();
  const buffer = boot.observed();
  const candidates = candidateCultures(ctx, design.survey);
  const skill = skillStatistic(candidates);
  const statistics = { skill, perModel: perModelStatistic, perCountry: perCountryStatistic, disattenuated: disattenuatedStatistic() };
  const est = estimate(ctx, statistics, observed, (rand) => boot.replicate(rand, buffer), replicates, seed);
  if (!ctx.metric?.differentUnits) attachAcrossCountries(ctx, candidates, observed, est.skill.skill, replicates, seed);
  return { ...est.skill, ...est.disattenuated, perModel: est.perModel, perCountry: est.perCountry };
}

/** True skill of a profile function over the design's countries: 1 − Σ d²(T, H) / Σ d²(G, H). */
export function trueSkill(survey: Survey, countries: string[], truth: (country: string) => number[]): number {
  const dims = survey.scorer.dimensions;
  const h = (c: string) => dims.map((d) => survey.groundTruth.countries[c]?.[d] ?? NaN);
  const g = dims.map((_, j) => countries.reduce((s, c) => s + h(c)[j]!, 0) / countries.length);
  let num = 0;
  let den = 0;
  for (const c of countries) {
    const t = truth(c);
    dims.forEach((_, j) => {
      num += (t[j]! - h(c)[j]!) ** 2;
      den += (g[j]! - h(c)[j]!) ** 2;
    });
  }
  return 1 - num / den;
}

export { LANGUAGE_AVERAGE };
