import { surveyPrompter } from '@culturebench/core';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { answerProbabilities, createSimulatedClient, simulatedProvider, simulationProcess } from './index.js';

const survey = loadVsm2013();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'];

describe('generating process', () => {
  it('answer probabilities have exactly the target mean', () => {
    // noise 0.5 reaches means in [2, 4] (half the answers uniform)
    for (const mean of [2, 2.7, 3, 3.9, 4]) {
      const p = answerProbabilities(mean, 5, 0.5);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p.reduce((a, q, i) => a + q * (i + 1), 0)).toBeCloseTo(mean, 12);
    }
    let clipped = false;
    answerProbabilities(1.4, 5, 0.5, () => (clipped = true));
    expect(clipped).toBe(true);
  });

  it('expected item means score exactly the true profile (constants C = G)', () => {
    const proc = simulationProcess(survey, COUNTRIES, { shrink: 0.7, offset: { PDI: 10 } });
    for (const c of ['US', 'JP', 'MA']) {
      const means = Object.fromEntries(
        survey.items.map((it) => {
          const cum = proc.cumulative(c, it.id);
          let m = 0;
          cum.forEach((v, i) => (m += (v - (i > 0 ? cum[i - 1]! : 0)) * (i + 1)));
          return [it.id, m];
        }),
      );
      const raw = survey.scorer.rawScores(means);
      proc.dims.forEach((d, j) => expect(raw[d]! + proc.global[j]!).toBeCloseTo(proc.truth(c)[j]!, 9));
    }
    expect(proc.clipped).toEqual([]);
  });
});

describe('simulated respondent', () => {
  it('answers through the prompt → reply → parse path, reading country and item from the prompt', async () => {
    const proc = simulationProcess(survey, COUNTRIES, { country: 'US', noise: 0 });
    const client = createSimulatedClient(proc, survey);
    const persona = { gender: 'female', age: '30-34', education: '16', occupation: 'professional' } as never;
    for (const language of ['ja', 'en', 'zh']) {
      const item = survey.items[3]!;
      const prompt = surveyPrompter.render({
        survey,
        item,
        country: 'JP',
        language,
        persona,
        template: Object.keys(survey.languages['en']!.persona.templates)[0]!,
      });
      const reply = await client.invoke(prompt.messages, { seed: 7 });
      const parsed = multilingualParser.parse(reply.text, { scaleSize: prompt.scaleSize, optionLabels: prompt.optionLabels, language });
      expect(parsed.kind).toBe('answer');
      // noise 0: the code is one of the two around the target mean of the US profile
      const cum = proc.cumulative('JP', item.id);
      const allowed = [...cum].flatMap((v, i) => (v - (i > 0 ? cum[i - 1]! : 0) > 0 ? [i + 1] : []));
      expect(allowed).toContain((parsed as { code: number }).code);
    }
  });

  it('is labelled a simulation and checks its options', async () => {
    const provider = simulatedProvider(() => survey);
    expect(provider.kind).toBe('simulation');
    expect(await provider.check({ id: 's', provider: 'simulated', model: 'vsm2013' }, { env: {} })).toMatchObject({ ok: false });
    expect(
      await provider.check({ id: 's', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec: { noise: 2 } } }, { env: {} }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('noise'),
    });
    expect(await provider.check({ id: 's', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES } }, { env: {} })).toMatchObject({
      ok: true,
    });
  });
});
