import { estimate } from '../estimate.js';
import { baseline, llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { dimensionsStatistic } from './dimensions.js';

describe('dimensionAgreement', () => {
  const ctx = tinyContext([llm('A'), baseline('mid')]);
  const rows = estimate(ctx, { d: dimensionsStatistic(3) }, realisationOf(ctx, TABLE), [], 0, 1).d;
  const row = (model: string, dim: string) => rows.find((r) => r.model === model && r.dimension === dim)!;

  it('a dimension reproduced exactly: r = ρ = τ-b = 1, MAE 0', () => {
    // X: model 60,0,30,30 = human; τ-b with the DE–JP tie in both: 5/sqrt(5·5) = 1
    expect(row('A', 'X')).toMatchObject({ n: 4, pearson: { estimate: 1 }, spearman: { estimate: 1 }, kendall: { estimate: 1 }, meanAbsError: { estimate: 0 } });
  });

  it('hand-checked Y: model 50,55,20,40 vs human 40,40,0,80', () => {
    const y = row('A', 'Y');
    // Pearson: Σdxdy = 800 (devs 8.75,13.75,−21.25,−1.25 vs 0,0,−40,40), SSx 718.75, SSy 3200
    expect(y.pearson.estimate).toBeCloseTo(800 / Math.sqrt(718.75 * 3200), 12);
    // ranks 3,4,1,2 vs 2.5,2.5,1,4 -> Σdxdy = 1.5, SS 5 and 4.5
    expect(y.spearman.estimate).toBeCloseTo(1.5 / Math.sqrt(22.5), 12);
    // pairs: US-CN tied in human; C = 3 (US-DE, CN-DE, DE-JP), D = 2 (US-JP, CN-JP) -> 1/sqrt(6·5)
    expect(y.kendall.estimate).toBeCloseTo(1 / Math.sqrt(30), 12);
    // |10|, |15|, |20|, |40| -> 21.25
    expect(y.meanAbsError.estimate).toBe(21.25);
  });

  it('a constant model has no correlation but an error: |G − H| on average', () => {
    expect(row('mid', 'X')).toMatchObject({ pearson: { estimate: null }, spearman: { estimate: null }, kendall: { estimate: null } });
    expect(row('mid', 'X').meanAbsError.estimate).toBe(15); // |30−60|,|30−0|,0,0
    expect(row('mid', 'Y').meanAbsError.estimate).toBe(20); // 0,0,|40−0|,|40−80|
    expect(row('human-global-average', 'Y').meanAbsError.estimate).toBe(20);
  });

  it('fewer than 5 countries (the default minimum): no correlations, the error is kept', () => {
    const few = estimate(ctx, { d: dimensionsStatistic() }, realisationOf(ctx, TABLE), [], 0, 1).d.find((r) => r.model === 'A' && r.dimension === 'X')!;
    expect(few).toMatchObject({ n: 4, pearson: { estimate: null }, spearman: { estimate: null }, kendall: { estimate: null }, meanAbsError: { estimate: 0 } });
  });
});
