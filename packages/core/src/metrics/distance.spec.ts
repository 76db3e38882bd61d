import { summarizeRatios } from './aggregate.js';
import { DISTANCE_FLOOR, absoluteError, deviationRatio, distance, globalAverage, meanAbsoluteErrorByDimension } from './distance.js';

const XY = ['x', 'y'];
const XYZ = ['x', 'y', 'z'];

describe('globalAverage', () => {
  it('averages each dimension over the countries that have it', () => {
    const g = globalAverage(
      {
        A: { x: 0, y: 10 },
        B: { x: 6, y: null }, // B has no y: y is averaged over A and C only
        C: { x: 3, y: 20 },
      },
      XYZ,
    );
    expect(g['x']).toBe(3); // (0+6+3)/3
    expect(g['y']).toBe(15); // (10+20)/2, not (10+20)/3
    expect(g['z']).toBeNull(); // nobody has z
  });
});

describe('distance', () => {
  it('is Euclidean: the 3-4-5 triangle', () => {
    expect(distance({ x: 0, y: 0 }, { x: 3, y: 4 }, XY)).toEqual({ distance: 5, dims: ['x', 'y'] });
  });

  it('uses only dimensions present in both and reports them', () => {
    // z missing in b, w missing in a: only x and y count -> 5
    const r = distance({ x: 0, y: 0, z: 1, w: null }, { x: 3, y: 4, z: undefined, w: 7 }, ['x', 'y', 'z', 'w']);
    expect(r).toEqual({ distance: 5, dims: ['x', 'y'] });
  });

  it('ignores dimensions not asked for, treats NaN as missing, and is null with no common dimension', () => {
    expect(distance({ x: 0, y: 0 }, { x: 3, y: 4 }, ['x'])).toEqual({ distance: 3, dims: ['x'] });
    expect(distance({ x: NaN, y: 0 }, { x: 3, y: 4 }, XY)).toEqual({ distance: 4, dims: ['y'] });
    expect(distance({ x: 1 }, { y: 2 }, XY)).toBeNull();
  });
});

describe('deviationRatio', () => {
  // H = (0,0), G = (6,8): d(G,H) = 10 (a 6-8-10 triangle).
  const human = { x: 0, y: 0 };
  const global = { x: 6, y: 8 };

  it('DR = d(G,H)/d(M,H): model half-way to G -> 10/5 = 2', () => {
    const r = deviationRatio({ model: { x: 3, y: 4 }, human, global, dimensions: XY });
    expect(r).toEqual({ deviationRatio: 2, distance: 5, baselineDistance: 10, dimensions: ['x', 'y'], floored: false });
  });

  it('a model answering G has DR = 1', () => {
    expect(deviationRatio({ model: global, human, global, dimensions: XY }).deviationRatio).toBe(1);
  });

  it('a model further away than G has DR < 1: M = (-12,-16), d = 20 -> 10/20', () => {
    expect(deviationRatio({ model: { x: -12, y: -16 }, human, global, dimensions: XY }).deviationRatio).toBe(0.5);
  });

  it('d(M,H) = 0 uses the resolution floor: 10 / 0.5 = 20', () => {
    expect(DISTANCE_FLOOR).toBe(0.5);
    const r = deviationRatio({ model: { x: 0, y: 0 }, human, global, dimensions: XY });
    expect(r.deviationRatio).toBe(20);
    expect(r.distance).toBe(0); // the reported distance stays unfloored
    expect(r.floored).toBe(true);
  });

  it('a tiny d(M,H) is floored too; exactly the floor is not', () => {
    // (0.03, 0.04) -> 0.05 < 0.5 -> 10/0.5 = 20
    const tiny = deviationRatio({ model: { x: 0.03, y: 0.04 }, human, global, dimensions: XY });
    expect(tiny.deviationRatio).toBe(20);
    expect(tiny.floored).toBe(true);
    expect(tiny.distance).toBeCloseTo(0.05, 12);
    // (0.3, 0.4) -> 0.5 -> 10/0.5 = 20, not floored
    const atFloor = deviationRatio({ model: { x: 0.3, y: 0.4 }, human, global, dimensions: XY });
    expect(atFloor.deviationRatio).toBeCloseTo(20, 12);
    expect(atFloor.floored).toBe(false);
  });

  it('accepts another floor', () => {
    // d(M,H) = 0 with floor 2 -> 10/2 = 5
    expect(deviationRatio({ model: human, human, global, dimensions: XY, floor: 2 }).deviationRatio).toBe(5);
  });

  it('a country missing a human dimension is compared on the rest (same dims for both distances)', () => {
    // H has no z: x,y only. d(G,H) = 10, d(M,H) = 5 -> 2. Were z used, M and G would differ there.
    const r = deviationRatio({
      model: { x: 3, y: 4, z: 50 },
      human: { x: 0, y: 0, z: null },
      global: { x: 6, y: 8, z: 100 },
      dimensions: XYZ,
    });
    expect(r.dimensions).toEqual(['x', 'y']);
    expect(r.baselineDistance).toBe(10);
    expect(r.distance).toBe(5);
    expect(r.deviationRatio).toBe(2);
  });

  it('a dimension the model lacks is dropped from the baseline too', () => {
    // In 3-D, d(G,H) = sqrt(6² + 8² + 24²) = sqrt(36+64+576) = sqrt(676) = 26.
    // The model has no z, so both distances use x,y: d(G,H) = 10, d(M,H) = 5 -> DR 2 (not 26/5).
    const h3 = { x: 0, y: 0, z: 0 };
    const g3 = { x: 6, y: 8, z: 24 };
    expect(distance(g3, h3, XYZ)?.distance).toBe(26);
    const r = deviationRatio({ model: { x: 3, y: 4 }, human: h3, global: g3, dimensions: XYZ });
    expect(r.dimensions).toEqual(['x', 'y']);
    expect(r.baselineDistance).toBe(10);
    expect(r.deviationRatio).toBe(2);
  });

  it('no common dimension -> nulls', () => {
    expect(deviationRatio({ model: { x: 1 }, human: { y: 1 }, global: { x: 0, y: 0 }, dimensions: XY })).toEqual({
      deviationRatio: null,
      distance: null,
      baselineDistance: null,
      dimensions: [],
      floored: false,
    });
    expect(deviationRatio({ model: {}, human: {}, global: {}, dimensions: XY }).deviationRatio).toBeNull();
  });
});

describe('absolute error', () => {
  it('|M − H| per dimension, null where either side is missing', () => {
    expect(absoluteError({ x: 3, y: null, z: 9 }, { x: 5, y: 1 }, XYZ)).toEqual({ x: 2, y: null, z: null });
  });

  it('mean absolute error per dimension over countries, skipping missing pairs', () => {
    const r = meanAbsoluteErrorByDimension(
      { A: { x: 3, y: 1 }, B: { x: 10, y: null }, C: { x: 0, y: 4 } },
      { A: { x: 5, y: 1 }, B: { x: 4, y: 2 } }, // no human C
      XYZ,
    );
    expect(r['x']).toEqual({ value: 4, n: 2 }); // A: |3−5| = 2, B: |10−4| = 6 -> 8/2
    expect(r['y']).toEqual({ value: 0, n: 1 }); // A only: |1−1| = 0
    expect(r['z']).toEqual({ value: null, n: 0 });
  });
});

describe('summarizeRatios', () => {
  it('skips missing ratios and reports n', () => {
    // present: 2, 1, 4 -> mean 7/3, median 2
    const s = summarizeRatios([2, null, 1, 4, undefined, NaN]);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(7 / 3, 12);
    expect(s.median).toBe(2);
    expect(summarizeRatios([null])).toEqual({ mean: null, median: null, n: 0 });
  });
});

describe('deviation ratio at G', () => {
  it('is undefined (null), not 0, when the country sits at the global average (0/0)', () => {
    const r = deviationRatio({ model: { A: 10 }, human: { A: 50 }, global: { A: 50 }, dimensions: ['A'] });
    expect(r.deviationRatio).toBeNull();
    expect(r.distance).toBe(40);
  });
});
