import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, InputError, surveyPrompter, validateSurvey, type MetricInput } from '@culturebench/core';
import { loadCountryTable, resolveCountry } from './countries.js';
import { jsDistance } from './jsd.js';
import { jsSimilarityMetric } from './metric.js';
import { loadOpinions, loadOpinionsExample, loadOpinionsFromEnv, opinionsOptionsFromEnv } from './survey.js';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-opinions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function writeCsv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['question,selections,options,source', ...lines].join('\n') + '\n');
  return file;
}

describe('the synthetic example as a survey', () => {
  const survey = loadOpinionsExample();

  it('passes the core survey validation (texts, scales, ground truth, scoring references)', () => {
    expect(validateSurvey(survey)).toEqual([]);
  });

  it('has six items, each its own scale with as many codes as options', () => {
    expect(survey.id).toBe('opinions-example');
    expect(survey.items.map((i) => i.id)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
    expect(survey.items.map((i) => survey.scales[i.scale].size)).toEqual([4, 3, 4, 2, 5, 3]);
    expect(survey.scorer.dimensions.slice(0, 5)).toEqual(['q0:1', 'q0:2', 'q0:3', 'q0:4', 'q1:1']);
    expect(survey.scorer.dimensions).toHaveLength(4 + 3 + 4 + 2 + 5 + 3);
  });

  it('keys the ground truth by ISO code: current national samples kept, non-national left out', () => {
    const gt = survey.groundTruth;
    expect(Object.keys(gt.countries)).toEqual(['CN', 'DE', 'IN', 'NG', 'US']);
    expect(gt.name).toMatch(/SYNTHETIC/);
    expect(['q0:1', 'q0:2', 'q0:3', 'q0:4'].map((d) => gt.countries.US[d])).toEqual([0.33, 0.45, 0.15, 0.07]);
    expect(['q0:1', 'q0:2', 'q0:3', 'q0:4'].map((d) => gt.countries.NG[d])).toEqual([0.21, 0.4, 0.24, 0.15]); // not the non-national 0.3s
    expect(gt.countries.IN['q0:1']).toBe(0.44); // "India (Current national sample)"
    expect(gt.countries.CN['q3:1']).toBeNull(); // China has no data for q3
    expect(survey.diagnostics.excluded).toEqual({ 'Nigeria (Non-national sample)': 1 });
    expect(survey.diagnostics.unmapped).toEqual({});
    expect(gt.hash).toBe(fileSha256(datasetPath('opinions', 'synthetic-example.csv')));
  });

  it('renders the question with its own options and the VSM persona block', () => {
    const vsmEn = JSON.parse(readFileSync(datasetPath('vsm2013', 'text', 'en.json'), 'utf8'));
    expect(survey.languages.en.persona).toEqual(vsmEn.persona);
    const persona = { gender: 'male' as const, age: '40-49', education: '16', occupation: 'office' };
    const p = surveyPrompter.render({ survey, item: survey.items[1], country: 'NG', language: 'en', persona, template: 'first-person' });
    expect(p.messages[0].content).toMatch(/^You are a man from Nigeria\. You are 45 years old/);
    expect(p.messages[1].content).toBe(
      [
        'SYNTHETIC EXAMPLE. If you had to choose, which is more important for a society, "order and stability" or "individual freedom"?',
        '',
        '1. Order and stability',
        '2. Individual freedom',
        "3. Don't know",
        '',
        'Reply with the number of the one option you choose (1 to 3) and nothing else.',
      ].join('\n'),
    );
    expect(p.scaleSize).toBe(3);
    expect(survey.languages.en.countries.US).toBe('the United States');
  });

  it('scores a sample as its answer shares per item; an item without valid answers is missing', () => {
    const raw = survey.scorer.rawScores({}, { q0: [1, 1, 2, 4], q1: [], q3: [2, 2, 2] });
    expect(['q0:1', 'q0:2', 'q0:3', 'q0:4'].map((d) => raw[d])).toEqual([0.5, 0.25, 0, 0.25]);
    expect([raw['q1:1'], raw['q1:2'], raw['q1:3']]).toEqual([null, null, null]);
    expect([raw['q3:1'], raw['q3:2']]).toEqual([0, 1]);
    expect(raw['q4:1']).toBeNull(); // not in the answers at all
    expect(() => survey.scorer.rawScores({})).toThrow(/needs its second argument/);
    expect(survey.scorer.describe()['q1:3']).toBe('share of the valid answers to q1 that chose option 3 of 3 ("Don\'t know")');
  });
});

/** Independent of the plugin: node's own hash of the file's bytes. */
function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('1 − Jensen–Shannon distance as the alignment metric', () => {
  // Two items: q0 (2 options), q1 (3 options). US = (½, ½), CN = (1, 0) on q0; only US has q1.
  const groups = { q0: ['q0:1', 'q0:2'], q1: ['q1:1', 'q1:2', 'q1:3'] };
  const human = [
    ...[
      ['US', 0.5, 0.5],
      ['CN', 1, 0],
    ].flatMap(([c, a, b]) => [
      { country: c as string, dimension: 'q0:1', score: a as number },
      { country: c as string, dimension: 'q0:2', score: b as number },
    ]),
    { country: 'US', dimension: 'q1:1', score: 0.2 },
    { country: 'US', dimension: 'q1:2', score: 0.3 },
    { country: 'US', dimension: 'q1:3', score: 0.5 },
    ...['q1:1', 'q1:2', 'q1:3'].map((dimension) => ({ country: 'CN', dimension, score: null })),
  ];
  const score = (model: string, country: string, values: Record<string, number | null>) =>
    Object.entries(values).map(([dimension, s]) => ({ model, country, condition: 'english', dimension, score: s }));
  const input: MetricInput = {
    human,
    countries: ['US', 'CN'],
    dimensions: Object.values(groups).flat(),
    scores: [
      ...score('m', 'US', { 'q0:1': 1, 'q0:2': 0, 'q1:1': 0.2, 'q1:2': 0.3, 'q1:3': 0.5 }),
      ...score('m', 'CN', { 'q0:1': 1, 'q0:2': 0, 'q1:1': null, 'q1:2': null, 'q1:3': null }),
      ...score('m', 'JP', { 'q0:1': 1, 'q0:2': 0, 'q1:1': 1, 'q1:2': 0, 'q1:3': 0 }),
    ],
  };
  const metric = jsSimilarityMetric(groups);

  it('averages 1 − JSdist over the items both sides have, per model × country × condition (hand-computed)', () => {
    const [us, cn, jp] = metric.compute(input);
    // US: q0 = 1 − √(3/2 − ¾ log2 3) = 0.4420770, q1 identical = 1 → mean 0.7210385
    const dq0 = Math.sqrt(1.5 - 0.75 * Math.log2(3));
    expect(us.similarity).toBeCloseTo(1 - dq0 / 2, 10);
    expect(us.deviation_ratio).toBe(us.similarity); // the documented mapping
    expect(us.distance).toBeCloseTo(dq0 / 2, 10);
    expect(us.dims).toEqual(['q0', 'q1']);
    // G on q0 = mean of US and CN = (¾, ¼); on q1 only US has data, so G = US and its distance is 0.
    expect(us.baseline_distance).toBeCloseTo((0.2208957688 + 0) / 2, 9);
    // CN: the model's q1 is missing, so only q0, where it matches China exactly.
    expect(cn).toMatchObject({ similarity: 1, items: ['q0'], dims: ['q0'] });
    expect(cn.baseline_distance).toBeCloseTo(0.371383065, 9);
    // JP has no human data: a row of nulls, so the gap stays visible.
    expect(jp).toMatchObject({ country: 'JP', similarity: null, deviation_ratio: null, distance: null, baseline_distance: null, dims: [] });
  });

  it('gives the per-item values behind each row', () => {
    const rows = metric.perItem(input);
    expect(rows.map((r) => `${r.country}:${r.item}`)).toEqual(['US:q0', 'US:q1', 'CN:q0']);
    expect(rows[0].js_distance).toBeCloseTo(jsDistance([1, 0], [0.5, 0.5]), 12);
    expect(rows[1].similarity).toBe(1);
  });

  it('refuses shares moved out of [0, 1] by a constant (anchoring), naming the fix', () => {
    const shifted = { ...input, scores: score('m', 'US', { 'q0:1': 1.2, 'q0:2': -0.2, 'q1:1': 0.2, 'q1:2': 0.3, 'q1:3': 0.5 }) };
    expect(() => metric.compute(shifted)).toThrow(/outside \[0, 1\].*constants: 0/);
  });
});

describe('loading a user CSV', () => {
  it('reports unmapped names, length mismatches and double mappings instead of guessing', () => {
    const file = writeCsv('odd.csv', [
      `Q1,"defaultdict(<class 'list'>, {'Atlantis': [0.5, 0.5], 'Britain': [0.6, 0.4], 'Great Britain': [0.1, 0.9], 'Japan': [1.0], 'India (Current national sample)': [0.3, 0.7], 'India': [0.2, 0.8], 'Northern Ireland': [0.5, 0.5], 'Mali (Old national sample)': [0.5, 0.5], 'Kenya': [nan, nan]})","['Yes', 'No']",GAS`,
    ]);
    const s = loadOpinions({ csv: file });
    expect(Object.keys(s.groundTruth.countries)).toEqual(['GB', 'IN']);
    expect([s.groundTruth.countries.GB['q0:1'], s.groundTruth.countries.IN['q0:1']]).toEqual([0.6, 0.2]); // first GB name; plain "India" outranks the qualified one
    expect(s.diagnostics.unmapped).toEqual({ Atlantis: 1 });
    expect(s.diagnostics.excluded).toEqual({ 'Northern Ireland': 1, 'Mali (Old national sample)': 1 });
    expect(s.diagnostics.issues.map((i) => `${i.line} ${i.item} ${i.message}`)).toEqual([
      '2 q0 "Britain" and "Great Britain" both map to GB: kept "Britain"',
      '2 q0 Japan: 1 shares for 2 options: country skipped',
      '2 q0 "India (Current national sample)" and "India" both map to IN: kept "India"',
      '2 q0 Kenya: shares [NaN, NaN] are not a distribution: country skipped',
    ]);
  });

  it('filters items by id, source and count, and names the selection in the version', () => {
    const file = writeCsv('three.csv', [
      `A,"{'China': [0.5, 0.5]}","['x', 'y']",GAS`,
      `B,"{'China': [0.5, 0.5]}","['x', 'y']",WVS`,
      `C,"{'China': [0.5, 0.5]}","['x', 'y']",GAS`,
    ]);
    expect(loadOpinions({ csv: file, sources: ['GAS'] }).items.map((i) => i.id)).toEqual(['q0', 'q2']);
    expect(loadOpinions({ csv: file, items: ['q1', 'q2'] }).items.map((i) => i.id)).toEqual(['q1', 'q2']);
    expect(loadOpinions({ csv: file, limit: 1 }).items.map((i) => i.id)).toEqual(['q0']);
    expect(loadOpinions({ csv: file, limit: 1 }).version).not.toBe(loadOpinions({ csv: file }).version);
    expect(() => loadOpinions({ csv: file, items: ['q9'] })).toThrow(/unknown item id\(s\) q9/);
  });

  it('needs the CSV path from the environment, with the download hint', () => {
    expect(() => opinionsOptionsFromEnv({})).toThrow(InputError);
    expect(() => opinionsOptionsFromEnv({})).toThrow(/huggingface\.co\/datasets\/Anthropic\/llm_global_opinions.*export CULTUREBENCH_OPINIONS_CSV=/);
    expect(() => loadOpinions({ csv: join(dir, 'missing.csv') })).toThrow(/CSV not found/);
    expect(
      opinionsOptionsFromEnv({ CULTUREBENCH_OPINIONS_CSV: '/x.csv', CULTUREBENCH_OPINIONS_SOURCES: 'GAS, WVS', CULTUREBENCH_OPINIONS_LIMIT: '50' }),
    ).toEqual({
      csv: '/x.csv',
      sources: ['GAS', 'WVS'],
      items: undefined,
      limit: 50,
    });
    const s = loadOpinionsFromEnv({}, { CULTUREBENCH_OPINIONS_CSV: datasetPath('opinions', 'synthetic-example.csv'), CULTUREBENCH_OPINIONS_ITEMS: 'q4' });
    expect(s.id).toBe('opinions');
    expect(s.items.map((i) => i.id)).toEqual(['q4']);
  });
});

describe('datasets/opinions/country-names.csv', () => {
  const table = loadCountryTable(datasetPath('opinions', 'country-names.csv'));
  // The distinct keys of `selections` in the published file, as listed by a public GlobalOpinionQA script.
  const KEYS =
    'Hong Kong SAR|Venezuela|Belarus|Andorra|Ghana|El Salvador|Poland|Mali (Non-national sample)|Portugal|Lithuania|Slovenia|Switzerland|Uganda|Romania|Kazakhstan|Zimbabwe|Netherlands|Colombia|Ethiopia|Philippines (Non-national sample)|Croatia|Thailand|Maldives|Czech Rep.|Macau SAR|Mongolia|Finland|Georgia|Burkina Faso|Bangladesh (Non-national sample)|Taiwan ROC|Canada|Senegal (Non-national sample)|Azerbaijan|Pakistan|Israel|Palest. ter.|Slovakia|Chile|Italy|China (Non-national sample)|Jordan|France|S. Africa (Non-national sample)|Tanzania|Libya|Northern Ireland|Indonesia|Hungary|Greece|Vietnam (Non-national sample)|Iceland|Latvia|Philippines|Senegal|Spain|United States|Nigeria|Cyprus|S. Korea|Bolivia|Iraq|Norway|Tajikistan|Poland (Non-national sample)|Ukraine|Egypt (Non-national sample)|Kuwait|India (Current national sample)|Tanzania (Non-national sample)|Honduras (Non-national sample)|Nigeria (Non-national sample)|Austria|Bolivia (Non-national sample)|New Zealand|Australia|Guatemala|Honduras|Albania|Armenia|Bosnia Herzegovina|Iran|Venezuela (Non-national sample)|Ivory Coast|Ecuador|North Macedonia|Peru|South Korea|India (Non-national sample)|Bulgaria|Puerto Rico|Taiwan|Mexico|Brazil|Lebanon|Great Britain|Egypt|Guatemala (Non-national sample)|Myanmar|Turkey|Angola|Ivory Coast (Non-national sample)|Uzbekistan|Kenya|Colombia (Non-national sample)|Argentina|Kyrgyzstan|Mali|Angola (Non-national sample)|Singapore|Britain|Germany|Morocco (Non-national sample)|Jordan (Non-national sample)|S. Africa|Russia|Denmark|Pakistan (Non-national sample)|Serbia|Bangladesh|Sweden|Malaysia|Vietnam|Belgium|Ethiopia (Non-national sample)|Montenegro|Brazil (Non-national sample)|Uruguay|Japan|Indonesia (Non-national sample)|Russia (Non-national sample)|Tunisia|Nicaragua|India (Old national sample)|Estonia|Czechia|China|Morocco'.split(
      '|',
    );

  it('maps every known key to a code or excludes it on purpose (none unmapped)', () => {
    expect(KEYS).toHaveLength(138);
    const kinds = KEYS.map((k) => [k, resolveCountry(table, k).kind]);
    expect(kinds.filter(([, kind]) => kind === 'unmapped')).toEqual([]);
    const excluded = kinds.filter(([, kind]) => kind === 'excluded').map(([k]) => k);
    expect(excluded.every((k) => /\((Non-national|Old national) sample\)$/.test(k) || k === 'Northern Ireland')).toBe(true);
  });

  it('gives aliases one code and one prompt name, and the 20 benchmark countries their names', () => {
    for (const [a, b] of [
      ['Britain', 'Great Britain'],
      ['S. Korea', 'South Korea'],
      ['Czech Rep.', 'Czechia'],
      ['Taiwan', 'Taiwan ROC'],
    ]) {
      expect(resolveCountry(table, a)).toEqual(resolveCountry(table, b));
    }
    expect(resolveCountry(table, 'India (Current national sample)')).toEqual({ kind: 'country', iso2: 'IN', rank: 1 });
    const vsmEn = JSON.parse(readFileSync(datasetPath('vsm2013', 'text', 'en.json'), 'utf8')) as { countries: Record<string, string> };
    for (const [iso, name] of Object.entries(vsmEn.countries)) {
      if (iso === 'JP' || table.promptNames[iso]) expect({ iso, name: table.promptNames[iso] }).toEqual({ iso, name });
    }
  });
});
