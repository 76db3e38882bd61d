/** The report stage: one index of the run directory's records, then core's tables and every registered reporter. */
import { join } from 'node:path';
import type { RunManifest } from './manifest.js';
import { analyse } from './alignment-summary.js';
import type { Registry } from './registry.js';
import { coreTablesReporter } from './report.js';
import { checkOneWriter, type ReportInput, type ReportOptions, type ReportResult } from './reporter.js';
import { LatestRecords } from './latest-records.js';
import { scoringView } from './responses.js';
import { readManifest } from './run-directory.js';
import { surveyForManifest } from './survey-sources.js';
import type { Survey } from './survey.js';

export interface ReportStageOptions extends ReportOptions {
  survey?: Survey;
  /**
   * The manifest the reporters see, instead of manifest.json: a run passes its final status here
   * while manifest.json still says `running`, and writes that status only after every output.
   */
  manifest?: RunManifest;
}

/** The report stage of a run directory: an index of responses.jsonl's latest records, then every reporter. */
export function runReporters(runDir: string, registry: Registry, opts: ReportStageOptions = {}): ReportResult {
  if (registry.reporters === undefined && registry.loadReporters) {
    throw new Error('runReporters: this registry imports its reporters lazily; await loadReporters(registry) first');
  }
  // Core's own tables first, then the registered reporters in order.
  const reporters = [coreTablesReporter, ...(registry.reporters ?? [])];
  checkOneWriter(reporters);
  const manifest = opts.manifest ?? readManifest(runDir);
  const survey = opts.survey ?? surveyForManifest(registry, manifest, join(runDir, 'manifest.json'));
  // An index of the winning lines, not the records: every reader below streams the file again.
  const allRecords = LatestRecords.open([join(runDir, 'responses.jsonl')]);
  // The headline reads the reference variant only; the grid's other variants feed the reliability report.
  const records = scoringView(allRecords);
  const summary = analyse(records, manifest, survey);
  const input: ReportInput = {
    runDir,
    manifest,
    survey,
    prompter: registry.prompter,
    records,
    allRecords,
    recordCount: allRecords.count,
    summary,
    options: { replicates: opts.replicates },
    published: new Map(),
  };
  const files: string[] = [];
  let leaderboard: string | null = null;
  for (const r of reporters) {
    const out = r.report(input);
    files.push(...out.files);
    if (out.leaderboard !== undefined) leaderboard = out.leaderboard;
    for (const [k, v] of Object.entries(out.publish ?? {})) input.published.set(k, v);
  }
  return { summary, leaderboard, files };
}
