import { applyConstants, type AppliedConstants, type ConstantsSpec } from './index-constants.js';
import type { ScoreRow } from './metrics/index.js';
import { isNoPersona, type ResolvedCondition } from './plan.js';
import type { AnswerRow } from './responses.js';
import { itemMeansBySample } from './linear-index.js';
import type { Survey } from './survey.js';

export type { ScoreRow };

export const LANGUAGE_AVERAGE = 'language-average';

export interface SampleScore {
  model: string;
  country: string;
  language: string;
  raw: Record<string, number | null>;
  respondents: number;
}

export interface AnswerCounts {
  model: string;
  language: string;
  total: number;
  answers: number;
  refusals: number;
  invalid: number;
  errors: number;
}

/** Raw index scores (constants 0) of every model × country × language sample. */
export function scoreSamples(
  records: Iterable<Pick<AnswerRow, 'model' | 'country' | 'language' | 'item' | 'respondent' | 'answer'> & { value?: number | null }>,
  survey: Survey,
): SampleScore[] {
  const meta = new Map<string, { model: string; country: string; language: string }>();
  function* answers() {
    for (const r of records) {
      const sample = `${r.model}\u0000${r.country}\u0000${r.language}`;
      if (!meta.has(sample)) meta.set(sample, { model: r.model, country: r.country, language: r.language });
      // A distribution row enters with its expected code (`value`); a text answer with its code.
      yield { sample, respondent: String(r.respondent), item: r.item, answer: r.value !== undefined ? r.value : r.answer };
    }
  }
  const means = itemMeansBySample(
    answers(),
    survey.items.map((i) => i.id),
  );
  return means.map((m) => ({ ...meta.get(m.sample)!, raw: survey.scorer.rawScores(m.means, m.answers), respondents: m.respondents }));
}

type CountedRow = Pick<AnswerRow, 'model' | 'language' | 'error' | 'parsed'>;

/** Counts non-answers per model × language as rows go by: they are reported, never imputed. */
export function answerCounter(): { add: (r: CountedRow) => void; result: () => AnswerCounts[] } {
  const acc = new Map<string, AnswerCounts>();
  return {
    add(r) {
      const key = `${r.model}\u0000${r.language}`;
      let c = acc.get(key);
      if (!c) acc.set(key, (c = { model: r.model, language: r.language, total: 0, answers: 0, refusals: 0, invalid: 0, errors: 0 }));
      c.total++;
      if (r.error) c.errors++;
      else if (r.parsed?.kind === 'answer') c.answers++;
      else if (r.parsed?.kind === 'refusal') c.refusals++;
      else c.invalid++;
    },
    result: () => [...acc.values()],
  };
}

/** Counts non-answers per model × language: they are reported, never imputed. */
export function countAnswers(records: Iterable<CountedRow>): AnswerCounts[] {
  const counter = answerCounter();
  for (const r of records) counter.add(r);
  return counter.result();
}

/**
 * Sample scores → condition scores (one language per condition, and the language average over
 * the distinct languages asked), then the constants, per model × condition.
 */
export function conditionScores(opts: {
  samples: SampleScore[];
  survey: Survey;
  conditions: ResolvedCondition[];
  countries: { code: string; language: string }[];
  aggregates: string[];
  constants: ConstantsSpec;
}): { rows: ScoreRow[]; constants: AppliedConstants } {
  const { samples, survey, countries, aggregates } = opts;
  // A no-persona condition has no country scores (its sample is the model's default profile).
  const conditions = opts.conditions.filter((c) => !isNoPersona(c));
  const dims = survey.scorer.dimensions;
  const bySample = new Map(samples.map((s) => [`${s.model}\u0000${s.country}\u0000${s.language}`, s]));
  const models = [...new Set(samples.map((s) => s.model))];
  const raw: { group: string; country: string; dimension: string; raw: number | null; model: string; condition: string }[] = [];
  for (const model of models) {
    for (const { code, language: native } of countries) {
      const languages: string[] = [];
      for (const cond of conditions) {
        const lang = cond.language === 'native' ? native : cond.language;
        if (!languages.includes(lang)) languages.push(lang);
        const s = bySample.get(`${model}\u0000${code}\u0000${lang}`);
        for (const d of dims) raw.push({ group: `${model}\u0000${cond.id}`, model, condition: cond.id, country: code, dimension: d, raw: s?.raw[d] ?? null });
      }
      if (aggregates.includes(LANGUAGE_AVERAGE)) {
        for (const d of dims) {
          const vals = languages.map((l) => bySample.get(`${model}\u0000${code}\u0000${l}`)?.raw[d]);
          // The average needs every language: a partial mean would mix conditions silently.
          const ok = vals.every((v) => v != null);
          const mean = ok ? (vals as number[]).reduce((a, b) => a + b, 0) / vals.length : null;
          raw.push({ group: `${model}\u0000${LANGUAGE_AVERAGE}`, model, condition: LANGUAGE_AVERAGE, country: code, dimension: d, raw: mean });
        }
      }
    }
  }
  const { scores, applied } = applyConstants(raw, opts.constants, survey.groundTruth.countries);
  const rows = scores.map((s, i) => ({
    model: raw[i].model,
    country: s.country,
    condition: raw[i].condition,
    dimension: s.dimension,
    score: s.score,
  }));
  return { rows, constants: applied };
}

export type AnswerTotals = Omit<AnswerCounts, 'model' | 'language'>;

/** Answer counts summed over languages, per model. */
export function answerTotalsByModel(counts: Iterable<AnswerCounts>): Map<string, AnswerTotals> {
  const totals = new Map<string, AnswerTotals>();
  for (const a of counts) {
    const t = totals.get(a.model) ?? { total: 0, answers: 0, refusals: 0, invalid: 0, errors: 0 };
    t.total += a.total;
    t.answers += a.answers;
    t.refusals += a.refusals;
    t.invalid += a.invalid;
    t.errors += a.errors;
    totals.set(a.model, t);
  }
  return totals;
}
