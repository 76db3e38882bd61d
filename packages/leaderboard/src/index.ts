export { loadRun, checkCompatible, fingerprint, runLabel, type LoadedRun } from './runs.js';
export { headlineMetric, headlineRows, type HeadlineMetric, type HeadlineRow } from './headline.js';
export { buildBoard, type Board, type BoardEntry, type HistoryPoint } from './board.js';
export { writeLeaderboard, renderLeaderboardHtml, LEADERBOARD_INDEX } from './site.js';
export { compareRuns, type CompareArgs, type Comparison } from './compare.js';
export { comparisonMarkdown, comparisonHtml } from './compare-format.js';
export { pairedBootstrap, bcInterval, type PairedInput, type PairedResult } from './paired.js';
export {
  arrowReporter,
  writeArrowExports,
  writeResponsesArrow,
  responseRow,
  responsesTable,
  scoresTable,
  RESPONSE_COLUMNS,
  RESPONSES_ARROW,
  SCORES_ARROW,
} from './export.js';
export { ArrowFileWriter, BATCH_ROWS, type ArrowColumn } from './arrow-file.js';
export type { ColumnKind } from './arrow-columns.js';
