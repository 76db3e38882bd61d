import { estimate } from '../estimate.js';
import { baseline, llm, realisationOf, TABLE, tinyContext } from '../testing/fixtures.js';
import { middleGroundStatistic } from './middle-ground.js';

describe('middleGround (Figure 1)', () => {
  const ctx = tinyContext([llm('A'), baseline('mid')]);
  const mg = estimate(ctx, { mg: middleGroundStatistic }, realisationOf(ctx, TABLE), [], 0, 1).mg;
  const spread = (model: string, dim: string) => mg.spread.find((r) => r.model === model && r.dimension === dim)!;

  it('spread ratio per dimension = sd over countries of model / of human', () => {
    // A's X = 60, 0, 30, 30 = the human X -> 1
    expect(spread('A', 'X').spreadRatio.estimate).toBeCloseTo(1, 12);
    // Y: model 50,55,20,40 (mean 41.25, SS 718.75); human 40,40,0,80 (mean 40, SS 3200)
    expect(spread('A', 'Y').spreadRatio.estimate).toBeCloseTo(Math.sqrt(718.75 / 3200), 12);
    expect(spread('A', 'Y').modelSd).toBeCloseTo(Math.sqrt(718.75 / 3), 12);
    expect(spread('A', 'Y').humanSd).toBeCloseTo(Math.sqrt(3200 / 3), 12);
    // the middle baseline and the reference give every country the same scores: full compression
    expect(spread('mid', 'X').spreadRatio.estimate).toBe(0);
    expect(spread('human-global-average', 'Y').spreadRatio.estimate).toBe(0);
  });

  it('mean distance to G vs to the countries', () => {
    const a = mg.distance.find((r) => r.model === 'A')!;
    // d(M,G): US sqrt(30²+10²), CN sqrt(30²+15²), DE 20, JP 0; d(M,H): 10, 15, 20, 40; d(H,G): 30, 30, 40, 40
    expect(a.toGlobal.estimate).toBeCloseTo((Math.sqrt(1000) + Math.sqrt(1125) + 20 + 0) / 4, 12);
    expect(a.toCountry.estimate).toBe(21.25);
    expect(a.humanToGlobal).toBe(35);
    expect(a.nCountries).toBe(4);
    const mid = mg.distance.find((r) => r.model === 'mid')!;
    expect([mid.toGlobal.estimate, mid.toCountry.estimate]).toEqual([0, 35]);
  });
});
