/** Alignment metrics: how close a model's country profiles are to the human ground truth. */
export { completePairs, isPresent } from './types.js';
export type { HumanRow, PairedStat, ScoreRow, Vector } from './types.js';
export { isConstant, mean, median, ranks, sampleSd, tied, tieSign } from './stats.js';
export {
  DISTANCE_FLOOR,
  absoluteError,
  deviationRatio,
  distance,
  globalAverage,
  meanAbsoluteErrorByDimension,
} from './distance.js';
export type { DeviationRatioInput, DeviationRatioResult, DistanceResult } from './distance.js';
export { kendallTauB, meanAbsoluteError, pearson, spearman, spreadRatio } from './correlation.js';
export { summarizeRatios } from './aggregate.js';
export type { RatioSummary } from './aggregate.js';
export {
  alignmentRows,
  countrySummary,
  globalAverageFromRows,
  humanVectors,
  modelSummary,
  perDimensionAgreement,
} from './tables.js';
export type { AgreementRow, AlignmentOptions, AlignmentRow, CountrySummaryRow, ModelSummaryRow } from './tables.js';
