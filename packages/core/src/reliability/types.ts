/** The reliability report of a run: how stable the measurement is, per model. */
export interface ReliabilityReport {
  /** Human between-country distances over the dimensions (index points): the noise band's yardstick. */
  human: {
    /** Median distance between two benchmark countries' human profiles. */
    medianPairwise: number | null;
    /** Each country's distance to its nearest other benchmark country. */
    nearest: Record<string, number | null>;
    /** Between-country standard deviation of each dimension. */
    sd: Record<string, number | null>;
  };
  /** How far each non-reference variant moves each model's country profiles. */
  perturbations: PerturbationRow[];
  testRetest: VariantAgreementRow[];
  methods: VariantAgreementRow[];
  alpha: { model: string; dimension: string; alpha: number | null; items: number; cases: number }[];
  order: OrderRow[];
  /** One line per model for the leaderboard's stability column. */
  stability: { model: string; moves: number; exceeded: number; medianRatio: number | null }[];
}

export interface PerturbationRow {
  model: string;
  variant: string;
  /** The factor that differs from the reference (one-at-a-time grids), or "combined". */
  factor: string;
  /** Per country: movement of the profile (index points) and whether it exceeds the gap to the nearest other country. */
  countries: { country: string; movement: number | null; nearestGap: number | null; exceeds: boolean }[];
  meanMovement: number | null;
  /** Median over countries of movement ÷ nearest-country gap. */
  medianRatio: number | null;
  exceeded: number;
  /** Mean |Δ score| per dimension divided by the human between-country SD. */
  effect: Record<string, number | null>;
  /** Mean deviation ratio (headline condition) under the reference and under this variant. */
  meanDr: { reference: number | null; variant: number | null };
}

export interface VariantAgreementRow {
  model: string;
  variant: string;
  /** Correlation of item means over country × language × item. */
  itemMeanCorrelation: number | null;
  /** Mean |difference| of item means (answer codes). */
  meanAbsDifference: number | null;
  /** Share of identical text answers of the same respondent and item (null for distribution methods). */
  exactAgreement: number | null;
  pairs: number;
}

export interface OrderRow {
  model: string;
  /** Share of answer probability on the first listed option, both orders pooled. */
  primacy: number | null;
  /** Share on the last listed option. */
  recency: number | null;
  /** What a position-blind respondent would give (1 / mean scale size). */
  uniform: number | null;
  /** Mean item-mean change (original codes) from the written order to the reversed one. */
  shift: number | null;
}
