/**
 * The free constant C of each index. It shifts a dimension's scores for every country alike,
 * so it does not change correlations, but it does change distances to human scores, and so the
 * deviation ratio: every report states which mode was used.
 */
export type ConstantsSpec =
  /** `all` applies to every dimension not named in `values`. */
  | { mode: 'fixed'; values: Record<string, number>; all?: number }
  /** C per dimension such that the model's mean over the countries equals the human mean. */
  | { mode: 'anchored' }
  /**
   * One C per dimension for every model and condition: C = G, the human mean over the run's
   * countries, so a respondent with no preference between an index's paired items (raw 0) scores
   * at the global average. Differences between models, and a model's offset from the humans,
   * keep their level (anchoring per model would absorb them).
   */
  | { mode: 'global' };

export interface RawScore {
  /** Group within which anchoring is done (model × condition). */
  group: string;
  country: string;
  dimension: string;
  raw: number | null;
}

export interface AppliedConstants {
  spec: ConstantsSpec;
  /** The constant actually added, per group and dimension. */
  byGroup: Record<string, Record<string, number | null>>;
}

export function describeConstants(spec: ConstantsSpec): string {
  if (spec.mode === 'anchored') {
    return 'anchored: C per dimension, model and condition so that the model mean over the countries equals the human mean';
  }
  if (spec.mode === 'global') {
    return 'global: one C per dimension for every model and condition, C = the human mean over the countries (raw 0 scores at the global average)';
  }
  const vals = Object.entries(spec.values).map(([d, v]) => `${d}=${v}`);
  if (spec.all !== undefined) vals.push(vals.length ? `others=${spec.all}` : `${spec.all} on every dimension`);
  return `fixed: ${vals.join(', ')}`;
}

/** Parses the CLI form `0`, `50` or `PDI=10,IDV=20,…` (unnamed dimensions get 0). */
export function parseConstantsFlag(text: string, dimensions: string[]): ConstantsSpec {
  const trimmed = text.trim();
  if (trimmed === 'anchored') return { mode: 'anchored' };
  if (trimmed === 'global') return { mode: 'global' };
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    return { mode: 'fixed', values: Object.fromEntries(dimensions.map((d) => [d, Number(trimmed)])) };
  }
  const values: Record<string, number> = Object.fromEntries(dimensions.map((d) => [d, 0]));
  for (const part of trimmed.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new Error(`--constants: "${part}" is not DIM=NUMBER (expected e.g. PDI=50,IDV=20, a single number, or "anchored")`);
    const dim = m[1].toUpperCase();
    if (!dimensions.includes(dim)) throw new Error(`--constants: unknown dimension "${m[1]}" (allowed: ${dimensions.join(', ')})`);
    values[dim] = Number(m[2]);
  }
  return { mode: 'fixed', values };
}

/**
 * Adds the constants to raw scores. For anchoring, `human` gives each country's human scores;
 * only countries with both a model and a human value for a dimension enter that dimension's means.
 */
export function applyConstants(
  raw: RawScore[],
  spec: ConstantsSpec,
  human: Record<string, Record<string, number | null>> = {},
): { scores: (RawScore & { score: number | null })[]; applied: AppliedConstants } {
  const byGroup: Record<string, Record<string, number | null>> = {};
  if (spec.mode === 'fixed') {
    for (const r of raw) (byGroup[r.group] ??= {})[r.dimension] = spec.values[r.dimension] ?? spec.all ?? 0;
  } else if (spec.mode === 'global') {
    const g = humanGlobal(raw, human);
    for (const r of raw) (byGroup[r.group] ??= {})[r.dimension] = g.get(r.dimension) ?? null;
  } else {
    const sums = new Map<string, Map<string, { model: number; human: number; n: number }>>();
    for (const r of raw) {
      const h = human[r.country]?.[r.dimension];
      let group = sums.get(r.group);
      if (!group) sums.set(r.group, (group = new Map()));
      const s = group.get(r.dimension) ?? { model: 0, human: 0, n: 0 };
      if (r.raw != null && h != null) {
        s.model += r.raw;
        s.human += h;
        s.n += 1;
      }
      group.set(r.dimension, s);
    }
    for (const [group, dims] of sums) {
      for (const [dim, s] of dims) (byGroup[group] ??= {})[dim] = s.n > 0 ? (s.human - s.model) / s.n : null;
    }
  }
  const scores = raw.map((r) => {
    const c = byGroup[r.group]?.[r.dimension];
    return { ...r, score: r.raw == null || c == null ? null : r.raw + c };
  });
  return { scores, applied: { spec, byGroup } };
}

/** Human mean per dimension over the distinct countries of `raw` that have a human value. */
export function humanGlobal(raw: readonly { country: string; dimension: string }[], human: Record<string, Record<string, number | null>>): Map<string, number> {
  const seen = new Set<string>();
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of raw) {
    const key = `${r.country}\u0000${r.dimension}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const h = human[r.country]?.[r.dimension];
    if (h == null) continue;
    const s = sums.get(r.dimension) ?? { sum: 0, n: 0 };
    s.sum += h;
    s.n += 1;
    sums.set(r.dimension, s);
  }
  return new Map([...sums].map(([d, s]) => [d, s.sum / s.n]));
}
