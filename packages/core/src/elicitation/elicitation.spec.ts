import { distributionFromLogprobs } from './logprobs.js';
import { distributionMoments, itemMoments } from './distribution.js';
import { parseVerbalized } from './verbalized.js';
import { assertMethodSupported, methodsFor } from './method.js';
import { expandVariants } from '../design.js';
import { cronbachAlpha } from '../reliability/stats.js';
import { mulberry32 } from '../rng.js';

const lp = (p: number) => Math.log(p);

describe('distributionFromLogprobs', () => {
  it('reads the first code position, merges " 3" with "3", renormalises and reports the rest as non-answer', () => {
    const d = distributionFromLogprobs(
      [
        { token: 'Answer', logprob: lp(0.9), top: [] },
        {
          token: ' 3',
          logprob: lp(0.5),
          top: [
            { token: ' 3', logprob: lp(0.5) },
            { token: '3', logprob: lp(0.1) },
            { token: '2', logprob: lp(0.2) },
            { token: ' I', logprob: lp(0.1) },
          ],
        },
      ],
      5,
    )!;
    expect(d.probs.map((p) => +p.toFixed(12))).toEqual([0, 0.25, 0.75, 0, 0]);
    expect(d.nonAnswer).toBeCloseTo(0.2, 12);
  });
  it('returns null when no valid code has probability (a refusal)', () => {
    expect(
      distributionFromLogprobs(
        [
          {
            token: 'I',
            logprob: lp(0.9),
            top: [
              { token: 'I', logprob: lp(0.9) },
              { token: 'As', logprob: lp(0.1) },
            ],
          },
        ],
        5,
      ),
    ).toBeNull();
    expect(distributionFromLogprobs([{ token: '7', logprob: 0, top: [{ token: '7', logprob: 0 }] }], 5)).toBeNull();
  });
});

describe('parseVerbalized', () => {
  it('accepts probabilities or percentages with exactly the codes as keys, mapped back to the original order', () => {
    const r = parseVerbalized('Sure: {"1": 10, "2": 20, "3": 70}', 3, [3, 2, 1]);
    expect(r.ok && r.distribution.probs.map((p) => +p.toFixed(12))).toEqual([0.7, 0.2, 0.1]);
  });
  it.each([
    ['{"1": 0.5, "2": 0.2}', 'missing key'],
    ['{"1": 0.5, "2": 0.2, "3": 0.1}', 'sums to 0.8'],
    ['{"1": 0.5, "2": -0.2, "3": 0.7}', 'negative'],
    ['{"1": "half", "2": 0.2, "3": 0.3}', 'a string'],
    ['{"1": 0.5, "2": 0.5, "3": 0, "4": 0}', 'extra key'],
    ['I would say mostly 1.', 'no JSON'],
    ['{"1": 0.5, "2": 0.5, "3": 0', 'unbalanced'],
  ])('%s is not a distribution (%s)', (text) => {
    expect(parseVerbalized(text, 3).ok).toBe(false);
  });
});

describe('item moments from distributions', () => {
  it('mean of expectations; total variance = within + between; variance of the mean from the spread of expectations', () => {
    const a = { probs: [1, 0, 0] };
    const b = { probs: [0, 0.5, 0.5] };
    expect(distributionMoments(b)).toEqual({ mean: 2.5, variance: 0.25 });
    const m = itemMoments([a, b])!;
    expect(m.mean).toBe(1.75);
    expect(m.answerVariance).toBeCloseTo(0.125 + 0.5625, 12);
    expect(m.varianceOfMean).toBeCloseTo(1.125 / 2, 12);
    expect(itemMoments([])).toBeNull();
  });
});

describe('methods and capabilities', () => {
  it('lists the methods a model can use and refuses the others naming model, method and alternatives', () => {
    expect(methodsFor({ seed: true, logprobs: true, n: true })).toEqual(['sample', 'logprobs', 'n-completions', 'verbalized']);
    expect(methodsFor({ seed: true, logprobs: false, n: false })).toEqual(['sample', 'verbalized']);
    expect(() => assertMethodSupported('c.json', 'llama', { seed: true, logprobs: false, n: false }, 'n-completions')).toThrow(
      /model "llama" cannot use elicitation method "n-completions" \(it needs n\); methods it can use: sample, verbalized/,
    );
  });
});

describe('expandVariants', () => {
  const elicitation = { methods: ['sample', 'logprobs'] as ('sample' | 'logprobs')[], presentation: 'item' as const };
  it('one at a time: the reference and each other level of one factor', () => {
    const v = expandVariants({
      elicitation,
      grid: { optionOrder: ['original', 'reversed'], seeds: [1, 2], mode: 'one-at-a-time' },
      personaTemplate: 't',
      seed: 1,
    });
    expect(v.map((x) => x.id)).toEqual(['reference', 'method=logprobs', 'optionOrder=reversed', 'seed=2']);
  });
  it('full: every combination', () => {
    const v = expandVariants({ elicitation, grid: { optionOrder: ['original', 'reversed'], mode: 'full' }, personaTemplate: 't', seed: 1 });
    expect(v.map((x) => x.id)).toEqual(['reference', 'optionOrder=reversed', 'method=logprobs', 'method=logprobs,optionOrder=reversed']);
  });
  it('a level given twice is bad input', () => {
    expect(() => expandVariants({ elicitation, grid: { labels: ['numbers', 'numbers'], mode: 'full' }, personaTemplate: 't', seed: 1 })).toThrow(/grid.labels/);
  });
});

describe("Cronbach's α against a known truth", () => {
  it('recovers α = kρ / (1 + (k − 1)ρ) for parallel items with reliability ρ', () => {
    // Item = true score + independent error; var(true) = 1, var(error) = 1 → ρ = 0.5; k = 4 → α = 0.8.
    const rand = mulberry32(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const rows = Array.from({ length: 20_000 }, () => {
      const t = normal();
      return [t + normal(), t + normal(), t + normal(), t + normal()];
    });
    expect(cronbachAlpha(rows)!).toBeCloseTo(0.8, 2);
    // Independent items: α ≈ 0.
    const noise = Array.from({ length: 20_000 }, () => [normal(), normal(), normal(), normal()]);
    expect(Math.abs(cronbachAlpha(noise)!)).toBeLessThan(0.03);
    expect(
      cronbachAlpha([
        [1, 2],
        [2, 3],
      ]),
    ).toBeNull();
  });
});
