/**
 * Reporter extension point. The report stage (report-stage.ts) indexes a finished run directory's
 * responses.jsonl once (which line is the latest record of each request), computes core's
 * alignment summary once, and hands both to every reporter in turn; reporters stream the records. Each reporter declares the files it writes; no two reporters may
 * write the same file, so every output has exactly one writer.
 */
import type { Analysis } from './alignment-summary.js';
import { InputError } from './errors.js';
import type { RunManifest } from './manifest.js';
import type { Prompter } from './prompter.js';
import type { ResponseRecord } from './responses.js';
import type { Survey } from './survey.js';

export interface ReportInput {
  runDir: string;
  manifest: RunManifest;
  survey: Survey;
  /** The registry's prompter, for reporters that show the prompts that were sent. */
  prompter: Prompter;
  /**
   * The records the headline scores read: the reference variant's latest record per request key,
   * n completions and questionnaires expanded per respondent and item (core's scoringRowsOf).
   * Streamed: each iteration reads responses.jsonl again, so iterate as few times as you can and
   * keep aggregates, not records (a run can hold millions of replies).
   */
  records: Iterable<ResponseRecord>;
  /** Every variant's latest record per request key as stored (the reliability report reads these); streamed like `records`. */
  allRecords: Iterable<ResponseRecord>;
  /** How many records `allRecords` yields. */
  recordCount: number;
  /** Core's alignment summary (scores, alignment, agreement, answer counts), computed once. */
  summary: Analysis;
  /** Options the caller passed to the report stage (e.g. bootstrap replicates), by name. */
  options: ReportOptions;
  /** What earlier reporters published for later ones (e.g. the analysis' results document). */
  published: Map<string, unknown>;
}

export interface ReportOptions {
  /** Bootstrap replicates for reporters that draw them. */
  replicates?: number;
}

export interface ReporterOutput {
  /** Paths of the files written. */
  files: string[];
  /** The leaderboard's markdown, from the one reporter that writes leaderboard.md. */
  leaderboard?: string;
  /** Values for later reporters, by name. */
  publish?: Record<string, unknown>;
}

export interface Reporter {
  readonly id: string;
  /** The files this reporter writes, relative to the run directory (fixed names). */
  readonly files: readonly string[];
  report(input: ReportInput): ReporterOutput;
}

export interface ReportResult {
  summary: Analysis;
  /** leaderboard.md's text, when a reporter wrote one. */
  leaderboard: string | null;
  files: string[];
}

/** Throws when two reporters declare the same output file. */
export function checkOneWriter(reporters: readonly Reporter[]): void {
  const owner = new Map<string, string>();
  for (const r of reporters) {
    for (const f of r.files) {
      const prev = owner.get(f);
      if (prev) throw new InputError(`reporters ${prev} and ${r.id} both write ${f}: every output file has one writer`);
      owner.set(f, r.id);
    }
  }
}
