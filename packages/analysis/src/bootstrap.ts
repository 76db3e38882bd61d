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
import { humanGlobal, type ResponseRecord, type Survey } from '@culturebench/core';
import { computeAlignment } from './alignment-rows.js';
import { ai, emptyRealisation, si, type Context, type Realisation } from './context.js';
import { buildSamples, buildSources, type PlacedSamples, type ResampleDesign, type SampleData } from './samples.js';
import { jackknifeVariances } from './jackknife.js';
import { completeVariance, indexVariance, scorerGradient, type ScorerGradient } from './variance.js';

export type { ResampleDesign } from './samples.js';

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const { floor } = Math;
const finite = Number.isFinite;

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

  /**
   * From the records (read once) or from samples already placed for this context (analyseRecords
   * collects them in its one pass over the records, no-persona ones included).
   */
  constructor(
    private readonly ctx: Context,
    private readonly survey: Survey,
    source: Iterable<ResponseRecord> | PlacedSamples,
    private readonly design: ResampleDesign,
  ) {
    this.itemIds = survey.items.map((i) => i.id);
    // A scorer that reads the answer distribution says so (needsDistributions), not by its arity.
    this.wantsAnswers = survey.scorer.needsDistributions === true;
    const placed = Symbol.iterator in source ? buildSamples(ctx, source, this.itemIds, this.wantsAnswers) : source;
    this.samples = placed.samples;
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
