import { buildPlan, parseConfig, surveyPrompter, type BenchmarkConfigInput } from '@culturebench/core';
import { loadVsm2013 } from './survey.js';

const survey = loadVsm2013();
const persona = { gender: 'female' as const, age: '30-34', education: '16', occupation: 'professional' };

describe('survey prompter with the VSM texts', () => {
  it('renders persona, stem, item, numbered options and the answer instruction', () => {
    const p = surveyPrompter.render({ survey, item: survey.items[1], country: 'JP', language: 'en', persona, template: 'first-person' });
    expect(p.messages[0]).toEqual({
      role: 'system',
      content:
        "You are a woman from Japan. You are 32 years old, you have 16 years of formal education (a bachelor's degree), and you work as an academically trained professional who does not manage people. Answer the survey question below as this person would, from her own point of view.",
    });
    expect(p.messages[1].content).toBe(
      [
        'Think of an ideal job, leaving aside the job you have now, if any. In choosing an ideal job, how important would it be to you to',
        'have a boss (direct superior) whom you can respect',
        '',
        '1. of utmost importance',
        '2. very important',
        '3. of moderate importance',
        '4. of little importance',
        '5. of very little or no importance',
        '',
        'Reply with the number of the one option you choose (1 to 5) and nothing else.',
      ].join('\n'),
    );
    expect(p.scaleSize).toBe(5);
    expect(p.optionLabels[0]).toBe('of utmost importance');
    expect(p.promptHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts single questions with the item itself (no empty stem line)', () => {
    const p = surveyPrompter.render({ survey, item: survey.items[19], country: 'US', language: 'en', persona, template: 'interview' });
    expect(p.messages[1].content.split('\n')[0]).toMatch(/^In your experience, how often are subordinates afraid/);
    expect(p.messages[1].content).toContain('1. never');
    expect(p.messages[0].content).toContain('the United States');
  });

  it('names a missing text precisely', () => {
    expect(() => surveyPrompter.render({ survey, item: survey.items[0], country: 'US', language: 'xx', persona, template: 'first-person' })).toThrow(
      /no text in language "xx"/,
    );
    expect(() => surveyPrompter.render({ survey, item: survey.items[0], country: 'US', language: 'en', persona, template: 'nope' })).toThrow(
      /missing persona\.templates\.nope/,
    );
  });
});

describe('plan', () => {
  const input: BenchmarkConfigInput = {
    name: 't',
    survey: 'vsm2013',
    countries: ['US', 'CN', 'DE'],
    conditions: ['native', 'english', 'chinese'],
    persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
    samples: 3,
    models: [{ id: 'm', provider: 'baseline', model: 'random' }],
  };
  const config = parseConfig(input, 'test.config.ts');
  const plan = buildPlan({ config, survey, prompter: surveyPrompter, nativeLanguages: { US: 'en', CN: 'zh', DE: 'de' }, models: config.models });

  it('asks each distinct language once per country: US native = english, CN native = chinese', () => {
    expect(plan.cells.map((c) => `${c.country}:${c.language}:${c.conditions.join('+')}`)).toEqual([
      'US:en:native+english',
      'US:zh:chinese',
      'CN:zh:native+chinese',
      'CN:en:english',
      'DE:de:native',
      'DE:en:english',
      'DE:zh:chinese',
    ]);
    expect(plan.size).toBe(7 * 24 * 3);
    expect([...plan.requests()]).toHaveLength(plan.size);
  });

  it('gives every request a distinct content address and the same persona per respondent in every country', () => {
    const reqs = [...plan.requests()];
    expect(new Set(reqs.map((r) => r.key)).size).toBe(reqs.length);
    const personaOf = (country: string, respondent: number) => reqs.find((r) => r.cell.country === country && r.respondent === respondent)!.persona;
    for (const i of [0, 1, 2]) expect(personaOf('US', i)).toEqual(personaOf('DE', i));
    expect(personaOf('US', 0)!.gender).not.toBe(personaOf('US', 1)!.gender);
  });
});
