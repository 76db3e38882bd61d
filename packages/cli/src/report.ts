import { readManifest, reportRun, surveyForManifest, type Registry } from '@culturebench/core';
import { analyseRun, writeAnalysisOutputs } from '@culturebench/analysis';
import { writeReportHtml, writeResponseBrowser } from '@culturebench/report-html';
import { writeArrowExports } from '@culturebench/leaderboard';
import { join } from 'node:path';

export interface ReportOptions {
  /** Bootstrap replicates (default 1,000). */
  replicates?: number;
}

/**
 * score → compare → report for a run directory: the core tables, the analyses with bootstrap
 * intervals (results.json, one CSV per analysis, leaderboard.md), Arrow exports of responses and
 * scores, the response browser and report.html (last: it links every other file). Same inputs
 * and seed, same bytes.
 */
export function writeFullReport(runDir: string, registry: Registry, opts: ReportOptions = {}): { leaderboard: string; files: string[] } {
  const manifest = readManifest(runDir);
  const survey = surveyForManifest(registry, manifest, join(runDir, 'manifest.json'));
  reportRun(runDir, registry, survey);
  const doc = analyseRun(runDir, survey, { replicates: opts.replicates });
  const leaderboard = writeAnalysisOutputs(runDir, doc);
  const arrows = writeArrowExports(runDir, doc);
  const browser = writeResponseBrowser({ runDir, manifest, survey, prompter: registry.prompter });
  const html = writeReportHtml(runDir, doc);
  return { leaderboard, files: [join(runDir, 'leaderboard.md'), join(runDir, 'results.json'), ...arrows, browser.page, html] };
}
