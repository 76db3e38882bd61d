import { builtInMethods, distributionMoments, personaForRespondent, defaultPersonaDesign, surveyPrompter, type PromptVariant } from '@culturebench/core';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { createSimulatedClient, sharpProbabilities, simulationProcess } from './index.js';

// Every elicitation method against the known truth: the simulator answers n completions, log
// probabilities and stated distributions from the same generating process, read back by core's
// own method readers and the real parser.
const survey = loadVsm2013();
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN'];
const item = survey.items.find((i) => i.id === '7')!;

function prompt(variant?: Partial<PromptVariant>, respondent = 0, language = 'en') {
  const full = variant
    ? { optionOrder: 'original', labels: 'labelled', personaPlacement: 'system', wording: 'original', answerFormat: 'choice', ...variant }
    : undefined;
  return surveyPrompter.render({
    survey,
    item,
    country: 'JP',
    language,
    persona: personaForRespondent(defaultPersonaDesign, respondent),
    template: defaultPersonaDesign.template,
    variant: full as PromptVariant | undefined,
  });
}
const ctx = (p: ReturnType<typeof prompt>, language = 'en') => ({
  scaleSize: p.scaleSize,
  optionLabels: p.optionLabels,
  codeMap: p.codeMap ?? Array.from({ length: p.scaleSize }, (_, i) => i + 1),
  language,
  parser: multilingualParser,
});

describe('sharp answer distributions (tau)', () => {
  it('keep the target mean exactly at every sharpness, and get flatter as tau grows', () => {
    let last = 0;
    for (const tau of [0.2, 0.5, 1, 2]) {
      for (const mean of [1.3, 2.6, 3, 4.9]) {
        const p = sharpProbabilities(mean, 5, 0, tau);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(distributionMoments({ probs: p }).mean).toBeCloseTo(mean, 9);
      }
      const v = distributionMoments({ probs: sharpProbabilities(3, 5, 0, tau) }).variance;
      expect(v).toBeGreaterThan(last);
      last = v;
    }
    // with a uniform share the mixture's mean is still exact
    expect(distributionMoments({ probs: sharpProbabilities(2.2, 5, 0.3, 0.7) }).mean).toBeCloseTo(2.2, 9);
  });

  it('leaves the expected item means on the true profile (scored exactly, C = G)', () => {
    const proc = simulationProcess(survey, COUNTRIES, { tau: 0.8, noise: 0.1 });
    const means = Object.fromEntries(survey.items.map((it) => [it.id, distributionMoments({ probs: [...proc.probabilities('DE', it.id)] }).mean]));
    const raw = survey.scorer.rawScores(means);
    proc.dims.forEach((d, j) => expect(raw[d]! + proc.global[j]!).toBeCloseTo(proc.truth('DE')[j]!, 6));
  });

  it('refuses values outside its range', () => {
    const provider = { countries: COUNTRIES };
    expect(() => simulationProcess(survey, provider.countries, { tau: 0 })).toThrow(/tau must be between 0.05 and 5/);
    expect(() => simulationProcess(survey, provider.countries, { personaSpread: 3 })).toThrow(/personaSpread must be between 0 and 2/);
  });
});

describe('persona spread', () => {
  it('moves each persona’s item mean by its own fixed draw, the same on every call', () => {
    const proc = simulationProcess(survey, COUNTRIES, { tau: 0.8, noise: 0, personaSpread: 0.4, personaSeed: 3 });
    const mean = (persona: string) => distributionMoments({ probs: [...proc.probabilities('JP', '7', persona)] }).mean;
    expect(mean('a woman')).not.toBeCloseTo(mean('a man'), 3);
    expect(mean('a woman')).toBe(mean('a woman'));
    // over many personas the shifts average out to the truth
    const flat = distributionMoments({ probs: [...simulationProcess(survey, COUNTRIES, { tau: 0.8, noise: 0 }).probabilities('JP', '7')] }).mean;
    const many = Array.from({ length: 4000 }, (_, i) => mean(`persona ${i}`));
    expect(many.reduce((a, b) => a + b, 0) / many.length).toBeCloseTo(flat, 1);
    // another persona seed is another draw
    const other = simulationProcess(survey, COUNTRIES, { tau: 0.8, noise: 0, personaSpread: 0.4, personaSeed: 4 });
    const personas = ['a woman', 'a man', 'an engineer'];
    const otherMeans = personas.map((w) => distributionMoments({ probs: [...other.probabilities('JP', '7', w)] }).mean);
    expect(otherMeans).not.toEqual(personas.map(mean));
  });
});

describe('elicitation methods against the simulator', () => {
  const proc = simulationProcess(survey, COUNTRIES, { tau: 0.9, noise: 0.1, refusal: 0.05, personaSpread: 0.3 });
  const client = createSimulatedClient(proc, survey);

  it('declares logprobs and n', () => {
    expect(client.capabilities).toEqual({ seed: true, logprobs: true, n: true });
  });

  it.each(['original', 'reversed'] as const)('logprobs: the distribution read at the answer position is the process’s own (%s order)', async (optionOrder) => {
    const p = prompt({ optionOrder });
    const reply = await client.invoke(p.messages, { seed: 3, ...builtInMethods.logprobs.invokeOptions(1) });
    const [answer] = builtInMethods.logprobs.interpret({ raw: reply.text, logprobs: reply.logprobs }, ctx(p), 1);
    const truth = proc.probabilities('JP', '7', p.messages[0].content);
    answer.distribution!.probs.forEach((q, i) => expect(q).toBeCloseTo(truth[i]!, 12));
    // the refusal share is the mass outside the codes
    expect(answer.distribution!.nonAnswer).toBeCloseTo(0.05, 12);
  });

  it('n-completions: n independent draws in one request, the first as a one-completion request would give', async () => {
    const p = prompt();
    const one = await client.invoke(p.messages, { seed: 11 });
    const reply = await client.invoke(p.messages, { seed: 11, n: 200 });
    expect(reply.completions).toHaveLength(200);
    expect(reply.text).toBe(one.text);
    const answers = builtInMethods['n-completions'].interpret({ raw: reply.text, completions: reply.completions!.map((c) => c.text) }, ctx(p), 200);
    const codes = answers.flatMap((a) => (a.answer === null ? [] : [a.answer]));
    expect(new Set(codes).size).toBeGreaterThan(2);
    // the draws follow the process (a loose check: 200 draws, mean within 4 standard errors)
    const truth = distributionMoments({ probs: [...proc.probabilities('JP', '7', p.messages[0].content)] });
    const m = codes.reduce((a, b) => a + b, 0) / codes.length;
    expect(Math.abs(m - truth.mean)).toBeLessThan(4 * Math.sqrt(truth.variance / codes.length));
  });

  it.each(['original', 'reversed'] as const)(
    'verbalized: states the process’s distribution as JSON, read back in the original order (%s)',
    async (optionOrder) => {
      const p = prompt({ optionOrder, answerFormat: 'distribution' });
      const c = createSimulatedClient(simulationProcess(survey, COUNTRIES, { tau: 0.9, personaSpread: 0.3 }), survey);
      const reply = await c.invoke(p.messages, { seed: 1 });
      const [answer] = builtInMethods.verbalized.interpret({ raw: reply.text }, ctx(p), 1);
      const truth = simulationProcess(survey, COUNTRIES, { tau: 0.9, personaSpread: 0.3 }).probabilities('JP', '7', p.messages[0].content);
      answer.distribution!.probs.forEach((q, i) => expect(q).toBeCloseTo(truth[i]!, 12));
    },
  );

  it('sample in reversed order answers in displayed codes, mapped back to the same process', async () => {
    const c = createSimulatedClient(simulationProcess(survey, COUNTRIES, { tau: 0.3, noise: 0 }), survey);
    const codes = async (optionOrder: 'original' | 'reversed') => {
      const p = prompt({ optionOrder });
      const out: number[] = [];
      for (let s = 0; s < 300; s++) out.push(builtInMethods.sample.interpret({ raw: (await c.invoke(p.messages, { seed: s })).text }, ctx(p), 1)[0].answer!);
      return out.reduce((a, b) => a + b, 0) / out.length;
    };
    expect(Math.abs((await codes('original')) - (await codes('reversed')))).toBeLessThan(0.25);
  });
});
