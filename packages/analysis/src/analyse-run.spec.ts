import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, HUMAN_GLOBAL_AVERAGE, latestRecords, readResponses } from '@culturebench/core';
import { analyseRecords, analyseRun, buildContext, realisationFromAnalysis } from './analyse-run.js';
import { MIN_COUNTRIES } from './limits.js';
import { RespondentBootstrap } from './bootstrap.js';
import { ai } from './context.js';
import { manifestFor, recordsFor, tinySurvey, writeRun, type Answer, type RunSpec } from './testing/fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-analysis-'));
  dirs.push(d);
  return d;
}

/*
 * A run small enough to check by hand. Survey: X = 20(m1 − 1), Y = 20(m2 − 1). Humans US (60,40),
 * CN (0,40), so G = (30,40) and d(G,US) = d(G,CN) = 30. Conditions: native (US en, CN zh),
 * english (en), and the language average. Two respondents per sample.
 *
 *   A  US en  [4,3] [4,4]        m = 4, 3.5       -> (60, 50): d = 10, DR 3
 *   A  CN zh  [1,4] [1,refusal]  m = 1, 4         -> (0, 60):  d = 20, DR 1.5 (constant answers)
 *   A  CN en  [1,3] [3,3]        m = 2, 3         -> (20, 40): d = 20, DR 1.5
 *   mid       [3,3] everywhere                    -> (40, 40): US d = 20, DR 1.5; CN d = 40, DR 0.75
 *
 * Language average: US has one language (en) -> (60,50); CN averages zh and en -> (10, 50):
 * d = sqrt(10² + 10²) -> DR 30 / sqrt(200) = 2.1213.
 */
const TINY: RunSpec = {
  models: [
    { id: 'A', kind: 'llm', origin: 'US' },
    { id: 'mid', kind: 'baseline' },
  ],
  countries: [
    { code: 'US', language: 'en' },
    { code: 'CN', language: 'zh' },
  ],
  conditions: [
    { id: 'native', language: 'native' },
    { id: 'english', language: 'en' },
  ],
  aggregates: ['language-average'],
  headline: 'language-average',
  seed: 11,
};
const TINY_ANSWERS: Record<string, Answer[][]> = {
  'A US en': [
    [4, 3],
    [4, 4],
  ],
  'A CN zh': [
    [1, 4],
    [1, 'refusal'],
  ],
  'A CN en': [
    [1, 3],
    [3, 3],
  ],
};

describe('analyseRun on a hand-checkable run', () => {
  const survey = tinySurvey();
  const manifest = manifestFor(TINY, survey);
  const records = recordsFor(TINY, survey, (m, c, l) =>
    m === 'mid'
      ? [
          [3, 3],
          [3, 3],
        ]
      : (TINY_ANSWERS[`${m} ${c} ${l}`] ?? null),
  );
  const dir = writeRun(join(tempDir(), 'tiny'), manifest, records);
  const doc = analyseRun(dir, survey, { replicates: 2000 });
  const dr = (model: string, country: string, condition: string) =>
    doc.alignment.find((a) => a.model === model && a.country === country && a.condition === condition)!.dr;
  const score = (model: string, country: string, condition: string, dimension: string) =>
    doc.scores.find((s) => s.model === model && s.country === country && s.condition === condition && s.dimension === dimension)!.score;

  it('point estimates match the hand computation', () => {
    expect(doc.human.global).toEqual({ X: 30, Y: 40 });
    expect(dr('A', 'US', 'native').estimate).toBe(3);
    expect(dr('A', 'CN', 'native').estimate).toBe(1.5);
    expect(dr('A', 'CN', 'english').estimate).toBe(1.5);
    expect(dr('A', 'CN', 'language-average').estimate).toBeCloseTo(30 / Math.sqrt(200), 6);
    expect(dr('mid', 'US', 'native').estimate).toBe(1.5);
    expect(dr('mid', 'CN', 'native').estimate).toBe(0.75);
    expect(score('A', 'CN', 'language-average', 'X').estimate).toBe(10);
    // per model, native: A (3 + 1.5)/2 = 2.25; mid (1.5 + 0.75)/2 = 1.125
    const pm = doc.perModel.filter((r) => r.condition === 'native');
    expect(pm.map((r) => [r.model, r.meanDr.estimate, r.rank])).toEqual([
      ['A', 2.25, 1],
      ['mid', 1.125, 2],
      [HUMAN_GLOBAL_AVERAGE, 1, 3],
    ]);
    // per country over the LLM (A) only
    expect(doc.countryBasis).toBe('llm');
    expect(doc.perCountry.filter((r) => r.condition === 'native').map((r) => [r.country, r.meanDr.estimate])).toEqual([
      ['US', 3],
      ['CN', 1.5],
    ]);
  });

  it('intervals: respondents are resampled within each sample', () => {
    // A CN en: m1 over two draws of {1, 3} is 1, 2 or 3 with P 1/4, 1/2, 1/4 -> X in {0, 20, 40}
    expect(score('A', 'CN', 'english', 'X')).toEqual({ estimate: 20, lo: 0, hi: 40 });
    // Y answers are 3 and 3: no variation
    expect(score('A', 'CN', 'english', 'Y')).toEqual({ estimate: 40, lo: 40, hi: 40 });
    // A CN zh: item 1 is always 1 (X = 0). Respondent 2 refused item 2, so when both draws are
    // respondent 2 (P = 1/4) Y is missing and DR uses X alone: d(G,H) = 30, d(M,H) = 0 -> floor
    // 0.5 -> DR 60; otherwise Y = 60 and DR = 1.5.
    expect(dr('A', 'CN', 'native')).toEqual({ estimate: 1.5, lo: 1.5, hi: 60 });
    expect(score('A', 'CN', 'native', 'X')).toEqual({ estimate: 0, lo: 0, hi: 0 });
    // A US en item 2: {3, 4} -> Y in {40, 50, 60} -> d in {0 (floored to 0.5), 10, 20} -> DR in {60, 3, 1.5}
    expect(dr('A', 'US', 'native')).toEqual({ estimate: 3, lo: 1.5, hi: 60 });
    // the reference row has DR 1 by construction
    expect(dr(HUMAN_GLOBAL_AVERAGE, 'CN', 'language-average')).toEqual({ estimate: 1, lo: 1, hi: 1 });
    const ref = doc.perModel.find((r) => r.model === HUMAN_GLOBAL_AVERAGE && r.condition === 'native')!;
    expect(ref.meanDr).toEqual({ estimate: 1, lo: 1, hi: 1 });
    // the middle baseline's answers never vary: zero-width
    const mid = doc.perModel.find((r) => r.model === 'mid' && r.condition === 'native')!;
    expect(mid.meanDr).toEqual({ estimate: 1.125, lo: 1.125, hi: 1.125 });
  });

  it('answers, constants and the frame', () => {
    expect(doc.answers.find((a) => a.model === 'A' && a.language === 'zh')).toEqual({
      model: 'A',
      language: 'zh',
      total: 4,
      answers: 3,
      refusals: 1,
      invalid: 0,
      errors: 0,
    });
    expect(doc.constants.mode).toBe('fixed');
    expect(doc.constants.values.filter((v) => v.model === 'A').every((v) => v.value === 0)).toBe(true);
    expect(doc.models.map((m) => [m.id, m.kind])).toEqual([
      ['A', 'llm'],
      ['mid', 'baseline'],
      [HUMAN_GLOBAL_AVERAGE, 'reference'],
    ]);
    expect(doc.conditions).toEqual(['native', 'english', 'language-average']);
    expect(doc.countries.map((c) => [c.code, c.name, c.direction])).toEqual([
      ['US', 'United States', 'ltr'],
      ['CN', 'China', 'ltr'],
    ]);
    expect(doc.bootstrap).toMatchObject({ replicates: 2000, seed: 11, level: 0.95 });
  });

  it('the origin analysis says why there is no test', () => {
    const o = doc.origin.find((x) => x.condition === 'native')!;
    expect(o.tests).toEqual([expect.objectContaining({ origin: 'US', n: 1, pValue: null, test: 'none', note: expect.stringMatching(/needs at least 2/) })]);
  });

  it("reuses the caller's summary of the records instead of running core's analyse() again", () => {
    const summary = analyse(records, manifest, survey);
    const reused = analyseRecords(records, manifest, survey, { replicates: 50, summary });
    expect(JSON.stringify(reused)).toBe(JSON.stringify(analyseRecords(records, manifest, survey, { replicates: 50 })));
    // the summary given is the one read (its answer counts end up in the document), not recomputed
    const marked = { ...summary, answers: summary.answers.map((a) => ({ ...a, total: a.total + 1000 })) };
    const doc2 = analyseRecords(records, manifest, survey, { replicates: 0, summary: marked });
    expect(doc2.answers.find((a) => a.model === 'A' && a.language === 'zh')!.total).toBe(1004);
  });

  it('rejects bad options', () => {
    expect(() => analyseRun(dir, survey, { replicates: -1 })).toThrow(/replicates/);
    expect(() => analyseRun(dir, survey, { originPairs: [['US', 'FR']] })).toThrow(/"FR" is not in this run/);
  });
});

describe('the bootstrap reproduces core exactly on the observed data', () => {
  it('VSM 2013, anchored constants, refusals, errors and a missing sample', async () => {
    const { loadVsm2013 } = await import('@culturebench/survey-vsm2013');
    const survey = loadVsm2013();
    const spec: RunSpec = {
      models: [
        { id: 'llm-us', kind: 'llm', origin: 'US' },
        { id: 'llm-cn', kind: 'llm', origin: 'CN' },
        { id: 'baseline-middle', kind: 'baseline' },
      ],
      countries: [
        { code: 'US', language: 'en' },
        { code: 'CN', language: 'zh' },
        { code: 'DE', language: 'de' },
        { code: 'BR', language: 'pt-BR' },
      ],
      conditions: [
        { id: 'native', language: 'native' },
        { id: 'english', language: 'en' },
        { id: 'chinese', language: 'zh' },
      ],
      aggregates: ['language-average'],
      headline: 'language-average',
      constants: { mode: 'anchored' },
      samples: 6,
    };
    let n = 0;
    const records = recordsFor(spec, survey, (m, c, l) => {
      if (m === 'llm-cn' && c === 'DE' && l === 'de') return null; // a missing sample: DE native and its language average are missing
      if (m === 'baseline-middle') return Array.from({ length: 6 }, () => survey.items.map(() => 3));
      return Array.from({ length: 6 }, () =>
        survey.items.map(() => {
          n = (n * 1103515245 + 12345) % 2147483648;
          const u = n / 2147483648;
          return u < 0.03 ? 'refusal' : u < 0.05 ? 'error' : 1 + Math.floor(u * 5);
        }),
      );
    });
    const manifest = manifestFor(spec, survey);
    const analysis = analyse(records, manifest, survey);
    const ctx = buildContext(manifest, survey, records, 1);
    const fromCore = realisationFromAnalysis(ctx, analysis);
    const observed = new RespondentBootstrap(ctx, survey, records, manifest.config).observed();
    // bit-identical: scores (incl. anchoring and the language average), DR and distances
    expect(Array.from(observed.scores)).toEqual(Array.from(fromCore.scores));
    expect(Array.from(observed.dr)).toEqual(Array.from(fromCore.dr));
    expect(Array.from(observed.distance)).toEqual(Array.from(fromCore.distance));
    expect(observed.dr[ai(ctx, 1, 2, 0)]).toBeNaN(); // llm-cn × DE × native

    // and the analyses' point estimates equal core's tables
    const doc = analyseRecords(records, manifest, survey, { replicates: 50 });
    for (const m of analysis.models) {
      const row = doc.perModel.find((r) => r.model === m.model && r.condition === m.condition)!;
      expect(row.meanDr.estimate).toBeCloseTo(m.mean_dr!, 6);
      expect(row.medianDr.estimate).toBeCloseTo(m.median_dr!, 6);
      expect(row.nCountries).toBe(m.n_countries);
    }
    for (const c of analysis.countries) {
      const row = doc.perCountry.find((r) => r.country === c.country && r.condition === c.condition)!;
      expect(row.meanDr.estimate).toBeCloseTo(c.mean_dr!, 6);
      expect(row.nModels).toBe(c.n_models);
    }
    for (const a of analysis.agreement) {
      const row = doc.dimensionAgreement.find((r) => r.model === a.model && r.condition === a.condition && r.dimension === a.dimension)!;
      const spread = doc.middleGround.find((r) => r.model === a.model && r.condition === a.condition && r.dimension === a.dimension)!;
      // 4 countries: below the 5-country minimum the correlations are withheld (MAE and spread are not correlations)
      const few = row.n < MIN_COUNTRIES;
      for (const [mine, core] of [
        [row.pearson.estimate, few ? null : a.pearson],
        [row.spearman.estimate, few ? null : a.spearman],
        [row.kendall.estimate, few ? null : a.kendall],
        [row.meanAbsError.estimate, a.mean_abs_error],
        [spread.spreadRatio.estimate, a.spread_ratio],
      ] as const) {
        if (core === null) expect(mine).toBeNull();
        else expect(mine).toBeCloseTo(core, 6);
      }
      expect(row.n).toBe(a.n);
    }
    // the middle baseline, anchored, answers G: DR 1 everywhere, zero-width
    expect(doc.perModel.find((r) => r.model === 'baseline-middle' && r.condition === 'native')!.meanDr).toEqual({ estimate: 1, lo: 1, hi: 1 });
  });
});

describe('a full-size run', () => {
  it('200 replicates of a 2-baseline × 20-country × 3-condition × 20-respondent VSM run', async () => {
    const { loadVsm2013 } = await import('@culturebench/survey-vsm2013');
    const { loadBenchmarkCountries } = await import('@culturebench/core');
    const survey = loadVsm2013();
    const countries = Object.values(loadBenchmarkCountries()).map((c) => ({ code: c.iso2, language: c.language }));
    const spec: RunSpec = {
      models: [
        { id: 'baseline-random', kind: 'baseline' },
        { id: 'baseline-middle', kind: 'baseline' },
      ],
      countries,
      conditions: [
        { id: 'native', language: 'native' },
        { id: 'english', language: 'en' },
        { id: 'chinese', language: 'zh' },
      ],
      aggregates: ['language-average'],
      headline: 'language-average',
      constants: { mode: 'anchored' },
      samples: 20,
    };
    let seed = 1;
    const records = recordsFor(spec, survey, (m) =>
      Array.from({ length: 20 }, () => survey.items.map(() => (m === 'baseline-middle' ? 3 : 1 + (((seed = (seed * 48271) % 2147483647) >>> 0) % 5)))),
    );
    expect(records).toHaveLength(2 * 58 * 24 * 20);
    const manifest = manifestFor(spec, survey);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const doc = analyseRecords(records, manifest, survey, { replicates: 200 });
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    console.log(`analyseRecords, 200 replicates, 55,680 records: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
    expect(doc.perModel.length).toBeGreaterThan(0);
    expect(doc.skill.length).toBeGreaterThan(0);
    // No wall-clock bound here (the machine is shared; speed targets live in benchmarks:perf and
    // benchmarks/README.md, "culturebench report at paper scale"); the line above logs the time.
  });
});

describe('analyseRun reads what the runner wrote', () => {
  it('uses the latest record per request key', () => {
    const survey = tinySurvey();
    const spec: RunSpec = { ...TINY, models: [{ id: 'A', kind: 'llm' }] };
    const recs = recordsFor(spec, survey, (_m, c, l) => TINY_ANSWERS[`A ${c} ${l}`] ?? null);
    // an error row superseded by a retry with the same key
    const retried = { ...recs[0]!, answer: null, parsed: null, error: 'timeout' };
    const dir = writeRun(join(tempDir(), 'retry'), manifestFor(spec, survey), [retried, ...recs]);
    expect(latestRecords(readResponses(join(dir, 'responses.jsonl')).records)).toHaveLength(recs.length);
    const doc = analyseRun(dir, survey, { replicates: 10 });
    expect(doc.alignment.find((a) => a.model === 'A' && a.country === 'US' && a.condition === 'native')!.dr.estimate).toBe(3);
  });
});

describe('generic survey hooks', () => {
  const spec: RunSpec = { ...TINY, models: [{ id: 'A', kind: 'llm' }] };

  it("a survey's own alignment metric is used for the point and every replicate", () => {
    const base = tinySurvey();
    // "DR" = minus the distance on X alone
    const survey = {
      ...base,
      alignmentMetric: {
        id: 'neg-x',
        description: 'test',
        compute: ({ scores }: { scores: { model: string; country: string; condition: string; dimension: string; score: number | null }[] }) =>
          scores
            .filter((s) => s.dimension === 'X')
            .map((s) => ({
              model: s.model,
              country: s.country,
              condition: s.condition,
              deviation_ratio: s.score === null ? null : -Math.abs(s.score - base.groundTruth.countries[s.country]!['X']!),
              distance: null,
              baseline_distance: null,
              dims: ['X'],
            })),
      },
    };
    const recs = recordsFor(spec, survey, (_m, c, l) => TINY_ANSWERS[`A ${c} ${l}`] ?? null);
    const doc = analyseRecords(recs, manifestFor(spec, survey), survey, { replicates: 400 });
    // A CN english: X in {0, 20, 40} (estimate 20) vs human 0 -> −20, interval [−40, 0]
    expect(doc.alignment.find((a) => a.model === 'A' && a.country === 'CN' && a.condition === 'english')!.dr).toEqual({ estimate: -20, lo: -40, hi: 0 });
  });

  it('a scorer that reads the answer distribution gets the drawn codes', () => {
    const base = tinySurvey();
    // X = 100 × share of item-1 answers ≥ 3; Y from the mean as before
    const survey = {
      ...base,
      scorer: {
        ...base.scorer,
        needsDistributions: true,
        rawScores(means: Record<string, number | null>, answers?: Record<string, number[]>) {
          const a = answers?.['1'] ?? [];
          return { X: a.length ? (100 * a.filter((x) => x >= 3).length) / a.length : null, Y: means['2'] == null ? null : 20 * (means['2'] - 1) };
        },
      },
    };
    const recs = recordsFor(spec, survey, (_m, c, l) => TINY_ANSWERS[`A ${c} ${l}`] ?? null);
    const manifest = manifestFor(spec, survey);
    const ctx = buildContext(manifest, survey, recs, 1);
    const observed = new RespondentBootstrap(ctx, survey, recs, manifest.config).observed();
    expect(Array.from(observed.scores)).toEqual(Array.from(realisationFromAnalysis(ctx, analyse(recs, manifest, survey)).scores));
    const doc = analyseRecords(recs, manifest, survey, { replicates: 400 });
    // A CN english item 1 answers {1, 3}: share ≥ 3 over two draws is 0, 50 or 100 %
    expect(doc.scores.find((s) => s.model === 'A' && s.country === 'CN' && s.condition === 'english' && s.dimension === 'X')!.score).toEqual({
      estimate: 50,
      lo: 0,
      hi: 100,
    });
  });
});
