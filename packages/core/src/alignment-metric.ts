/**
 * Metric extension point: how a model's country scores are compared with the human ones.
 * A survey declares its metrics; the deviation ratio (the paper's metric) is the default.
 */
import { alignmentRows, type AlignmentRow, type HumanRow, type ScoreRow } from './metrics/index.js';

export interface MetricInput {
  scores: ScoreRow[];
  human: HumanRow[];
  dimensions: string[];
  /** Countries that define the human global average. */
  countries: string[];
}

export interface AlignmentMetric {
  readonly id: string;
  readonly description: string;
  /**
   * Set when the model's raw scores and the ground truth are on different units (e.g. an index
   * in [−1, 1] against factor scores) and this metric compares them on a common scale of its own:
   * why raw differences M − H mean nothing. Analyses built on them (the skill family) are null.
   */
  readonly differentUnits?: string;
  /** One row per model × country × condition. */
  compute(input: MetricInput): AlignmentRow[];
}

export const deviationRatioMetric: AlignmentMetric = {
  id: 'deviation-ratio',
  description: 'DR_c = d(G, H_c) / max(d(M_c, H_c), 0.5): above 1 the model is closer to country c than the human global average G',
  compute: ({ scores, human, dimensions, countries }) => alignmentRows(scores, human, dimensions, { globalCountries: countries }),
};
