export {
  DOWNLOAD_HINT,
  OPINIONS_CSV_ENV,
  OPINIONS_EXAMPLE_ID,
  OPINIONS_ID,
  exampleCsvPath,
  loadOpinions,
  loadOpinionsExample,
  loadOpinionsFromEnv,
  opinionsOptionsFromEnv,
  type OpinionsDiagnostics,
  type OpinionsOptions,
  type OpinionsSurvey,
} from './survey.js';
export { jsDivergence, jsDistance, jsSimilarity, normalise } from './jsd.js';
export { jsSimilarityMetric, type DistributionMetric, type ItemSimilarityRow, type OpinionAlignmentRow } from './metric.js';
export { distributionScorer, optionDimension, optionGroups, OPTION_SEPARATOR, type DistributionItem } from './scorer.js';
export { parseLayout, REQUIRED_COLUMNS, type LayoutIssue, type LayoutRow } from './layout.js';
export { loadCountryTable, resolveCountry, type CountryTable, type Resolved } from './countries.js';
export { parseCsv, CsvSyntaxError, type CsvRecord } from './csv.js';
export { parsePyLiteral, isPyDict, PyLiteralError, type PyDict, type PyValue } from './pylit.js';
