import type { SurveyScorer } from './survey.js';

/** VSM-style index formulas as data: index = Σ weight·(mean(plus) − mean(minus)) + constant. */
export interface LinearIndexRules {
  kind: 'linear-index';
  dimensions: string[];
  indices: Record<string, { constantName?: string; terms: { weight: number; plus: string; minus: string }[] }>;
}

export function linearIndexScorer(rules: LinearIndexRules): SurveyScorer {
  for (const dim of rules.dimensions) {
    if (!rules.indices[dim]) throw new Error(`scoring rules: dimension ${dim} has no formula`);
  }
  return {
    dimensions: rules.dimensions,
    rawScores(itemMeans) {
      const out: Record<string, number | null> = {};
      for (const dim of rules.dimensions) {
        let sum = 0;
        let complete = true;
        for (const t of rules.indices[dim].terms) {
          const plus = itemMeans[t.plus];
          const minus = itemMeans[t.minus];
          // A formula needs every one of its item means; a missing one leaves the index missing.
          if (plus == null || minus == null) complete = false;
          else sum += t.weight * (plus - minus);
        }
        out[dim] = complete ? sum : null;
      }
      return out;
    },
    referencedItems() {
      return [...new Set(rules.dimensions.flatMap((d) => rules.indices[d].terms.flatMap((t) => [t.plus, t.minus])))];
    },
    describe() {
      return Object.fromEntries(
        rules.dimensions.map((dim) => {
          const f = rules.indices[dim];
          const terms = f.terms.map((t) => `${t.weight}(m${t.plus.padStart(2, '0')} − m${t.minus.padStart(2, '0')})`);
          return [dim, `${terms.join(' + ')} + ${f.constantName ?? 'C'}`];
        }),
      );
    },
  };
}

/** One answer of one respondent to one item. */
export interface AnswerRecord {
  sample: string;
  respondent: string;
  item: string;
  /** null = blank / non-answer: skipped in the item mean, as the VSM manual's item means do. */
  answer: number | null;
}

export interface SampleItemMeans {
  sample: string;
  means: Record<string, number | null>;
  /** Valid answer codes per item, in arrival order. */
  answers: Record<string, number[]>;
  /** Distinct respondents with at least one valid answer. */
  respondents: number;
}

/** Per-sample item means over valid answers only. */
export function itemMeansBySample(answers: Iterable<AnswerRecord>, itemIds: string[]): SampleItemMeans[] {
  const acc = new Map<string, { codes: Map<string, number[]>; respondents: Set<string> }>();
  for (const a of answers) {
    let s = acc.get(a.sample);
    if (!s) acc.set(a.sample, (s = { codes: new Map(), respondents: new Set() }));
    if (a.answer == null) continue;
    const codes = s.codes.get(a.item);
    if (codes) codes.push(a.answer);
    else s.codes.set(a.item, [a.answer]);
    s.respondents.add(a.respondent);
  }
  return [...acc.entries()].map(([sample, s]) => ({
    sample,
    respondents: s.respondents.size,
    answers: Object.fromEntries(itemIds.map((id) => [id, s.codes.get(id) ?? []])),
    means: Object.fromEntries(
      itemIds.map((id) => {
        const codes = s.codes.get(id);
        return [id, codes?.length ? codes.reduce((x, y) => x + y, 0) / codes.length : null];
      }),
    ),
  }));
}
