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
export function buildSamples(ctx: Context, records: readonly ResponseRecord[], itemIds: string[], withCodes: boolean): SampleData[] {
  const modelIndex = new Map(ctx.models.map((m, i) => [m.id, i]));
  const itemIndex = new Map(itemIds.map((id, i) => [id, i]));
  const groups = new Map<string, { model: number; country: string; language: string; rows: ResponseRecord[]; respondents: Set<number> }>();
  for (const r of records) {
    const m = modelIndex.get(r.model);
    // A no-persona sample is no country's (analyses/no-persona.ts resamples it on its own stream).
    if (m === undefined || r.country === NO_PERSONA_COUNTRY) continue;
    const key = `${r.model}\u0000${r.country}\u0000${r.language}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { model: m, country: r.country, language: r.language, rows: [], respondents: new Set() }));
    g.rows.push(r);
    g.respondents.add(r.respondent);
  }
  // Sorted, so the replicates do not depend on the order of lines in responses.jsonl.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...groups.values()].sort((a, b) => a.model - b.model || cmp(a.country, b.country) || cmp(a.language, b.language));
  const I = itemIds.length;
  return sorted.map((g) => {
    const respondents = [...g.respondents].sort((a, b) => a - b);
    const rIndex = new Map(respondents.map((r, i) => [r, i]));
    const n = respondents.length;
    const sums = new Float64Array(n * I);
    const counts = new Float64Array(n * I);
    const codes = withCodes ? Array.from({ length: n * I }, () => [] as number[]) : null;
    for (const r of g.rows) {
      const i = itemIndex.get(r.item);
      if (i === undefined || r.answer == null) continue;
      const cell = rIndex.get(r.respondent)! * I + i;
      sums[cell] += r.answer;
      counts[cell] += 1;
      codes?.[cell]!.push(r.answer);
    }
    return { model: g.model, country: g.country, language: g.language, n, sums, counts, codes, complete: counts.every((v) => v === 1) };
  });
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
