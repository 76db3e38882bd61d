import { describe, expect, it } from '@jest/globals';
import type { ParsedAnswer } from '@culturebench/core';
import { multilingualParser } from '../index.js';
import { LANGUAGES, type Expected } from './corpus.js';
import { HARD_CASES, WRONG_ANSWER_CLASSES, type HardEntry } from './classes.js';

const show = (e: Expected): string => (e.kind === 'answer' ? `answer ${e.code}` : e.kind === 'refusal' ? 'refusal' : `invalid/${e.reason}`);
const outcome = (r: ParsedAnswer): Expected =>
  r.kind === 'answer' ? { kind: 'answer', code: r.code } : r.kind === 'refusal' ? { kind: 'refusal' } : { kind: 'invalid', reason: r.reason };
const run = (e: HardEntry) => multilingualParser.parse(e.reply, { scaleSize: e.optionLabels.length, optionLabels: e.optionLabels, language: e.language });

describe('hard cases: the three wrong-answer classes and the forms read at once, in 20 languages', () => {
  it('covers every wrong-answer class, lead-ins, exclamations and controls in every language', () => {
    for (const language of LANGUAGES) {
      const classes = new Set(HARD_CASES.filter((e) => e.language === language).map((e) => e.hardClass));
      for (const c of [...WRONG_ANSWER_CLASSES, 'lead-in', 'exclamation', 'control'] as const) {
        expect({ language, c, present: classes.has(c) }).toEqual({ language, c, present: true });
      }
    }
    // Polite forms where the labels have verb endings; other scripts where a reader meets them.
    for (const [language, c] of [
      ['ja', 'polite'],
      ['ko', 'polite'],
      ['ja', 'script'],
      ['zh', 'script'],
    ] as const) {
      expect(HARD_CASES.some((e) => e.language === language && e.hardClass === c)).toBe(true);
    }
  });

  it('turns none of the wrong-answer classes into an answer, in any language', () => {
    const answered = HARD_CASES.filter((e) => WRONG_ANSWER_CLASSES.includes(e.hardClass))
      .map((e) => ({ e, r: run(e) }))
      .filter(({ r }) => r.kind === 'answer')
      .map(({ e, r }) => `[${e.language}/${e.hardClass}] ${JSON.stringify(e.reply)} → ${JSON.stringify(r)}`);
    expect(answered).toEqual([]);
  });

  it('reads every case as a careful reader would (misses read, controls kept)', () => {
    const failures: string[] = [];
    const table = new Map<string, Map<string, [number, number]>>();
    for (const e of HARD_CASES) {
      const got = outcome(run(e));
      const ok = show(got) === show(e.expected);
      if (!ok) failures.push(`[${e.language}/${e.hardClass}] ${JSON.stringify(e.reply)}: expected ${show(e.expected)}, got ${show(got)}`);
      const row = table.get(e.language) ?? new Map<string, [number, number]>();
      const cell = row.get(e.hardClass) ?? [0, 0];
      row.set(e.hardClass, [cell[0] + (ok ? 1 : 0), cell[1] + 1]);
      table.set(e.language, row);
    }
    const classes = ['hedge', 'gloss', 'paraphrase', 'lead-in', 'exclamation', 'polite', 'script', 'control'];
    console.log(
      `Hard cases: ${HARD_CASES.length} replies (passed/total per language and class)\n` +
        `  ${'lang'.padEnd(6)}${classes.map((c) => c.padStart(12)).join('')}\n` +
        [...table.entries()]
          .map(([l, row]) => `  ${l.padEnd(6)}${classes.map((c) => (row.has(c) ? `${row.get(c)![0]}/${row.get(c)![1]}` : '-').padStart(12)).join('')}`)
          .join('\n'),
    );
    expect(failures).toEqual([]);
  });
});
