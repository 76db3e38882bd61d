/**
 * Scoring of the Inglehart–Welzel map: item answers → ten indicators → two axes.
 *
 * Method (documented in README.md, data in datasets/ivs/scoring.json):
 *
 * 1. Indicators. Eight of the ten IVS items are asked directly and their indicator is the sample
 *    mean of the answer codes (WVS codes). Y002 (4-item post-materialism index) is asked as one
 *    question whose six options are the six possible pairs of top-two goals; each code is recoded
 *    to the index (1 materialist, 2 mixed, 3 post-materialist) before averaging, which needs the
 *    answer distribution, not the mean. Y003 (autonomy index) is asked as four yes/no questions
 *    about the child qualities it is built from; the index is linear in their shares, so it is a
 *    signed sum of item means.
 * 2. Pole scores. Each indicator's value x ∈ [lo, hi] is rescaled to s ∈ [−1, 1] with +1 at the
 *    secular-rational or self-expression pole: s = 2(x − lo)/(hi − lo) − 1 if high values are that
 *    pole, its negative otherwise. s = 0 is the middle of the indicator's range.
 * 3. Axes. Each axis is the loading-weighted mean of its five pole scores, with the country-level
 *    loadings of Inglehart & Welzel (2005: 49). The result lies in [−1, 1].
 *
 * This is a fixed linear index, not the authors' factor scores: the published scores are factor
 * scores of country means standardised across the surveyed countries, which needs the human item
 * means (not part of the shared data). The index is therefore on its own scale; the metric compares
 * it with the human scores after standardising both across the benchmark's countries.
 */
import { InputError, type SurveyScorer } from '@culturebench/core';

export interface IvsTerm {
  item: string;
  weight: number;
  /** Answer code → indicator value, for items whose codes are not the indicator itself. */
  recode?: Record<string, number>;
}

export interface IvsIndicator {
  label: string;
  /** value = Σ weight · (mean of the item's codes, recoded if `recode` is given). */
  terms: IvsTerm[];
  /** The indicator's possible range [lo, hi]. */
  range: [number, number];
  /** Which end is the secular-rational / self-expression pole. */
  positive: 'high' | 'low';
  note?: string;
}

export interface IvsMapRules {
  kind: 'ivs-map';
  dimensions: string[];
  indicators: Record<string, IvsIndicator>;
  /** Per axis: indicator → loading (weight of its pole score). */
  axes: Record<string, { label: string; loadings: Record<string, number> }>;
  source?: string;
  note?: string;
}

function fail(where: string, message: string): never {
  throw new InputError(`${where}: ${message}`);
}

/** Checks the rules once, so that scoring itself cannot meet a malformed rule. */
export function checkRules(rules: IvsMapRules, where = 'scoring rules'): void {
  if (rules.kind !== 'ivs-map') fail(where, `field "kind" is "${rules.kind}", expected "ivs-map"`);
  for (const dim of rules.dimensions) {
    const axis = rules.axes[dim];
    if (!axis) fail(where, `dimension ${dim} has no entry under "axes"`);
    const entries = Object.entries(axis.loadings);
    if (entries.length === 0) fail(where, `axes.${dim}: no loadings`);
    for (const [ind, w] of entries) {
      if (!rules.indicators[ind]) fail(where, `axes.${dim}.loadings: unknown indicator "${ind}"`);
      if (!(w > 0)) fail(where, `axes.${dim}.loadings.${ind}: a loading must be positive (direction is set by the indicator's "positive"), got ${w}`);
    }
  }
  for (const [id, ind] of Object.entries(rules.indicators)) {
    const [lo, hi] = ind.range;
    if (!(lo < hi)) fail(where, `indicators.${id}.range: [${lo}, ${hi}] is not an interval`);
    if (ind.positive !== 'high' && ind.positive !== 'low') fail(where, `indicators.${id}.positive: "high" or "low", got "${ind.positive}"`);
    if (ind.terms.length === 0) fail(where, `indicators.${id}: no terms`);
  }
}

/** Mean of the answer codes after recoding; null without answers. Throws on a code the recode table lacks. */
function recodedMean(item: string, codes: number[] | undefined, recode: Record<string, number>): number | null {
  if (!codes || codes.length === 0) return null;
  let sum = 0;
  for (const c of codes) {
    const v = recode[String(c)];
    if (v === undefined) throw new Error(`item ${item}: answer code ${c} has no entry in the recode table`);
    sum += v;
  }
  return sum / codes.length;
}

/** An indicator's value from one sample's item means (and answers, for recoded items); null if any input is missing. */
export function indicatorValue(indicator: IvsIndicator, itemMeans: Record<string, number | null>, answers?: Record<string, number[]>): number | null {
  let value = 0;
  for (const t of indicator.terms) {
    const x = t.recode ? recodedMean(t.item, answers?.[t.item], t.recode) : itemMeans[t.item];
    if (x == null) return null;
    value += t.weight * x;
  }
  return value;
}

/** Rescales x ∈ [lo, hi] to [−1, 1] with +1 at the positive pole. */
export function poleScore(x: number, range: readonly [number, number], positive: 'high' | 'low'): number {
  const [lo, hi] = range;
  const s = (2 * (x - lo)) / (hi - lo) - 1;
  return positive === 'high' ? s : -s;
}

const num = (x: number) => (x < 0 ? `−${-x}` : String(x));

/** The indicator's input as written in a formula: m(A008), or Y003 for a composite. */
function inputName(id: string, ind: IvsIndicator): string {
  const t = ind.terms[0];
  return ind.terms.length === 1 && t.weight === 1 && !t.recode && t.item === id ? `m(${id})` : id;
}

/** s(x) for one indicator, e.g. "1 − 2(m(F063) − 1)/9". */
function describePole(id: string, ind: IvsIndicator): string {
  const [lo, hi] = ind.range;
  const x = inputName(id, ind);
  const shifted = lo === 0 ? x : lo < 0 ? `(${x} + ${-lo})` : `(${x} − ${lo})`;
  const scaled = `2${shifted}/${hi - lo}`;
  return ind.positive === 'high' ? `${scaled} − 1` : `1 − ${scaled}`;
}

/** Definition of a composite or recoded indicator, e.g. "Y003 = m(A040) + m(A042) − m(A029) − m(A039)". */
function describeIndicator(id: string, ind: IvsIndicator): string[] {
  if (inputName(id, ind) !== id) return [];
  const terms = ind.terms.map((t, i) => {
    const name = t.recode
      ? `mean of ${t.item} recoded ${Object.entries(t.recode)
          .map(([c, v]) => `${c}→${num(v)}`)
          .join(' ')}`
      : `m(${t.item})`;
    const w = Math.abs(t.weight) === 1 ? '' : `${Math.abs(t.weight)}·`;
    const sign = t.weight < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + ';
    return `${sign}${w}${name}`;
  });
  return [`${id} = ${terms.join('')}`];
}

export interface IvsMapScorer extends SurveyScorer {
  /** The ten indicator values of one sample (Y002 and Y003 included), before rescaling. */
  indicators(itemMeans: Record<string, number | null>, answers?: Record<string, number[]>): Record<string, number | null>;
}

/** The map scorer: dimensions in [−1, 1], + = secular-rational / self-expression. */
export function ivsMapScorer(rules: IvsMapRules): IvsMapScorer {
  checkRules(rules);
  const items = [...new Set(Object.values(rules.indicators).flatMap((i) => i.terms.map((t) => t.item)))];
  const indicators = (itemMeans: Record<string, number | null>, answers?: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(rules.indicators).map(([id, ind]) => [id, indicatorValue(ind, itemMeans, answers)]));
  return {
    dimensions: rules.dimensions,
    indicators,
    needsDistributions: true,
    rawScores(itemMeans, answers) {
      const values = indicators(itemMeans, answers);
      const out: Record<string, number | null> = {};
      for (const dim of rules.dimensions) {
        let sum = 0;
        let total = 0;
        let complete = true;
        for (const [id, loading] of Object.entries(rules.axes[dim].loadings)) {
          const x = values[id];
          // An axis needs all of its indicators: a missing one leaves the axis missing.
          if (x == null) complete = false;
          else {
            sum += loading * poleScore(x, rules.indicators[id].range, rules.indicators[id].positive);
            total += loading;
          }
        }
        out[dim] = complete ? sum / total : null;
      }
      return out;
    },
    describe() {
      return Object.fromEntries(
        rules.dimensions.map((dim) => {
          const loadings = Object.entries(rules.axes[dim].loadings);
          const total = loadings.reduce((a, [, w]) => a + w, 0);
          const sum = loadings.map(([id, w]) => `${w}·s(${id})`).join(' + ');
          const parts = loadings.map(([id]) => `s(${id}) = ${describePole(id, rules.indicators[id])}`);
          const defs = loadings.flatMap(([id]) => describeIndicator(id, rules.indicators[id]));
          return [dim, [`(${sum}) / ${+total.toFixed(4)} [${rules.axes[dim].label}]`, ...parts, ...defs].join('; ')];
        }),
      );
    },
    referencedItems() {
      return items;
    },
  };
}
