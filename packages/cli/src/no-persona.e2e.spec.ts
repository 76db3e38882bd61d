/**
 * The no-persona condition end to end (issue 10 item 4): simulated respondents (labelled
 * simulations) with a declared default profile answer through the runner's prompt → reply → parse
 * path; the dry run prints its cost, rows record it, the analysis reports its default culture
 * beside the persona-averaged one and keeps it out of every country metric.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsDocument } from '@culturebench/analysis';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'SE', 'TR'];
const dirs: string[] = [];
afterAll(() => (process.env.KEEP ? undefined : dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))));

const capture = () => memoryIo();

function bench(dir: string): string {
  const file = join(dir, 'bench.json');
  const sim = (id: string, spec: Record<string, unknown>) => ({ id, provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec } });
  writeFileSync(
    file,
    JSON.stringify({
      name: 'no-persona bench',
      survey: 'vsm2013',
      countries: COUNTRIES,
      conditions: ['native', 'no-persona'],
      headline: 'native',
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 40,
      seed: 5,
      constants: 'global',
      // answers only the two codes around each target mean (noise 0): one sample of 40 tells the US from its neighbours
      models: [sim('sim-american', { country: 'US', noise: 0 }), sim('sim-japan-default', { shrink: 0.2, noise: 0.3, default: 'JP' })],
      outDir: 'out',
    }),
  );
  return file;
}

describe('a run with the no-persona condition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-noper-'));
  dirs.push(dir);
  let doc: ResultsDocument;
  let leaderboard: string;
  let rows: { country: string; conditions: string[]; persona: unknown }[];
  let code: number;
  const dry = capture();
  const io = capture();

  beforeAll(async () => {
    const config = bench(dir);
    expect(await main(['run', '--config', config, '--dry-run'], dry)).toBe(0);
    code = await main(['run', '--config', config, '--no-progress', '--replicates', '200'], io);
    const runDir = join(dir, 'out', readdirSync(join(dir, 'out')).filter((d) => !d.startsWith('.'))[0]!);
    doc = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsDocument;
    leaderboard = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
    rows = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 240_000);

  it('the dry run names what it costs: 24 items × 40 respondents once per model', () => {
    const total = 2 * (COUNTRIES.length + 1) * 24 * 40;
    expect(dry.stdout).toContain(`dry run: ${total} requests planned`);
    expect(dry.stdout).toContain('no persona: 1920 of the requests (2 sample(s): once per model, not per country)');
  });

  it('rows record it: country "none", condition no-persona, no persona', () => {
    expect(code).toBe(0);
    const plain = rows.filter((r) => r.conditions.includes('no-persona'));
    expect(plain).toHaveLength(2 * 24 * 40);
    expect(plain.every((r) => r.country === 'none' && r.persona === null)).toBe(true);
    expect(rows.filter((r) => r.country === 'none')).toHaveLength(plain.length);
  });

  it('the American respondent is US-default in both analyses; the other is JP with no persona only', () => {
    const skill = (id: string) => doc.skill.find((r) => r.model === id && r.condition === 'native')!;
    expect(skill('sim-american').defaultCulture!.country).toBe('US');
    expect(skill('sim-american').noPersona![0]).toMatchObject({ condition: 'no-persona', language: 'en', respondents: 40, country: 'US' });
    expect(skill('sim-japan-default').noPersona![0]!.country).toBe('JP');
    expect(skill('sim-japan-default').defaultCulture!.country).not.toBe('JP');
    expect(leaderboard).toContain('no persona (P)');
    expect(leaderboard).toMatch(/sim-american \(simulation\) gives every country about the same profile\*\* .*nearest to US; with no persona, nearest to US/);
  });

  it('is no country: absent from conditions, alignment, per-model DR and the country ranking', () => {
    expect(doc.conditions).toEqual(['native', 'language-average']);
    expect(doc.alignment.some((a) => a.country === 'none' || a.condition === 'no-persona')).toBe(false);
    expect(doc.perModel.some((r) => r.condition === 'no-persona')).toBe(false);
    expect(
      doc.countrySkill
        .filter((r) => r.condition === 'native')
        .map((r) => r.country)
        .sort(),
    ).toEqual([...COUNTRIES].sort());
    // the language average of each country is its native sample alone: English was asked only without persona
    const score = (c: string, k: string) =>
      doc.scores.filter((s) => s.model === 'sim-american' && s.country === c && s.condition === k).map((s) => s.score.estimate);
    expect(score('DE', 'language-average')).toEqual(score('DE', 'native'));
    expect(score('DE', 'native')).toHaveLength(6);
    for (const r of doc.skill) expect(r.nCountries).toBe(COUNTRIES.length);
  });
});
