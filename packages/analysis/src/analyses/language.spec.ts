import { estimate } from '../estimate.js';
import { ALL_LLMS } from '../results.js';
import { baseline, llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { languageStatistic } from './language.js';

describe('language', () => {
  it('mean DR per model × condition and over the LLMs', () => {
    const ctx = tinyContext([llm('A'), llm('B'), baseline('mid')], ['native', 'english']);
    // english: A answers like B did natively and vice versa
    const real = realisationOf(ctx, {
      A: { native: TABLE.A!.native!, english: TABLE.B!.native! },
      B: { native: TABLE.B!.native!, english: TABLE.A!.native! },
      mid: { native: TABLE.mid!.native!, english: TABLE.mid!.native! },
    });
    const rows = estimate(ctx, { l: languageStatistic }, real, [], 0, 1).l;
    const get = (m: string, k: string) => rows.find((r) => r.model === m && r.condition === k)!.meanDr.estimate;
    expect([get('A', 'native'), get('A', 'english'), get('B', 'native'), get('B', 'english')]).toEqual([2, 1.75, 1.75, 2]);
    // over the LLMs: (2 + 1.75)/2 in both conditions; baselines and the reference are not in it
    expect([get(ALL_LLMS, 'native'), get(ALL_LLMS, 'english')]).toEqual([1.875, 1.875]);
    expect(get('mid', 'english')).toBe(1);
    expect(get('human-global-average', 'native')).toBe(1);
  });

  it('no "all LLMs" row without LLMs', () => {
    const ctx = tinyContext([baseline('mid')]);
    const rows = estimate(ctx, { l: languageStatistic }, realisationOf(ctx, TABLE), [], 0, 1).l;
    expect(rows.some((r) => r.model === ALL_LLMS)).toBe(false);
  });
});
