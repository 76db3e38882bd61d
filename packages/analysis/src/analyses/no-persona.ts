/**
 * The default culture with no persona (issue 10 item 4): the items asked plainly, once per model
 * (a no-persona condition, country NO_PERSONA_COUNTRY). Its profile is the model's own, not a
 * country's, so it enters no country alignment (DR, skill); it is compared with every human
 * country of the ground truth, beside the nearest country to the persona-averaged profile.
 *
 * Per model × no-persona condition × persona condition k: profile = raw index + the constants of
 * (model, k), so both default cultures of a skill row are read on one scale; corrected squared
 * distance to each candidate Σ_d (P − H)² − Σ_d Var(P); the nearest candidate, with P(nearest)
 * over a respondent bootstrap of the sample (constants held at their observed values).
 * Var(P): the delta method of the scorer's gradient (s²/n of each respondent's index value for
 * VSM); a scorer of answer distributions has no gradient, so the variance of the bootstrap
 * replicates stands in (none with 0 replicates: the distance is then uncorrected).
 */
import type { ResolvedCondition, Survey } from '@culturebench/core';
import type { Context } from '../context.js';
import { centredInterval } from '../quantile.js';
import type { Interval } from '../results.js';
import type { SampleData } from '../samples.js';
import { hashString, mixSeed, mulberry32 } from '../rng.js';
import { indexVariance, scorerGradient } from '../variance.js';
import type { Candidate } from './skill.js';

const { floor, max, sqrt } = Math;
const finite = Number.isFinite;

/** The nearest human country to a model's no-persona profile (one no-persona condition). */
export interface NoPersonaCulture {
  /** The no-persona condition (e.g. no-persona) and its prompt language. */
  condition: string;
  language: string;
  respondents: number;
  country: string;
  /** √ of the corrected squared distance to that country. */
  distance: Interval;
  /** Share of replicates in which this country is the nearest. */
  probability: number | null;
  alternatives: { country: string; probability: number }[];
  /** The profile (raw + the row's constants) per dimension. */
  profile: Record<string, Interval>;
}

interface Sample {
  condition: string;
  language: string;
  n: number;
  sums: Float64Array;
  counts: Float64Array;
  codes: number[][] | null;
}

/** The no-persona samples of one model, in the config's condition order. */
function samplesOf(model: string, samples: ReadonlyMap<string, SampleData>, conditions: ResolvedCondition[]): Sample[] {
  const out: Sample[] = [];
  for (const cond of conditions) {
    if (cond.persona !== false) continue;
    const s = samples.get(`${model}\u0000${cond.language}`);
    if (s) out.push({ condition: cond.id, language: cond.language, n: s.n, sums: s.sums, counts: s.counts, codes: s.codes });
  }
  return out;
}

/**
 * Raw index scores of a sample over the drawn respondents, and (with a gradient) their variance.
 * Returns the raw scores in ctx.dims order.
 */
function realise(survey: Survey, dims: string[], itemIds: string[], s: Sample, drawn: Int32Array, varOut: Float64Array | null): Float64Array {
  const I = itemIds.length;
  const acc = new Float64Array(I);
  const cnt = new Float64Array(I);
  const answers: Record<string, number[]> | undefined = s.codes ? Object.fromEntries(itemIds.map((id) => [id, []])) : undefined;
  for (let j = 0; j < s.n; j++) {
    const off = drawn[j]! * I;
    for (let i = 0; i < I; i++) {
      acc[i] += s.sums[off + i]!;
      cnt[i] += s.counts[off + i]!;
      if (answers) answers[itemIds[i]!]!.push(...s.codes![off + i]!);
    }
  }
  const means: Record<string, number | null> = {};
  const itemMeans = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    itemMeans[i] = cnt[i]! > 0 ? acc[i]! / cnt[i]! : NaN;
    means[itemIds[i]!] = cnt[i]! > 0 ? acc[i]! / cnt[i]! : null;
  }
  const raw = answers ? survey.scorer.rawScores(means, answers) : survey.scorer.rawScores(means);
  const gradient = varOut ? scorerGradient(survey, dims) : null;
  if (gradient && varOut) indexVariance(gradient, s.sums, s.counts, I, drawn, s.n, itemMeans, cnt, varOut, 0);
  return Float64Array.from(dims, (d) => raw[d] ?? NaN);
}

export interface NoPersonaInput {
  ctx: Context;
  survey: Survey;
  /** The no-persona samples by model id \0 prompt language (SampleCollector.place). */
  samples: ReadonlyMap<string, SampleData>;
  /** The run's resolved conditions (the no-persona ones are read). */
  conditions: ResolvedCondition[];
  /** Constants added for (model, persona condition), per dimension (core's AppliedConstants.byGroup). */
  constants: Record<string, Record<string, number | null>>;
  candidates: Candidate[];
  replicates: number;
  seed: number;
}

/** Per model and persona condition (key model \0 condition): its no-persona default cultures. */
export function noPersonaCultures(input: NoPersonaInput): Map<string, NoPersonaCulture[]> {
  const { ctx, survey, candidates, replicates } = input;
  const dims = ctx.dims;
  const D = dims.length;
  const J = candidates.length;
  const itemIds = survey.items.map((i) => i.id);
  const out = new Map<string, NoPersonaCulture[]>();
  const hasGradient = scorerGradient(survey, dims) !== null;
  ctx.models.forEach((model, m) => {
    if (m === ctx.reference) return;
    for (const s of samplesOf(model.id, input.samples, input.conditions)) {
      const identity = Int32Array.from({ length: s.n }, (_, j) => j);
      const pointVar = new Float64Array(D).fill(NaN);
      const raw = realise(survey, dims, itemIds, s, identity, pointVar);
      // Replicates: respondents resampled within the sample (seeded per model and condition).
      const rand = mulberry32(mixSeed(input.seed, hashString(`no-persona\u0000${model.id}\u0000${s.condition}`)));
      const reps: Float64Array[] = [];
      const repVars: Float64Array[] = [];
      const drawn = new Int32Array(s.n);
      for (let r = 0; r < replicates; r++) {
        for (let j = 0; j < s.n; j++) drawn[j] = floor(rand() * s.n);
        const v = new Float64Array(D).fill(NaN);
        reps.push(realise(survey, dims, itemIds, s, drawn, hasGradient ? v : null));
        repVars.push(v);
      }
      // Without a gradient, the spread of the replicates is the variance.
      const varOf = (d: number, own: Float64Array) => (hasGradient ? own[d]! : replicates > 1 ? variance(reps.map((x) => x[d]!)) : NaN);
      const totalVar = (own: Float64Array) => {
        let t = 0;
        for (let d = 0; d < D; d++) t += varOf(d, own);
        return finite(t) ? t : 0;
      };
      const pointTotal = totalVar(pointVar);
      const repTotals = reps.map((_, r) => totalVar(hasGradient ? repVars[r]! : pointVar));
      ctx.conditions.forEach((condition) => {
        const c = input.constants[`${model.id}\u0000${condition}`];
        if (!c) return;
        const constant = Float64Array.from(dims, (d) => c[d] ?? NaN);
        const d2 = (x: Float64Array, total: number) =>
          candidates.map((cand) => {
            let sum = 0;
            for (let d = 0; d < D; d++) sum += (x[d]! + constant[d]! - cand.scores[d]!) ** 2;
            return sum - total;
          });
        const point = d2(raw, pointTotal);
        const nearest = argmin(point);
        if (nearest < 0) return;
        const wins = new Array<number>(J).fill(0);
        const nearestD2 = new Float64Array(reps.length);
        reps.forEach((x, r) => {
          const row = d2(x, repTotals[r]!);
          const best = argmin(row);
          if (best >= 0) wins[best]!++;
          nearestD2[r] = row[nearest]!;
        });
        const i = centredInterval(point[nearest]!, nearestD2);
        const root = (v: number | null) => (v === null ? null : sqrt(max(v, 0)));
        const R = reps.length;
        const list = out.get(`${model.id}\u0000${condition}`) ?? [];
        list.push({
          condition: s.condition,
          language: s.language,
          respondents: s.n,
          country: candidates[nearest]!.code,
          distance: { estimate: root(i.estimate), lo: root(i.lo), hi: root(i.hi) },
          probability: R > 0 ? wins[nearest]! / R : null,
          alternatives: wins
            .map((n, j) => [n, j] as const)
            .filter(([n]) => n > 0)
            .sort((a, b) => b[0] - a[0])
            .slice(0, 3)
            .map(([n, j]) => ({ country: candidates[j]!.code, probability: n / R })),
          profile: Object.fromEntries(
            dims.map((dim, d) => [
              dim,
              centredInterval(
                raw[d]! + constant[d]!,
                Float64Array.from(reps, (x) => x[d]! + constant[d]!),
              ),
            ]),
          ),
        });
        out.set(`${model.id}\u0000${condition}`, list);
      });
    }
  });
  return out;
}

/** Sets `noPersona` on each skill row that has a no-persona sample of its model. */
export function attachNoPersona(rows: { model: string; condition: string; noPersona?: NoPersonaCulture[] }[], input: NoPersonaInput): void {
  if (!input.conditions.some((c) => c.persona === false)) return;
  const byRow = noPersonaCultures(input);
  for (const r of rows) {
    const found = byRow.get(`${r.model}\u0000${r.condition}`);
    if (found) r.noPersona = found;
  }
}

function argmin(xs: number[]): number {
  let best = -1;
  for (let j = 0; j < xs.length; j++) if (finite(xs[j]!) && (best < 0 || xs[j]! < xs[best]!)) best = j;
  return best;
}

function variance(xs: number[]): number {
  const ok = xs.filter(finite);
  if (ok.length < 2) return NaN;
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  return ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (ok.length - 1);
}
