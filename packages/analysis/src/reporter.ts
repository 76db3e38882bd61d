import { join } from 'node:path';
import { answerRowsOf, reliabilityReport, scoringRowsOf, type AnswerRow, type ReliabilityReport, type Reporter } from '@culturebench/core';
import { analyseRecords } from './analyse-run.js';
import { roundDeep } from './format.js';
import { ANALYSIS_CSV_FILES, LEADERBOARD_FILE, RESULTS_FILE, writeAnalysisOutputs } from './outputs.js';
import { SampleCollector } from './samples.js';

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
    // One walk of the stored records (each walk reads responses.jsonl again): every variant's answer
    // rows feed the reliability report, and the reference variant's scoring rows fill the samples.
    const collector = new SampleCollector(
      survey.items.map((i) => i.id),
      survey.scorer.needsDistributions === true,
    );
    let walked = false;
    const rows: Iterable<AnswerRow> = {
      *[Symbol.iterator]() {
        if (walked) throw new Error('analysis reporter: the records were to be walked once');
        walked = true;
        for (const r of allRecords) {
          for (const s of scoringRowsOf(r)) collector.add(s);
          yield* answerRowsOf([r]);
        }
      },
    };
    const reliability = roundDeep(reliabilityReport(rows, manifest, survey)) as ReliabilityReport;
    // the stage's summary of these records: core's analyse() runs once per report; `records` is not walked
    const doc = analyseRecords(records, manifest, survey, { replicates: options.replicates, summary, collector });
    doc.reliability = reliability;
    const leaderboard = writeAnalysisOutputs(runDir, doc);
    return {
      files: [RESULTS_FILE, ...ANALYSIS_CSV_FILES, LEADERBOARD_FILE].map((f) => join(runDir, f)),
      leaderboard,
      publish: { [RESULTS_PUBLISHED]: doc },
    };
  },
};
