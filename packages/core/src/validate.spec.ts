import { linearIndexScorer } from './linear-index.js';
import type { LanguageText, Survey } from './survey.js';
import { validateSurvey } from './validate.js';

function text(overrides: Partial<LanguageText> = {}): LanguageText {
  return {
    language: 'en',
    languageName: 'English',
    direction: 'ltr',
    version: '1.0.0',
    rendering: 'test',
    hash: 'h',
    origin: 'text/en.json',
    stems: { b: 'Stem' },
    items: { a: 'Item a', c: 'Item c' },
    scales: { s: ['yes', 'maybe', 'no'] },
    prompt: { optionLine: '{code}. {label}', answerInstruction: 'Answer 1 to {k}.' },
    persona: {
      templates: { p: { female: '{country} {age} {education} {occupation}', male: '{country} {age} {education} {occupation}' } },
      traits: { age: { x: '30' }, education: { y: 'school' }, occupation: { z: 'job' } },
    },
    countries: { US: 'the US' },
    ...overrides,
  };
}

function survey(texts: LanguageText[], terms = [{ weight: 1, plus: 'a', minus: 'c' }]): Survey {
  return {
    id: 'toy',
    title: 'Toy',
    version: '1',
    items: [
      { id: 'a', block: 'b', scale: 's' },
      { id: 'c', block: 'b', scale: 's' },
    ],
    scales: { s: { id: 's', size: 3, midpoint: 2 } },
    languages: Object.fromEntries(texts.map((t) => [t.language, t])),
    scorer: linearIndexScorer({ kind: 'linear-index', dimensions: ['X'], indices: { X: { terms } } }),
    groundTruth: { name: 'gt', version: '1', source: 's', hash: 'h', dimensions: ['X'], countries: { US: { X: 1 } } },
  };
}

describe('validateSurvey', () => {
  it('accepts a complete survey', () => {
    expect(validateSurvey(survey([text()]))).toEqual([]);
  });

  it('reports each problem with its location', () => {
    const de = text({
      language: 'de',
      origin: 'text/de.json',
      items: { a: 'A' },
      scales: { s: ['ja', 'ja', 'nein', 'vielleicht'] },
      prompt: { optionLine: '{code}) {label}', answerInstruction: 'Antworte.' },
      countries: {},
    });
    const problems = validateSurvey(survey([text(), de], [{ weight: 1, plus: 'a', minus: 'zz' }]));
    expect(problems).toEqual(
      expect.arrayContaining([
        { location: 'text/de.json: items.c', problem: 'missing or empty' },
        { location: 'text/de.json: scales.s', problem: 'has 4 labels; the scale has 3 options' },
        { location: 'text/de.json: scales.s', problem: 'labels are not distinct' },
        { location: 'text/de.json: prompt.answerInstruction', problem: 'must contain {k} (the number of options)' },
        { location: 'text/de.json: countries.US', problem: 'missing (en has it)' },
        { location: 'survey toy: scoring rules', problem: 'refer to item "zz", which the survey does not have' },
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('checks ground-truth keys and columns', () => {
    const s = survey([text()]);
    s.groundTruth = { ...s.groundTruth, dimensions: [], countries: { USA: { X: 1 } } };
    expect(validateSurvey(s)).toEqual([
      { location: 'ground truth gt (1)', problem: 'has no column for dimension X' },
      { location: 'ground truth gt (1): USA', problem: 'key is not an ISO 3166-1 alpha-2 code' },
    ]);
  });
});
