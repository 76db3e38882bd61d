import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseRun } from './analyse-run.js';
import { ANALYSIS_CSV_FILES, LEADERBOARD_FILE, RESULTS_FILE, uncertaintyLine, writeAnalysisOutputs } from './outputs.js';
import { loadResultsSchema, validateJsonSchema } from './schema.js';
import { manifestFor, randomAnswers, recordsFor, tinySurvey, writeRun, type RunSpec } from './testing/fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-outputs-'));
  dirs.push(d);
  return d;
};

const SPEC: RunSpec = {
  models: [
    { id: 'us-1', kind: 'llm', origin: 'US' },
    { id: 'us-2', kind: 'llm', origin: 'US' },
    { id: 'cn-1', kind: 'llm', origin: 'CN' },
    { id: 'random', kind: 'baseline' },
    { id: 'middle', kind: 'baseline' },
  ],
  countries: [
    { code: 'US', language: 'en' },
    { code: 'CN', language: 'zh' },
    { code: 'DE', language: 'de' },
    { code: 'JP', language: 'ja' },
  ],
  conditions: [
    { id: 'native', language: 'native' },
    { id: 'english', language: 'en' },
  ],
  aggregates: ['language-average'],
  headline: 'language-average',
  constants: { mode: 'anchored' },
  seed: 3,
  samples: 8,
  skipped: [{ id: 'gpt-x', provider: 'openai', reason: 'OPENAI_API_KEY is not set', fix: 'export OPENAI_API_KEY=…' }],
  stopped: [{ id: 'cn-1', reason: 'rate limited' }],
};

function makeRun(spec: RunSpec): string {
  const survey = tinySurvey();
  let seed = 100;
  // LLMs lean towards each country's human answers (plus noise); baselines answer random / the middle.
  const records = recordsFor(spec, survey, (model, country) => {
    if (model === 'middle') return Array.from({ length: 8 }, () => [3, 3]);
    const rows = randomAnswers(8, 2, seed++);
    if (model === 'random') return rows;
    const h = survey.groundTruth.countries[country]!;
    const target = [1 + h['X']! / 20, 1 + h['Y']! / 20];
    return rows.map((r, i) => (i % 2 === 0 ? target.map((t) => Math.min(5, Math.max(1, Math.round(t)))) : r));
  });
  return writeRun(join(tempDir(), 'run'), manifestFor(spec, survey), records);
}

describe('writeAnalysisOutputs', () => {
  const survey = tinySurvey();
  const dir = makeRun(SPEC);
  const doc = analyseRun(dir, survey, { replicates: 200 });
  const md = writeAnalysisOutputs(dir, doc);

  it('writes results.json, the CSVs and leaderboard.md', () => {
    const files = readdirSync(dir);
    for (const f of [RESULTS_FILE, LEADERBOARD_FILE, ...ANALYSIS_CSV_FILES]) expect(files).toContain(f);
    expect(readFileSync(join(dir, LEADERBOARD_FILE), 'utf8')).toBe(md);
    expect(readFileSync(join(dir, 'per-model.csv'), 'utf8').split('\n')[0]).toBe(
      'condition,rank,model,kind,origin,mean_dr,mean_dr_lo,mean_dr_hi,mean_dr_across_countries,mean_dr_across_countries_lo,mean_dr_across_countries_hi,median_dr,median_dr_lo,median_dr_hi,n_countries,rank_lo,rank_hi,rank_probabilities',
    );
    expect(readFileSync(join(dir, 'per-country.csv'), 'utf8').split('\n')).toHaveLength(1 + 4 * 3 + 1);
    expect(readFileSync(join(dir, 'origin.csv'), 'utf8')).toMatch(/US,CN,language-average,CN,cn-1,1,/);
  });

  it('results.json is the returned document (rounded, keys sorted)', () => {
    const text = readFileSync(join(dir, RESULTS_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(text.indexOf('"alignment"')).toBeLessThan(text.indexOf('"bootstrap"'));
    // six decimals at most
    expect(text).not.toMatch(/\d\.\d{7,}/);
  });

  it('results.json validates against results.schema.json', () => {
    const schema = loadResultsSchema();
    const value = JSON.parse(readFileSync(join(dir, RESULTS_FILE), 'utf8'));
    expect(validateJsonSchema(schema, value)).toEqual([]);
    // and the schema does reject a damaged document
    const broken = { ...value, perModel: [{ ...value.perModel[0], meanDr: { estimate: 'high' } }], extra: 1 };
    delete broken.findings;
    const errors = validateJsonSchema(schema, broken).map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        ': missing required property "findings"',
        '/perModel/0/meanDr: missing required property "lo"',
        '/perModel/0/meanDr/estimate: expected number or null, got string',
        '/extra: property not allowed by the schema',
      ]),
    );
  });

  it('the leaderboard has the headline table with intervals, conditions, countries, skips and findings', () => {
    expect(md).toMatch(/^# culturebench leaderboard: test bench/);
    expect(md).toContain('Constants: anchored');
    expect(md).toContain('200 bootstrap replicates over respondents (seed 3)');
    // each kind of bracket named as what it is: the skill's interval is analytic, not a percentile one
    expect(md).toContain('The alignment skill and calibrated skill_c: analytic, estimate ± 1.96 SE');
    expect(md).toContain('"Across countries": 200 replicates with the countries resampled');
    expect(md).toContain('median-centred percentile interval');
    expect(md).not.toContain('brackets are 95 % percentile intervals');
    expect(uncertaintyLine(0, 3)).toBe(
      'Uncertainty: no bootstrap replicates were drawn: alignment skill and calibrated skill_c: analytic, estimate ± 1.96 SE, the SE from each index’s sampling variance estimated from the respondents (95 %); every other number is a point estimate.',
    );
    // the registered disattenuated analysis has its section (4 countries: no correlation, "–")
    expect(md).toContain('## Dimension correlations, disattenuated (condition: language-average)');
    expect(md).toContain('## Key findings');
    expect(md).toContain("## The paper's deviation ratio (reproduction; condition: language-average)");
    expect(md).toMatch(/\| rank \| model \| origin \| mean DR \[95 % CI\] \| across countries \| median DR \[95 % CI\] \| rank interval \|/);
    expect(md).toMatch(/\| \(\d\) \| middle \(baseline\) \| – \| 1\.000 \[1\.000, 1\.000\]/);
    expect(md).toMatch(/\| human-global-average \(reference\) \| – \| 1\.000 \[1\.000, 1\.000\]/);
    expect(md).toContain('| all LLMs (mean) |');
    expect(md).toContain('## Countries (condition: language-average; mean DR over the LLMs)');
    expect(md).toContain('| d(G, H) |');
    expect(md).toContain('- **gpt-x** (openai): OPENAI_API_KEY is not set. To enable: export OPENAI_API_KEY=…');
    expect(md).toContain('## Stopped models');
    expect(md).toContain('- **cn-1**: rate limited');
    expect(doc.findings.length).toBeGreaterThanOrEqual(3);
    expect(doc.findings.length).toBeLessThanOrEqual(6);
    expect(doc.findings.join(' ')).toMatch(
      /Ranked by alignment skill \(noise-corrected; 0 = the human global average\), [a-z0-9-]+ comes first with -?\d\.\d{3} \[/,
    );
    // 4 countries: no best/worst country and no web-content correlation (fewer than 5 countries)
    expect(doc.findings.join(' ')).toMatch(/Only 4 countries were run/);
    expect(doc.findings.join(' ')).not.toMatch(/best-aligned country|the paper reports r = 0\.94/);
    expect(doc.findings.join(' ')).toMatch(/compress country differences|LLMs compress/);
    expect(md).toContain('## Alignment skill: the ranking number (condition: language-average)');
    expect(md).toContain('## Bias vectors (condition: language-average)');
  });

  it('same seed ⇒ the same bytes of every output; another seed ⇒ other intervals', () => {
    const copy = join(tempDir(), 'copy');
    cpSync(dir, copy, { recursive: true });
    writeAnalysisOutputs(copy, analyseRun(copy, survey, { replicates: 200 }));
    for (const f of [RESULTS_FILE, LEADERBOARD_FILE, ...ANALYSIS_CSV_FILES]) {
      expect(readFileSync(join(copy, f))).toEqual(readFileSync(join(dir, f)));
    }
    const other = join(tempDir(), 'other');
    cpSync(dir, other, { recursive: true });
    writeAnalysisOutputs(other, analyseRun(other, survey, { replicates: 200, seed: 4 }));
    expect(readFileSync(join(other, RESULTS_FILE), 'utf8')).not.toBe(readFileSync(join(dir, RESULTS_FILE), 'utf8'));
  });

  it('the order of lines in responses.jsonl does not matter', () => {
    const shuffled = join(tempDir(), 'shuffled');
    cpSync(dir, shuffled, { recursive: true });
    const lines = readFileSync(join(dir, 'responses.jsonl'), 'utf8').trim().split('\n').reverse();
    writeFileSync(join(shuffled, 'responses.jsonl'), lines.join('\n') + '\n');
    const again = analyseRun(shuffled, survey, { replicates: 200 });
    expect(again.perModel).toEqual(doc.perModel);
    expect(again.scores).toEqual(doc.scores);
  });
});

describe('a run with baselines only', () => {
  it('says so instead of claiming findings about LLMs', () => {
    const spec: RunSpec = { ...SPEC, models: SPEC.models.filter((m) => m.kind === 'baseline'), stopped: [] };
    const dir = makeRun(spec);
    const doc = analyseRun(dir, tinySurvey(), { replicates: 100 });
    const md = writeAnalysisOutputs(dir, doc);
    expect(doc.countryBasis).toBe('baseline');
    expect(doc.findings[0]).toMatch(/^No LLM was run; the baselines only anchor the scale: /);
    expect(doc.findings.join(' ')).toMatch(/Only 4 countries were run \(US, CN, DE, JP\): no best\/worst-country/);
    expect(doc.findings.join(' ')).not.toMatch(/LLMs compress/);
    expect(md).toContain('mean DR over the baselines: no LLM was run');
    expect(doc.origin.every((o) => o.notes.some((n) => /No LLM was run/.test(n)))).toBe(true);
    expect(validateJsonSchema(loadResultsSchema(), JSON.parse(readFileSync(join(dir, RESULTS_FILE), 'utf8')))).toEqual([]);
  });
});
