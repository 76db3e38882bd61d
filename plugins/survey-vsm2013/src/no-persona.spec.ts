/**
 * The no-persona condition (issue 10 item 4) in config → plan → prompt → condition scores: asked
 * once per model with no persona, addressed apart from every persona request, and never scored as
 * a country.
 */
import {
  buildPlan,
  conditionScores,
  InputError,
  NO_PERSONA_COUNTRY,
  parseConfig,
  resolveConditions,
  scoreSamples,
  surveyPrompter,
  type BenchmarkConfigInput,
} from '@culturebench/core';
import { loadVsm2013 } from './survey.js';

const survey = loadVsm2013();
const base: BenchmarkConfigInput = {
  name: 't',
  survey: 'vsm2013',
  countries: ['US', 'CN', 'DE'],
  conditions: ['native', 'english'],
  persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
  samples: 3,
  headline: 'native',
  models: [
    { id: 'a', provider: 'baseline', model: 'random' },
    { id: 'b', provider: 'baseline', model: 'middle' },
  ],
};
const nativeLanguages = { US: 'en', CN: 'zh', DE: 'de' };
const planOf = (input: BenchmarkConfigInput) => {
  const config = parseConfig(input, 'test.config.ts');
  return buildPlan({ config, survey, prompter: surveyPrompter, nativeLanguages, models: config.models });
};

describe('the no-persona condition', () => {
  const withPlain = planOf({ ...base, conditions: ['native', 'english', 'no-persona'] });
  const without = planOf(base);

  it('resolves to English without persona; an object form names its language', () => {
    expect(resolveConditions(parseConfig({ ...base, conditions: ['native', 'no-persona'] }, 'x'))).toEqual([
      { id: 'native', language: 'native' },
      { id: 'no-persona', language: 'en', persona: false },
    ]);
    expect(resolveConditions(parseConfig({ ...base, conditions: ['native', { id: 'plain-de', language: 'de', persona: false }] }, 'x'))[1]).toEqual({
      id: 'plain-de',
      language: 'de',
      persona: false,
    });
  });

  it('is asked once per model (24 items × respondents), not per country', () => {
    const plain = withPlain.cells.filter((c) => c.noPersona);
    expect(plain.map((c) => `${c.model.id}:${c.country}:${c.language}:${c.conditions.join('+')}`)).toEqual([
      `a:${NO_PERSONA_COUNTRY}:en:no-persona`,
      `b:${NO_PERSONA_COUNTRY}:en:no-persona`,
    ]);
    expect(withPlain.size - without.size).toBe(2 * 24 * 3);
    // the persona cells are unchanged: English persona requests stay with the english condition alone
    expect(withPlain.cells.filter((c) => !c.noPersona).map((c) => c.conditions.join('+'))).toEqual(without.cells.map((c) => c.conditions.join('+')));
  });

  it('prompts the item alone (no system message, no country) and records no persona', () => {
    const reqs = [...withPlain.requests()].filter((r) => r.cell.noPersona);
    expect(reqs).toHaveLength(2 * 24 * 3);
    for (const r of reqs) {
      expect(r.persona).toBeNull();
      expect(r.prompt.messages).toHaveLength(1);
      expect(r.prompt.messages[0]!.role).toBe('user');
      expect(r.prompt.messages[0]!.content).not.toMatch(/United States|China|Germany|You are/);
    }
  });

  it('has content addresses of its own and leaves every persona request’s address as it was', () => {
    const all = [...withPlain.requests()];
    expect(new Set(all.map((r) => r.key)).size).toBe(all.length);
    const before = new Set([...without.requests()].map((r) => r.key));
    const persona = all.filter((r) => !r.cell.noPersona);
    expect(persona.every((r) => before.has(r.key))).toBe(true);
    expect(all.filter((r) => r.cell.noPersona).some((r) => before.has(r.key))).toBe(false);
  });

  it('questionnaire and conversation presentations ask it without persona too', () => {
    for (const presentation of ['questionnaire', 'conversation'] as const) {
      const p = planOf({ ...base, conditions: ['native', 'no-persona'], elicitation: { methods: ['sample'], presentation } });
      const r = [...p.requests()].find((x) => x.cell.noPersona)!;
      expect(r.prompt.messages.map((m) => m.role)).toEqual(['user']);
    }
  });

  it('gives no country score rows (its sample is not a country) and stays out of the language average', () => {
    const config = parseConfig({ ...base, conditions: ['native', 'no-persona'], aggregates: ['language-average'] }, 'x');
    const conditions = resolveConditions(config);
    // a sample per country in its native language, plus the no-persona sample (answers 1 everywhere)
    const rows = ['US:en', 'CN:zh', 'DE:de', `${NO_PERSONA_COUNTRY}:en`].flatMap((s) => {
      const [country, language] = s.split(':');
      return survey.items.map((it) => ({
        model: 'a',
        country: country!,
        language: language!,
        item: it.id,
        respondent: 0,
        answer: country === NO_PERSONA_COUNTRY ? 1 : 3,
      }));
    });
    const { rows: scores } = conditionScores({
      samples: scoreSamples(rows, survey),
      survey,
      conditions,
      countries: [
        { code: 'US', language: 'en' },
        { code: 'CN', language: 'zh' },
        { code: 'DE', language: 'de' },
      ],
      aggregates: config.aggregates,
      constants: { mode: 'fixed', values: {}, all: 0 },
    });
    expect(new Set(scores.map((r) => r.condition))).toEqual(new Set(['native', 'language-average']));
    expect(new Set(scores.map((r) => r.country))).toEqual(new Set(['US', 'CN', 'DE']));
    // Germany's language average is its German sample alone: English (asked only without persona) is not one of its languages
    const de = (c: string) => scores.filter((r) => r.country === 'DE' && r.condition === c).map((r) => r.score);
    expect(de('language-average')).toEqual(de('native'));
    expect(de('native').every((v) => v !== null)).toBe(true);
  });

  it('refuses a native no-persona condition, an all-no-persona config and a no-persona headline (exit 2 errors naming the field)', () => {
    expect(() => parseConfig({ ...base, conditions: ['native', { id: 'p', language: 'native', persona: false }] }, 'b.json')).toThrow(
      /b\.json: field "conditions\.1": .*needs a fixed language/,
    );
    expect(() => parseConfig({ ...base, conditions: ['no-persona'], headline: 'language-average' }, 'b.json')).toThrow(InputError);
    expect(() => parseConfig({ ...base, conditions: ['native', 'no-persona'], headline: 'no-persona' }, 'b.json')).toThrow(
      /field "headline": "no-persona" has no persona/,
    );
  });
});
