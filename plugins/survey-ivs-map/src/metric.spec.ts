import type { HumanRow, ScoreRow } from '@culturebench/core';
import { ivsMapMetric, mapPositions, MAP_DISTANCE_FLOOR, standardise } from './metric.js';

const dims = ['TRADSEC', 'SURVSELF'];

function humanRows(h: Record<string, [number | null, number | null]>): HumanRow[] {
  return Object.entries(h).flatMap(([country, [t, s]]) => [
    { country, dimension: 'TRADSEC', score: t },
    { country, dimension: 'SURVSELF', score: s },
  ]);
}

function scoreRows(model: string, m: Record<string, [number | null, number | null]>, condition = 'native'): ScoreRow[] {
  return Object.entries(m).flatMap(([country, [t, s]]) => [
    { model, country, condition, dimension: 'TRADSEC', score: t },
    { model, country, condition, dimension: 'SURVSELF', score: s },
  ]);
}

// Human map positions of three countries (source scale) and a model's raw index scores.
//   human TRADSEC 1, 2, 3      → mean 2, sd 1        → z −1, 0, 1
//   human SURVSELF 0, 0, 6     → mean 2, sd √12      → z −1/√3, −1/√3, 2/√3
//   model TRADSEC −0.5, 0.5, 0 → mean 0, sd 0.5      → z −1, 1, 0
//   model SURVSELF 0.1, 0.1, 0.4 → mean 0.2, sd √0.03 → z −1/√3, −1/√3, 2/√3 (same shape as the humans)
const H = humanRows({ AA: [1, 0], BB: [2, 0], CC: [3, 6] });
const M: Record<string, [number, number]> = { AA: [-0.5, 0.1], BB: [0.5, 0.1], CC: [0, 0.4] };
const countries = ['AA', 'BB', 'CC'];
const metric = ivsMapMetric();

describe('standardise', () => {
  it('gives z-scores with the sample sd, 0 for a constant series, null for fewer than two values', () => {
    const z = standardise({ a: 1, b: 2, c: 3 }, ['a', 'b', 'c']);
    expect(z).toEqual({ a: -1, b: 0, c: 1 });
    expect(standardise({ a: 5, b: 5 }, ['a', 'b'])).toEqual({ a: 0, b: 0 });
    expect(standardise({ a: 5, b: null }, ['a', 'b'])).toEqual({ a: null, b: null });
  });
});

describe('IVS map metric (hand-checked 2-D case)', () => {
  const rows = metric.compute({ scores: scoreRows('m', M), human: H, dimensions: dims, countries });
  const row = (c: string) => rows.find((r) => r.country === c)!;

  it('measures the distance on the standardised map', () => {
    // AA: model (−1, −1/√3) = human (−1, −1/√3) → d = 0
    // BB: model (1, −1/√3), human (0, −1/√3)    → d = 1
    // CC: model (0, 2/√3),  human (1, 2/√3)     → d = 1
    expect(row('AA').distance).toBeCloseTo(0, 12);
    expect(row('BB').distance).toBeCloseTo(1, 12);
    expect(row('CC').distance).toBeCloseTo(1, 12);
  });

  it('takes the human global average at the origin: d(G, H) = |H̃|', () => {
    expect(row('AA').baseline_distance).toBeCloseTo(Math.sqrt(1 + 1 / 3), 12);
    expect(row('BB').baseline_distance).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(row('CC').baseline_distance).toBeCloseTo(Math.sqrt(1 + 4 / 3), 12);
  });

  it('gives the 2-D deviation ratio d(G, H) / max(d(M, H), 0.1)', () => {
    expect(MAP_DISTANCE_FLOOR).toBe(0.1);
    expect(row('AA').deviation_ratio).toBeCloseTo(Math.sqrt(4 / 3) / 0.1, 10); // floored: 11.547
    expect(row('BB').deviation_ratio).toBeCloseTo(Math.sqrt(1 / 3), 12); // 0.577
    expect(row('CC').deviation_ratio).toBeCloseTo(Math.sqrt(7 / 3), 12); // 1.528
    expect(rows.map((r) => r.dims)).toEqual([dims, dims, dims]);
    expect(ivsMapMetric({ floor: 0.5 }).compute({ scores: scoreRows('m', M), human: H, dimensions: dims, countries })[0].deviation_ratio).toBeCloseTo(
      Math.sqrt(4 / 3) / 0.5,
      12,
    );
  });

  it('is blind to the unit and origin of the model index (only the arrangement counts)', () => {
    const shifted = Object.fromEntries(Object.entries(M).map(([c, [t, s]]) => [c, [10 * t + 3, 0.5 * s - 7]])) as typeof M;
    const again = metric.compute({ scores: scoreRows('m', shifted), human: H, dimensions: dims, countries });
    again.forEach((r, i) => expect(r.distance).toBeCloseTo(rows[i].distance!, 12));
  });

  it('puts a model that scores every country alike at the human mean: DR = 1 everywhere', () => {
    const flat = metric.compute({ scores: scoreRows('flat', { AA: [0.2, 0.3], BB: [0.2, 0.3], CC: [0.2, 0.3] }), human: H, dimensions: dims, countries });
    for (const r of flat) expect(r.deviation_ratio).toBeCloseTo(1, 12);
  });

  it('standardises each model × condition on its own', () => {
    const scores = [...scoreRows('m', M, 'native'), ...scoreRows('m', { AA: [1, 1], BB: [1, 1], CC: [1, 1] }, 'english'), ...scoreRows('n', M, 'native')];
    const out = metric.compute({ scores, human: H, dimensions: dims, countries });
    expect(out.map((r) => `${r.model}/${r.condition}/${r.country}`)).toEqual([
      'm/native/AA',
      'm/native/BB',
      'm/native/CC',
      'm/english/AA',
      'm/english/BB',
      'm/english/CC',
      'n/native/AA',
      'n/native/BB',
      'n/native/CC',
    ]);
    expect(out.filter((r) => r.condition === 'english').map((r) => r.deviation_ratio)).toEqual([1, 1, 1]);
    expect(out.find((r) => r.model === 'n' && r.country === 'BB')!.distance).toBeCloseTo(1, 12);
  });

  it('drops a dimension the model lacks for a country, and a country without human scores gets nulls', () => {
    const scores = scoreRows('m', { ...M, AA: [null, 0.1], DD: [0, 0] });
    const out = metric.compute({ scores, human: H, dimensions: dims, countries });
    const aa = out.find((r) => r.country === 'AA')!;
    expect(aa.dims).toEqual(['SURVSELF']);
    // TRADSEC is standardised over BB and CC only: both sides z = ∓1/√2, so they agree there.
    const pos = mapPositions({ scores, human: H, dimensions: dims, countries });
    expect(pos.find((p) => p.country === 'BB')!.model_z.TRADSEC).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pos.find((p) => p.country === 'BB')!.human_z.TRADSEC).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(out.find((r) => r.country === 'DD')).toEqual({
      model: 'm',
      country: 'DD',
      condition: 'native',
      deviation_ratio: null,
      distance: null,
      baseline_distance: null,
      dims: [],
    });
  });

  it('cannot compare an axis on which the humans do not differ', () => {
    const flatHuman = humanRows({ AA: [1, 0], BB: [1, 0], CC: [1, 6] });
    const out = metric.compute({ scores: scoreRows('m', M), human: flatHuman, dimensions: dims, countries });
    for (const r of out) expect(r.dims).toEqual(['SURVSELF']);
  });
});
