import { HUMAN_GLOBAL_AVERAGE } from '@culturebench/core';
import { estimate } from '../estimate.js';
import { baseline, llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { perModelStatistic } from './per-model.js';
import { attachMeanDrAcrossCountries } from './per-model-across.js';

describe('perModel (Figure 3b)', () => {
  const ctx = tinyContext([llm('A', 'US'), llm('B', 'CN'), baseline('mid')]);
  const point = realisationOf(ctx, TABLE);
  // In the swapped replicate B has A's scores and A has B's: B ranks first.
  const swapped = realisationOf(ctx, { ...TABLE, A: TABLE.B!, B: TABLE.A! });

  it('mean and median DR over countries; LLMs ranked among LLMs, baselines and the reference among all', () => {
    const rows = estimate(ctx, { pm: perModelStatistic }, point, [point, swapped], 2, 1).pm;
    // A: DR 3,2,2,1 -> mean 2, median 2; B: 1,3,1,2 -> mean 1.75, sorted 1,1,2,3 -> median 1.5
    expect(rows.map((r) => [r.model, r.meanDr.estimate, r.medianDr.estimate, r.nCountries, r.rank])).toEqual([
      ['A', 2, 2, 4, 1],
      ['B', 1.75, 1.5, 4, 2],
      // mid and the reference (DR 1 by construction) tie; A and B are above them -> rank 3 among all 4
      [HUMAN_GLOBAL_AVERAGE, 1, 1, 4, 3],
      ['mid', 1, 1, 4, 3],
    ]);
  });

  it('rank probabilities and rank interval over replicates', () => {
    const rows = estimate(ctx, { pm: perModelStatistic }, point, [point, swapped, point, point], 4, 1).pm;
    const a = rows.find((r) => r.model === 'A')!;
    // A ranks 1, 2, 1, 1 -> P = [3/4, 1/4]; sorted ranks 1,1,1,2: lo = s[floor(3·0.025)] = 1, hi = s[ceil(3·0.975)] = 2
    expect(a.rankProbabilities).toEqual([0.75, 0.25]);
    expect(a.rankInterval).toEqual({ lo: 1, hi: 2 });
    // mean DR replicates 2, 1.75, 2, 2 -> sorted 1.75, 2, 2, 2: lo = 1.75 + 0.075·0.25
    expect(a.meanDr.lo).toBeCloseTo(1.76875, 12);
    expect(a.meanDr.hi).toBe(2);
    const ref = rows.find((r) => r.model === HUMAN_GLOBAL_AVERAGE)!;
    // the reference has DR = 1 by construction: zero-width interval, always rank 3 of 4
    expect(ref.meanDr).toEqual({ estimate: 1, lo: 1, hi: 1 });
    expect(ref.rankProbabilities).toEqual([0, 0, 1, 0]);
    expect(ref.rankInterval).toEqual({ lo: 3, hi: 3 });
  });

  it('a model without any score has no mean and no rank', () => {
    const ctx2 = tinyContext([llm('A'), llm('ghost')]);
    const rows = estimate(ctx2, { pm: perModelStatistic }, realisationOf(ctx2, TABLE), [], 0, 1).pm;
    const ghost = rows.find((r) => r.model === 'ghost')!;
    expect(ghost).toMatchObject({ meanDr: { estimate: null, lo: null, hi: null }, nCountries: 0, rank: null, rankInterval: null });
    expect(rows[rows.length - 1]!.model).toBe('ghost'); // missing last
  });

  it('mean DR across countries: a cluster bootstrap over the countries, as wide as the spread of DR_c says', () => {
    const rows = estimate(ctx, { pm: perModelStatistic }, point, [], 0, 1).pm;
    attachMeanDrAcrossCountries(ctx, point, rows, 4000, 7);
    const a = rows.find((r) => r.model === 'A')!.meanDrAcrossCountries!;
    // A: DR 3, 2, 2, 1 (mean 2, population variance 0.5): the mean of 4 countries drawn with
    // replacement has SD √(0.5 / 4) = 0.354, so the interval is about 2 ± 0.69, in steps of 1/4
    expect(a.estimate).toBe(2);
    expect(a.lo).toBeGreaterThanOrEqual(1.25);
    expect(a.lo).toBeLessThanOrEqual(1.5);
    expect(a.hi).toBeGreaterThanOrEqual(2.5);
    expect(a.hi).toBeLessThanOrEqual(2.75);
    // the reference has DR 1 in every country: no country variation, zero width
    expect(rows.find((r) => r.model === HUMAN_GLOBAL_AVERAGE)!.meanDrAcrossCountries).toEqual({ estimate: 1, lo: 1, hi: 1 });
    // the observed realisation is not touched (its weights stay 1)
    expect([...point.countryWeights]).toEqual([1, 1, 1, 1]);
  });
});
