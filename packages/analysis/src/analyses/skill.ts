/**
 * The corrected headline (issue 10): noise-corrected alignment that does not drift with the number
 * of respondents, its intervals, and what a model leans towards.
 *
 * Per model × country: A_c = Σ_d [(M − H)² − Var(M)] (an unbiased estimate of d²(M, H)) and
 * B_c = d²(G, H). Per model × condition:
 * - skill = 1 − max(0, Σ_c A_c) / Σ_c B_c: 1 perfect, 0 no better than answering G everywhere,
 *   negative worse; pooled, so it stays finite near perfection (the ratio DR does not);
 * - the same without the correction (what the noise does to it), and the mean corrected DR;
 * - corrected spread per dimension √((var_c M − mean_c Var M) / var_c H), and the pooled
 *   between-country signal Σ_d (var_c M − mean Var) / Σ_d var_c H: ≈ 0 for a model that answers
 *   one profile for every country;
 * - the bias vector mean_c (M − H) per dimension and its corrected length;
 * - the default culture: the human country nearest to the model's profile averaged over the
 *   personas (corrected distance; any country of the ground truth), with P(nearest) over replicates.
 * Per country: skill_c = 1 − A_c / B_c averaged over the basis models — the calibrated country
 * ranking: a model without country knowledge (answering G plus noise) has E[skill_c] = 0 for
 * every country, so the ranking no longer follows d(G, H_c).
 *
 * Averages over countries use the replicate's country weights (countries resampled too).
 */
import { DISTANCE_FLOOR } from '@culturebench/core';
import { ai, si, type Context, type Realisation } from '../context.js';
import type { Statistic } from '../estimate.js';
import { MIN_COUNTRIES } from '../limits.js';
import { num, rankInterval } from '../quantile.js';
import type { Interval } from '../results.js';
import { bestFirst } from './per-country.js';
import { rankGroup } from './per-model.js';
import type { NoPersonaCulture } from './no-persona.js';
import { defaultCulture, nearestCulture, spreadAndBias, type Candidate } from './skill-profile.js';

export type { Candidate } from './skill-profile.js';

const { max, sqrt } = Math;
const finite = Number.isFinite;

export interface SkillResults {
  /**
   * The corrected headline per model × condition (best first by skill): skill = 1 − Σ_c d̂²(M_c, H_c) /
   * Σ_c d²(G, H_c), with d̂² the noise-corrected squared distance; intervals resample respondents and
   * countries. `skill` ranks the models.
   */
  skill: {
    model: string;
    condition: string;
    /** Interval over respondents, for the run's countries (the benchmark's estimand). */
    skill: Interval;
    /** The same estimate with the interval of countries taken as a sample of cultures (countries resampled). */
    acrossCountries: Interval;
    /** The same without the noise correction: drifts with the number of respondents. */
    skillUncorrected: Interval;
    /** Mean over countries of d(G, H_c) / max(√d̂²(M_c, H_c), 0.5). */
    meanDrCorrected: Interval;
    /** Σ_d corrected var_c(M) / Σ_d var_c(H): ≈ 0 when the model gives every country the same profile. */
    countrySignal: Interval;
    nCountries: number;
    rank: number | null;
    rankInterval: { lo: number; hi: number } | null;
    /** mean_c (M_c − H_c) per dimension: where the model leans. */
    bias: Record<string, Interval>;
    /** Length of the bias vector (noise-corrected). */
    biasNorm: Interval;
    /** √((var_c M − mean Var(M)) / var_c H) per dimension: the spread ratio without the noise. */
    spreadCorrected: Record<string, Interval>;
    /** Human country nearest to the model's profile averaged over the countries' personas. */
    defaultCulture: {
      country: string;
      distance: Interval;
      /** Share of replicates in which this country is the nearest. */
      probability: number | null;
      alternatives: { country: string; probability: number }[];
    } | null;
    /**
     * Human country nearest to the model's profile with no persona at all (each no-persona
     * condition of the run; read with this row's constants). Absent when none was asked.
     */
    noPersona?: NoPersonaCulture[];
  }[];
  /** Per model × country × condition: corrected d², corrected DR and skill_c = 1 − d̂²(M, H) / d²(G, H). */
  alignmentCorrected: { model: string; country: string; condition: string; distanceSq: Interval; drCorrected: Interval; skill: Interval }[];
  /** Calibrated country ranking: skill_c averaged over the basis models (0 = no better than no country knowledge). */
  countrySkill: { country: string; condition: string; rank: number | null; skill: Interval; nModels: number }[];
  /**
   * Null when the above is computed; otherwise why every number above is null (the survey declares
   * that its scores and ground truth are on different units: `AlignmentMetric.differentUnits`).
   */
  skillNote: string | null;
}
type Out = SkillResults;

/** Per model × condition scalar slots. */
const HEAD = ['skill', 'skillUncorrected', 'meanDrCorrected', 'countrySignal', 'biasNorm', 'n', 'rank', 'skillSe', 'skillUnclamped'] as const;

/** Offset of the skill without the clamp at d̂² ≥ 0 (may exceed 1) from skillSlot. */
export const UNCLAMPED = 8;
const H = HEAD.length;

/** Flat slot of model m's skill in condition k (for passes that only need the skill). */
export function skillSlot(ctx: Context, candidates: number, k: number, m: number): number {
  return (k * ctx.models.length + m) * (H + 2 * ctx.dims.length + candidates);
}

export function skillStatistic(candidates: Candidate[]): Statistic<Out> {
  const J = candidates.length;
  const perModel = (ctx: Context) => H + 2 * ctx.dims.length + J;
  const layout = (ctx: Context) => {
    const K = ctx.conditions.length;
    const Mn = ctx.models.length;
    const C = ctx.countries.length;
    const P = perModel(ctx);
    const countryBase = K * Mn * P;
    const skillBase = countryBase + K * Mn * C * 4;
    return { K, Mn, C, P, countryBase, skillBase, size: skillBase + K * C * 4 };
  };
  return {
    id: 'skill',
    size: (ctx) => layout(ctx).size,
    stats(ctx, real, out) {
      // scores and ground truth on different units: d²(M, H) has no meaning, every slot stays NaN
      if (ctx.metric?.differentUnits) return;
      const { K, Mn, C, P, countryBase, skillBase } = layout(ctx);
      const D = ctx.dims.length;
      const w = real.countryWeights;
      const A = new Float64Array(C);
      const B = new Float64Array(C);
      const VA = new Float64Array(C);
      for (let k = 0; k < K; k++) {
        for (let m = 0; m < Mn; m++) {
          const o = (k * Mn + m) * P;
          perCountry(ctx, real, m, k, A, B, VA);
          let sa = 0;
          let sRaw = 0;
          let sb = 0;
          let sw = 0;
          let sdr = 0;
          let ndr = 0;
          let sva = 0;
          for (let c = 0; c < C; c++) {
            const co = countryBase + ((k * Mn + m) * C + c) * 4;
            const a = A[c]!;
            const b = B[c]!;
            const dr = finite(a) && b > 0 ? sqrt(b) / max(sqrt(max(a, 0)), DISTANCE_FLOOR) : NaN;
            out[co] = a;
            out[co + 1] = dr;
            // clamped at 1 (a negative corrected d² is noise around 0)
            out[co + 2] = finite(a) && b > 0 ? 1 - max(a, 0) / b : NaN;
            out[co + 3] = finite(a) && b > 0 ? sqrt(VA[c]!) / b : NaN;
            if (!finite(a) || !finite(b)) continue;
            sa += w[c]! * a;
            sva += w[c]! * VA[c]!;
            sRaw += w[c]! * real.distance[ai(ctx, m, c, k)]! ** 2;
            sb += w[c]! * b;
            sw += w[c]!;
            if (finite(dr)) {
              sdr += w[c]! * dr;
              ndr += w[c]!;
            }
          }
          out[o] = sw > 0 && sb > 0 ? 1 - max(sa, 0) / sb : NaN;
          out[o + 1] = sw > 0 && sb > 0 ? 1 - sRaw / sb : NaN;
          out[o + 7] = sw > 0 && sb > 0 ? sqrt(sva) / sb : NaN;
          out[o + UNCLAMPED] = sw > 0 && sb > 0 ? 1 - sa / sb : NaN;
          out[o + 2] = ndr > 0 ? sdr / ndr : NaN;
          spreadAndBias(ctx, real, m, k, out, o, H);
          out[o + 5] = sw;
          defaultCulture(ctx, real, m, k, candidates, out, o + H + 2 * D);
        }
        for (let m = 0; m < Mn; m++) {
          const v = out[(k * Mn + m) * P]!;
          let rank = NaN;
          if (finite(v)) {
            rank = 1;
            for (const j of rankGroup(ctx, m)) if (out[(k * Mn + j) * P]! > v) rank++;
          }
          out[(k * Mn + m) * P + 6] = rank;
        }
        // Calibrated country ranking: skill_c averaged over the basis models.
        for (let c = 0; c < C; c++) {
          let s = 0;
          let se2 = 0;
          let n = 0;
          for (const m of ctx.countryBasis) {
            const v = out[countryBase + ((k * Mn + m) * C + c) * 4 + 2]!;
            if (finite(v)) {
              s += v;
              se2 += out[countryBase + ((k * Mn + m) * C + c) * 4 + 3]! ** 2;
              n++;
            }
          }
          const so = skillBase + (k * C + c) * 4;
          out[so] = n > 0 ? s / n : NaN;
          out[so + 1] = n;
          out[so + 3] = n > 0 ? sqrt(se2) / n : NaN;
        }
        for (let c = 0; c < C; c++) {
          const v = out[skillBase + (k * C + c) * 4]!;
          let rank = NaN;
          if (finite(v)) {
            rank = 1;
            for (let j = 0; j < C; j++) if (out[skillBase + (k * C + j) * 4]! > v) rank++;
          }
          out[skillBase + (k * C + c) * 4 + 2] = rank;
        }
      }
    },
    assemble(ctx, est) {
      const { Mn, C, P, countryBase, skillBase } = layout(ctx);
      const D = ctx.dims.length;
      const skill: SkillResults['skill'] = [];
      const alignmentCorrected: SkillResults['alignmentCorrected'] = [];
      const countrySkill: SkillResults['countrySkill'] = [];
      ctx.conditions.forEach((condition, k) => {
        const block = ctx.models.map((model, m) => {
          const o = (k * Mn + m) * P;
          const perDim = (off: number, f = (i: Interval) => i): Record<string, Interval> =>
            Object.fromEntries(ctx.dims.map((d, j) => [d, f(est.interval(o + off + j))]));
          const dc = o + H + 2 * D;
          let nearest = -1;
          for (let j = 0; j < J; j++) if (finite(est.point(dc + j)) && (nearest < 0 || est.point(dc + j) < est.point(dc + nearest))) nearest = j;
          const rank = num(est.point(o + 6));
          return {
            model: model.id,
            condition,
            skill: bounded(normalInterval(est.point(o), est.point(o + 7)), -Infinity, 1),
            acrossCountries: { estimate: null, lo: null, hi: null } as Interval,
            skillUncorrected: est.interval(o + 1),
            meanDrCorrected: est.interval(o + 2),
            countrySignal: bounded(est.interval(o + 3), 0, Infinity),
            nCountries: finite(est.point(o + 5)) ? est.point(o + 5) : 0,
            rank,
            rankInterval: rank === null ? null : rankInterval(est.column(o + 6)),
            bias: perDim(H),
            biasNorm: bounded(est.interval(o + 4), 0, Infinity),
            spreadCorrected: perDim(H + D, (i) => bounded(i, 0, Infinity)),
            defaultCulture: nearest < 0 ? null : nearestCulture(est, dc, J, nearest, candidates),
          };
        });
        skill.push(
          ...bestFirst(
            block,
            (r) => r.skill.estimate,
            (r) => r.model,
          ),
        );
        ctx.models.forEach((model, m) =>
          ctx.countries.forEach((country, c) => {
            const co = countryBase + ((k * Mn + m) * C + c) * 4;
            alignmentCorrected.push({
              model: model.id,
              country,
              condition,
              distanceSq: est.interval(co),
              drCorrected: est.interval(co + 1),
              skill: bounded(normalInterval(est.point(co + 2), est.point(co + 3)), -Infinity, 1),
            });
          }),
        );
        const rows = ctx.countries.map((country, c) => {
          const so = skillBase + (k * C + c) * 4;
          return {
            country,
            condition,
            rank: num(est.point(so + 2)),
            skill: normalInterval(est.point(so), est.point(so + 3)),
            nModels: finite(est.point(so + 1)) ? est.point(so + 1) : 0,
          };
        });
        // Below MIN_COUNTRIES no ranking: rank null, the run's country order.
        if (C < MIN_COUNTRIES) countrySkill.push(...rows.map((r) => ({ ...r, rank: null })));
        else
          countrySkill.push(
            ...bestFirst(
              rows,
              (r) => r.skill.estimate,
              (r) => r.country,
            ),
          );
      });
      return { skill, alignmentCorrected, countrySkill, skillNote: skillNote(ctx) };
    },
  };
}

/**
 * A_c (corrected d²) and B_c = d²(G, H) per country, over the dimensions where all of M, H, G, Var
 * are known, and VA_c, the variance of A_c: per dimension 4δ²v + 2v² (δ² = the corrected squared
 * difference, clamped at 0) for a normally distributed index. Analytic, because the bootstrap of a
 * squared distance overstates it: its replicates scatter around the noisy M̂, not M (adds 4v²).
 */
function perCountry(ctx: Context, real: Realisation, m: number, k: number, A: Float64Array, B: Float64Array, VA: Float64Array): void {
  const D = ctx.dims.length;
  for (let c = 0; c < ctx.countries.length; c++) {
    let a = 0;
    let b = 0;
    let va = 0;
    let used = 0;
    let known = true;
    for (let d = 0; d < D; d++) {
      const x = real.scores[si(ctx, m, c, k, d)]!;
      const h = ctx.human[c * D + d]!;
      const g = ctx.global[d]!;
      if (!finite(x) || !finite(h) || !finite(g)) continue;
      const v = real.variance[si(ctx, m, c, k, d)]!;
      if (!finite(v)) known = false;
      a += (x - h) * (x - h) - v;
      va += 4 * max((x - h) * (x - h) - v, 0) * v + 2 * v * v;
      b += (g - h) * (g - h);
      used++;
    }
    A[c] = used > 0 && known ? a : NaN;
    VA[c] = used > 0 && known ? va : NaN;
    B[c] = used > 0 ? b : NaN;
  }
}

/** An interval of a statistic that cannot leave [min, max] (its estimate never does): the shift of the centring may not push it out. */
export function bounded(i: Interval, min: number, maxValue: number): Interval {
  const clamp = (v: number | null) => (v === null ? null : Math.min(maxValue, Math.max(min, v)));
  return { estimate: i.estimate, lo: clamp(i.lo), hi: clamp(i.hi) };
}

/** Why the skill family is null for this survey (null when it is computed). */
export function skillNote(ctx: Context): string | null {
  const why = ctx.metric?.differentUnits;
  return why
    ? `Not computed for this survey (${why}): the skill, corrected DR, bias vectors, corrected spread, country signal, default cultures and calibrated country ranking all subtract model from human scores. Read the survey's alignment metric (${ctx.metric!.id}) and the rank correlations instead.`
    : null;
}

/** 95 % normal interval est ± 1.96 se. */
export function normalInterval(estimate: number, se: number): Interval {
  const e = num(estimate);
  if (e === null) return { estimate: null, lo: null, hi: null };
  const s = num(se);
  return s === null ? { estimate: e, lo: null, hi: null } : { estimate: e, lo: e - 1.959964 * s, hi: e + 1.959964 * s };
}
