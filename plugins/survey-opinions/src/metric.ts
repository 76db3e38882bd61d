/**
 * Distribution alignment: 1 − Jensen–Shannon distance between the model's answer distribution and
 * the country's, per item, averaged over items, per model × country × condition.
 *
 * ## Mapping onto the core's AlignmentRow (until the core has a named metric value)
 *
 * The core's tables, summaries and leaderboard read `AlignmentRow`, whose fields are named after
 * the deviation ratio. This metric fills them as follows; the extra fields carry the real names.
 *
 * | AlignmentRow field  | holds here                                                                 |
 * | ------------------- | -------------------------------------------------------------------------- |
 * | `deviation_ratio`   | **similarity** S = mean over items of 1 − JSdist(M_i, H_i) (higher is better, in [0, 1]) |
 * | `distance`          | mean JS distance of the model, mean of JSdist(M_i, H_i) = 1 − S            |
 * | `baseline_distance` | mean JS distance of the human global mix G_i (the mean of the benchmark countries' shares) to H_i, over the same items |
 * | `dims`              | the item ids that entered the mean (items where both distributions exist)  |
 *
 * So "mean DR" in leaderboard.md and `mean_dr` in the summaries are mean similarities, and the
 * reference row `human-global-average` is the similarity of answering G_i for every country.
 */
import type { AlignmentMetric, AlignmentRow, HumanRow, MetricInput, ScoreRow } from '@culturebench/core';
import { jsDistance } from './jsd.js';

export interface OpinionAlignmentRow extends AlignmentRow {
  /** Mean over items of 1 − JS distance (the value that is also in `deviation_ratio`). */
  similarity: number | null;
  /** Mean JS distance model ↔ country (= `distance`). */
  js_distance: number | null;
  /** Mean JS distance human global mix ↔ country (= `baseline_distance`). */
  baseline_js_distance: number | null;
  /** Items used (= `dims`). */
  items: string[];
}

export interface ItemSimilarityRow {
  model: string;
  country: string;
  condition: string;
  item: string;
  similarity: number;
  js_distance: number;
  baseline_js_distance: number | null;
}

export interface DistributionMetric extends AlignmentMetric {
  compute(input: MetricInput): OpinionAlignmentRow[];
  /** The per-item values behind each row (for analyses the core's report does not write). */
  perItem(input: MetricInput): ItemSimilarityRow[];
}

/** Shares outside [0, 1] can only come from a shift (a free constant): see the README. */
const TOLERANCE = 1e-9;

type Vec = Map<string, number | null>;

function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function humanVectors(rows: readonly HumanRow[]): Map<string, Vec> {
  const out = new Map<string, Vec>();
  for (const r of rows) {
    let v = out.get(r.country);
    if (!v) out.set(r.country, (v = new Map()));
    if (v.has(r.dimension)) throw new Error(`duplicate human score for ${r.country} × ${r.dimension}`);
    v.set(r.dimension, finite(r.score));
  }
  return out;
}

function sampleVectors(rows: readonly ScoreRow[]) {
  const out = new Map<string, { model: string; country: string; condition: string; v: Vec }>();
  for (const r of rows) {
    const key = JSON.stringify([r.model, r.country, r.condition]);
    let s = out.get(key);
    if (!s) out.set(key, (s = { model: r.model, country: r.country, condition: r.condition, v: new Map() }));
    if (s.v.has(r.dimension)) throw new Error(`duplicate score for ${r.model} × ${r.country} × ${r.condition} × ${r.dimension}`);
    s.v.set(r.dimension, finite(r.score));
  }
  return [...out.values()];
}

/** The item's distribution in v, or null if any option is missing or all shares are 0. */
function pick(v: Vec | undefined, dims: readonly string[]): number[] | null {
  if (!v) return null;
  const xs: number[] = [];
  for (const d of dims) {
    const x = v.get(d);
    if (x == null) return null;
    xs.push(x);
  }
  return xs.reduce((a, b) => a + b, 0) > 0 ? xs : null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * The metric over items whose option dimensions are `groups[item]` (in code order). Human rows are
 * shares per option; a country without the item is skipped for that item.
 */
export function jsSimilarityMetric(groups: Record<string, readonly string[]>): DistributionMetric {
  const items = Object.keys(groups);

  function perSample(input: MetricInput) {
    const humans = humanVectors(input.human);
    // G_i: per option, the mean of the shares of the benchmark countries that have the item.
    const global = new Map<string, number[] | null>();
    for (const item of items) {
      const dists = input.countries.map((c) => pick(humans.get(c), groups[item])).filter((d): d is number[] => d !== null);
      global.set(item, dists.length ? groups[item].map((_, j) => dists.reduce((a, d) => a + d[j], 0) / dists.length) : null);
    }
    return sampleVectors(input.scores).map((s) => {
      const h = humans.get(s.country);
      const perItem: { item: string; d: number; base: number | null }[] = [];
      for (const item of items) {
        const m = pick(s.v, groups[item]);
        if (m) {
          const bad = m.find((x) => x < -TOLERANCE || x > 1 + TOLERANCE);
          if (bad !== undefined) {
            throw new Error(
              `${s.model} × ${s.country} × ${s.condition}: item ${item} has an answer share of ${bad}, outside [0, 1]: the scores were shifted by a constant. Distribution surveys need \`constants: 0\` in the benchmark config (anchoring is meaningless for shares).`,
            );
          }
        }
        const hd = pick(h, groups[item]);
        if (!m || !hd) continue;
        const g = global.get(item) ?? null;
        perItem.push({ item, d: jsDistance(m, hd), base: g ? jsDistance(g, hd) : null });
      }
      return { s, perItem };
    });
  }

  return {
    id: 'js-similarity',
    description:
      "S_c = mean over items of 1 − JSdist(M_i, H_i), base-2 Jensen–Shannon distance between the model's answer distribution and country c's (1 = identical, 0 = disjoint); reported in the deviation_ratio column until the core names metric values",
    compute(input) {
      return perSample(input).map(({ s, perItem }) => {
        const d = mean(perItem.map((p) => p.d));
        const bases = perItem.map((p) => p.base).filter((b): b is number => b !== null);
        const similarity = d === null ? null : 1 - d;
        const base = mean(bases);
        const used = perItem.map((p) => p.item);
        return {
          model: s.model,
          country: s.country,
          condition: s.condition,
          deviation_ratio: similarity,
          distance: d,
          baseline_distance: base,
          dims: used,
          similarity,
          js_distance: d,
          baseline_js_distance: base,
          items: used,
        };
      });
    },
    perItem(input) {
      return perSample(input).flatMap(({ s, perItem }) =>
        perItem.map((p) => ({
          model: s.model,
          country: s.country,
          condition: s.condition,
          item: p.item,
          similarity: 1 - p.d,
          js_distance: p.d,
          baseline_js_distance: p.base,
        })),
      );
    },
  };
}
