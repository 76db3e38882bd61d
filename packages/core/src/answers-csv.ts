import { applyConstants, type ConstantsSpec } from './index-constants.js';
import { readCsv } from './csv.js';
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
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`${file}: the file is empty; expected a header line "${REQUIRED.join(',')}"`);
  const table = readCsv(text, file);
  const missing = REQUIRED.filter((c) => !table.header.includes(c));
  if (missing.length) {
    throw new InputError(`${file}: missing column(s) ${missing.join(', ')}; the header must name ${REQUIRED.join(',')} (found: ${table.header.join(',')})`);
  }
  if (table.rows.length === 0) throw new InputError(`${file}: has a header but no answer rows; add one row per answer (${REQUIRED.join(',')})`);
  const items = new Map(survey.items.map((i) => [i.id, i]));
  return table.rows.map(({ line, cells: row }) => {
    const sample = row.sample.trim();
    const respondent = row.respondent.trim();
    const itemId = row.item.trim();
    const raw = row.answer.trim();
    if (!sample) throw new InputError(`${file}: line ${line}: column "sample" is empty`);
    if (!respondent) throw new InputError(`${file}: line ${line}: column "respondent" is empty`);
    const item = items.get(itemId);
    if (!item)
      throw new InputError(
        `${file}: line ${line}: column "item": ${JSON.stringify(itemId)} is not an item of ${survey.id} (items: ${[...items.keys()].join(', ')})`,
      );
    if (raw === '') return { sample, respondent, item: itemId, answer: null };
    const size = survey.scales[item.scale].size;
    // Plain decimal digits only: Number() would also read "0x3", "3e0" or " 3 " as 3.
    const code = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(code) || code < 1 || code > size) {
      throw new InputError(
        `${file}: line ${line}: column "answer": ${JSON.stringify(raw)} is not an answer code of item ${itemId} (whole number 1–${size}, or blank for no answer)`,
      );
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
  const means = itemMeansBySample(
    answers,
    survey.items.map((i) => i.id),
  );
  return means.map((m) => {
    const raw = survey.scorer.rawScores(m.means, m.answers);
    const { scores } = applyConstants(
      Object.entries(raw).map(([dimension, value]) => ({ group: m.sample, country: m.sample, dimension, raw: value })),
      constants,
    );
    return { sample: m.sample, n: m.respondents, scores: Object.fromEntries(scores.map((s) => [s.dimension, s.score])) };
  });
}
