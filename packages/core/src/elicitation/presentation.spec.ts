import { describe, expect, it } from '@jest/globals';
import { InputError } from '../errors.js';
import { assertPresentationMethod, PRESENTATION_METHODS } from './check.js';
import { builtInMethods } from './method.js';
import { interpretQuestionnaire, parseQuestionnaireDistributions, type ShownItem } from './questionnaire.js';

const shown = (id: string, reversed = false): ShownItem => ({ id, scaleSize: 3, optionLabels: ['a', 'b', 'c'], codeMap: reversed ? [3, 2, 1] : [1, 2, 3] });

describe('presentation × method', () => {
  it('allows every built-in method with one item per request, and refuses the two that cannot work', () => {
    expect(PRESENTATION_METHODS.item.allowed.sort()).toEqual(Object.keys(builtInMethods).sort());
    for (const [p, rule] of Object.entries(PRESENTATION_METHODS)) {
      for (const m of Object.keys(builtInMethods)) {
        if (rule.allowed.includes(m)) expect(() => assertPresentationMethod('c.json', p, m)).not.toThrow();
        else expect(() => assertPresentationMethod('c.json', p, m)).toThrow(InputError);
      }
    }
    expect(() => assertPresentationMethod('c.json', 'questionnaire', 'logprobs')).toThrow(
      'c.json: field "elicitation": presentation "questionnaire" cannot ask with method "logprobs" (log-probabilities are read at one answer position per reply, and a questionnaire reply holds one answer per item); with "questionnaire" use sample, n-completions, verbalized, or presentation "item" for "logprobs"',
    );
  });
});

describe('questionnaire replies per method', () => {
  it('verbalized: a distribution per item, in original order; an invalid, missing or non-object item is that item’s non-answer', () => {
    const raw = 'Sure: {"a": {"1": 0.2, "2": 0.3, "3": 0.5}, "b": {"1": 20, "2": 30, "3": 50}, "c": {"1": 0.2, "2": 0.2}, "e": 3}';
    const out = parseQuestionnaireDistributions(raw, [shown('a'), shown('b', true), shown('c'), shown('d'), shown('e')]);
    expect(out[0].distribution!.probs).toEqual([0.2, 0.3, 0.5]);
    // displayed 1 = original 3
    expect(out[1].distribution!.probs.map((p) => +p.toFixed(12))).toEqual([0.5, 0.3, 0.2]);
    expect(out[1].parsed).toEqual({ kind: 'answer', code: 1, via: 'json' });
    expect(out.slice(2).map((o) => [o.parsed.kind, o.distribution])).toEqual([
      ['invalid', undefined],
      ['invalid', undefined],
      ['invalid', undefined],
    ]);
    expect(out[3].parsed).toMatchObject({ detail: 'item missing from the JSON reply' });
    expect(parseQuestionnaireDistributions('no json', [shown('a')])[0].parsed).toMatchObject({
      kind: 'invalid',
      detail: 'no JSON object keyed by item in the reply',
    });
  });

  it('n-completions: each completion answers its own respondent; a missing completion leaves that respondent’s items as non-answers', () => {
    const items = [shown('a'), shown('b')];
    const out = interpretQuestionnaire(
      { raw: '{"a": 1, "b": 2}', completions: ['{"a": 1, "b": 2}', '{"a": 3, "b": "2"}'] },
      items,
      'n-completions',
      [0, 8, 16],
    );
    expect(out.map((o) => [o.respondent, o.item, o.answer])).toEqual([
      [undefined, 'a', 1],
      [undefined, 'b', 2],
      [8, 'a', 3],
      [8, 'b', 2],
      [16, 'a', null],
      [16, 'b', null],
    ]);
    expect(out[4].parsed).toMatchObject({ kind: 'invalid', reason: 'empty', detail: 'the server returned 2 of 3 completions' });
    // sample reads one JSON answer per item
    expect(interpretQuestionnaire({ raw: '{"a": 2, "b": 9}' }, items, 'sample', [0]).map((o) => [o.answer, o.parsed.kind])).toEqual([
      [2, 'answer'],
      [null, 'invalid'],
    ]);
  });
});
