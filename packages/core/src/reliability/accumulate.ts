/**
 * The one pass of the reliability report over a run's answer rows: per model × variant × country
 * × language sample, the item sums and counts (item means) and, when the run has perturbation
 * variants, a compact log of its rows (typed columns, 26 bytes a row) from which a variant's
 * rows are replayed to core's analyse() and test-retest answers are matched. No row is kept.
 */
import { REFERENCE_VARIANT, type AnswerRow } from '../responses.js';
import type { Survey } from '../survey.js';

export type Row = Pick<AnswerRow, 'model' | 'country' | 'language' | 'item' | 'respondent' | 'answer' | 'value' | 'variantId' | 'distribution' | 'error'>;

export const SEP = '\u0000';
/** Item index of a row whose item is not in the survey (it still makes its sample exist). */
const NO_ITEM = 0xffff;

/** A sample's rows in order of arrival, as typed columns that grow. */
export class RowLog {
  length = 0;
  item = new Uint16Array(64);
  respondent = new Float64Array(64);
  /** The value the item mean uses (NaN = none). */
  value = new Float64Array(64);
  /** The text answer compared between variants (NaN = none, or a distribution row). */
  text = new Float64Array(64);

  push(item: number, respondent: number, value: number, text: number): void {
    if (this.length === this.item.length) {
      const grow = <T extends Uint16Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.item = grow(this.item);
      this.respondent = grow(this.respondent);
      this.value = grow(this.value);
      this.text = grow(this.text);
    }
    const i = this.length++;
    this.item[i] = item;
    this.respondent[i] = respondent;
    this.value[i] = value;
    this.text[i] = text;
  }
}

export interface SampleAcc {
  model: string;
  variant: string;
  country: string;
  language: string;
  sum: Float64Array;
  count: Float64Array;
  log: RowLog | null;
}

/** Answer-position sums of the order-effects table, per model. */
export interface OrderAcc {
  first: number;
  last: number;
  uniform: number;
  n: number;
}

export interface Accumulated {
  /** Samples by key model \0 variant \0 country \0 language, in key order (not the order of the rows). */
  samples: Map<string, SampleAcc>;
  order: Map<string, OrderAcc>;
}

/**
 * Reads the rows once. `logRows`: keep each sample's row log (runs with perturbation variants);
 * `reversedId`: the reversed-order variant whose answer positions the order effects sum.
 */
export function accumulate(rows: Iterable<Row>, survey: Survey, items: string[], logRows: boolean, reversedId: string | null): Accumulated {
  const itemIndex = new Map(items.map((id, i) => [id, i]));
  const size = new Map(survey.items.map((i) => [i.id, survey.scales[i.scale]?.size ?? 0]));
  const samples = new Map<string, SampleAcc>();
  const order = new Map<string, OrderAcc>();
  for (const r of rows) {
    const variant = r.variantId ?? REFERENCE_VARIANT;
    const key = [r.model, variant, r.country, r.language].join(SEP);
    let s = samples.get(key);
    if (!s) {
      s = {
        model: r.model,
        variant,
        country: r.country,
        language: r.language,
        sum: new Float64Array(items.length),
        count: new Float64Array(items.length),
        log: null,
      };
      if (logRows) s.log = new RowLog();
      samples.set(key, s);
    }
    const value = r.error ? null : r.value !== undefined ? r.value : r.answer;
    const i = itemIndex.get(r.item);
    if (i !== undefined && value != null) {
      s.sum[i] += value;
      s.count[i] += 1;
    }
    // An answer row scores with its `value`; its text answer is compared only when it is no distribution.
    s.log?.push(i ?? NO_ITEM, r.respondent, (r.value !== undefined ? r.value : r.answer) ?? NaN, !r.distribution && r.answer != null ? r.answer : NaN);
    if (reversedId !== null && (variant === REFERENCE_VARIANT || variant === reversedId) && !r.error)
      addOrder(order, r, size.get(r.item) ?? 0, variant === reversedId);
  }
  const byKey = [...samples].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { samples: new Map(byKey), order };
}

/** Probability of each original code, then the listed position of codes 1 and k. */
function addOrder(order: Map<string, OrderAcc>, r: Row, k: number, reversed: boolean): void {
  if (k < 2) return;
  const probs = r.distribution?.probs ?? (r.answer != null ? Array.from({ length: k }, (_, i) => (i + 1 === r.answer ? 1 : 0)) : null);
  if (!probs) return;
  let o = order.get(r.model);
  if (!o) order.set(r.model, (o = { first: 0, last: 0, uniform: 0, n: 0 }));
  o.first += reversed ? probs[k - 1] : probs[0];
  o.last += reversed ? probs[0] : probs[k - 1];
  o.uniform += 1 / k;
  o.n++;
}

/** Item means of a sample (null where no value), as core's itemMeansBySample gives them. */
export function meansOf(s: SampleAcc, items: string[]): Record<string, number | null> {
  return Object.fromEntries(items.map((id, i) => [id, s.count[i]! > 0 ? s.sum[i]! / s.count[i]! : null]));
}

/**
 * Identical text answers of the same respondent and item in two samples (the latest row of a
 * cell wins), on respondents × items grids: typed arrays, not a key per answer.
 */
export function matchTextAnswers(a: SampleAcc, b: SampleAcc, items: number): { same: number; both: number } {
  const W = items + 1; // the last column: items not in the survey
  const index = new Map<number, number>();
  for (const s of [a, b]) {
    const log = s.log!;
    for (let j = 0; j < log.length; j++) if (!Number.isNaN(log.text[j]!) && !index.has(log.respondent[j]!)) index.set(log.respondent[j]!, index.size);
  }
  const grid = (s: SampleAcc): Float64Array => {
    const out = new Float64Array(index.size * W).fill(Number.NaN);
    const log = s.log!;
    for (let j = 0; j < log.length; j++) {
      if (Number.isNaN(log.text[j]!)) continue;
      const item = log.item[j] === NO_ITEM ? items : log.item[j]!;
      out[index.get(log.respondent[j]!)! * W + item] = log.text[j]!;
    }
    return out;
  };
  const x = grid(a);
  const y = grid(b);
  let same = 0;
  let both = 0;
  for (let c = 0; c < x.length; c++) {
    if (Number.isNaN(x[c]!) || Number.isNaN(y[c]!)) continue;
    both++;
    if (x[c] === y[c]) same++;
  }
  return { same, both };
}

/**
 * A variant's rows replayed from the logs, re-iterable, for core's analyse(): in order of arrival
 * within each sample, so its item means and scores are the ones the rows themselves give. Only the fields scoring reads are filled.
 */
export function replay(acc: Accumulated, variant: string, items: string[]): Iterable<AnswerRow> {
  return {
    *[Symbol.iterator]() {
      for (const s of acc.samples.values()) {
        if (s.variant !== variant || !s.log) continue;
        const { log } = s;
        for (let j = 0; j < log.length; j++) {
          const v = log.value[j]!;
          const item = log.item[j] === NO_ITEM ? '' : items[log.item[j]!]!;
          const value = Number.isNaN(v) ? null : v;
          yield {
            key: '',
            model: s.model,
            country: s.country,
            language: s.language,
            item,
            respondent: log.respondent[j]!,
            answer: value,
            value,
            costUsd: 0,
            error: null,
            parsed: null,
            variantId: variant,
          };
        }
      }
    },
  };
}
