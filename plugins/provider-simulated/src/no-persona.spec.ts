/**
 * A simulated respondent asked with no persona answers its declared default profile (issue 10
 * item 4): the known truth of the no-persona condition.
 */
import { NO_PERSONA_COUNTRY, surveyPrompter } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { createSimulatedClient, promptLocator, simulatedProvider, simulationProcess } from './index.js';

const survey = loadVsm2013();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'];
const human = (c: string) => survey.scorer.dimensions.map((d) => survey.groundTruth.countries[c]![d]!);

describe('no persona', () => {
  it('every plain item, in every language, is located as the default (no country read from the question)', () => {
    const locate = promptLocator(survey);
    for (const language of Object.keys(survey.languages)) {
      for (const item of survey.items) {
        const p = surveyPrompter.render({ survey, item, country: 'US', language, persona: null, template: 'first-person' });
        expect(p.messages).toHaveLength(1);
        expect(locate('', p.messages[0]!.content)).toMatchObject({ country: NO_PERSONA_COUNTRY, item: item.id });
      }
    }
  });

  it('the default profile: declared country or profile; else the one country everywhere; else G; shrink applies', () => {
    expect(simulationProcess(survey, COUNTRIES, { default: 'JP' }).truth(NO_PERSONA_COUNTRY)).toEqual(human('JP').map((v) => expect.closeTo(v, 9)));
    expect(simulationProcess(survey, COUNTRIES, { country: 'US' }).truth(NO_PERSONA_COUNTRY)).toEqual(human('US').map((v) => expect.closeTo(v, 9)));
    const g = simulationProcess(survey, COUNTRIES, {});
    expect(g.truth(NO_PERSONA_COUNTRY)).toEqual(g.global.map((v) => expect.closeTo(v, 9)));
    const given = Object.fromEntries(survey.scorer.dimensions.map((d, j) => [d, 10 * (j + 1)]));
    const half = simulationProcess(survey, COUNTRIES, { default: given, shrink: 0.5, jitter: 20 });
    half.truth(NO_PERSONA_COUNTRY).forEach((v, j) => expect(v).toBeCloseTo(half.global[j]! + 0.5 * (10 * (j + 1) - half.global[j]!), 9));
  });

  it('answers a plain question from the default profile', async () => {
    const proc = simulationProcess(survey, COUNTRIES, { default: 'JP', noise: 0 });
    const client = createSimulatedClient(proc, survey);
    const item = survey.items[5]!;
    const p = surveyPrompter.render({ survey, item, country: 'US', language: 'en', persona: null, template: 'first-person' });
    const cum = proc.cumulative(NO_PERSONA_COUNTRY, item.id);
    const allowed = [...cum].flatMap((v, i) => (v - (i > 0 ? cum[i - 1]! : 0) > 0 ? [String(i + 1)] : []));
    for (const seed of [1, 2, 3]) expect(allowed).toContain((await client.invoke(p.messages, { seed })).text);
  });

  it('checks the default (unknown country, incomplete profile)', async () => {
    const provider = simulatedProvider(() => survey);
    const check = (spec: unknown) => provider.check({ id: 's', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec } }, { env: {} });
    expect(await check({ default: 'XX' })).toMatchObject({ ok: false, reason: expect.stringContaining('default: country "XX"') });
    expect(await check({ default: { PDI: 1 } })).toMatchObject({ ok: false, reason: expect.stringContaining('missing IDV') });
    expect(await check({ default: 'US' })).toMatchObject({ ok: true });
  });
});
