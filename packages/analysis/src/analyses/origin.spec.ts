import { estimate } from '../estimate.js';
import { llm, realisationOf, type ScoreTable, TABLE, tinyContext } from '../testing/fixtures.js';
import { originStatistic, signFlipTest } from './origin.js';

describe('signFlipTest', () => {
  it('exact: diffs 1, 2, 3 -> sums ±1±2±3 = ±6, ±4, ±2, 0, 0: |s| ≥ 6 in 2 of 8 -> p = 0.25', () => {
    expect(signFlipTest([1, 2, 3], 1)).toEqual({ pValue: 0.25, test: 'exact sign-flip permutation', n: 3 });
  });
  it('exact: no difference on average -> p = 1', () => {
    expect(signFlipTest([1, -1], 1).pValue).toBe(1);
    expect(signFlipTest([0, 0, 0], 1).pValue).toBe(1);
  });
  it('fewer than two models: no test', () => {
    expect(signFlipTest([0.5], 1)).toEqual({ pValue: null, test: 'none', n: 1 });
    expect(signFlipTest([], 1)).toEqual({ pValue: null, test: 'none', n: 0 });
  });
  it('Monte Carlo above 12 models, seeded; close to the exact p', () => {
    const diffs = Array.from({ length: 13 }, () => 1); // exact p = 2 / 2^13 ≈ 0.000244
    const t = signFlipTest(diffs, 42);
    expect(t.test).toBe('monte-carlo sign-flip permutation');
    expect(t.pValue!).toBeLessThan(0.002);
    expect(t.pValue!).toBeGreaterThanOrEqual(1 / 10_001);
    expect(signFlipTest(diffs, 42)).toEqual(t);
    // 12 models is still exact: 2 / 4096
    expect(signFlipTest(diffs.slice(1), 42)).toEqual({ pValue: 2 / 4096, test: 'exact sign-flip permutation', n: 12 });
  });
});

describe('origin (Figures 4–5)', () => {
  // DR with US / CN: A1 3 / 2 (diff 1), A2 = B's table 1 / 3 (diff −2),
  // B1 = B 1 / 3 (diff −2), B2: US d = 15 -> 2, CN d = 10 -> 3 (diff −1); F: A's table, origin FR.
  const B2 = { native: { US: [60, 55], CN: [0, 50], DE: [30, 40], JP: [30, 40] } };
  const table: ScoreTable = { A1: TABLE.A!, A2: TABLE.B!, B1: TABLE.B!, B2, F: TABLE.A!, X: TABLE.A! };
  const ctx = tinyContext([llm('A1', 'US'), llm('A2', 'US'), llm('B1', 'CN'), llm('B2', 'CN'), llm('F', 'FR'), llm('X')]);
  const [o] = estimate(ctx, { o: originStatistic([['US', 'CN']]) }, realisationOf(ctx, table), [], 0, 1).o;

  it('groups by origin (sorted), mean DR with each country of the pair', () => {
    expect(o!.pair).toEqual(['US', 'CN']);
    expect(o!.groups.map((g) => [g.origin, g.models, g.dr['US']!.estimate, g.dr['CN']!.estimate])).toEqual([
      ['CN', ['B1', 'B2'], 1.5, 3],
      ['FR', ['F'], 3, 2],
      ['US', ['A1', 'A2'], 2, 2.5],
    ]);
    expect(o!.models.map((m) => [m.model, m.difference.estimate])).toEqual([
      ['A1', 1],
      ['A2', -2],
      ['B1', -2],
      ['B2', -1],
      ['F', 1],
    ]);
    expect(o!.notes).toEqual(['LLMs without an origin are left out: X.']);
  });

  it('paired tests per group; with one model, says so', () => {
    const t = Object.fromEntries(o!.tests.map((x) => [x.origin, x]));
    // CN: diffs −2, −1: flipped sums −3, −1, 1, 3 -> |s| ≥ 3 in 2 of 4
    expect(t['CN']).toMatchObject({ n: 2, pValue: 0.5, test: 'exact sign-flip permutation', meanDifference: { estimate: -1.5 } });
    expect(t['CN']!.note).toMatch(/smallest attainable two-sided p-value is 0.500/);
    // US: diffs 1, −2: every flipped sum has |s| ≥ 1 -> p = 1
    expect(t['US']).toMatchObject({ n: 2, pValue: 1, meanDifference: { estimate: -0.5 } });
    expect(t['FR']).toMatchObject({ n: 1, pValue: null, test: 'none' });
    expect(t['FR']!.note).toMatch(/Only 1 FR-origin model .* needs at least 2/);
  });

  it('no LLM: a note, no groups', () => {
    const none = tinyContext([]);
    const [x] = estimate(none, { o: originStatistic([['US', 'CN']]) }, realisationOf(none, {}), [], 0, 1).o;
    expect(x!.groups).toEqual([]);
    expect(x!.notes[0]).toMatch(/No LLM was run/);
  });

  it('pairs outside the run are skipped', () => {
    expect(estimate(ctx, { o: originStatistic([['US', 'FR']]) }, realisationOf(ctx, table), [], 0, 1).o).toEqual([]);
  });
});
