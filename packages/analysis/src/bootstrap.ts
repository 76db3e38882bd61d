/**
 * The respondent bootstrap. A respondent is one `respondent` index of one model × country ×
 * language sample; its answers to all items move together. Per replicate, every sample's
 * respondents are drawn with replacement (same count), and everything downstream is recomputed:
 * item means → raw indices (the survey's scorer) → condition scores incl. the language average →
 * constants (anchored per model × condition, as core does) → alignment → every analysis.
 *
 * Speed: each sample is precomputed as typed arrays (respondents × items: sum and count of valid
 * codes, so a respondent with a missing answer simply adds nothing to that item), and condition
 * scores and constants are computed on flat arrays. The point realisation from this path equals
 * core's `conditionScores` + `alignmentRows` exactly (tested).
 */
import { humanGlobal, LANGUAGE_AVERAGE, NO_PERSONA_COUNTRY, type ConstantsSpec, type ResolvedCondition, type ResponseRecord, type Survey } from '@culturebench/core';
import { ai, computeAlignment, emptyRealisation, si, type AnalysisModule, type Context, type Estimates, type Realisation } from './context.js';
import { centredInterval } from './quantile.js';
import { indexVariance, scorerGradient, type ScorerGradient } from './variance.js';
import { mixSeed, mulberry32 } from './rng.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { floor, max } = Math;
const finite = Number.isFinite;

interface SampleData {
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

/** Draws bootstrap realisations of a run's responses. */
export class RespondentBootstrap {
  private readonly samples: SampleData[];
  private readonly itemIds: string[];
  /** Per model × country × condition (ai index): sample indices to average (one for a plain condition), or null = missing. */
  private readonly sources: (Int32Array | null)[];
  private readonly raw: Float64Array;
  /** Var of each raw index per sample (delta method over the drawn respondents); NaN without a gradient. */
  private readonly rawVar: Float64Array;
  private readonly gradient: ScorerGradient | null;
  private readonly means: Record<string, number | null>;
  private readonly wantsAnswers: boolean;
  private readonly constantsHuman: Float64Array;
  /** Human mean per dimension over the run's countries (the 'global' constants; core's humanGlobal). */
  private readonly constantsGlobal: Float64Array;
  private readonly yCache: (Float64Array | undefined)[] = [];
  /** Respondents drawn for the current sample (reused). */
  private drawn = new Int32Array(0);
  /**
   * Scorers without a gradient (they read the answer distribution): Var of each raw index per
   * sample by the delete-one-respondent jackknife on the observed data, held in every replicate.
   */
  private readonly jackknifeVar: Float64Array | null;

  constructor(
    private readonly ctx: Context,
    private readonly survey: Survey,
    records: readonly ResponseRecord[],
    private readonly design: ResampleDesign,
  ) {
    this.itemIds = survey.items.map((i) => i.id);
    // A scorer that reads the answer distribution says so (needsDistributions), not by its arity.
    this.wantsAnswers = survey.scorer.needsDistributions === true;
    this.samples = buildSamples(ctx, records, this.itemIds, this.wantsAnswers);
    this.raw = new Float64Array(this.samples.length * ctx.dims.length);
    this.rawVar = new Float64Array(this.samples.length * ctx.dims.length).fill(NaN);
    this.gradient = scorerGradient(survey, ctx.dims);
    this.means = Object.fromEntries(this.itemIds.map((id) => [id, null]));
    this.sources = buildSources(ctx, this.samples, design);
    this.jackknifeVar = this.gradient || !this.wantsAnswers ? null : jackknifeVariances(this.samples, survey, this.itemIds, ctx.dims);
    // Anchoring uses the survey's ground truth (as core's applyConstants does), which may cover
    // more than ctx.human, but only for the run's countries.
    const D = ctx.dims.length;
    this.constantsHuman = new Float64Array(ctx.countries.length * D);
    ctx.countries.forEach((c, ci) => ctx.dims.forEach((d, di) => (this.constantsHuman[ci * D + di] = survey.groundTruth.countries[c]?.[d] ?? NaN)));
    const g = humanGlobal(
      ctx.countries.flatMap((country) => ctx.dims.map((dimension) => ({ country, dimension }))),
      survey.groundTruth.countries,
    );
    this.constantsGlobal = Float64Array.from(ctx.dims, (d) => g.get(d) ?? NaN);
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  /** The realisation of the observed data (every respondent once). */
  observed(): Realisation {
    return this.realise(null, emptyRealisation(this.ctx));
  }

  /**
   * One replicate, drawing from `rand`. With `into`, its buffers are reused (and overwritten by the
   * next call): the bootstrap loop consumes each replicate before drawing the next.
   */
  replicate(rand: () => number, into?: Realisation): Realisation {
    return this.realise(rand, into ?? emptyRealisation(this.ctx));
  }

  private realise(rand: (() => number) | null, real: Realisation): Realisation {
    const { ctx } = this;
    const I = this.itemIds.length;
    const D = ctx.dims.length;
    const acc = new Float64Array(I);
    const cnt = new Float64Array(I);
    const itemMeans = new Float64Array(I);
    const g = this.gradient;
    for (let s = 0; s < this.samples.length; s++) {
      const sample = this.samples[s]!;
      acc.fill(0);
      cnt.fill(0);
      const answers: Record<string, number[]> | undefined = sample.codes ? Object.fromEntries(this.itemIds.map((id) => [id, []])) : undefined;
      const { sums, counts } = sample;
      const drawn = this.drawn.length >= sample.n ? this.drawn : (this.drawn = new Int32Array(sample.n));
      for (let j = 0; j < sample.n; j++) {
        const r = rand === null ? j : floor(rand() * sample.n);
        drawn[j] = r;
        const off = r * I;
        if (sample.complete) for (let i = 0; i < I; i++) acc[i] += sums[off + i]!;
        else {
          for (let i = 0; i < I; i++) {
            acc[i] += sums[off + i]!;
            cnt[i] += counts[off + i]!;
          }
        }
        if (answers) for (let i = 0; i < I; i++) answers[this.itemIds[i]!]!.push(...sample.codes![off + i]!);
      }
      if (sample.complete) cnt.fill(sample.n);
      for (let i = 0; i < I; i++) {
        itemMeans[i] = cnt[i]! > 0 ? acc[i]! / cnt[i]! : NaN;
        this.means[this.itemIds[i]!] = cnt[i]! > 0 ? acc[i]! / cnt[i]! : null;
      }
      const raw = answers ? this.survey.scorer.rawScores(this.means, answers) : this.survey.scorer.rawScores(this.means);
      for (let d = 0; d < D; d++) this.raw[s * D + d] = raw[ctx.dims[d]!] ?? NaN;
      if (g && sample.complete) completeVariance(this.indexValues(s, g), drawn, sample.n, D, this.rawVar, s * D);
      else if (g) indexVariance(g, sums, counts, I, drawn, sample.n, itemMeans, cnt, this.rawVar, s * D);
      else if (this.jackknifeVar) for (let d = 0; d < D; d++) this.rawVar[s * D + d] = this.jackknifeVar[s * D + d]!;
    }
    real.scores.fill(NaN);
    real.variance.fill(NaN);
    real.memo = undefined;
    this.conditionScores(real.scores, real.variance);
    computeAlignment(ctx, real);
    return real;
  }

  /** Each respondent's own index values Σ_i a_di x_ri of a complete sample (computed once). */
  private indexValues(s: number, g: ScorerGradient): Float64Array {
    const cached = this.yCache[s];
    if (cached) return cached;
    const sample = this.samples[s]!;
    const I = this.itemIds.length;
    const D = g.items.length;
    const y = new Float64Array(sample.n * D);
    for (let r = 0; r < sample.n; r++) {
      for (let d = 0; d < D; d++) {
        let v = 0;
        for (let t = 0; t < g.items[d]!.length; t++) v += g.weights[d]![t]! * sample.sums[r * I + g.items[d]![t]!]!;
        y[r * D + d] = v;
      }
    }
    return (this.yCache[s] = y);
  }

  /** Mirrors core's conditionScores + applyConstants on flat arrays (same order of additions). */
  private conditionScores(scores: Float64Array, variance: Float64Array): void {
    const { ctx, design } = this;
    const D = ctx.dims.length;
    const C = ctx.countries.length;
    const K = ctx.conditions.length;
    const condRaw = new Float64Array(C * D);
    const condVar = new Float64Array(C * D);
    for (let m = 0; m < ctx.models.length; m++) {
      if (m === ctx.reference) continue;
      for (let k = 0; k < K; k++) {
        let anyRow = false;
        for (let c = 0; c < C; c++) {
          const src = this.sources[ai(ctx, m, c, k)];
          if (src !== undefined) anyRow = true;
          for (let d = 0; d < D; d++) {
            let v = NaN;
            let vv = NaN;
            if (src) {
              if (src.length === 1) {
                v = this.raw[src[0]! * D + d]!;
                vv = this.rawVar[src[0]! * D + d]!;
              } else {
                // core: vals.reduce((a, b) => a + b, 0) / vals.length, over every language.
                let sum = 0;
                let sumVar = 0;
                let ok = true;
                for (let l = 0; l < src.length; l++) {
                  const x = src[l]! < 0 ? NaN : this.raw[src[l]! * D + d]!;
                  if (!finite(x)) ok = false;
                  sum += x;
                  sumVar += src[l]! < 0 ? NaN : this.rawVar[src[l]! * D + d]!;
                }
                v = ok ? sum / src.length : NaN;
                // independent samples per language: Var(mean of L) = Σ Var / L²
                vv = ok ? sumVar / (src.length * src.length) : NaN;
              }
            }
            condRaw[c * D + d] = v;
            condVar[c * D + d] = vv;
          }
        }
        if (!anyRow) continue;
        for (let d = 0; d < D; d++) {
          let constant: number;
          if (design.constants.mode === 'fixed') constant = design.constants.values[ctx.dims[d]!] ?? design.constants.all ?? 0;
          else if (design.constants.mode === 'global') constant = this.constantsGlobal[d]!;
          else {
            let model = 0;
            let human = 0;
            let n = 0;
            for (let c = 0; c < C; c++) {
              const h = this.constantsHuman[c * D + d]!;
              const r = condRaw[c * D + d]!;
              if (finite(r) && finite(h)) {
                model += r;
                human += h;
                n += 1;
              }
            }
            constant = n > 0 ? (human - model) / n : NaN;
          }
          for (let c = 0; c < C; c++) scores[si(ctx, m, c, k, d)] = condRaw[c * D + d]! + constant;
          this.constantVariance(condRaw, condVar, m, k, d, variance);
        }
      }
    }
    if (ctx.reference >= 0) {
      for (let c = 0; c < C; c++)
        for (let k = 0; k < K; k++)
          for (let d = 0; d < D; d++) {
            scores[si(ctx, ctx.reference, c, k, d)] = ctx.global[d]!;
            variance[si(ctx, ctx.reference, c, k, d)] = 0;
          }
    }
  }

  /**
   * Var of each condition score after the constants. Fixed and global constants add nothing.
   * Anchoring subtracts the model's own mean over the n countries it has: score_c = raw_c − mean + const,
   * so Var = v_c (1 − 2/n) + Σ v / n².
   */
  private constantVariance(condRaw: Float64Array, condVar: Float64Array, m: number, k: number, d: number, variance: Float64Array): void {
    const { ctx, design } = this;
    const D = ctx.dims.length;
    const C = ctx.countries.length;
    if (design.constants.mode !== 'anchored') {
      for (let c = 0; c < C; c++) variance[si(ctx, m, c, k, d)] = condVar[c * D + d]!;
      return;
    }
    let n = 0;
    let total = 0;
    for (let c = 0; c < C; c++) {
      if (finite(condRaw[c * D + d]!) && finite(this.constantsHuman[c * D + d]!)) {
        n++;
        total += condVar[c * D + d]!;
      }
    }
    for (let c = 0; c < C; c++) {
      const v = condVar[c * D + d]!;
      const inMean = finite(condRaw[c * D + d]!) && finite(this.constantsHuman[c * D + d]!);
      variance[si(ctx, m, c, k, d)] = n > 0 ? v - (inMean ? (2 * v) / n : 0) + total / (n * n) : NaN;
    }
  }
}

/**
 * Jackknife variance of each raw index of each sample: θ_(j) with respondent j left out,
 * Var = (n − 1)/n Σ_j (θ_(j) − θ̄)². For a statistic linear in the respondents' answers (shares
 * of an option, means of recoded codes: the distribution scorers) it equals s²/n exactly, as the
 * delta method does for VSM; NaN where an index is missing in any leave-one-out sample.
 */
function jackknifeVariances(samples: SampleData[], survey: Survey, itemIds: string[], dims: string[]): Float64Array {
  const I = itemIds.length;
  const D = dims.length;
  const out = new Float64Array(samples.length * D).fill(NaN);
  samples.forEach((sample, s) => {
    const { n, sums, counts, codes } = sample;
    if (n < 2 || !codes) return;
    const total = new Float64Array(I);
    const cnt = new Float64Array(I);
    for (let r = 0; r < n; r++)
      for (let i = 0; i < I; i++) {
        total[i] += sums[r * I + i]!;
        cnt[i] += counts[r * I + i]!;
      }
    const theta = new Float64Array(n * D);
    for (let j = 0; j < n; j++) {
      const means: Record<string, number | null> = {};
      const answers: Record<string, number[]> = {};
      for (let i = 0; i < I; i++) {
        const c = cnt[i]! - counts[j * I + i]!;
        means[itemIds[i]!] = c > 0 ? (total[i]! - sums[j * I + i]!) / c : null;
        const list: number[] = [];
        for (let r = 0; r < n; r++) if (r !== j) list.push(...codes[r * I + i]!);
        answers[itemIds[i]!] = list;
      }
      const raw = survey.scorer.rawScores(means, answers);
      for (let d = 0; d < D; d++) theta[j * D + d] = raw[dims[d]!] ?? NaN;
    }
    for (let d = 0; d < D; d++) {
      let mean = 0;
      for (let j = 0; j < n; j++) mean += theta[j * D + d]! / n;
      let ss = 0;
      for (let j = 0; j < n; j++) ss += (theta[j * D + d]! - mean) ** 2;
      out[s * D + d] = ((n - 1) / n) * ss;
    }
  });
  return out;
}

function buildSamples(ctx: Context, records: readonly ResponseRecord[], itemIds: string[], withCodes: boolean): SampleData[] {
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
function buildSources(ctx: Context, samples: SampleData[], design: ResampleDesign): (Int32Array | null)[] {
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

/** Point values and replicate matrix of one module. */
class ModuleEstimates implements Estimates {
  constructor(
    private readonly pointValues: Float64Array,
    private readonly matrix: Float64Array,
    readonly replicates: number,
    private readonly size: number,
  ) {}
  point(slot: number): number {
    return this.pointValues[slot]!;
  }
  column(slot: number): Float64Array {
    const out = new Float64Array(this.replicates);
    for (let r = 0; r < this.replicates; r++) out[r] = this.matrix[r * this.size + slot]!;
    return out;
  }
  interval(slot: number) {
    return centredInterval(this.pointValues[slot]!, this.column(slot));
  }
}

/**
 * Runs the modules on the observed realisation and on `replicates` bootstrap replicates (drawn
 * from one seeded stream, in a fixed order), and assembles each module's section.
 */
export function estimate<T extends Record<string, AnalysisModule<unknown>>>(
  ctx: Context,
  modules: T,
  observed: Realisation,
  draw: ((rand: () => number) => Realisation) | Realisation[],
  replicates: number,
  seed: number,
  /** Also resample countries (multinomial weights per replicate), for averages over countries as a sample of cultures. */
  resampleCountries = false,
): { [K in keyof T]: T[K] extends AnalysisModule<infer O> ? O : never } {
  const entries = Object.entries(modules);
  const sizes = entries.map(([, m]) => m.size(ctx));
  const points = entries.map(([, m], i) => {
    const out = new Float64Array(sizes[i]!).fill(NaN);
    m.stats(ctx, observed, out);
    return out;
  });
  const R = Array.isArray(draw) ? draw.length : replicates;
  const matrices = sizes.map((s) => new Float64Array(s * R).fill(NaN));
  const rand = mulberry32(mixSeed(seed, 0x5eed));
  // Countries are resampled on a stream of their own, so the respondent draws stay as they were.
  const countryRand = mulberry32(mixSeed(seed, 0xc0de));
  const C = ctx.countries.length;
  for (let r = 0; r < R; r++) {
    const real = Array.isArray(draw) ? draw[r]! : draw(rand);
    real.memo = undefined;
    if (resampleCountries) {
      real.countryWeights.fill(0);
      for (let j = 0; j < C; j++) real.countryWeights[floor(countryRand() * C)]! += 1;
    } else real.countryWeights.fill(1);
    entries.forEach(([, m], i) => m.stats(ctx, real, matrices[i]!.subarray(r * sizes[i]!, (r + 1) * sizes[i]!)));
  }
  const result: Record<string, unknown> = {};
  entries.forEach(([id, m], i) => (result[id] = m.assemble(ctx, new ModuleEstimates(points[i]!, matrices[i]!, R, sizes[i]!))));
  return result as never;
}

/**
 * Var of each index of a complete sample: s²(y)/n over the drawn respondents' own index values
 * (the same number indexVariance gives when every respondent answered every item).
 */
function completeVariance(y: Float64Array, drawn: Int32Array, n: number, D: number, out: Float64Array, outOff: number): void {
  for (let d = 0; d < D; d++) {
    let sum = 0;
    let sq = 0;
    for (let j = 0; j < n; j++) {
      const v = y[drawn[j]! * D + d]!;
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    out[outOff + d] = n > 1 ? max(sq - n * mean * mean, 0) / ((n - 1) * n) : NaN;
  }
}
