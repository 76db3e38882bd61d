/** A run's response records as typed per-sample arrays, and which samples feed each score. */
import { LANGUAGE_AVERAGE, NO_PERSONA_COUNTRY, type ConstantsSpec, type ResolvedCondition, type ResponseRecord } from '@culturebench/core';
import { ai, type Context } from './context.js';

export interface SampleData {
  model: number;
  country: string;
  language: string;
  /** Respondents (distinct respondent indices, ascending). */
  n: number;
  /** sums[r * I + i]: sum of respondent r's valid codes for item i (normally one code). */
  sums: Float64Array;
  counts: Float64Array;
  /** Only for scorers that read the answer distribution: codes[r * I + i]. */
  codes: number[][] | null;
  /** Every respondent has exactly one valid answer to every item: counts are all 1 and can be skipped. */
  complete: boolean;
}

export interface ResampleDesign {
  conditions: ResolvedCondition[];
  countries: { code: string; language: string }[];
  aggregates: string[];
  constants: ConstantsSpec;
}
/** A model as the records name it (the context keeps those missing from the manifest). */
export interface SeenModel {
  id: string;
  kind: ResponseRecord['kind'];
  provider: string | null;
}

/** The samples of a context: the country samples in a fixed order, and the no-persona ones by model \0 language. */
export interface PlacedSamples {
  samples: SampleData[];
  noPersona: Map<string, SampleData>;
}

interface Group {
  model: string;
  country: string;
  language: string;
  /** Respondent index → its row in the arrays, in order of arrival. */
  rows: Map<number, number>;
  sums: Float64Array;
  counts: Float64Array;
  codes: number[][] | null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads the records once, as they stream past, into per-sample typed arrays (respondents × items:
 * sum and count of valid codes): no record is kept, so memory grows with respondents × items
 * (16 bytes a cell), not with the records. `place` orders the samples for a context.
 */
export class SampleCollector {
  /** Every model of the records, by first appearance. */
  readonly models = new Map<string, SeenModel>();
  private readonly groups = new Map<string, Group>();
  private readonly itemIndex: Map<string, number>;
  private readonly I: number;

  constructor(
    itemIds: readonly string[],
    private readonly withCodes: boolean,
  ) {
    this.itemIndex = new Map(itemIds.map((id, i) => [id, i]));
    this.I = itemIds.length;
  }

  add(r: ResponseRecord): void {
    if (!this.models.has(r.model)) this.models.set(r.model, { id: r.model, kind: r.kind, provider: r.provider });
    const key = `${r.model}\u0000${r.country}\u0000${r.language}`;
    let g = this.groups.get(key);
    if (!g) {
      const sums = new Float64Array(16 * this.I);
      const counts = new Float64Array(16 * this.I);
      this.groups.set(
        key,
        (g = { model: r.model, country: r.country, language: r.language, rows: new Map(), sums, counts, codes: this.withCodes ? [] : null }),
      );
    }
    let row = g.rows.get(r.respondent);
    if (row === undefined) {
      row = g.rows.size;
      g.rows.set(r.respondent, row);
      if ((row + 1) * this.I > g.sums.length) grow(g, this.I);
      if (g.codes) for (let i = 0; i < this.I; i++) g.codes.push([]);
    }
    const i = this.itemIndex.get(r.item);
    if (i === undefined || r.answer == null) return;
    const cell = row * this.I + i;
    g.sums[cell] += r.answer;
    g.counts[cell] += 1;
    g.codes?.[cell]!.push(r.answer);
  }

  /**
   * The samples of the context's models, respondents in ascending index (not in order of
   * arrival), samples by model, country and language: the replicates do not depend on the order
   * of lines in responses.jsonl. Each group's growing arrays are released as it is placed.
   */
  place(ctx: Context): PlacedSamples {
    const modelIndex = new Map(ctx.models.map((m, i) => [m.id, i]));
    const samples: SampleData[] = [];
    const noPersona = new Map<string, SampleData>();
    for (const [key, g] of this.groups) {
      this.groups.delete(key);
      const m = modelIndex.get(g.model);
      if (m === undefined) continue;
      const sample = finish(g, m, this.I);
      // A no-persona sample is no country's (analyses/no-persona.ts resamples it on its own stream).
      if (g.country === NO_PERSONA_COUNTRY) noPersona.set(`${g.model}\u0000${g.language}`, sample);
      else samples.push(sample);
    }
    samples.sort((a, b) => a.model - b.model || cmp(a.country, b.country) || cmp(a.language, b.language));
    return { samples, noPersona };
  }
}

function grow(g: Group, I: number): void {
  const sums = new Float64Array(g.sums.length * 2 || 16 * I);
  const counts = new Float64Array(sums.length);
  sums.set(g.sums);
  counts.set(g.counts);
  g.sums = sums;
  g.counts = counts;
}

/** A group's rows in ascending respondent index, in arrays of exactly its size. */
function finish(g: Group, model: number, I: number): SampleData {
  const order = [...g.rows].sort((a, b) => a[0] - b[0]);
  const n = order.length;
  const sums = new Float64Array(n * I);
  const counts = new Float64Array(n * I);
  const codes = g.codes ? new Array<number[]>(n * I) : null;
  order.forEach(([, row], j) => {
    sums.set(g.sums.subarray(row * I, row * I + I), j * I);
    counts.set(g.counts.subarray(row * I, row * I + I), j * I);
    if (codes) for (let i = 0; i < I; i++) codes[j * I + i] = g.codes![row * I + i]!;
  });
  return { model, country: g.country, language: g.language, n, sums, counts, codes, complete: counts.every((v) => v === 1) };
}

/** One pass over the records into a collector. */
export function collectSamples(records: Iterable<ResponseRecord>, itemIds: readonly string[], withCodes: boolean): SampleCollector {
  const collector = new SampleCollector(itemIds, withCodes);
  for (const r of records) collector.add(r);
  return collector;
}

/** The records' samples for a context (one pass). */
export function buildSamples(ctx: Context, records: Iterable<ResponseRecord>, itemIds: string[], withCodes: boolean): PlacedSamples {
  return collectSamples(records, itemIds, withCodes).place(ctx);
}

/**
 * Which samples feed each model × country × condition, as core's conditionScores: a plain
 * condition reads the sample in its language; the language average needs every distinct language
 * asked for that country (-1 marks a missing one). A model without any sample gets no rows
 * (undefined), like core; a model with samples gets a row per country and condition (null = missing).
 */
export function buildSources(ctx: Context, samples: SampleData[], design: ResampleDesign): (Int32Array | null)[] {
  const bySample = new Map(samples.map((s, i) => [`${s.model}\u0000${s.country}\u0000${s.language}`, i]));
  const withSamples = new Set(samples.map((s) => s.model));
  const out: (Int32Array | null)[] = new Array(ctx.models.length * ctx.countries.length * ctx.conditions.length);
  const kIndex = new Map(ctx.conditions.map((k, i) => [k, i]));
  for (let m = 0; m < ctx.models.length; m++) {
    if (!withSamples.has(m)) continue;
    ctx.countries.forEach((country, c) => {
      const native = design.countries.find((x) => x.code === country)?.language ?? ctx.countryLanguages[c]!;
      const languages: string[] = [];
      for (const cond of design.conditions) {
        if (cond.persona === false) continue; // the model's default profile, not a country
        const lang = cond.language === 'native' ? native : cond.language;
        if (!languages.includes(lang)) languages.push(lang);
        const k = kIndex.get(cond.id);
        if (k === undefined) continue;
        const s = bySample.get(`${m}\u0000${country}\u0000${lang}`);
        out[ai(ctx, m, c, k)] = s === undefined ? null : Int32Array.of(s);
      }
      const k = kIndex.get(LANGUAGE_AVERAGE);
      if (k !== undefined && design.aggregates.includes(LANGUAGE_AVERAGE)) {
        out[ai(ctx, m, c, k)] = Int32Array.from(languages.map((l) => bySample.get(`${m}\u0000${country}\u0000${l}`) ?? -1));
      }
    });
  }
  return out;
}
