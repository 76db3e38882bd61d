import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { buildContext } from './analyse-run.js';
import { RespondentBootstrap } from './bootstrap.js';
import { si } from './context.js';
import { simulateRecords, simulatedManifest, type SimulationDesign } from './simulation.js';
import { scorerGradient } from './variance.js';

const survey = loadVsm2013();

function design(refusal: number): SimulationDesign {
  const cum = Float64Array.of(0.1, 0.3, 0.6, 0.85, 1);
  return {
    survey,
    countries: [
      { code: 'US', language: 'en' },
      { code: 'JP', language: 'ja' },
    ],
    conditions: [{ id: 'native', language: 'native' }],
    aggregates: [],
    headline: 'native',
    constants: { mode: 'global' },
    models: [{ id: 'sim', cumulative: () => cum, refusal }],
    respondents: 15,
  };
}

describe('index variance from the respondents', () => {
  it('VSM: the gradient is the manual weights (PDI = 35(m07 − m02) + 25(m20 − m23))', () => {
    const g = scorerGradient(survey, survey.scorer.dimensions)!;
    const pdi = new Map([...g.items[0]!].map((i, t) => [survey.items[i]!.id, g.weights[0]![t]!]));
    expect(Object.fromEntries([...pdi].map(([k, v]) => [k, Math.round(v * 1e9) / 1e9]))).toEqual({ '2': -35, '7': 35, '20': 25, '23': -25 });
  });

  it('complete answers: Var = s²(y)/n of the respondents’ own index values', () => {
    const d = design(0);
    const records = simulateRecords(d, 4);
    const ctx = buildContext(simulatedManifest(d, 4), survey, records, 4);
    const real = new RespondentBootstrap(ctx, survey, records, simulatedManifest(d, 4).config).observed();
    // by hand for US, PDI: y_r = 35(x07 − x02) + 25(x20 − x23)
    const us = records.filter((r) => r.country === 'US');
    const ans = (r: number, item: string) => us.find((x) => x.respondent === r && x.item === item)!.answer!;
    const y = Array.from({ length: 15 }, (_, r) => 35 * (ans(r, '7') - ans(r, '2')) + 25 * (ans(r, '20') - ans(r, '23')));
    const mean = y.reduce((a, b) => a + b, 0) / 15;
    const s2 = y.reduce((a, b) => a + (b - mean) ** 2, 0) / 14;
    expect(real.variance[si(ctx, 0, ctx.countries.indexOf('US'), 0, 0)]).toBeCloseTo(s2 / 15, 9);
  });

  it('with refusals (not imputed) the delta-method variance stays finite and close to the complete-data value', () => {
    const d = design(0.1);
    const records = simulateRecords(d, 5);
    const ctx = buildContext(simulatedManifest(d, 5), survey, records, 5);
    const real = new RespondentBootstrap(ctx, survey, records, simulatedManifest(d, 5).config).observed();
    for (let dim = 0; dim < 6; dim++) {
      const v = real.variance[si(ctx, 0, 0, 0, dim)]!;
      expect(Number.isFinite(v) && v > 0).toBe(true);
    }
  });
});
