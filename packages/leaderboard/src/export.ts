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

export const RESPONSES_ARROW = 'responses.arrow';
export const SCORES_ARROW = 'scores.arrow';

const RESPONSE_COLUMNS = [
  'key',
  'model',
  'provider',
  'kind',
  'country',
  'language',
  'conditions',
  'item',
  'respondent',
  'answer',
  'outcome',
  'raw',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_ms',
  'attempts',
  'cached',
  'error',
  'at',
  'prompt_hash',
] as const;

/** One row per request key (the report stage's latest records), so only the columns are held. */
export function responsesTable(records: Iterable<ResponseRecord>): ReturnType<typeof table> {
  const cols = Object.fromEntries(RESPONSE_COLUMNS.map((c) => [c, [] as unknown[]])) as Record<(typeof RESPONSE_COLUMNS)[number], unknown[]>;
  for (const r of records) {
    cols.key.push(r.key);
    cols.model.push(r.model);
    cols.provider.push(r.provider);
    cols.kind.push(r.kind);
    cols.country.push(r.country);
    cols.language.push(r.language);
    cols.conditions.push(r.conditions.join(','));
    cols.item.push(r.item);
    cols.respondent.push(r.respondent);
    cols.answer.push(r.answer);
    cols.outcome.push(r.error !== null ? 'error' : (r.parsed?.kind ?? 'invalid'));
    cols.raw.push(r.raw);
    cols.input_tokens.push(r.tokens?.input ?? null);
    cols.output_tokens.push(r.tokens?.output ?? null);
    cols.cost_usd.push(r.costUsd);
    cols.latency_ms.push(r.latencyMs);
    cols.attempts.push(r.attempts);
    cols.cached.push(r.cached);
    cols.error.push(r.error);
    cols.at.push(r.at);
    cols.prompt_hash.push(r.promptHash);
  }
  return table(cols);
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
  writeFileAtomic(out[0], toArrowIPC(responsesTable(records), { format: 'file' }));
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
