/** Datasets and helpers shared by several charts (the score table is inlined once per page). */
import { isNum, r } from '../html.js';
import type { DocView } from '../view.js';

/** The model × country × condition × dimension scores, with compact keys, shared by several charts. */
export function scoresDataset(v: DocView) {
  return v.doc.scores.map((s) => ({
    m: s.model,
    c: s.condition,
    k: s.country,
    d: s.dimension,
    s: r(s.score.estimate, 2),
    lo: r(s.score.lo, 2),
    hi: r(s.score.hi, 2),
    h: r(s.human, 2),
  }));
}

/** Country code → display label, joined onto the score rows in the browser (lookup transform). */
export function countryNamesDataset(v: DocView) {
  const codes = v.doc.countries.map((c) => c.code);
  for (const s of v.doc.scores) if (!codes.includes(s.country)) codes.push(s.country);
  return codes.map((k) => ({ k, country: v.countryLabel(k) }));
}

export const LOOKUP_COUNTRY = { lookup: 'k', from: { data: { name: 'countryNames' }, key: 'k', fields: ['country'] } };

export function selectParam(name: string, label: string, options: string[], value: string) {
  return { name, value, bind: { input: 'select', options, name: label } };
}

export function defaultModel(v: DocView, candidates: string[]): string {
  return candidates.find((m) => v.kindOf(m) === 'llm') ?? candidates[0];
}

export function extent(values: (number | null)[]): [number, number] | null {
  const xs = values.filter(isNum);
  if (xs.length === 0) return null;
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    lo -= 10;
    hi += 10;
  }
  return [Math.floor(lo / 10) * 10, Math.ceil(hi / 10) * 10];
}

export function sdOf(xs: (number | null)[]): number | null {
  const v = xs.filter(isNum);
  if (v.length < 2) return null;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/** Keeps the n rows with the largest `expr` (the outliers worth a label). */
export function OUTLIERS(expr: string, n: number): object[] {
  return [
    { calculate: expr, as: 'gap' },
    { window: [{ op: 'row_number', as: 'gapRank' }], sort: [{ field: 'gap', order: 'descending' }] },
    { filter: `datum.gapRank <= ${n}` },
  ];
}
