/**
 * One analysis as one module: what it computes (a bootstrap statistic over the shared replicates),
 * its keys of results.json with their JSON Schema, its CSV files, its leaderboard.md section, its
 * key findings and its report.html chart. The registry (registry.ts) lists the modules; the
 * writers (analyse-run, outputs, findings, schema, report-html) iterate it.
 */
import type { ResolvedCondition, Survey } from '@culturebench/core';
import type { WebContentTable } from './analyses/web-content.js';
import type { Context, Realisation } from './context.js';
import type { Statistic } from './estimate.js';
import type { ResultsDocument } from './results.js';
import type { SampleData } from './samples.js';

/** A JSON Schema (draft 2020-12) fragment; `#/$defs/interval`, `#/$defs/nullableNumber`, `#/$defs/modelKind` can be referenced. */
export type JsonSchema = boolean | Record<string, unknown>;

/** What a module computes from: the run's frame, the survey, the observed data and the options. */
export interface AnalysisSetup {
  ctx: Context;
  survey: Survey;
  /** The observed realisation (scores with their sampling variance, alignment). */
  observed: Realisation;
  replicates: number;
  seed: number;
  /** Country pairs of the origin analysis (checked against the run's countries). */
  originPairs: [string, string][];
  /** The no-persona samples by model id \0 prompt language (the no-persona analysis resamples them on its own stream). */
  noPersona: ReadonlyMap<string, SampleData>;
  /** The run's resolved conditions (no-persona ones included). */
  conditions: ResolvedCondition[];
  /** Constants added per (model, condition) and dimension (core's AppliedConstants.byGroup). */
  constants: Record<string, Record<string, number | null>>;
  webContent: WebContentTable;
  webContentMeasures: readonly string[];
}

/** One CSV file: its name, its columns in order, and its rows from results.json. */
export interface CsvOutput {
  file: string;
  /** What it holds, in a few words (report.html's Files section). */
  description: string;
  columns: readonly string[];
  rows(doc: ResultsDocument): Record<string, unknown>[];
}

/** A chart declared by the module itself: a plain vega-lite spec (report.html adds its theme when `config` is absent). */
export interface ModuleChart {
  id: string;
  title: string;
  description: string;
  spec: Record<string, unknown> | null;
}

/** The document the findings read (the manifest is not needed). */
export type FindingsDoc = Omit<ResultsDocument, 'manifest'>;

export interface AnalysisModule<Slice extends object = object> {
  /** Names the module and its statistic. */
  readonly id: string;
  /** Its keys of results.json, each with its JSON Schema (results.schema.json is generated from these). */
  readonly schema: { readonly [K in keyof Slice]-?: JsonSchema };
  /** Its statistics, recomputed on every bootstrap replicate; `assemble` gives the slice of results.json. */
  statistic(setup: AnalysisSetup): Statistic<Slice>;
  /** A pass after the shared bootstrap (e.g. with countries resampled), completing the slice in place. */
  finish?(setup: AnalysisSetup, slice: Slice): void;
  /** Its CSV files (each file has this one writer). */
  readonly csv?: readonly CsvOutput[];
  /** Its leaderboard.md lines; sections appear in registry order. */
  leaderboard?(doc: ResultsDocument): string[];
  /** Key-finding sentences (the first six over all modules are kept). */
  findings?(doc: FindingsDoc): string[];
  /** Where its findings go among the modules' (lower first; default 100; ties in registry order). */
  readonly findingsOrder?: number;
  /** report.html: ids of @culturebench/report-html charts (charts/index.ts) that draw its results. */
  readonly charts?: readonly string[];
  /** report.html: a chart declared in the module file, drawn in the report's "More analyses" section. */
  chart?(doc: ResultsDocument): ModuleChart | null;
}
