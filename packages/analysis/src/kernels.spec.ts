import { deviationRatio, distance, kendallTauB, meanAbsoluteError, pearson, sampleSd, spearman, spreadRatio, summarizeRatios } from '@culturebench/core';
import { completePairsInto, deviationRatioN, distanceN, kendallN, maeN, pearsonN, sampleSdN, Scratch, spearmanN, spreadN, summarize } from './kernels.js';
import { mulberry32 } from './rng.js';

const nanToNull = (v: number) => (Number.isNaN(v) ? null : v);

/** Random columns with missing values, ties (coarse values) and the odd constant column. */
function columns(seed: number, n: number): { x: number[]; y: number[] } {
  const rand = mulberry32(seed);
  const coarse = rand() < 0.3;
  const value = () => (rand() < 0.1 ? NaN : coarse ? Math.floor(rand() * 4) : rand() * 100 - 30);
  const x = Array.from({ length: n }, value);
  const y = rand() < 0.05 ? x.map(() => 7) : Array.from({ length: n }, value);
  return { x, y };
}

describe('typed kernels are bit-identical to core metrics', () => {
  const s = new Scratch(40);
  it('on 500 random column pairs (missing values, ties, constants, n from 0 to 25)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { x, y } = columns(seed, seed % 26);
      const coreX = x.map((v) => (Number.isNaN(v) ? null : v));
      const coreY = y.map((v) => (Number.isNaN(v) ? null : v));
      const n = completePairsInto(x, y, s);
      expect(n).toBe(pearson(coreX, coreY).n);
      expect(nanToNull(pearsonN(s.x, s.y, n))).toBe(pearson(coreX, coreY).value);
      expect(nanToNull(spearmanN(s, n))).toBe(spearman(coreX, coreY).value);
      expect(nanToNull(kendallN(s.x, s.y, n))).toBe(kendallTauB(coreX, coreY).value);
      expect(nanToNull(spreadN(s.x, s.y, n))).toBe(spreadRatio(coreX, coreY).value);
      expect(nanToNull(maeN(s.x, s.y, n))).toBe(meanAbsoluteError(coreX, coreY).value);
      expect(nanToNull(sampleSdN(s.x, n))).toBe(sampleSd(Array.from(s.x.subarray(0, n))));
      const sum = summarize(x, s);
      const core = summarizeRatios(coreX);
      expect([nanToNull(sum.mean), nanToNull(sum.median), sum.n]).toEqual([core.mean, core.median, core.n]);
    }
  });

  it('distance and deviation ratio, incl. missing dimensions and the 0.5 floor', () => {
    const dims = ['a', 'b', 'c'];
    const out = { dr: NaN, distance: NaN };
    for (let seed = 1; seed <= 300; seed++) {
      const rand = mulberry32(seed);
      const v = () => (rand() < 0.15 ? NaN : Math.round(rand() * 100));
      const m = [v(), v(), v()];
      const h = [v(), v(), v()];
      // sometimes the model sits on the human vector: d = 0 uses the floor
      if (seed % 10 === 0) m.splice(0, 3, ...h);
      const g = [50, 40, rand() < 0.2 ? NaN : 30];
      const vec = (xs: number[]) => Object.fromEntries(dims.map((d, i) => [d, Number.isNaN(xs[i]!) ? null : xs[i]]));
      const core = deviationRatio({ model: vec(m), human: vec(h), global: vec(g), dimensions: dims });
      deviationRatioN(m, 0, h, 0, g, 3, out);
      expect(nanToNull(out.dr)).toBe(core.deviationRatio);
      expect(nanToNull(out.distance)).toBe(core.distance);
      expect(nanToNull(distanceN(m, 0, h, 0, 3))).toBe(distance(vec(m), vec(h), dims)?.distance ?? null);
    }
  });
});
