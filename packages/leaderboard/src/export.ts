/**
 * Arrow IPC files (Feather v2) of a run for pandas, R and Hugging Face datasets:
 * responses.arrow (one row per request, its latest outcome) and scores.arrow (scores with
 * intervals per model × country × condition × dimension, with the human score).
 *
 *   Python: pandas.read_feather("responses.arrow")
 *   R:      arrow::read_feather("responses.arrow")
 */
import { join } from 'node:path';
import { InputError, writeFileAtomic, type Reporter, type ResponseRecord } from '@culturebench/core';
import { RESULTS_PUBLISHED, type ResultsDocument } from '@culturebench/analysis';
import { table, toArrowIPC } from 'arquero';
import { ArrowFileWriter, type ArrowColumn } from './arrow-file.js';

export const RESPONSES_ARROW = 'responses.arrow';
export const SCORES_ARROW = 'scores.arrow';

/**
 * The columns of responses.arrow. Strings with few distinct values (bounded by the run's design)
 * are dictionary-encoded; per-request strings (key, reply, error, time, prompt hash) are plain
 * utf8, so no column holds a dictionary as long as the run. Numbers have fixed types.
 */
export const RESPONSE_COLUMNS: readonly ArrowColumn[] = [
  { name: 'key', kind: 'utf8' },
  { name: 'model', kind: 'dict' },
  { name: 'provider', kind: 'dict' },
  { name: 'kind', kind: 'dict' },
  { name: 'country', kind: 'dict' },
  { name: 'language', kind: 'dict' },
  { name: 'conditions', kind: 'dict' },
  { name: 'item', kind: 'dict' },
  { name: 'respondent', kind: 'int32' },
  { name: 'answer', kind: 'float64' }, // a distribution method's answer is its expected code
  { name: 'outcome', kind: 'dict' },
  { name: 'raw', kind: 'utf8' },
  { name: 'input_tokens', kind: 'float64' },
  { name: 'output_tokens', kind: 'float64' },
  { name: 'cost_usd', kind: 'float64' },
  { name: 'latency_ms', kind: 'float64' },
  { name: 'attempts', kind: 'int32' },
  { name: 'cached', kind: 'bool' },
  { name: 'error', kind: 'utf8' },
  { name: 'at', kind: 'utf8' },
  { name: 'prompt_hash', kind: 'utf8' },
];

/** One record as a row of responses.arrow, in the order of RESPONSE_COLUMNS. */
export function responseRow(r: ResponseRecord): unknown[] {
  return [
    r.key,
    r.model,
    r.provider,
    r.kind,
    r.country,
    r.language,
    r.conditions.join(','),
    r.item,
    r.respondent,
    r.answer,
    r.error !== null ? 'error' : (r.parsed?.kind ?? 'invalid'),
    r.raw,
    r.tokens?.input ?? null,
    r.tokens?.output ?? null,
    r.costUsd,
    r.latencyMs,
    r.attempts,
    r.cached,
    r.error,
    r.at,
    r.promptHash,
  ];
}

/** The rows as an arquero table, in memory: for small sets of records (the reporter streams instead). */
export function responsesTable(records: Iterable<ResponseRecord>): ReturnType<typeof table> {
  const cols: unknown[][] = RESPONSE_COLUMNS.map(() => []);
  for (const r of records) responseRow(r).forEach((v, i) => cols[i].push(v));
  return table(Object.fromEntries(RESPONSE_COLUMNS.map((c, i) => [c.name, cols[i]])));
}

/** Streams the records into responses.arrow at path (one pass, memory bounded by a batch); returns the row count. */
export function writeResponsesArrow(path: string, records: Iterable<ResponseRecord>, opts: { batchRows?: number } = {}): number {
  const w = new ArrowFileWriter(path, RESPONSE_COLUMNS, opts.batchRows);
  try {
    for (const r of records) w.push(responseRow(r));
    return w.finish();
  } finally {
    w.close();
  }
}

export function scoresTable(doc: ResultsDocument): ReturnType<typeof table> {
  const kinds = new Map(doc.models.map((m) => [m.id, m.kind]));
  return table({
    model: doc.scores.map((s) => s.model),
    kind: doc.scores.map((s) => kinds.get(s.model) ?? null),
    country: doc.scores.map((s) => s.country),
    condition: doc.scores.map((s) => s.condition),
    dimension: doc.scores.map((s) => s.dimension),
    score: doc.scores.map((s) => s.score.estimate),
    score_lo: doc.scores.map((s) => s.score.lo),
    score_hi: doc.scores.map((s) => s.score.hi),
    human: doc.scores.map((s) => s.human),
  });
}

/** Writes responses.arrow and scores.arrow into the run directory; returns their paths. */
export function writeArrowExports(runDir: string, records: Iterable<ResponseRecord>, doc: ResultsDocument): string[] {
  const out = [join(runDir, RESPONSES_ARROW), join(runDir, SCORES_ARROW)];
  writeResponsesArrow(out[0], records);
  writeFileAtomic(out[1], toArrowIPC(scoresTable(doc), { format: 'file' }));
  return out;
}

/** The Arrow exports as a reporter of core's report stage; it runs after the analysis reporter (scores with intervals). */
export const arrowReporter: Reporter = {
  id: 'arrow',
  files: [RESPONSES_ARROW, SCORES_ARROW],
  report({ runDir, records, published }) {
    const doc = published.get(RESULTS_PUBLISHED) as ResultsDocument | undefined;
    if (!doc) throw new InputError('Arrow exports: register the analysis reporter before the arrow reporter (scores.arrow holds its intervals)');
    return { files: writeArrowExports(runDir, records, doc) };
  },
};
