import type { ChatMessage } from '@culturebench/core';
import { BaselineClient, baselineProvider, listedOptionCodes } from './index.js';

const user = (content: string): ChatMessage[] => [{ role: 'user', content }];

const prompt = 'How important is it?\n\n1. very\n2. fairly\n3. neutral\n4. little\n5. not at all\n\nReply with the number.';

describe('baseline respondents', () => {
  it('read the options the prompt lists', () => {
    expect(listedOptionCodes(prompt)).toEqual([1, 2, 3, 4, 5]);
    expect(listedOptionCodes('1) yes\n2) no')).toEqual([1, 2]);
    expect(listedOptionCodes('Think about 2024. It was a year.')).toEqual([]);
  });

  it('middle always answers the middle option (the lower middle for an even count)', async () => {
    const middle = new BaselineClient('middle');
    expect((await middle.invoke(user(prompt))).text).toBe('3');
    expect((await middle.invoke(user('1. a\n2. b\n3. c\n4. d'))).text).toBe('2');
  });

  it('random is uniform over the options and reproducible from the seed', async () => {
    const random = new BaselineClient('random');
    const counts = [0, 0, 0, 0, 0];
    for (let seed = 0; seed < 2000; seed++) counts[Number((await random.invoke(user(prompt), { seed })).text) - 1]++;
    // Each code expects 400; a χ² test with 4 df at p = 0.001 allows a sum up to 18.47.
    const chi2 = counts.reduce((a, c) => a + (c - 400) ** 2 / 400, 0);
    expect(chi2).toBeLessThan(18.47);
    const again = await random.invoke([{ role: 'system', content: 'persona' }, ...user(prompt)], { seed: 42 });
    const same = await random.invoke([{ role: 'system', content: 'persona' }, ...user(prompt)], { seed: 42 });
    expect(again.text).toBe(same.text);
  });

  it('says so when the prompt lists no options, instead of inventing one', async () => {
    expect((await new BaselineClient('random').invoke(user('no options here'))).text).toBe('No options were listed.');
  });

  it('is a baseline provider, checked offline', async () => {
    expect(baselineProvider.kind).toBe('baseline');
    expect(await baselineProvider.check({ id: 'b', provider: 'baseline', model: 'middle' }, { env: {} })).toEqual({ ok: true, detail: 'offline baseline' });
    expect(await baselineProvider.check({ id: 'b', provider: 'baseline', model: 'oracle' }, { env: {} })).toMatchObject({
      ok: false,
      reason: 'unknown baseline "oracle"',
    });
    expect(() => baselineProvider.create({ id: 'b', provider: 'baseline', model: 'oracle' }, { env: {} })).toThrow(/use one of: random, middle/);
  });
});
