import { applyConstants, describeConstants, parseConstantsFlag } from './index-constants.js';

const DIMS = ['PDI', 'IDV'];

describe('index constants', () => {
  it('adds fixed constants per dimension', () => {
    const { scores } = applyConstants(
      [
        { group: 'm', country: 'US', dimension: 'PDI', raw: -10 },
        { group: 'm', country: 'US', dimension: 'IDV', raw: null },
      ],
      { mode: 'fixed', values: { PDI: 50, IDV: 50 } },
    );
    expect(scores.map((s) => s.score)).toEqual([40, null]);
  });

  it('anchors the model mean over countries to the human mean, per group and dimension', () => {
    // Human PDI: US 40, CN 80 → mean 60. Model raw: US −10, CN 30 → mean 10. C = 60 − 10 = 50.
    const human = { US: { PDI: 40 }, CN: { PDI: 80 } };
    const { scores, applied } = applyConstants(
      [
        { group: 'a', country: 'US', dimension: 'PDI', raw: -10 },
        { group: 'a', country: 'CN', dimension: 'PDI', raw: 30 },
        { group: 'b', country: 'US', dimension: 'PDI', raw: 0 },
        { group: 'b', country: 'CN', dimension: 'PDI', raw: 0 },
      ],
      { mode: 'anchored' },
      human,
    );
    expect(applied.byGroup.a.PDI).toBe(50);
    expect(scores.slice(0, 2).map((s) => s.score)).toEqual([40, 80]);
    // A model answering the same everywhere is anchored onto the human mean: 60 for both.
    expect(scores.slice(2).map((s) => s.score)).toEqual([60, 60]);
  });

  it('anchors only on countries with both a model and a human value', () => {
    // CN has no human PDI, so only US enters: C = 40 − (−10) = 50.
    const { applied } = applyConstants(
      [
        { group: 'a', country: 'US', dimension: 'PDI', raw: -10 },
        { group: 'a', country: 'CN', dimension: 'PDI', raw: 100 },
      ],
      { mode: 'anchored' },
      { US: { PDI: 40 }, CN: { PDI: null } },
    );
    expect(applied.byGroup.a.PDI).toBe(50);
  });

  it('parses the CLI forms and rejects unknown dimensions', () => {
    expect(parseConstantsFlag('0', DIMS)).toEqual({ mode: 'fixed', values: { PDI: 0, IDV: 0 } });
    expect(parseConstantsFlag('PDI=20', DIMS)).toEqual({ mode: 'fixed', values: { PDI: 20, IDV: 0 } });
    expect(parseConstantsFlag('anchored', DIMS)).toEqual({ mode: 'anchored' });
    expect(() => parseConstantsFlag('XYZ=1', DIMS)).toThrow(/unknown dimension "XYZ"/);
    expect(() => parseConstantsFlag('PDI:1', DIMS)).toThrow(/not DIM=NUMBER/);
    expect(describeConstants({ mode: 'fixed', values: { PDI: 50 } })).toBe('fixed: PDI=50');
  });
});
