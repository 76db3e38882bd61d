import { MIN_COUNTRIES, type ModelKind, type ResultsDocument } from '@culturebench/analysis';
import { cmp, isNum } from './html.js';

/** Lookups derived from a ResultsDocument that the charts and the tables share. */
export interface DocView {
  doc: ResultsDocument;
  /** The headline condition, or the first condition if the headline has no per-model rows. */
  headline: string;
  /** The condition used for per-score charts (heatmap, scatter, middle ground). */
  scoreCondition: string | null;
  kindOf: (model: string) => ModelKind | 'aggregate';
  /** Display name: the id, or "all LLMs (mean)" for the aggregate rows. */
  modelLabel: (model: string) => string;
  countryName: (code: string) => string;
  countryLabel: (code: string) => string;
  /** Model ids in display order: best headline mean DR first, LLMs before baselines before the reference. */
  modelOrder: string[];
  /** Country codes, best headline mean DR first. */
  countryOrder: string[];
  conditions: string[];
}

/** Model id of the "over all LLMs" rows in `language` (ALL_LLMS in @culturebench/analysis). */
export const ALL_LLMS = 'all-llms';

export const KIND_LABEL: Record<ModelKind | 'aggregate', string> = {
  llm: 'LLM',
  baseline: 'Baseline',
  simulation: 'Simulation (known truth, not an LLM)',
  reference: 'Reference (human global average)',
  aggregate: 'All LLMs (mean)',
};

export function kindLabel(kind: ModelKind | 'aggregate'): string {
  return KIND_LABEL[kind];
}

export function makeView(doc: ResultsDocument): DocView {
  const kinds = new Map(doc.models.map((m) => [m.id, m.kind]));
  const countries = new Map(doc.countries.map((c) => [c.code, c]));
  const conditions = [...doc.conditions];
  for (const rows of [doc.perModel, doc.perCountry, doc.language, doc.scores]) {
    for (const row of rows) if (!conditions.includes(row.condition)) conditions.push(row.condition);
  }
  const headline = doc.perModel.some((p) => p.condition === doc.headline) || doc.perModel.length === 0 ? doc.headline : doc.perModel[0].condition;
  const scoreCondition = doc.scores.some((s) => s.condition === headline) ? headline : (doc.scores[0]?.condition ?? null);

  const kindOf = (model: string): ModelKind | 'aggregate' => kinds.get(model) ?? 'aggregate';
  const countryName = (code: string) => countries.get(code)?.name ?? code;
  const countryLabel = (code: string) => {
    const name = countries.get(code)?.name;
    return name && name !== code ? `${name} (${code})` : code;
  };

  const kindRank: Record<string, number> = { llm: 0, simulation: 0.5, baseline: 1, reference: 2, aggregate: 3 };
  const modelDr = new Map<string, number>();
  for (const p of doc.perModel) if (p.condition === headline && isNum(p.meanDr.estimate)) modelDr.set(p.model, p.meanDr.estimate);
  const modelIds = [...doc.models.map((m) => m.id)];
  for (const rows of [doc.perModel, doc.language, doc.scores, doc.answers]) {
    for (const row of rows) if (!modelIds.includes(row.model)) modelIds.push(row.model);
  }
  const modelOrder = modelIds
    .map((id, i) => ({ id, i }))
    .sort((a, b) => {
      const k = kindRank[kindOf(a.id)] - kindRank[kindOf(b.id)];
      if (k !== 0) return k;
      const da = modelDr.get(a.id);
      const db = modelDr.get(b.id);
      if (da !== undefined && db !== undefined && da !== db) return db - da;
      if (da !== undefined && db === undefined) return -1;
      if (da === undefined && db !== undefined) return 1;
      return a.i - b.i;
    })
    .map((x) => x.id);

  const countryDr = new Map<string, number>();
  for (const p of doc.perCountry) if (p.condition === headline && isNum(p.meanDr.estimate)) countryDr.set(p.country, p.meanDr.estimate);
  const codes = doc.countries.map((c) => c.code);
  for (const p of doc.perCountry) if (!codes.includes(p.country)) codes.push(p.country);
  // Below MIN_COUNTRIES countries are not ranked: they keep the run's order.
  const ranked = codes.length >= MIN_COUNTRIES;
  const countryOrder = codes
    .map((code, i) => ({ code, i }))
    .sort((a, b) => {
      if (!ranked) return a.i - b.i;
      const da = countryDr.get(a.code);
      const db = countryDr.get(b.code);
      if (da !== undefined && db !== undefined && da !== db) return db - da;
      if (da !== undefined && db === undefined) return -1;
      if (da === undefined && db !== undefined) return 1;
      return a.i - b.i || cmp(a.code, b.code);
    })
    .map((x) => x.code);

  const modelLabel = (model: string) => (model === ALL_LLMS && !kinds.has(model) ? 'all LLMs (mean)' : model);
  return { doc, headline, scoreCondition, kindOf, modelLabel, countryName, countryLabel, modelOrder, countryOrder, conditions };
}
