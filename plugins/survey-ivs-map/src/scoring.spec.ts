import { readFileSync } from 'node:fs';
import { datasetPath } from '@culturebench/core';
import { loadIvsMap } from './survey.js';
import { checkRules, poleScore, type IvsMapRules, type IvsMapScorer } from './scoring.js';

const survey = loadIvsMap();
const scorer = survey.scorer;
const rules = JSON.parse(readFileSync(datasetPath('ivs', 'scoring.json'), 'utf8')) as IvsMapRules;

/** Every item at the middle of its scale, with Y002 answered 1 and 6 once each (recoded mean 2). */
function sample(means: Record<string, number | null>, y002: number[] = [1, 6]) {
  const base: Record<string, number | null> = Object.fromEntries(survey.items.map((i) => [i.id, survey.scales[i.scale].midpoint]));
  const itemMeans = { ...base, Y002: y002.length ? y002.reduce((a, b) => a + b, 0) / y002.length : null, ...means };
  return { itemMeans, answers: { Y002: y002 } };
}

const raw = (means: Record<string, number | null>, y002?: number[]) => {
  const s = sample(means, y002);
  return scorer.rawScores(s.itemMeans, s.answers);
};

describe('pole scores', () => {
  it('rescale an indicator to [−1, 1] with +1 at the secular / self-expression pole', () => {
    expect(poleScore(1, [1, 10], 'low')).toBe(1); // God not at all important → secular
    expect(poleScore(10, [1, 10], 'low')).toBe(-1);
    expect(poleScore(5.5, [1, 10], 'high')).toBe(0);
    expect(poleScore(2, [-2, 2], 'high')).toBe(1); // autonomy index at its maximum
    expect(poleScore(1.75, [1, 2], 'low')).toBe(-0.5); // 75% "be very careful"
  });
});

describe('IVS map scorer', () => {
  it('has the two axes, TRADSEC and SURVSELF, each fed by five of the ten indicators with the published loadings', () => {
    expect(scorer.dimensions).toEqual(['TRADSEC', 'SURVSELF']);
    expect(rules.axes.TRADSEC.loadings).toEqual({ F063: 0.91, Y003: 0.88, F120: 0.82, G006: 0.81, E018: 0.73 });
    expect(rules.axes.SURVSELF.loadings).toEqual({ Y002: 0.87, A008: 0.81, F118: 0.77, E025: 0.74, A165: 0.46 });
    expect(scorer.referencedItems!().sort()).toEqual(survey.items.map((i) => i.id).sort());
  });

  it('gives 0 on both axes when every indicator is at the middle of its range', () => {
    const r = raw({});
    expect(r.TRADSEC).toBeCloseTo(0, 12);
    expect(r.SURVSELF).toBeCloseTo(0, 12);
  });

  it('gives +1 / −1 at the poles', () => {
    // Secular-rational and self-expression extremes.
    const top = raw({ F063: 1, A029: 1, A039: 1, A040: 2, A042: 2, F120: 10, G006: 4, E018: 3, A008: 1, F118: 10, E025: 1, A165: 1 }, [6, 6]);
    expect(top.TRADSEC).toBeCloseTo(1, 12);
    expect(top.SURVSELF).toBeCloseTo(1, 12);
    // Traditional and survival extremes.
    const bottom = raw({ F063: 10, A029: 2, A039: 2, A040: 1, A042: 1, F120: 1, G006: 1, E018: 1, A008: 4, F118: 1, E025: 3, A165: 2 }, [1, 1, 1]);
    expect(bottom.TRADSEC).toBeCloseTo(-1, 12);
    expect(bottom.SURVSELF).toBeCloseTo(-1, 12);
  });

  it('computes TRADSEC by hand', () => {
    // s(F063) = 1 − 2(8.2 − 1)/9 = −0.6
    // Y003 = m(A040) + m(A042) − m(A029) − m(A039) = 1.2 + 1.3 − 1.4 − 1.5 = −0.4; s = 2(−0.4 + 2)/4 − 1 = −0.2
    // s(F120) = 2(3.25 − 1)/9 − 1 = −0.5;  s(G006) = 2(1.75 − 1)/3 − 1 = −0.5;  s(E018) = 2(1.5 − 1)/2 − 1 = −0.5
    // TRADSEC = (0.91·−0.6 + 0.88·−0.2 + 0.82·−0.5 + 0.81·−0.5 + 0.73·−0.5) / 4.15 = −1.902 / 4.15
    const r = raw({ F063: 8.2, A029: 1.4, A039: 1.5, A040: 1.2, A042: 1.3, F120: 3.25, G006: 1.75, E018: 1.5 });
    expect(r.TRADSEC).toBeCloseTo(-1.902 / 4.15, 12);
    expect(r.TRADSEC).toBeCloseTo(-0.458313, 6);
  });

  it('computes SURVSELF by hand, recoding the Y002 goal pairs to the post-materialism index', () => {
    // Y002 answers 1,1,1,2,6 → index 1,1,1,2,3 → mean 1.6 → s = 2(1.6 − 1)/2 − 1 = −0.4
    //   (the mean of the raw codes, 2.2, would be wrong: the scorer must not use it)
    // s(A008) = 1 − 2(1.9 − 1)/3 = 0.4;  s(F118) = 0 at 5.5;  s(E025) = 1 − 2(2.5 − 1)/2 = −0.5;  s(A165) = 1 − 2(1.75 − 1) = −0.5
    // SURVSELF = (0.87·−0.4 + 0.81·0.4 + 0.77·0 + 0.74·−0.5 + 0.46·−0.5) / 3.65 = −0.624 / 3.65
    const r = raw({ A008: 1.9, F118: 5.5, E025: 2.5, A165: 1.75 }, [1, 1, 1, 2, 6]);
    expect(r.SURVSELF).toBeCloseTo(-0.624 / 3.65, 12);
    expect(r.SURVSELF).toBeCloseTo(-0.170959, 6);
  });

  it('maps the six goal pairs to materialist (1), mixed (2 to 5) and post-materialist (6)', () => {
    const indicators = (scorer as IvsMapScorer).indicators;
    const y002 = (codes: number[]) => indicators({}, { Y002: codes }).Y002;
    expect([1, 2, 3, 4, 5, 6].map((c) => y002([c]))).toEqual([1, 2, 2, 2, 2, 3]);
    expect(y002([1, 6, 6])).toBeCloseTo(7 / 3, 12);
    expect(() => y002([7])).toThrow(/answer code 7 has no entry/);
  });

  it('leaves an axis missing when one of its items has no valid answer, never the other axis', () => {
    expect(raw({ F063: null })).toEqual({ TRADSEC: null, SURVSELF: expect.any(Number) });
    expect(raw({ A042: null })).toEqual({ TRADSEC: null, SURVSELF: expect.any(Number) });
    expect(raw({}, [])).toEqual({ TRADSEC: expect.any(Number), SURVSELF: null });
    // Without the answer distribution the recoded Y002 cannot be computed from its mean.
    expect(scorer.rawScores(sample({}).itemMeans).SURVSELF).toBeNull();
  });

  it('describes each formula for the manifest', () => {
    const d = scorer.describe();
    expect(d.TRADSEC).toContain('(0.91·s(F063) + 0.88·s(Y003) + 0.82·s(F120) + 0.81·s(G006) + 0.73·s(E018)) / 4.15');
    expect(d.TRADSEC).toContain('s(F063) = 1 − 2(m(F063) − 1)/9');
    expect(d.TRADSEC).toContain('Y003 = m(A040) + m(A042) − m(A029) − m(A039)');
    expect(d.SURVSELF).toContain('(0.87·s(Y002) + 0.81·s(A008) + 0.77·s(F118) + 0.74·s(E025) + 0.46·s(A165)) / 3.65');
    expect(d.SURVSELF).toContain('Y002 = mean of Y002 recoded 1→1 2→2 3→2 4→2 5→2 6→3');
  });

  it('rejects malformed rules with the field that is wrong', () => {
    const bad = (patch: (r: IvsMapRules) => void) => {
      const r = structuredClone(rules);
      patch(r);
      return () => checkRules(r, 'scoring.json');
    };
    expect(bad((r) => (r.axes.TRADSEC.loadings.X999 = 0.5))).toThrow(/scoring\.json: axes\.TRADSEC\.loadings: unknown indicator "X999"/);
    expect(bad((r) => (r.axes.SURVSELF.loadings.A165 = -0.46))).toThrow(/loading must be positive/);
    expect(bad((r) => (r.indicators.A008.range = [4, 1]))).toThrow(/indicators\.A008\.range/);
    expect(bad((r) => r.dimensions.push('EXTRA'))).toThrow(/dimension EXTRA has no entry under "axes"/);
  });
});
