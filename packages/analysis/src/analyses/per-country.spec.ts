import { estimate } from '../estimate.js';
import { baseline, drOf, llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { competitionRanks, perCountryStatistic, perCountryStatisticFor } from './per-country.js';

// the fixture has 4 countries: ranked here with the threshold lowered (the default 5 lists them unranked)
const ranked = perCountryStatisticFor(1);

describe('perCountry (Table 3)', () => {
  const ctx = tinyContext([llm('A', 'US'), llm('B', 'CN'), baseline('mid')]);
  const point = realisationOf(ctx, TABLE);

  it('hand-checked DRs of the fixture', () => {
    expect(['US', 'CN', 'DE', 'JP'].map((c) => drOf(ctx, point, 'A', c))).toEqual([3, 2, 2, 1]);
    expect(['US', 'CN', 'DE', 'JP'].map((c) => drOf(ctx, point, 'B', c))).toEqual([1, 3, 1, 2]);
    expect(['US', 'CN', 'DE', 'JP'].map((c) => drOf(ctx, point, 'mid', c))).toEqual([1, 1, 1, 1]);
  });

  it('averages over the LLMs only, best first, with competition ranks and d(G, H)', () => {
    const rows = estimate(ctx, { pc: ranked }, point, [], 0, 1).pc;
    // US (3+1)/2 = 2, CN (2+3)/2 = 2.5, DE (2+1)/2 = 1.5, JP (1+2)/2 = 1.5; mid is a baseline: not averaged
    expect(rows.map((r) => [r.country, r.rank, r.meanDr.estimate, r.medianDr, r.nModels, r.baselineDistance])).toEqual([
      ['CN', 1, 2.5, 2.5, 2, 30],
      ['US', 2, 2, 2, 2, 30],
      ['DE', 3, 1.5, 1.5, 2, 40],
      ['JP', 3, 1.5, 1.5, 2, 40],
    ]);
    // no replicates: no interval
    expect(rows[0]!.meanDr).toEqual({ estimate: 2.5, lo: null, hi: null });
  });

  it('intervals are percentiles of the per-replicate means', () => {
    // replicate 2: A's US score (60,45) -> d = 5 -> DR 6 -> US mean (6+1)/2 = 3.5
    const rep2 = realisationOf(ctx, { ...TABLE, A: { native: { ...TABLE.A!.native!, US: [60, 45] } } });
    const rows = estimate(ctx, { pc: ranked }, point, [point, rep2], 2, 1).pc;
    const us = rows.find((r) => r.country === 'US')!;
    // replicates [2, 3.5]: type-7 quantiles 2 + 0.025·1.5 and 2 + 0.975·1.5, median 2.75,
    // shifted by estimate − median = −0.75 (median-centred interval)
    expect(us.meanDr.estimate).toBe(2);
    expect(us.meanDr.lo).toBeCloseTo(1.2875, 12);
    expect(us.meanDr.hi).toBeCloseTo(2.7125, 12);
    // CN is the same in both replicates: zero-width interval
    expect(rows.find((r) => r.country === 'CN')!.meanDr).toEqual({ estimate: 2.5, lo: 2.5, hi: 2.5 });
  });

  it('with no LLM, averages over the baselines', () => {
    const only = tinyContext([baseline('mid'), baseline('B')]);
    expect(only.countryBasisKind).toBe('baseline');
    const rows = estimate(only, { pc: ranked }, realisationOf(only, TABLE), [], 0, 1).pc;
    // US: mid 1, B 1 -> 1; CN: (1 + 3)/2 = 2; DE: (1+1)/2 = 1; JP: (1+2)/2 = 1.5
    expect(rows.map((r) => [r.country, r.meanDr.estimate])).toEqual([
      ['CN', 2],
      ['JP', 1.5],
      ['DE', 1],
      ['US', 1],
    ]);
  });

  it('competitionRanks: ties share the better rank, missing stays missing', () => {
    expect(competitionRanks([2, 3, null, 2, 1])).toEqual([2, 1, null, 2, 4]);
  });

  it('does not rank fewer than 5 countries: rank null, the run’s order', () => {
    const rows = estimate(ctx, { pc: perCountryStatistic }, point, [], 0, 1).pc;
    expect(rows.map((r) => [r.country, r.rank, r.meanDr.estimate])).toEqual([
      ['US', null, 2],
      ['CN', null, 2.5],
      ['DE', null, 1.5],
      ['JP', null, 1.5],
    ]);
  });
});
