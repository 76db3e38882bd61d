import { describe, expect, it } from '@jest/globals';
import { parseConfig, type BenchmarkConfigInput } from './config.js';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { buildPlan, inShard, parseShard, resolveConditions, type PlannedRequest } from './plan.js';
import type { Prompter } from './prompter.js';
import type { Survey } from './survey.js';

// The plan on its own: a three-item toy survey and a prompter that writes what it was given, so
// every assertion is about the matrix (cells, groups, seeds, keys, shards), not about wording.
const survey = {
  id: 'toy',
  items: [
    { id: 'a', block: 'b', scale: 's' },
    { id: 'b', block: 'b', scale: 's' },
    { id: 'c', block: 'b', scale: 's' },
  ],
  scales: { s: { id: 's', size: 5, midpoint: 3 } },
} as unknown as Survey;

const prompter: Prompter = {
  id: 'echo',
  render: ({ item, country, language, persona, template, variant }) => {
    const messages = [
      { role: 'system' as const, content: `${country}/${language}/${template}/${persona?.gender ?? 'none'}/${persona?.age ?? 'none'}` },
      { role: 'user' as const, content: `${item.id}/${variant ? `${variant.optionOrder}/${variant.answerFormat}` : 'plain'}` },
    ];
    return { messages, optionLabels: ['1', '2', '3', '4', '5'], scaleSize: 5, promptHash: hashJson(messages) };
  },
};

function config(over: Partial<BenchmarkConfigInput> = {}) {
  return parseConfig(
    {
      name: 'plan-spec',
      survey: 'toy',
      countries: ['US', 'DE'],
      conditions: ['native', 'english'],
      persona: { template: 'default', traits: { gender: ['female', 'male'], age: ['20-24', '50-59'], education: ['12'], occupation: ['professional'] } },
      samples: 5,
      models: [
        { id: 'm1', provider: 'openai', model: 'x' },
        { id: 'm2', provider: 'openai', model: 'y', params: { seed: 40 } },
      ],
      ...over,
    },
    '/tmp/plan-spec.json',
  );
}

function plan(over: Partial<BenchmarkConfigInput> = {}) {
  const c = config(over);
  return buildPlan({ config: c, survey, prompter, nativeLanguages: { US: 'en', DE: 'de' }, models: c.models });
}

const all = (p: ReturnType<typeof plan>, filter = {}): PlannedRequest[] => [...p.requests(filter)];

describe('buildPlan', () => {
  it('asks a language once per country even when two conditions share it (US native = english)', () => {
    const p = plan();
    const cells = p.cells.map((c) => `${c.model.id} ${c.country} ${c.language} ${c.conditions.join('+')}`);
    expect(cells).toEqual(['m1 US en native+english', 'm1 DE de native', 'm1 DE en english', 'm2 US en native+english', 'm2 DE de native', 'm2 DE en english']);
    // cells × items × respondents, and the generator yields exactly that many distinct keys
    expect(p.size).toBe(6 * 3 * 5);
    const keys = all(p).map((r) => r.key);
    expect(keys).toHaveLength(p.size);
    expect(new Set(keys).size).toBe(p.size);
  });

  it('is deterministic: the same config gives the same keys in the same order', () => {
    expect(all(plan()).map((r) => r.key)).toEqual(all(plan()).map((r) => r.key));
  });

  it('cycles respondents through the persona combinations and offsets the seed per respondent', () => {
    const reqs = all(plan(), { model: 'm1' }).filter((r) => r.cell.country === 'US' && r.item.id === 'a');
    expect(reqs.map((r) => r.respondent)).toEqual([0, 1, 2, 3, 4]);
    // 4 combinations: respondent 4 is respondent 0's persona again
    expect(reqs[4].persona).toEqual(reqs[0].persona);
    expect(new Set(reqs.slice(0, 4).map((r) => JSON.stringify(r.persona))).size).toBe(4);
    expect(reqs.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
    // a model's own seed replaces the config's
    const m2 = all(plan(), { model: 'm2' }).filter((r) => r.cell.country === 'US' && r.item.id === 'a');
    expect(m2.map((r) => r.seed)).toEqual([40, 41, 42, 43, 44]);
  });

  it('content-addresses each request: another model, temperature or respondent is another key', () => {
    const base = all(plan(), { model: 'm1' })[0];
    const hotter = all(plan({ temperature: 0.2 }), { model: 'm1' })[0];
    expect(hotter.key).not.toBe(base.key);
    expect(hotter.prompt.messages).toEqual(base.prompt.messages);
    // the address leaves out what does not change the request (the model entry's id)
    const renamed = plan({ models: [{ id: 'other-name', provider: 'openai', model: 'x' }] });
    expect(all(renamed)[0].key).toBe(base.key);
  });

  it('filters by model, and shards partition the plan by key', () => {
    const p = plan();
    expect(all(p, { model: 'm2' }).every((r) => r.cell.model.id === 'm2')).toBe(true);
    expect(all(p, { model: 'nope' })).toHaveLength(0);
    const shards = [1, 2, 3].map((index) => all(p, { shard: { index, count: 3 } }).map((r) => r.key));
    expect(shards.reduce((a, s) => a + s.length, 0)).toBe(p.size);
    expect(new Set(shards.flat()).size).toBe(p.size);
    for (const [i, s] of shards.entries()) expect(s.every((k) => inShard(k, { index: i + 1, count: 3 }))).toBe(true);
  });

  it('n-completions: one request per persona answers every respondent who shares it', () => {
    const p = plan({ elicitation: { methods: ['n-completions'], presentation: 'item' } });
    // 4 personas for 5 respondents: persona 0 answers respondents 0 and 4
    expect(p.size).toBe(6 * 3 * 4);
    const reqs = all(p, { model: 'm1' }).filter((r) => r.cell.country === 'US' && r.item.id === 'a');
    expect(reqs.map((r) => r.group)).toEqual([[0, 4], [1], [2], [3]]);
    expect(reqs.map((r) => r.invoke)).toEqual([{ n: 2 }, { n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it('a grid multiplies the plan by its variants; the reference keeps the keys of the plain design', () => {
    const plain = all(plan(), { model: 'm1' });
    const p = plan({ grid: { optionOrder: ['original', 'reversed'], mode: 'one-at-a-time' } });
    expect(p.variants.map((v) => v.id)).toEqual(['reference', 'optionOrder=reversed']);
    expect(p.size).toBe(2 * 6 * 3 * 5);
    const reqs = all(p, { model: 'm1' });
    const reference = reqs.filter((r) => r.variant.id === 'reference').map((r) => r.key);
    expect(reference).toEqual(plain.map((r) => r.key));
    const reversed = reqs.filter((r) => r.variant.id !== 'reference');
    expect(reversed[0].prompt.messages[1].content).toBe('a/reversed/choice');
    expect(reversed.some((r) => reference.includes(r.key))).toBe(false);
  });

  it('verbalized renders the distribution answer format and gets keys of its own', () => {
    const p = plan({ elicitation: { methods: ['verbalized'], presentation: 'item' } });
    const r = all(p)[0];
    expect(r.prompt.messages[1].content).toBe('a/original/distribution');
    expect(r.invoke).toEqual({});
    expect(all(plan()).map((x) => x.key)).not.toContain(r.key);
  });

  it('conversation: one planned conversation per respondent carrying every item in order', () => {
    const p = plan({ elicitation: { methods: ['sample'], presentation: 'conversation' } });
    const reqs = all(p, { model: 'm1' }).filter((r) => r.cell.country === 'DE' && r.cell.language === 'de');
    expect(reqs).toHaveLength(5);
    expect(reqs[0].conversation?.turns.map((t) => t.item.id)).toEqual(['a', 'b', 'c']);
    // the first request is the first turn alone
    expect(reqs[0].prompt.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(reqs[0].turnAddress).toMatchObject({ respondent: 0, seed: 1, presentation: 'conversation' });
    // each turn is a request: the size counts turns
    expect(p.size).toBe(6 * 3 * 5);
  });

  it('names the country without a known native language (bad input, before anything is asked)', () => {
    const c = config({ countries: ['US', 'XX'] });
    const build = () => buildPlan({ config: c, survey, prompter, nativeLanguages: { US: 'en' }, models: c.models });
    expect(build).toThrow(InputError);
    expect(build).toThrow(/field "countries": no native language known for XX; write \{ code: 'XX', language: '<tag>' \}/);
    // an explicit language needs no table entry
    const ok = config({ countries: ['US', { code: 'XX', language: 'fr' }] });
    expect(buildPlan({ config: ok, survey, prompter, nativeLanguages: { US: 'en' }, models: ok.models }).countries).toEqual([
      { code: 'US', language: 'en' },
      { code: 'XX', language: 'fr' },
    ]);
  });

  it('counts an absurd sample size in closed form without walking it', () => {
    const p = plan({ samples: 10_000_000 });
    expect(p.size).toBe(6 * 3 * 10_000_000);
  });
});

describe('conditions and shards', () => {
  it('resolves the built-in conditions and custom ones', () => {
    expect(resolveConditions({ conditions: ['native', 'english', 'chinese', { id: 'fr', language: 'fr' }] })).toEqual([
      { id: 'native', language: 'native' },
      { id: 'english', language: 'en' },
      { id: 'chinese', language: 'zh' },
      { id: 'fr', language: 'fr' },
    ]);
  });

  it('parses i/n and names the option on bad input', () => {
    expect(parseShard(' 2/4 ')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) {
      expect(() => parseShard(bad, '--shard')).toThrow(InputError);
      expect(() => parseShard(bad, '--shard')).toThrow(`--shard: "${bad}" is not i/n`);
    }
    expect(inShard('ffffffff', undefined)).toBe(true);
  });
});
