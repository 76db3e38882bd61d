import { describe, expect, it } from '@jest/globals';
import { parseConfig, type BenchmarkConfigInput } from './config.js';
import { hashJson } from './hash.js';
import { buildPlan } from './plan.js';
import { describePlan } from './plan-summary.js';
import type { Prompter } from './prompter.js';
import type { Survey } from './survey.js';

// The "requests planned" line: the factors it names multiply out to the plan's real size, and it
// says what one request covers (one item, every item, or every respondent sharing a persona).
const survey = {
  id: 'toy',
  items: ['a', 'b', 'c'].map((id) => ({ id, block: 'b', scale: 's' })),
  scales: { s: { id: 's', size: 5, midpoint: 3 } },
} as unknown as Survey;
const prompter: Prompter = {
  id: 'echo',
  render: ({ item, country }) => {
    const messages = [{ role: 'user' as const, content: `${country}/${item.id}` }];
    return { messages, optionLabels: ['1', '2', '3', '4', '5'], scaleSize: 5, promptHash: hashJson(messages) };
  },
};

function plan(over: Partial<BenchmarkConfigInput>) {
  const config = parseConfig(
    {
      name: 'summary-spec',
      survey: 'toy',
      countries: ['US', 'DE'],
      conditions: ['native', 'english'],
      // 2 × 2 trait values: 4 personas for 5 respondents
      persona: { template: 'default', traits: { gender: ['female', 'male'], age: ['20-24', '50-59'], education: ['12'], occupation: ['professional'] } },
      samples: 5,
      models: [
        { id: 'm1', provider: 'openai', model: 'x' },
        { id: 'm2', provider: 'openai', model: 'y' },
      ],
      ...over,
    },
    '/tmp/summary-spec.json',
  );
  const p = buildPlan({ config, survey, prompter, nativeLanguages: { US: 'en', DE: 'de' }, models: config.models });
  return { p, text: describePlan(p, config) };
}

/** Σ over the per-method parts of the product of the numbers before their units. */
function requestsNamed(text: string): number {
  const [head, ...parts] = text.split('; ').filter((s) => !s.startsWith('one request'));
  const factors = (s: string) =>
    [...s.matchAll(/(\d+) (?:models?|country-language samples?|variants?|items?|respondents?|persona prompts?|turns?)\b/g)].map((m) => Number(m[1]));
  const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
  if (parts.length === 0) return product(factors(head!));
  return product(factors(head!)) * parts.reduce((a, s) => a + product(factors(s)), 0);
}

describe('describePlan', () => {
  it('item + sample: one request per item and respondent', () => {
    const { p, text } = plan({});
    expect(text).toBe('2 models × 3 country-language samples × 3 items × 5 respondents; one request asks one item of one respondent');
    expect(requestsNamed(text)).toBe(p.size);
    expect([...p.requests()]).toHaveLength(90);
  });

  it('item + n-completions: one request per item and persona, answering the respondents who share it', () => {
    const { p, text } = plan({ elicitation: { methods: ['n-completions'], presentation: 'item' } });
    expect(text).toBe(
      '2 models × 3 country-language samples × 3 items × 4 persona prompts; one request asks one item of one persona, its n completions answering the respondents who share it',
    );
    expect(requestsNamed(text)).toBe(p.size);
    expect([...p.requests()]).toHaveLength(72);
  });

  it('questionnaire: one request covers every item (per respondent, or per persona with n-completions)', () => {
    const sample = plan({ elicitation: { methods: ['sample'], presentation: 'questionnaire' } });
    expect(sample.text).toBe('2 models × 3 country-language samples × 5 respondents; one request asks all 3 items of one respondent');
    expect(requestsNamed(sample.text)).toBe(sample.p.size);
    expect(sample.p.size).toBe(30);
    const shared = plan({ elicitation: { methods: ['n-completions'], presentation: 'questionnaire' } });
    expect(shared.text).toBe(
      '2 models × 3 country-language samples × 4 persona prompts; one request asks all 3 items of one persona, its n completions answering the respondents who share it',
    );
    expect(requestsNamed(shared.text)).toBe(shared.p.size);
    expect(shared.p.size).toBe(24);
  });

  it('conversation: one request per turn', () => {
    const { p, text } = plan({ elicitation: { methods: ['sample'], presentation: 'conversation' } });
    expect(text).toBe(
      "2 models × 3 country-language samples × 5 respondents × 3 turns; one request is one turn (one item) of a respondent's conversation, earlier answers in context",
    );
    expect(requestsNamed(text)).toBe(p.size);
  });

  it('several methods and a grid: the factors of each method, adding up to the plan', () => {
    const { p, text } = plan({ elicitation: { methods: ['sample', 'n-completions'], presentation: 'item' }, grid: { optionOrder: ['original', 'reversed'] } });
    expect(text).toBe(
      '2 models × 3 country-language samples; sample: 2 variants × 3 items × 5 respondents, one request asks one item of one respondent; n-completions: 3 items × 4 persona prompts, one request asks one item of one persona, its n completions answering the respondents who share it',
    );
    expect(requestsNamed(text)).toBe(p.size);
    expect([...p.requests()]).toHaveLength(p.size);
  });
});
