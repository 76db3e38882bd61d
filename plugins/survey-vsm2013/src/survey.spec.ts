import { itemMeansBySample, type AnswerRecord } from '@culturebench/core';
import { loadVsm2013 } from './survey.js';

const survey = loadVsm2013();

/** Item means with every item at 3 except the overrides. */
function means(overrides: Record<string, number>): Record<string, number> {
  return Object.fromEntries(survey.items.map((i) => [i.id, overrides[i.id] ?? 3]));
}

describe('VSM 2013 survey plugin', () => {
  it('has the 24 content items, each used once by the six formulas', () => {
    expect(survey.items.map((i) => i.id)).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
    const used = Object.values(survey.scorer.describe()).join(' ').match(/m\d\d/g)!;
    expect(used.sort()).toEqual(survey.items.map((i) => `m${i.id.padStart(2, '0')}`).sort());
  });

  it('gives 0 on every index when all item means are equal (constants 0)', () => {
    expect(survey.scorer.rawScores(means({}))).toEqual({ PDI: 0, IDV: 0, MAS: 0, UAI: 0, LTO: 0, IVR: 0 });
  });

  it('computes each formula as in the manual (hand-worked)', () => {
    // PDI = 35(m07 − m02) + 25(m20 − m23) = 35(4 − 2) + 25(5 − 1) = 70 + 100 = 170
    expect(survey.scorer.rawScores(means({ '7': 4, '2': 2, '20': 5, '23': 1 })).PDI).toBe(170);
    // IDV = 35(m04 − m01) + 35(m09 − m06) = 35(2.5 − 1.5) + 35(3 − 4) = 35 − 35 = 0
    expect(survey.scorer.rawScores(means({ '4': 2.5, '1': 1.5, '9': 3, '6': 4 })).IDV).toBeCloseTo(0, 10);
    // UAI = 40(m18 − m15) + 25(m21 − m24) = 40(2 − 3) + 25(4 − 2) = −40 + 50 = 10
    expect(survey.scorer.rawScores(means({ '18': 2, '15': 3, '21': 4, '24': 2 })).UAI).toBe(10);
    // LTO = 40(m13 − m14) + 25(m19 − m22) = 40(1 − 2) + 25(3 − 1) = −40 + 50 = 10
    expect(survey.scorer.rawScores(means({ '13': 1, '14': 2, '19': 3, '22': 1 })).LTO).toBe(10);
    // IVR = 35(m12 − m11) + 40(m17 − m16) = 35(4 − 2) + 40(2 − 3) = 70 − 40 = 30
    expect(survey.scorer.rawScores(means({ '12': 4, '11': 2, '17': 2, '16': 3 })).IVR).toBe(30);
  });

  it('uses weight 35 for both MAS terms (not the 25 some studies re-typed)', () => {
    // MAS = 35(m05 − m03) + 35(m08 − m10) = 35(1) + 35(1) = 70; with 25 it would be 60.
    expect(survey.scorer.rawScores(means({ '5': 3, '3': 2, '8': 4, '10': 3 })).MAS).toBe(70);
    expect(survey.scorer.describe().MAS).toBe('35(m05 − m03) + 35(m08 − m10) + C(mf)');
  });

  it('codes item 20 on its reversed scale: 1 = never afraid, 5 = always; more fear = more power distance', () => {
    expect(survey.items[19]).toMatchObject({ id: '20', scale: 'frequency_never_first', dimension: 'PDI' });
    expect(survey.languages.en.scales.frequency_never_first).toEqual(['never', 'seldom', 'sometimes', 'usually', 'always']);
    expect(survey.languages.en.scales.frequency_always_first[0]).toBe('always');
    const answers = (code20: number): AnswerRecord[] =>
      survey.items.map((i) => ({ sample: 's', respondent: 'r1', item: i.id, answer: i.id === '20' ? code20 : 3 }));
    const pdi = (code: number) =>
      survey.scorer.rawScores(
        itemMeansBySample(
          answers(code),
          survey.items.map((i) => i.id),
        )[0].means,
      ).PDI!;
    expect(pdi(5)).toBe(50); // 25 × (5 − 3)
    expect(pdi(1)).toBe(-50); // 25 × (1 − 3)
  });

  it('leaves an index missing when one of its items has no valid answer', () => {
    const m: Record<string, number | null> = means({});
    m['7'] = null;
    const s = survey.scorer.rawScores(m);
    expect(s.PDI).toBeNull();
    expect(s.IDV).toBe(0);
  });

  it('ships an English text with every item, scale and persona template', () => {
    const en = survey.languages.en;
    expect(en.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const item of survey.items) {
      expect(en.items[item.id]).toBeTruthy();
      expect(en.scales[item.scale]).toHaveLength(survey.scales[item.scale].size);
    }
    expect(Object.keys(en.persona.templates).length).toBeGreaterThanOrEqual(2);
  });
});
