import { estimate } from '../estimate.js';
import { llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { loadWebContent, webContentStatistic, webLanguage } from './web-content.js';

describe('webContent', () => {
  // Country mean DR over A and B: US 2, CN 2.5, DE 1.5, JP 1.5 (see per-country.spec).
  const ctx = tinyContext([llm('A'), llm('B')]);
  const shares = [
    { iso639_1: 'en', toy: 4 },
    { iso639_1: 'zh', toy: 3 },
    { iso639_1: 'de', toy: 2 },
    { iso639_1: 'ja', toy: '1' }, // strings (from a CSV) are numbers too
  ];

  it('Pearson and Spearman of share vs country mean DR, hand-checked', () => {
    const [w] = estimate(ctx, { w: webContentStatistic(shares, ['toy'], 3) }, realisationOf(ctx, TABLE), [], 0, 1).w;
    // x = 4,3,2,1 (dx ±1.5, ±0.5); y = 2, 2.5, 1.5, 1.5 (mean 1.875: dy .125, .625, −.375, −.375)
    // Σdxdy = 1.25, SSx = 5, SSy = 0.6875
    expect(w!.pearson.estimate).toBeCloseTo(1.25 / Math.sqrt(5 * 0.6875), 12);
    // ranks y: 3, 4, 1.5, 1.5 -> Σdxdy = 3.5, SS 5 and 4.5
    expect(w!.spearman.estimate).toBeCloseTo(3.5 / Math.sqrt(22.5), 12);
    expect(w!.n).toBe(4);
    // inference across countries on the same points: permutation p and one leave-one-out per country
    expect(w!.inference.permutations).toBe(9999);
    expect(w!.inference.pValue!).toBeGreaterThan(0);
    expect(w!.inference.leaveOneOut.map((l) => l.country)).toEqual(['US', 'CN', 'DE', 'JP']);
    expect(w!.points).toEqual([
      { country: 'US', language: 'en', share: 4, meanDr: 2 },
      { country: 'CN', language: 'zh', share: 3, meanDr: 2.5 },
      { country: 'DE', language: 'de', share: 2, meanDr: 1.5 },
      { country: 'JP', language: 'ja', share: 1, meanDr: 1.5 },
    ]);
  });

  it('fewer than 5 countries (the default minimum): no correlation and no permutation test', () => {
    const [w] = estimate(ctx, { w: webContentStatistic(shares, ['toy']) }, realisationOf(ctx, TABLE), [], 0, 1).w;
    expect(w!.pearson.estimate).toBeNull();
    expect(w!.spearman.estimate).toBeNull();
    expect(w!.n).toBe(4);
    expect(w!.inference.pValue).toBeNull();
    expect(w!.inference.supported).toBe(false);
  });

  it('countries whose language has no share are left out', () => {
    const [w] = estimate(ctx, { w: webContentStatistic(shares.slice(0, 3), ['toy'], 3) }, realisationOf(ctx, TABLE), [], 0, 1).w;
    expect(w!.n).toBe(3);
    expect(w!.points.map((p) => p.country)).toEqual(['US', 'CN', 'DE']);
  });

  it('language tags map to the table by primary subtag; the shipped table has both 2022 measures', () => {
    expect(webLanguage('pt-BR')).toBe('pt');
    expect(webLanguage('zh')).toBe('zh');
    const rows = loadWebContent();
    expect(rows).toHaveLength(20);
    const pt = rows.find((r) => r['iso639_1'] === 'pt')!;
    expect([Number(pt['w3techs_2022_pct']), Number(pt['obslc_2022_pct'])]).toEqual([0.7, 3.13]);
  });
});
