import { InputError } from './errors.js';
import { linearIndexScorer } from './linear-index.js';
import { parseAnswersCsv, scoreAnswers } from './answers-csv.js';
import type { Survey } from './survey.js';

// A two-item survey: X = 10(m(a) − m(b)).
const survey = {
  id: 'toy',
  items: [
    { id: 'a', block: 'b', scale: 's' },
    { id: 'b', block: 'b', scale: 's' },
  ],
  scales: { s: { id: 's', size: 5, midpoint: 3 } },
  scorer: linearIndexScorer({ kind: 'linear-index', dimensions: ['X'], indices: { X: { terms: [{ weight: 10, plus: 'a', minus: 'b' }] } } }),
} as unknown as Survey;

describe('answers CSV', () => {
  it('scores per sample, skipping blank answers in the item means', () => {
    const csv = 'sample,respondent,item,answer\nS1,1,a,4\nS1,1,b,2\nS1,2,a,2\nS1,2,b,\nS2,1,a,1\nS2,1,b,1\n';
    const rows = scoreAnswers(parseAnswersCsv(csv, survey, 'f.csv'), survey, { mode: 'fixed', values: { X: 5 } });
    // S1: m(a) = (4 + 2) / 2 = 3, m(b) = 2 (the blank is skipped) → 10 × 1 + 5 = 15.
    expect(rows).toEqual([
      { sample: 'S1', n: 2, scores: { X: 15 } },
      { sample: 'S2', n: 1, scores: { X: 5 } },
    ]);
  });

  it.each([
    ['', /empty/],
    ['sample,item,answer\nS,a,1\n', /missing column\(s\) respondent/],
    ['sample,respondent,item,answer\nS,1,zz,1\n', /line 2: column "item": "zz" is not an item/],
    ['sample,respondent,item,answer\nS,1,a,6\n', /line 2: column "answer": "6" is not an answer code .*1–5/],
    ['sample,respondent,item,answer\nS,1,a,2.5\n', /"2.5" is not an answer code/],
    ['sample,respondent,item,answer\n,1,a,2\n', /line 2: column "sample" is empty/],
  ])('rejects malformed input %#', (csv, message) => {
    expect(() => parseAnswersCsv(csv, survey, 'f.csv')).toThrow(InputError);
    expect(() => parseAnswersCsv(csv, survey, 'f.csv')).toThrow(message);
  });
});
