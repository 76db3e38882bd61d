/**
 * End to end with known truth: simulated respondents (labelled simulations) answer through the
 * runner's prompt → reply → parse path; the leaderboard and results.json show what they are.
 * And `culturebench design` on a small benchmark.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsDocument } from '@culturebench/analysis';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'SE', 'TR', 'ID', 'MA'];
const dirs: string[] = [];
afterAll(() => (process.env.KEEP ? undefined : dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))));

const capture = () => memoryIo();

function bench(dir: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'bench.json');
  const sim = (id: string, spec: Record<string, unknown>) => ({ id, provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES, spec } });
  writeFileSync(
    file,
    JSON.stringify({
      name: 'simulated bench',
      survey: 'vsm2013',
      countries: COUNTRIES,
      conditions: ['native'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 12,
      seed: 3,
      constants: 'global',
      models: [sim('sim-faithful', { shrink: 0.2, noise: 0.4 }), sim('sim-american', { country: 'US', noise: 0.4 })],
      outDir: 'out',
      ...extra,
    }),
  );
  return file;
}

describe('a run of simulated respondents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-sim-'));
  dirs.push(dir);
  let doc: ResultsDocument;
  let leaderboard: string;
  let code: number;
  const io = capture();

  beforeAll(async () => {
    code = await main(['run', '--config', bench(dir), '--no-progress', '--replicates', '200'], io);
    const runDir = join(dir, 'out', readdirSync(join(dir, 'out')).filter((d) => !d.startsWith('.'))[0]!);
    doc = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ResultsDocument;
    leaderboard = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
  }, 240_000);

  it('labels them simulations, never LLMs', () => {
    expect(code).toBe(0);
    expect(doc.models.filter((m) => m.id.startsWith('sim-')).map((m) => m.kind)).toEqual(['simulation', 'simulation']);
    expect(leaderboard).toContain('sim-american (simulation)');
    expect(leaderboard).not.toMatch(/\bLLMs? aligns?\b/);
  });

  it('recovers the truth: the faithful respondent has the higher skill; the American one is flagged with US as its default culture', () => {
    const skill = (id: string) => doc.skill.find((r) => r.model === id && r.condition === 'native')!;
    expect(skill('sim-faithful').skill.lo!).toBeGreaterThan(skill('sim-american').skill.hi!);
    expect(skill('sim-american').defaultCulture!.country).toBe('US');
    expect(skill('sim-american').countrySignal.estimate!).toBeLessThan(0.1);
    expect(leaderboard).toMatch(/sim-american \(simulation\) gives every country about the same profile\*\* .*nearest to US/);
    expect(leaderboard).toContain('No LLM was run: 2 simulated respondents (known truth, not LLMs)');
    // the bias vector points at the US: IDV far above the human mean
    expect(skill('sim-american').bias['IDV']!.lo!).toBeGreaterThan(20);
    for (const r of doc.skill) if (r.skill.estimate !== null) expect(r.skill.lo! <= r.skill.estimate && r.skill.estimate <= r.skill.hi!).toBe(true);
  });
});

describe('culturebench design', () => {
  it('prints coverage, widths and ranking stability per respondents level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'culturebench-design-'));
    dirs.push(dir);
    bench(dir);
    writeFileSync(
      join(dir, 'design.json'),
      JSON.stringify({ benchmark: 'bench.json', respondents: [5, 20], runs: 6, respondent: { shrink: 0.3, jitter: 10 } }),
    );
    const io = capture();
    expect(await main(['design', '--config', join(dir, 'design.json')], io)).toBe(0);
    expect(io.stdout).toContain('simulated respondents, not LLMs');
    expect(io.stdout).toMatch(/^\| 5 \| 6 \| /m);
    expect(io.stdout).toMatch(/^\| 20 \| 6 \| /m);
  }, 120_000);

  it('rejects a bad design file with the field and the fix (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'culturebench-design-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'design.json'), JSON.stringify({ benchmark: 'bench.json', respondents: [1] }));
    const io = capture();
    expect(await main(['design', '--config', join(dir, 'design.json')], io)).toBe(2);
    expect(io.stderr).toContain('field "respondents"');
  });

  it('refuses a survey whose scores and ground truth are on different units (no skill to design for)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'culturebench-design-'));
    dirs.push(dir);
    bench(dir, { survey: 'ivs-map', constants: 0, models: [{ id: 'b', provider: 'baseline', model: 'random' }] });
    writeFileSync(join(dir, 'design.json'), JSON.stringify({ benchmark: 'bench.json', respondents: [5], runs: 2 }));
    const io = capture();
    expect(await main(['design', '--config', join(dir, 'design.json')], io)).toBe(2);
    expect(io.stderr).toMatch(/survey "ivs-map" has no alignment skill to design for .*fix:/);
  });
});
