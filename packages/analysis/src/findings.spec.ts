import { keyFindings } from './findings.js';
import type { Interval, ResultsDocument } from './results.js';

const iv = (estimate: number, lo: number, hi: number): Interval => ({ estimate, lo, hi });

function doc(over: Partial<Omit<ResultsDocument, 'manifest'>>): Omit<ResultsDocument, 'manifest'> {
  return {
    schema: 'culturebench-results/1',
    runId: 'r',
    bootstrap: { replicates: 100, seed: 1, level: 0.95, method: '' },
    dimensions: ['X', 'Y'],
    human: { countries: {}, global: {} },
    models: [
      { id: 'a', kind: 'llm', origin: 'US', provider: 'p' },
      { id: 'b', kind: 'llm', origin: 'US', provider: 'p' },
      { id: 'mid', kind: 'baseline', origin: null, provider: 'baseline' },
    ],
    countries: [],
    conditions: ['native'],
    headline: 'native',
    constants: { mode: 'fixed', description: '', values: [] },
    countryBasis: 'llm',
    scores: [],
    alignment: [],
    perCountry: [],
    perModel: [],
    skill: [],
    alignmentCorrected: [],
    countrySkill: [],
    skillNote: null,
    middleGround: [],
    middleGroundDistance: [],
    origin: [],
    language: [],
    dimensionAgreement: [],
    disattenuatedCorrelation: [],
    webContent: [],
    answers: [],
    findings: [],
    ...over,
  };
}

const pm = (model: string, meanDr: Interval, rank: number) => ({
  model,
  condition: 'native',
  meanDr,
  medianDr: meanDr,
  nCountries: 4,
  rank,
  rankProbabilities: rank === 1 ? [0.8, 0.2] : [0.2, 0.8],
  rankInterval: { lo: 1, hi: 2 },
});

describe('keyFindings', () => {
  it('best model with its rank stability, and how many LLMs beat the global average', () => {
    const f = keyFindings(doc({ perModel: [pm('a', iv(1.5, 1.2, 1.8), 1), pm('b', iv(1.1, 0.9, 1.3), 2)] }));
    expect(f[0]).toBe(
      'Among 2 LLMs, a aligns best (mean DR 1.50 [1.20, 1.80]; rank interval 1–2, P(rank 1) = 0.80); 1 of 2 has a mean DR clearly above 1, i.e. closer to the countries than the human global average.',
    );
  });

  it('claims an origin effect only when the interval excludes 0 and the test can reach p ≤ 0.05', () => {
    const origin = (d: Interval, p: number | null, n: number): ResultsDocument['origin'] => [
      {
        pair: ['US', 'CN'],
        condition: 'native',
        groups: [],
        models: [],
        tests: [{ origin: 'US', meanDifference: d, pValue: p, test: p === null ? 'none' : 'exact sign-flip permutation', n, note: null }],
        notes: [],
      },
    ];
    expect(keyFindings(doc({ origin: origin(iv(0.4, 0.2, 0.6), 0.03125, 6) })).join(' ')).toContain(
      'US-origin LLMs (n = 6) align better with US than with CN (mean DR(US) − DR(CN) = 0.40 [0.20, 0.60]; sign-flip p = 0.031).',
    );
    // 3 models: the smallest attainable p is 2/2³ = 0.25, so no direction even though the interval excludes 0
    expect(keyFindings(doc({ origin: origin(iv(0.4, 0.2, 0.6), 0.25, 3) })).join(' ')).toContain(
      'US-origin LLMs (n = 3) show no clear difference between US and CN (mean DR(US) − DR(CN) = 0.40 [0.20, 0.60]; sign-flip p = 0.250; with 3 models the smallest attainable p is 0.2500).',
    );
    expect(keyFindings(doc({ origin: origin(iv(0.4, -0.1, 0.6), null, 1) })).join(' ')).toContain(
      'US-origin LLMs (n = 1) show no clear difference between US and CN (mean DR(US) − DR(CN) = 0.40 [-0.10, 0.60]; too few models for a paired test).',
    );
  });

  it('compression on k of the dimensions', () => {
    const mg = (model: string, dimension: string, v: number) => ({ model, condition: 'native', dimension, spreadRatio: iv(v, v, v), modelSd: 1, humanSd: 1 });
    const f = keyFindings(doc({ middleGround: [mg('a', 'X', 0.5), mg('a', 'Y', 1.2), mg('b', 'X', 0.3), mg('b', 'Y', 0.9), mg('mid', 'X', 0)] }));
    // mean over LLMs: X 0.4, Y 1.05 -> 1 of 2 dimensions
    expect(f.join(' ')).toContain('LLMs compress country differences on 1 of 2 dimensions (mean spread ratio over the LLMs below 1; strongest on X at 0.40).');
  });

  it('baselines only: says the baselines only anchor the scale', () => {
    const f = keyFindings(
      doc({
        models: [{ id: 'mid', kind: 'baseline', origin: null, provider: 'baseline' }],
        countryBasis: 'baseline',
        perModel: [pm('mid', iv(1, 1, 1), 1)],
        perCountry: [{ country: 'US', condition: 'native', rank: 1, meanDr: iv(1.2, 1, 1.4), medianDr: 1.2, nModels: 1, baselineDistance: 30 }],
      }),
    );
    expect(f[0]).toBe(
      'No LLM was run; the baselines only anchor the scale: mid has mean DR 1.00 [1.00, 1.00], and the human global average has DR 1 by construction.',
    );
    // one country: no best/worst-country finding below 5 countries
    expect(f[1]).toBe('Only 1 country was run (US): no best/worst-country or across-country correlation findings below 5 countries.');
    expect(f[2]).toMatch(/need LLM answers/);
    expect(f).toHaveLength(3);
  });
});
