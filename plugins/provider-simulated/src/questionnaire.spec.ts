import {
  defaultPersonaDesign,
  distributionMoments,
  interpretQuestionnaire,
  personaForRespondent,
  renderQuestionnaire,
  type PromptVariant,
} from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { createSimulatedClient, simulationProcess } from './index.js';

// The whole questionnaire in one prompt, rendered by core and read back by core's own reader:
// the simulator answers every item from the same generating process as one item at a time.
const survey = loadVsm2013();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN'];
const SPEC = { tau: 0.9, noise: 0.1, personaSpread: 0.3 };
const LANGUAGES = Object.keys(survey.languages);

function render(variant: Partial<PromptVariant>, language = 'en', respondent = 0) {
  return renderQuestionnaire({
    survey,
    country: 'JP',
    language,
    persona: personaForRespondent(defaultPersonaDesign, respondent),
    template: defaultPersonaDesign.template,
    variant: { optionOrder: 'original', labels: 'labelled', personaPlacement: 'system', wording: 'original', answerFormat: 'choice', ...variant },
  });
}
const personaOf = (r: ReturnType<typeof render>) => r.messages.find((m) => m.role === 'system')?.content ?? '';

describe('the simulator asked the whole questionnaire in one prompt', () => {
  const proc = simulationProcess(survey, COUNTRIES, SPEC);
  const client = createSimulatedClient(proc, survey);

  it.each(LANGUAGES)('verbalized (%s, options reversed): every item’s stated distribution is the process’s own, in original order', async (language) => {
    const r = render({ answerFormat: 'distribution', optionOrder: 'reversed' }, language);
    const reply = await client.invoke(r.messages, { seed: 1 });
    const answers = interpretQuestionnaire({ raw: reply.text }, r.items, 'verbalized', [0]);
    expect(answers.map((a) => a.item)).toEqual(survey.items.map((i) => i.id));
    for (const a of answers) {
      const truth = proc.probabilities('JP', a.item, personaOf(r));
      a.distribution!.probs.forEach((q, i) => expect(q).toBeCloseTo(truth[i]!, 12));
    }
  });

  it.each(LANGUAGES)('sample (%s): one valid answer for every item', async (language) => {
    const r = render({}, language);
    const answers = interpretQuestionnaire({ raw: (await client.invoke(r.messages, { seed: 2 })).text }, r.items, 'sample', [0]);
    expect(answers.filter((a) => a.parsed.kind !== 'answer').map((a) => a.item)).toEqual([]);
  });

  it.each(['original', 'reversed'] as const)(
    'sample (%s order, persona in the user message): draws follow the process, mapped back to original codes',
    async (optionOrder) => {
      const c = createSimulatedClient(simulationProcess(survey, COUNTRIES, { tau: 0.5, noise: 0.1 }), survey);
      const flat = simulationProcess(survey, COUNTRIES, { tau: 0.5, noise: 0.1 });
      const r = render({ optionOrder, personaPlacement: 'user' });
      const sums = new Map<string, number[]>();
      for (let s = 0; s < 200; s++) {
        for (const a of interpretQuestionnaire({ raw: (await c.invoke(r.messages, { seed: s })).text }, r.items, 'sample', [0]))
          sums.set(a.item, [...(sums.get(a.item) ?? []), a.answer!]);
      }
      for (const item of survey.items) {
        const codes = sums.get(item.id)!;
        const truth = distributionMoments({ probs: [...flat.probabilities('JP', item.id)] });
        const m = codes.reduce((a, b) => a + b, 0) / codes.length;
        // 200 draws per item: within 4.5 standard errors (24 items, so a loose bound)
        expect({ item: item.id, off: Math.abs(m - truth.mean) < 4.5 * Math.sqrt(truth.variance / codes.length) }).toEqual({ item: item.id, off: true });
      }
    },
  );

  it('n-completions: one JSON object per completion, the first as a one-completion request gives; refusals leave out single items', async () => {
    const c = createSimulatedClient(simulationProcess(survey, COUNTRIES, { ...SPEC, refusal: 0.2 }), survey);
    const r = render({});
    const one = await c.invoke(r.messages, { seed: 5 });
    const reply = await c.invoke(r.messages, { seed: 5, n: 3 });
    expect(reply.text).toBe(one.text);
    expect(reply.completions).toHaveLength(3);
    const answers = interpretQuestionnaire({ raw: reply.text, completions: reply.completions!.map((x) => x.text) }, r.items, 'n-completions', [0, 2, 4]);
    expect(answers).toHaveLength(3 * survey.items.length);
    const missing = answers.filter((a) => a.parsed.kind !== 'answer');
    // 72 items at a 20 % refusal share: some, not all, are left out
    expect(missing.length).toBeGreaterThan(3);
    expect(missing.length).toBeLessThan(40);
    expect(new Set(reply.completions!.map((x) => x.text)).size).toBe(3);
  });

  it('asked with no persona, states the default profile’s distributions (G: raw scores 0 with C = G)', async () => {
    const r = renderQuestionnaire({
      survey,
      country: 'US',
      language: 'en',
      persona: null,
      template: 'first-person',
      variant: { optionOrder: 'original', labels: 'labelled', personaPlacement: 'system', wording: 'original', answerFormat: 'distribution' },
    });
    const plain = simulationProcess(survey, COUNTRIES, { tau: 0.9, noise: 0.1 });
    const answers = interpretQuestionnaire(
      { raw: (await createSimulatedClient(plain, survey).invoke(r.messages, { seed: 1 })).text },
      r.items,
      'verbalized',
      [0],
    );
    const raw = survey.scorer.rawScores(Object.fromEntries(answers.map((a) => [a.item, distributionMoments({ probs: a.distribution!.probs }).mean])));
    plain.dims.forEach((d) => expect(Math.abs(raw[d]!)).toBeLessThan(1e-9));
  });
});
