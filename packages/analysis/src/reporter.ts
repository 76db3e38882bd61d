import { join } from 'node:path';
import { answerRowView, reliabilityReport, type ReliabilityReport, type Reporter } from '@culturebench/core';
import { analyseRecords } from './analyse-run.js';
import { roundDeep } from './format.js';
import { ANALYSIS_CSV_FILES, LEADERBOARD_FILE, RESULTS_FILE, writeAnalysisOutputs } from './outputs.js';

/** The name under which the analysis reporter publishes its ResultsDocument for later reporters. */
export const RESULTS_PUBLISHED = 'analysis.results';

/**
 * The analyses as a reporter of core's report stage: from the records the stage read once, the
 * analyses with bootstrap intervals → results.json, one CSV per analysis and leaderboard.md (the
 * one leaderboard). Publishes the ResultsDocument for the reporters after it (report.html).
 */
export const analysisReporter: Reporter = {
  id: 'analysis',
  files: [RESULTS_FILE, ...ANALYSIS_CSV_FILES, LEADERBOARD_FILE],
  report({ runDir, records, allRecords, manifest, survey, summary, options }) {
    // the stage's summary of these records: core's analyse() runs once per report
    const doc = analyseRecords(records, manifest, survey, { replicates: options.replicates, summary });
    doc.reliability = roundDeep(reliabilityReport(answerRowView(allRecords), manifest, survey)) as ReliabilityReport;
    const leaderboard = writeAnalysisOutputs(runDir, doc);
    return {
      files: [RESULTS_FILE, ...ANALYSIS_CSV_FILES, LEADERBOARD_FILE].map((f) => join(runDir, f)),
      leaderboard,
      publish: { [RESULTS_PUBLISHED]: doc },
    };
  },
};
