import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResultsSchema, validateJsonSchema, type ResultsDocument } from '@culturebench/analysis';
import { main, memoryIo } from '@culturebench/cli';

const file = fileURLToPath(new URL('../robustness.config.ts', import.meta.url));
const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'BR', 'SE'];

const capture = () => memoryIo();

/**
 * The robustness grid end to end, offline, on the baselines — respondents whose order behaviour is
 * known: `first` always takes the first listed option (pure primacy), `middle` the middle one
 * (position-free on odd scales), `random` a uniform draw per seed.
 */
describe('benchmarks/robustness.config.ts on the baselines', () => {
  let dir: string;
  let io: ReturnType<typeof capture>;
  let code: number;
  let leaderboard: string;
  let doc: ResultsDocument;
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'culturebench-robustness-'));
    io = capture();
    code = await main(
      [
        'run',
        '--config',
        file,
        '--models',
        'baseline-random,baseline-middle,baseline-first',
        '--countries',
        COUNTRIES.join(','),
        '--samples',
        '4',
        '--out',
        dir,
        '--no-cache',
        '--no-progress',
        '--replicates',
        '0',
      ],
      io,
    );
    const runDir = join(dir, readdirSync(dir).filter((d) => !d.startsWith('.'))[0]);
    leaderboard = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
    doc = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    html = readFileSync(join(runDir, 'report.html'), 'utf8');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the whole grid: reference plus one perturbation at a time, 8 variants', () => {
    expect(code).toBe(0);
    expect(doc.manifest.config.variants!.map((v) => v.id)).toEqual([
      'reference',
      'optionOrder=reversed',
      'labels=numbers',
      'personaPlacement=user',
      'personaTemplate=interview',
      'wording=paraphrase-1',
      'wording=paraphrase-2',
      'seed=1001',
    ]);
  });

  it('writes the reliability report into results.json, valid against its schema', () => {
    expect(validateJsonSchema(loadResultsSchema(), doc)).toEqual([]);
    const rel = doc.reliability!;
    expect(rel.perturbations).toHaveLength(3 * 7);
    expect(rel.human.medianPairwise).toBeGreaterThan(10);
  });

  it('finds the order effects the baselines have by construction', () => {
    const order = new Map(doc.reliability!.order.map((o) => [o.model, o]));
    expect(order.get('baseline-first')!.primacy).toBe(1);
    expect(order.get('baseline-first')!.recency).toBe(0);
    expect(order.get('baseline-middle')!.primacy).toBe(0);
    // Uniform answers: about 1/5 on the first option (scales have 5 points).
    expect(order.get('baseline-random')!.primacy).toBeGreaterThan(0.15);
    expect(order.get('baseline-random')!.primacy).toBeLessThan(0.25);
  });

  it('measures test-retest: the middle baseline repeats itself, the random one agrees by chance only', () => {
    const tr = new Map(doc.reliability!.testRetest.map((a) => [a.model, a]));
    expect(tr.get('baseline-middle')!.exactAgreement).toBe(1);
    const chance = tr.get('baseline-random')!.exactAgreement!;
    expect(chance).toBeGreaterThan(0.13);
    expect(chance).toBeLessThan(0.27);
  });

  it('flags a perturbation that moves countries further than countries are apart', () => {
    const p = (model: string, variant: string) => doc.reliability!.perturbations.find((x) => x.model === model && x.variant === variant)!;
    // VSM indices are differences of item means: a respondent with a pure position bias (always the
    // first listed option, code 1 written and code 5 reversed) scores 0 everywhere either way.
    expect(p('baseline-first', 'optionOrder=reversed').meanMovement).toBe(0);
    expect(p('baseline-middle', 'optionOrder=reversed').meanMovement).toBe(0);
    // Four random respondents per item: another seed alone moves most countries past their nearest neighbour.
    const noise = p('baseline-random', 'seed=1001');
    expect(noise.exceeded).toBeGreaterThanOrEqual(COUNTRIES.length / 2);
    expect(noise.medianRatio!).toBeGreaterThan(1);
  });

  it('shows the stability column and the reliability section in leaderboard.md', () => {
    expect(leaderboard).toMatch(/\| rank \| model .*\| stability \|/);
    expect(leaderboard).toMatch(/baseline-random \(baseline\).*\| \d+\/42 > gap · \d+\.\d\d× \|/);
    expect(leaderboard).toMatch(/baseline-first \(baseline\).*\| 0\/42 > gap · 0\.00× \|/);
    expect(leaderboard).toContain('## Reliability');
    expect(leaderboard).toContain('### Test-retest (another seed)');
    expect(leaderboard).toContain('### Order effects');
    expect(leaderboard).toContain("Cronbach's α");
  });

  it('adds the reliability section and chart to report.html', () => {
    expect(html).toContain('<section class="card" id="reliability"><h2>Reliability</h2>');
    expect(html).toContain('id="chart-reliability"');
    expect(html).toContain('<table class="sortable" id="table-order">');
  });
});
