import * as aq from 'arquero';
import { applyConstants, type ConstantsSpec } from './index-constants.js';
import { InputError } from './errors.js';
import { itemMeansBySample, type AnswerRecord } from './linear-index.js';
import type { Survey } from './survey.js';

const REQUIRED = ['sample', 'respondent', 'item', 'answer'];

/**
 * Reads answers in the columns `sample,respondent,item,answer` (human or model data alike).
 * A blank answer is a non-answer and is skipped in the item mean; anything else that is not a
 * code of the item's scale is an error naming the line.
 */
export function parseAnswersCsv(text: string, survey: Survey, file: string): AnswerRecord[] {
  if (text.trim() === '') throw new InputError(`${file}: the file is empty; expected a header line "${REQUIRED.join(',')}"`);
  let table;
  try {
    // Every column as text: codes are validated here, not guessed by type inference.
    table = aq.fromCSV(text, { autoType: false });
  } catch (err) {
    throw new InputError(`${file}: not a readable CSV: ${(err as Error).message}`);
  }
  const columns = table.columnNames();
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new InputError(`${file}: missing column(s) ${missing.join(', ')}; the header must name ${REQUIRED.join(',')} (found: ${columns.join(',')})`);
  }
  const items = new Map(survey.items.map((i) => [i.id, i]));
  const rows = table.objects() as Record<string, string | null | undefined>[];
  return rows.map((row, i) => {
    const line = i + 2;
    const sample = (row.sample ?? '').trim();
    const respondent = (row.respondent ?? '').trim();
    const itemId = (row.item ?? '').trim();
    const raw = (row.answer ?? '').trim();
    if (!sample) throw new InputError(`${file}: line ${line}: column "sample" is empty`);
    if (!respondent) throw new InputError(`${file}: line ${line}: column "respondent" is empty`);
    const item = items.get(itemId);
    if (!item) throw new InputError(`${file}: line ${line}: column "item": "${itemId}" is not an item of ${survey.id} (items: ${[...items.keys()].join(', ')})`);
    if (raw === '') return { sample, respondent, item: itemId, answer: null };
    const size = survey.scales[item.scale].size;
    const code = Number(raw);
    if (!Number.isInteger(code) || code < 1 || code > size) {
      throw new InputError(`${file}: line ${line}: column "answer": "${raw}" is not an answer code of item ${itemId} (whole number 1–${size}, or blank for no answer)`);
    }
    return { sample, respondent, item: itemId, answer: code };
  });
}

export interface IndexScoreRow {
  sample: string;
  scores: Record<string, number | null>;
  /** Respondents with at least one valid answer. */
  n: number;
}

/** Six (or any survey's) indices per sample with fixed constants. */
export function scoreAnswers(answers: AnswerRecord[], survey: Survey, constants: ConstantsSpec): IndexScoreRow[] {
  if (constants.mode !== 'fixed') {
    throw new InputError('--constants: anchoring needs countries with human scores; `score` takes fixed constants (a number or DIM=NUMBER,…)');
  }
  const means = itemMeansBySample(answers, survey.items.map((i) => i.id));
  return means.map((m) => {
    const raw = survey.scorer.rawScores(m.means, m.answers);
    const { scores } = applyConstants(
      Object.entries(raw).map(([dimension, value]) => ({ group: m.sample, country: m.sample, dimension, raw: value })),
      constants,
    );
    return { sample: m.sample, n: m.respondents, scores: Object.fromEntries(scores.map((s) => [s.dimension, s.score])) };
  });
}
