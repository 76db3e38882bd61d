/**
 * Realistic check on the 20 benchmark countries (vsm2013.md §5).
 *
 * Source: Hofstede 6-D matrix, shared/data/hofstede/6-dimensions-for-website-2015-08-16.csv
 * (columns pdi;idv;mas;uai;ltowvs;ivr, copied verbatim; LTO is the `ltowvs` column).
 */
import { deviationRatio, distance, globalAverage } from './distance.js';
import { alignmentRows, modelSummary } from './tables.js';
import type { HumanRow, ScoreRow, Vector } from './types.js';

const DIMS = ['PDI', 'IDV', 'MAS', 'UAI', 'LTO', 'IVR'];

// ctr: [PDI, IDV, MAS, UAI, LTO, IVR]
const HOFSTEDE_2015: Record<string, [number, number, number, number, number, number]> = {
  USA: [40, 91, 62, 46, 26, 68],
  CHI: [80, 20, 66, 30, 87, 24],
  GER: [35, 67, 66, 65, 83, 40],
  JPN: [54, 46, 95, 92, 88, 42],
  IND: [77, 48, 56, 40, 51, 26],
  BRA: [69, 38, 49, 76, 44, 59],
  RUS: [93, 39, 36, 95, 81, 20],
  FRA: [68, 71, 43, 86, 63, 48],
  SPA: [57, 51, 42, 86, 48, 44],
  IRA: [58, 41, 43, 59, 14, 40],
  KOR: [60, 18, 39, 85, 100, 29],
  TUR: [66, 37, 45, 85, 46, 49],
  IDO: [78, 14, 46, 48, 62, 38],
  ITA: [50, 76, 70, 75, 61, 30],
  NET: [38, 80, 14, 53, 67, 68],
  SWE: [31, 71, 5, 29, 53, 78],
  POL: [68, 60, 64, 93, 38, 29],
  VIE: [70, 20, 40, 30, 57, 35],
  THA: [64, 20, 34, 64, 32, 45],
  MOR: [70, 46, 53, 68, 14, 25],
};

const humans: Record<string, Vector> = Object.fromEntries(
  Object.entries(HOFSTEDE_2015).map(([c, v]) => [c, Object.fromEntries(DIMS.map((d, i) => [d, v[i]]))]),
);

describe('Hofstede 2015, 20 benchmark countries', () => {
  const g = globalAverage(humans, DIMS);

  it('global average ≈ (61.3, 47.7, 48.4, 65.2, 55.8, 41.9) (vsm2013.md §5)', () => {
    // Column sums / 20: PDI 1226, IDV 954, MAS 968, UAI 1305, LTO 1115, IVR 837
    const exact = [1226 / 20, 954 / 20, 968 / 20, 1305 / 20, 1115 / 20, 837 / 20]; // 61.3 47.7 48.4 65.25 55.75 41.85
    const documented = [61.3, 47.7, 48.4, 65.2, 55.8, 41.9];
    DIMS.forEach((d, i) => {
      expect(g[d]).toBeCloseTo(exact[i]!, 10);
      expect(Math.abs(g[d]! - documented[i]!)).toBeLessThanOrEqual(0.05 + 1e-9); // doc rounds to one decimal
    });
  });

  it('d(G, country): Spain 23.8 (closest), Sweden 77.3 (farthest), USA 66.7, China 63.0', () => {
    const d = (c: string) => distance(g, humans[c]!, DIMS)!.distance;
    expect(d('SPA')).toBeCloseTo(23.8, 1);
    expect(d('SWE')).toBeCloseTo(77.3, 1);
    expect(d('USA')).toBeCloseTo(66.7, 1);
    expect(d('CHI')).toBeCloseTo(63.0, 1);
    const all = Object.keys(humans).map(d);
    expect(Math.min(...all)).toBe(d('SPA'));
    expect(Math.max(...all)).toBe(d('SWE'));
  });

  it('a "model" that answers G for every country has DR = 1 everywhere', () => {
    for (const c of Object.keys(humans)) {
      const r = deviationRatio({ model: g, human: humans[c]!, global: g, dimensions: DIMS });
      expect(r.deviationRatio).toBeCloseTo(1, 12);
      expect(r.dimensions).toEqual(DIMS);
    }

    // Same through the long-format table helpers (G derived from the countries in the score rows).
    const humanRows: HumanRow[] = Object.entries(humans).flatMap(([country, v]) =>
      DIMS.map((dimension) => ({ country, dimension, score: v[dimension] as number })),
    );
    const scoreRows: ScoreRow[] = Object.keys(humans).flatMap((country) =>
      DIMS.map((dimension) => ({ model: 'global-avg', country, condition: 'own', dimension, score: g[dimension] as number })),
    );
    const rows = alignmentRows(scoreRows, humanRows, DIMS);
    expect(rows).toHaveLength(20);
    rows.forEach((r) => expect(r.deviation_ratio).toBeCloseTo(1, 12));
    const [summary] = modelSummary(rows);
    expect(summary).toMatchObject({ model: 'global-avg', condition: 'own', n_countries: 20 });
    expect(summary!.mean_dr).toBeCloseTo(1, 12);
    expect(summary!.median_dr).toBeCloseTo(1, 12);
  });
});
