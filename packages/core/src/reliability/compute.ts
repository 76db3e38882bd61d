import { analyse } from '../alignment-summary.js';
import type { Variant } from '../design.js';
import type { RunManifest } from '../manifest.js';
import { REFERENCE_VARIANT } from '../responses.js';
import type { Survey } from '../survey.js';
import { accumulate, matchTextAnswers, meansOf, replay, SEP, type Accumulated, type Row } from './accumulate.js';
import { cronbachAlpha, euclidean, mean, median, pearson, variance } from './stats.js';
import type { VariantAgreementRow, OrderRow, PerturbationRow, ReliabilityReport } from './types.js';

export type { Row as ReliabilityRow } from './accumulate.js';

/** Item means per model × variant × country × language sample. */
function sampleMeans(acc: Accumulated, items: string[]): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  for (const [key, s] of acc.samples) out.set(key, meansOf(s, items));
  return out;
}

/** Country profile (raw scores averaged over the languages asked) per model × variant. */
function profiles(means: Map<string, Record<string, number | null>>, survey: Survey): Map<string, Record<string, (number | null)[]>> {
  const dims = survey.scorer.dimensions;
  const acc = new Map<string, Map<string, (number | null)[][]>>();
  // A scorer of answer distributions (opinions, IVS map) cannot score item means alone: no profiles, no movement rows.
  if (survey.scorer.needsDistributions) return new Map();
  for (const [key, m] of means) {
    const [model, variant, country] = key.split(SEP);
    const raw = survey.scorer.rawScores(m);
    const mv = `${model}${SEP}${variant}`;
    if (!acc.has(mv)) acc.set(mv, new Map());
    const byCountry = acc.get(mv)!;
    byCountry.set(country, [...(byCountry.get(country) ?? []), dims.map((d) => raw[d])]);
  }
  const out = new Map<string, Record<string, (number | null)[]>>();
  for (const [mv, byCountry] of acc) {
    out.set(
      mv,
      Object.fromEntries([...byCountry].map(([c, vs]) => [c, dims.map((_, j) => (vs.every((v) => v[j] != null) ? mean(vs.map((v) => v[j]!)) : null))])),
    );
  }
  return out;
}

/** The factor a one-at-a-time variant changes ("method", "optionOrder", "seed" …). */
function factorOf(id: string): string {
  return id.includes(',') ? 'combined' : id.split('=')[0];
}

function humanYardstick(survey: Survey, countries: string[]): ReliabilityReport['human'] {
  const dims = survey.scorer.dimensions;
  const h = (c: string) => dims.map((d) => survey.groundTruth.countries[c]?.[d] ?? null);
  const pairs: number[] = [];
  const nearest: Record<string, number | null> = {};
  for (const a of countries) {
    let best: number | null = null;
    for (const b of countries) {
      if (a === b) continue;
      const d = euclidean(h(a), h(b));
      if (d === null) continue;
      if (a < b) pairs.push(d);
      if (best === null || d < best) best = d;
    }
    nearest[a] = best;
  }
  const sd: Record<string, number | null> = {};
  dims.forEach((d, j) => {
    const v = variance(countries.map((c) => h(c)[j]).filter((x): x is number => x != null));
    sd[d] = v === null ? null : Math.sqrt(v);
  });
  return { medianPairwise: median(pairs), nearest, sd };
}

/** Item-mean agreement of a variant with the reference: correlation, mean |difference|, and identical text answers. */
function agreement(model: string, variant: string, means: Map<string, Record<string, number | null>>, acc: Accumulated, items: string[]): VariantAgreementRow {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [key, m] of means) {
    const [mo, v, country, language] = key.split(SEP);
    if (mo !== model || v !== variant) continue;
    const ref = means.get([model, REFERENCE_VARIANT, country, language].join(SEP));
    if (!ref) continue;
    for (const i of items) {
      if (m[i] != null && ref[i] != null) {
        xs.push(ref[i]!);
        ys.push(m[i]!);
      }
    }
  }
  // Identical text answers of the same respondent and item, sample by sample (the latest row of each wins).
  let same = 0;
  let both = 0;
  for (const s of acc.samples.values()) {
    if (s.model !== model || s.variant !== variant) continue;
    const ref = acc.samples.get([model, REFERENCE_VARIANT, s.country, s.language].join(SEP));
    if (!ref) continue;
    const m = matchTextAnswers(ref, s, items.length);
    same += m.same;
    both += m.both;
  }
  return {
    model,
    variant,
    itemMeanCorrelation: pearson(xs, ys),
    meanAbsDifference: mean(xs.map((x, i) => Math.abs(x - ys[i]))),
    exactAgreement: both ? same / both : null,
    pairs: xs.length,
  };
}

/** Primacy / recency from the written and reversed orders (answer probabilities by listed position). */
function orderEffects(model: string, acc: Accumulated, reversedId: string, means: Map<string, Record<string, number | null>>, items: string[]): OrderRow {
  const { first, last, uniform, n } = acc.order.get(model) ?? { first: 0, last: 0, uniform: 0, n: 0 };
  const shifts: number[] = [];
  for (const [key, m] of means) {
    const [mo, v, country, language] = key.split(SEP);
    if (mo !== model || v !== reversedId) continue;
    const ref = means.get([model, REFERENCE_VARIANT, country, language].join(SEP));
    for (const i of items) if (ref && m[i] != null && ref[i] != null) shifts.push(m[i]! - ref[i]!);
  }
  return { model, primacy: n ? first / n : null, recency: n ? last / n : null, uniform: n ? uniform / n : null, shift: mean(shifts) };
}

/**
 * The reliability report: perturbation movement against the human between-country gap,
 * test-retest and method agreement, Cronbach's α per dimension, and order effects. `rows` is
 * read once (it may be a stream over responses.jsonl) and not held: see accumulate.ts.
 */
export function reliabilityReport(rows: Iterable<Row>, manifest: RunManifest, survey: Survey): ReliabilityReport {
  const items = survey.items.map((i) => i.id);
  const dims = survey.scorer.dimensions;
  const countries = manifest.config.countries.map((c) => c.code);
  const variants: Variant[] = manifest.config.variants ?? [];
  const others = variants.filter((v) => v.id !== REFERENCE_VARIANT);
  const models = manifest.models.map((m) => m.id);
  const reversed = others.find((v) => v.id === 'optionOrder=reversed');
  const acc = accumulate(rows, survey, items, others.length > 0, reversed?.id ?? null);
  const means = sampleMeans(acc, items);
  const prof = profiles(means, survey);
  const human = humanYardstick(survey, countries);
  const headline = manifest.config.headline;
  const meanDrOf = (variant: string): Map<string, number | null> => {
    const a = analyse(replay(acc, variant, items), manifest, survey);
    return new Map(a.models.filter((m) => m.condition === headline).map((m) => [m.model, m.mean_dr]));
  };
  const refDr = others.length ? meanDrOf(REFERENCE_VARIANT) : new Map<string, number | null>();

  const perturbations: PerturbationRow[] = [];
  for (const v of others) {
    const dr = meanDrOf(v.id);
    for (const model of models) {
      const ref = prof.get(`${model}${SEP}${REFERENCE_VARIANT}`);
      const alt = prof.get(`${model}${SEP}${v.id}`);
      if (!ref || !alt) continue;
      const cs = countries.map((country) => {
        const movement = ref[country] && alt[country] ? euclidean(ref[country], alt[country]) : null;
        const nearestGap = human.nearest[country] ?? null;
        return { country, movement, nearestGap, exceeds: movement !== null && nearestGap !== null && movement > nearestGap };
      });
      const effect: Record<string, number | null> = {};
      dims.forEach((d, j) => {
        const diffs = countries
          .map((c) => (ref[c]?.[j] != null && alt[c]?.[j] != null ? Math.abs(alt[c][j]! - ref[c][j]!) : null))
          .filter((x): x is number => x !== null);
        const sd = human.sd[d];
        effect[d] = diffs.length && sd ? mean(diffs)! / sd : null;
      });
      const moved = cs.filter((c) => c.movement !== null);
      perturbations.push({
        model,
        variant: v.id,
        factor: factorOf(v.id),
        countries: cs,
        meanMovement: mean(moved.map((c) => c.movement!)),
        medianRatio: median(moved.filter((c) => c.nearestGap).map((c) => c.movement! / c.nearestGap!)),
        exceeded: cs.filter((c) => c.exceeds).length,
        effect,
        meanDr: { reference: refDr.get(model) ?? null, variant: dr.get(model) ?? null },
      });
    }
  }

  const agreements = (factor: string) =>
    others.filter((v) => factorOf(v.id) === factor).flatMap((v) => models.map((m) => agreement(m, v.id, means, acc, items)));

  const alpha: ReliabilityReport['alpha'] = [];
  const signs = itemSigns(survey);
  for (const model of models) {
    const cases = [...means].filter(([k]) => k.startsWith(`${model}${SEP}${REFERENCE_VARIANT}${SEP}`)).map(([, m]) => m);
    for (const d of dims) {
      const its = signs.get(d) ?? [];
      alpha.push({
        model,
        dimension: d,
        alpha: cronbachAlpha(cases.map((m) => its.map(([i, s]) => (m[i] == null ? null : s * m[i]!)))),
        items: its.length,
        cases: cases.length,
      });
    }
  }

  const order = reversed ? models.map((m) => orderEffects(m, acc, reversed.id, means, items)) : [];

  const stability = models
    .map((model) => {
      const mine = perturbations.filter((p) => p.model === model);
      const ratios = mine.flatMap((p) => p.countries.filter((c) => c.movement !== null && c.nearestGap).map((c) => c.movement! / c.nearestGap!));
      return { model, moves: ratios.length, exceeded: mine.reduce((a, p) => a + p.exceeded, 0), medianRatio: median(ratios) };
    })
    .filter((s) => s.moves > 0);

  return { human, perturbations, testRetest: agreements('seed'), methods: agreements('method'), alpha, order, stability };
}

/** Each dimension's items with the sign its formula gives them (minus items count reversed). */
function itemSigns(survey: Survey): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  const rules = (survey.scorer as { rules?: { indices: Record<string, { terms: { weight: number; plus: string; minus: string }[] }> } }).rules;
  for (const d of survey.scorer.dimensions) {
    const terms = rules?.indices[d]?.terms ?? [];
    const list: [string, number][] = [];
    for (const t of terms) {
      const s = Math.sign(t.weight) || 1;
      if (!list.some(([i]) => i === t.plus)) list.push([t.plus, s]);
      if (!list.some(([i]) => i === t.minus)) list.push([t.minus, -s]);
    }
    out.set(d, list);
  }
  return out;
}
