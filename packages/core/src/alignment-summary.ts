import type { AppliedConstants } from './index-constants.js';
import type { RunManifest } from './manifest.js';
import { deviationRatioMetric } from './alignment-metric.js';
import {
  countrySummary,
  globalAverage,
  modelSummary,
  perDimensionAgreement,
  type AgreementRow,
  type AlignmentRow,
  type CountrySummaryRow,
  type HumanRow,
  type ModelSummaryRow,
  type Vector,
} from './metrics/index.js';
import type { AnswerRow } from './responses.js';
import { answerCounter, conditionScores, scoreSamples, type AnswerCounts, type ScoreRow } from './country-scores.js';
import type { Survey } from './survey.js';

/** The analytic reference row: answering the human global average for every country (DR = 1). */
export const HUMAN_GLOBAL_AVERAGE = 'human-global-average';

export type ModelKind = 'llm' | 'baseline' | 'simulation' | 'reference';

export interface Analysis {
  dimensions: string[];
  /** Human global average G over the benchmark countries. */
  global: Vector;
  scores: ScoreRow[];
  alignment: AlignmentRow[];
  models: (ModelSummaryRow & { kind: ModelKind })[];
  countries: CountrySummaryRow[];
  agreement: AgreementRow[];
  answers: AnswerCounts[];
  constants: AppliedConstants;
  kinds: Record<string, ModelKind>;
}

/** parse → score → compare: from the response records of a run to every metric table. */
export function analyse(records: Iterable<AnswerRow>, manifest: RunManifest, survey: Survey): Analysis {
  const dims = survey.scorer.dimensions;
  const countries = manifest.config.countries.map((c) => c.code);
  const human = survey.groundTruth.countries;
  const humanRows: HumanRow[] = countries.flatMap((c) => dims.map((d) => ({ country: c, dimension: d, score: human[c]?.[d] ?? null })));
  // G over the benchmark's declared countries, so a --countries subset keeps the benchmark's baseline.
  const gCountries = benchmarkCountries(manifest, human);
  const global = globalAverage(Object.fromEntries(gCountries.map((c) => [c, human[c] ?? {}])), dims);
  const gRows: HumanRow[] = gCountries
    .filter((c) => !countries.includes(c))
    .flatMap((c) => dims.map((d) => ({ country: c, dimension: d, score: human[c]?.[d] ?? null })));

  // One walk of the records (they may be streamed from disk): answers are counted as they are scored.
  const counts = answerCounter();
  const samples = scoreSamples(counted(records, counts.add), survey);
  const { rows, constants } = conditionScores({
    samples,
    survey,
    conditions: manifest.config.conditions,
    countries: manifest.config.countries,
    aggregates: manifest.config.aggregates,
    constants: manifest.config.constants,
  });
  const conditionIds = [...new Set(rows.map((r) => r.condition))];
  if (conditionIds.length === 0) conditionIds.push(...manifest.config.conditions.map((c) => c.id), ...manifest.config.aggregates);
  const reference: ScoreRow[] = conditionIds.flatMap((condition) =>
    countries.flatMap((country) => dims.map((dimension) => ({ model: HUMAN_GLOBAL_AVERAGE, country, condition, dimension, score: global[dimension] ?? null }))),
  );
  const scores = [...rows, ...reference];
  const alignment = (survey.alignmentMetric ?? deviationRatioMetric).compute({
    scores,
    human: [...humanRows, ...gRows],
    dimensions: dims,
    countries: gCountries,
  });

  const kinds: Record<string, ModelKind> = { [HUMAN_GLOBAL_AVERAGE]: 'reference' };
  for (const m of manifest.models) kinds[m.id] = m.kind;
  const llmIds = new Set(manifest.models.filter((m) => m.kind === 'llm').map((m) => m.id));
  // Per-country means are over LLMs; with no LLM in the run, over the baselines (and the report says so).
  const countryBasis = alignment.filter((a) => (llmIds.size > 0 ? llmIds.has(a.model) : kinds[a.model] === 'baseline'));

  return {
    dimensions: dims,
    global,
    scores,
    alignment,
    models: modelSummary(alignment).map((m) => ({ ...m, kind: kinds[m.model] ?? 'llm' })),
    countries: countrySummary(countryBasis),
    agreement: perDimensionAgreement(rows, humanRows),
    answers: counts.result(),
    constants,
    kinds,
  };
}

/** The records, each handed to `visit` on its way through. */
function* counted<T>(records: Iterable<T>, visit: (r: T) => void): Generator<T> {
  for (const r of records) {
    visit(r);
    yield r;
  }
}

/** The countries that define G: the config's declared ones with ground truth (older manifests: the run's). */
export function benchmarkCountries(manifest: RunManifest, human: Record<string, unknown>): string[] {
  const run = manifest.config.countries.map((c) => c.code);
  const declared = (manifest.config.benchmarkCountries ?? run).filter((c) => human[c] !== undefined);
  return [...declared, ...run.filter((c) => !declared.includes(c))];
}
