/**
 * Arrow IPC files (Feather v2) of a run for pandas, R and Hugging Face datasets:
 * responses.arrow (one row per request, its latest outcome) and scores.arrow (scores with
 * intervals per model × country × condition × dimension, with the human score).
 *
 *   Python: pandas.read_feather("responses.arrow")
 *   R:      arrow::read_feather("responses.arrow")
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachJsonl, type ResponseRecord } from '@culturebench/core';
import type { ResultsDocument } from '@culturebench/analysis';
import { table, toArrowIPC } from 'arquero';

export const RESPONSES_ARROW = 'responses.arrow';
export const SCORES_ARROW = 'scores.arrow';

function writeAtomic(path: string, bytes: Uint8Array): void {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

const RESPONSE_COLUMNS = [
  'key', 'model', 'provider', 'kind', 'country', 'language', 'conditions', 'item', 'respondent', 'answer', 'outcome',
  'raw', 'input_tokens', 'output_tokens', 'cost_usd', 'latency_ms', 'attempts', 'cached', 'error', 'at', 'prompt_hash',
] as const;

/** Streams responses.jsonl twice (latest outcome per key, then the rows), so only the columns are held. */
export function responsesTable(runDir: string): ReturnType<typeof table> {
  const file = join(runDir, 'responses.jsonl');
  const chosen = new Map<string, { line: number; error: boolean }>();
  let line = 0;
  forEachJsonl<ResponseRecord>(file, (r) => {
    const prev = chosen.get(r.key);
    if (!prev || prev.error) chosen.set(r.key, { line, error: r.error !== null });
    line++;
  });
  const keep = new Uint8Array(line);
  for (const { line: l } of chosen.values()) keep[l] = 1;
  const cols = Object.fromEntries(RESPONSE_COLUMNS.map((c) => [c, [] as unknown[]])) as Record<(typeof RESPONSE_COLUMNS)[number], unknown[]>;
  line = 0;
  forEachJsonl<ResponseRecord>(file, (r) => {
    if (!keep[line++]) return;
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
  });
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
export function writeArrowExports(runDir: string, doc: ResultsDocument): string[] {
  const out = [join(runDir, RESPONSES_ARROW), join(runDir, SCORES_ARROW)];
  writeAtomic(out[0], toArrowIPC(responsesTable(runDir), { format: 'file' }));
  writeAtomic(out[1], toArrowIPC(scoresTable(doc), { format: 'file' }));
  return out;
}
