import { alignmentRows, countrySummary, globalAverageFromRows, humanVectors, modelSummary, perDimensionAgreement } from './tables.js';
import type { HumanRow, ScoreRow } from './types.js';

const XY = ['x', 'y'];

function human(country: string, x: number | null, y: number | null): HumanRow[] {
  return [
    { country, dimension: 'x', score: x },
    { country, dimension: 'y', score: y },
  ];
}

function scores(model: string, condition: string, country: string, x: number | null, y: number | null): ScoreRow[] {
  return [
    { model, condition, country, dimension: 'x', score: x },
    { model, condition, country, dimension: 'y', score: y },
  ];
}

describe('humanVectors', () => {
  it('pivots rows to vectors, restricted to the given dimensions', () => {
    const rows: HumanRow[] = [...human('A', 1, 2), { country: 'A', dimension: 'z', score: 3 }];
    expect(humanVectors(rows, XY)).toEqual({ A: { x: 1, y: 2 } });
    expect(humanVectors(rows)).toEqual({ A: { x: 1, y: 2, z: 3 } });
  });

  it('throws on duplicate country × dimension', () => {
    expect(() => humanVectors([...human('A', 1, 2), { country: 'A', dimension: 'x', score: 5 }])).toThrow(/duplicate/);
  });
});

describe('alignmentRows', () => {
  // Humans: A = (0,0), B = (12,16), C = (100,100) (C is not in the score rows).
  const humans: HumanRow[] = [...human('A', 0, 0), ...human('B', 12, 16), ...human('C', 100, 100)];
  // Default G = mean of A and B = (6, 8): d(G,A) = 10 and d(G,B) = 10 (6-8-10 triangles).
  const rows: ScoreRow[] = [
    ...scores('m1', 'own', 'A', 3, 4), // d(M,A) = 5 -> DR 10/5 = 2
    ...scores('m1', 'own', 'B', 6, 8), // M = G -> DR 1
    ...scores('m1', 'own', 'D', 1, 1), // D has no human scores -> nulls, and D is not part of G
    ...scores('m2', 'own', 'A', 0, 0), // d(M,A) = 0 -> floor: 10/0.5 = 20
    ...scores('m2', 'own', 'B', 9, null), // model lacks y: x only; d(M,B) = |9−12| = 3, d(G,B) = |6−12| = 6 -> 2
  ];

  it('computes DR, both distances and the dims used for every model × country × condition', () => {
    expect(alignmentRows(rows, humans, XY)).toEqual([
      { model: 'm1', country: 'A', condition: 'own', deviation_ratio: 2, distance: 5, baseline_distance: 10, dims: XY },
      { model: 'm1', country: 'B', condition: 'own', deviation_ratio: 1, distance: 10, baseline_distance: 10, dims: XY },
      { model: 'm1', country: 'D', condition: 'own', deviation_ratio: null, distance: null, baseline_distance: null, dims: [] },
      { model: 'm2', country: 'A', condition: 'own', deviation_ratio: 20, distance: 0, baseline_distance: 10, dims: XY },
      { model: 'm2', country: 'B', condition: 'own', deviation_ratio: 2, distance: 3, baseline_distance: 6, dims: ['x'] },
    ]);
  });

  it('lets the caller choose the countries that define G', () => {
    // G over A, B, C = (112/3, 116/3); d(G,A) = sqrt(112² + 116²)/3 = sqrt(26000)/3 ≈ 53.75
    const out = alignmentRows(rows, humans, XY, { globalCountries: ['A', 'B', 'C'] });
    expect(out[0]!.baseline_distance).toBeCloseTo(Math.sqrt(26000) / 3, 10);
    expect(globalAverageFromRows(humans, XY, ['A', 'B', 'C'])).toEqual({ x: 112 / 3, y: 116 / 3 });
    expect(() => alignmentRows(rows, humans, XY, { globalCountries: ['A', 'D'] })).toThrow(/D/);
  });

  it('throws on a duplicate score row', () => {
    expect(() => alignmentRows([...rows, { model: 'm1', condition: 'own', country: 'A', dimension: 'x', score: 0 }], humans, XY)).toThrow(/duplicate/);
  });

  it('ignores dimensions outside the list', () => {
    const extra: ScoreRow = { model: 'm1', condition: 'own', country: 'A', dimension: 'z', score: 1000 };
    const humanZ: HumanRow = { country: 'A', dimension: 'z', score: 0 };
    expect(alignmentRows([...rows, extra], [...humans, humanZ], XY)[0]!.deviation_ratio).toBe(2);
  });
});

describe('modelSummary / countrySummary', () => {
  const dr = (model: string, country: string, condition: string, deviation_ratio: number | null) => ({
    model,
    country,
    condition,
    deviation_ratio,
  });
  const rows = [
    dr('m1', 'A', 'own', 2),
    dr('m1', 'B', 'own', 1),
    dr('m1', 'C', 'own', null), // skipped
    dr('m2', 'A', 'own', 20),
    dr('m2', 'B', 'own', 2),
    dr('m1', 'A', 'dev', 0.5),
    dr('m1', 'B', 'dev', 4),
    dr('m1', 'C', 'dev', 1.5),
    dr('m3', 'A', 'own', null),
    dr('m3', 'B', 'own', null),
  ];

  it('per model × condition: mean and median skipping nulls, with n; best first, all-missing last', () => {
    expect(modelSummary(rows)).toEqual([
      { model: 'm2', condition: 'own', mean_dr: 11, median_dr: 11, n_countries: 2 }, // (20+2)/2
      { model: 'm1', condition: 'dev', mean_dr: 2, median_dr: 1.5, n_countries: 3 }, // (0.5+4+1.5)/3; sorted 0.5 1.5 4
      { model: 'm1', condition: 'own', mean_dr: 1.5, median_dr: 1.5, n_countries: 2 }, // (2+1)/2, C skipped
      { model: 'm3', condition: 'own', mean_dr: null, median_dr: null, n_countries: 0 },
    ]);
  });

  it('per country × condition: mean over models', () => {
    expect(countrySummary(rows)).toEqual([
      { country: 'A', condition: 'own', mean_dr: 11, median_dr: 11, n_models: 2 }, // m1 2, m2 20, m3 null
      { country: 'B', condition: 'dev', mean_dr: 4, median_dr: 4, n_models: 1 },
      { country: 'B', condition: 'own', mean_dr: 1.5, median_dr: 1.5, n_models: 2 }, // m1 1, m2 2
      { country: 'C', condition: 'dev', mean_dr: 1.5, median_dr: 1.5, n_models: 1 },
      { country: 'A', condition: 'dev', mean_dr: 0.5, median_dr: 0.5, n_models: 1 },
      { country: 'C', condition: 'own', mean_dr: null, median_dr: null, n_models: 0 },
    ]);
  });

  it('empty input -> empty output', () => {
    expect(modelSummary([])).toEqual([]);
    expect(countrySummary([])).toEqual([]);
  });
});

describe('perDimensionAgreement', () => {
  // Human x: A 1, B 2, C 3; human y is constant (10) -> correlations and spread undefined on y.
  // D has human scores only: it is ignored.
  const humans: HumanRow[] = [...human('A', 1, 10), ...human('B', 2, 10), ...human('C', 3, 10), ...human('D', 50, 50)];
  const rows: ScoreRow[] = [
    ...scores('m1', 'own', 'A', 1, 5),
    ...scores('m1', 'own', 'B', 3, null),
    ...scores('m1', 'own', 'C', 2, 7),
    { model: 'm2', condition: 'own', country: 'A', dimension: 'x', score: 2 },
    { model: 'm2', condition: 'own', country: 'B', dimension: 'x', score: null },
    { model: 'm2', condition: 'own', country: 'E', dimension: 'x', score: 4 }, // no human E
  ];

  it('computes each statistic per model × condition × dimension', () => {
    const out = perDimensionAgreement(rows, humans);
    expect(out.map((r) => [r.model, r.dimension])).toEqual([
      ['m1', 'x'],
      ['m1', 'y'],
      ['m2', 'x'],
    ]);
    const [x1, y1, x2] = out;
    // m1 x: model 1,3,2 vs human 1,2,3 -> pearson = spearman = 0.5, kendall = 1/3 (see correlation.spec);
    // sd(model) = sd(human) = 1 -> spread 1; MAE = (0 + 1 + 1)/3
    expect(x1).toMatchObject({ condition: 'own', n: 3, pearson: 0.5, spearman: 0.5, spread_ratio: 1 });
    expect(x1!.kendall).toBeCloseTo(1 / 3, 12);
    expect(x1!.mean_abs_error).toBeCloseTo(2 / 3, 12);
    // m1 y: B missing on the model side -> pairs A (5,10), C (7,10); human constant -> nulls; MAE (5+3)/2 = 4
    expect(y1).toEqual({
      model: 'm1',
      condition: 'own',
      dimension: 'y',
      n: 2,
      pearson: null,
      spearman: null,
      kendall: null,
      spread_ratio: null,
      mean_abs_error: 4,
    });
    // m2 x: only A is complete (B model-missing, E human-missing) -> one country: no correlation; MAE |2−1|
    expect(x2).toEqual({
      model: 'm2',
      condition: 'own',
      dimension: 'x',
      n: 1,
      pearson: null,
      spearman: null,
      kendall: null,
      spread_ratio: null,
      mean_abs_error: 1,
    });
  });

  it('restricts to the given dimensions, and handles empty inputs', () => {
    expect(perDimensionAgreement(rows, humans, { dimensions: ['y'] }).map((r) => r.dimension)).toEqual(['y']);
    expect(perDimensionAgreement([], humans)).toEqual([]);
    const noHumans = perDimensionAgreement(rows, []);
    expect(noHumans.every((r) => r.n === 0 && r.pearson === null && r.mean_abs_error === null)).toBe(true);
  });

  it('throws on duplicate rows', () => {
    expect(() => perDimensionAgreement([...rows, rows[0]!], humans)).toThrow(/duplicate/);
    expect(() => perDimensionAgreement(rows, [...humans, humans[0]!])).toThrow(/duplicate/);
  });
});
