/**
 * The maintainer's flow end to end: three runs of one benchmark (two model sets on different
 * dates, then a re-run of one model), a leaderboard built from them and opened in Chromium, a run
 * that is refused, and `compare` on two runs. Models are the baseline provider under several ids:
 * baselines, labelled as such, not LLMs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, horizontalOverflow } from '@culturebench/leaderboard/testing';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const capture = () => memoryIo();

const work = mkdtempSync(join(tmpdir(), 'culturebench-desk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function config(name: string, models: string[], extra: Record<string, unknown> = {}): string {
  const file = join(work, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'desk bench',
      survey: 'vsm2013',
      countries: ['US', 'CN', 'JP'],
      conditions: ['native'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 6,
      seed: 11,
      models: models.map((id) => ({ id, provider: 'baseline', model: id.startsWith('middle') ? 'middle' : 'random' })),
      outDir: join(work, name),
      ...extra,
    }),
  );
  return file;
}

async function run(cfg: string, args: string[] = []): Promise<string> {
  const io = capture();
  const code = await main(['run', '--config', cfg, '--no-progress', '--replicates', '40', ...args], io);
  expect({ code, stderr: code ? io.stderr : '' }).toEqual({ code: 0, stderr: '' });
  const parent = JSON.parse(readFileSync(cfg, 'utf8')).outDir as string;
  const dirs = readdirSync(parent)
    .filter((d) => !d.startsWith('.'))
    .sort();
  return join(parent, dirs[dirs.length - 1]);
}

const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));

let first: string;
let second: string;
let rerun: string;
let other: string;
beforeAll(async () => {
  // Day 1: two models. Day 2: a new model, run alone with the same config. Day 3: model 1 re-run with more respondents.
  first = await run(config('day1', ['random-a', 'middle-b']));
  second = await run(config('day2', ['random-c']));
  rerun = await run(config('day3', ['random-a'], { samples: 8 }));
  // A run with a different ground truth: must be refused.
  writeFileSync(join(work, 'truth.csv'), 'country,PDI,IDV,MAS,UAI,LTO,IVR\nUS,60,50,40,30,20,10\nCN,10,20,30,40,50,60\nJP,30,30,30,30,30,30\n');
  other = await run(config('other', ['random-a'], { groundTruth: join(work, 'truth.csv') }));
}, 120_000);

describe('culturebench leaderboard', () => {
  const site = join(work, 'site');
  let html = '';
  beforeAll(async () => {
    const io = capture();
    expect(await main(['leaderboard', first, second, rerun, '--out', site], io)).toBe(0);
    expect(io.stdout).toMatch(/3 models from 3 runs/);
    html = readFileSync(join(site, 'index.html'), 'utf8');
  });

  it("counts each model's newest run, with the run's own numbers", () => {
    const rows = [
      ...html.matchAll(
        /<tr class="kind-(\w+)"><td class="num">[^<]*<\/td><td><bdi dir="auto">([^<]+)<\/bdi>.*?<a href="runs\/([^/]+)\/manifest.json"[^>]*>([^<]+)<\/a>/g,
      ),
    ].map((m) => ({ kind: m[1], model: m[2], run: m[3], value: m[4] }));
    const byModel = Object.fromEntries(rows.map((r) => [r.model, r]));
    expect(Object.keys(byModel).sort()).toEqual(['human-global-average', 'middle-b', 'random-a', 'random-c']);
    expect(byModel['random-a'].run).toBe(results(rerun).runId);
    expect(byModel['random-c'].run).toBe(results(second).runId);
    expect(byModel['middle-b'].run).toBe(results(first).runId);
    for (const [model, dir] of [
      ['random-a', rerun],
      ['random-c', second],
      ['middle-b', first],
    ] as const) {
      const doc = results(dir);
      // The headline number: the noise-corrected skill where the run has one (issue 10), else the mean DR.
      type Iv = { estimate: number; lo: number; hi: number };
      const at = (x: { model: string; condition: string }) => x.model === model && x.condition === doc.headline;
      const skill = (doc.skill as { model: string; condition: string; skill: Iv }[] | undefined)?.find(at)?.skill;
      const v: Iv = skill ?? doc.perModel.find(at).meanDr;
      expect(byModel[model].value).toBe(`${v.estimate.toFixed(2)} [${v.lo.toFixed(2)}, ${v.hi.toFixed(2)}]`.replace(/-/g, '−'));
    }
    // Baselines are labelled, never shown as LLMs.
    expect(rows.filter((r) => r.model !== 'human-global-average').every((r) => r.kind === 'baseline')).toBe(true);
  });

  it('the human global average and ground truth are the same in every run', () => {
    const g = [first, second, rerun].map((d) => JSON.stringify(results(d).human));
    expect(new Set(g).size).toBe(1);
  });

  it('links every number to a manifest that exists in the site', () => {
    const hrefs = [...html.matchAll(/href="(runs\/[^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const h of new Set(hrefs)) expect(existsSync(join(site, decodeURIComponent(h)))).toBe(true);
  });

  it('opens offline in Chromium with history and links, no console errors, no sideways scroll at 375 px', async () => {
    const b = await openBrowser({ width: 375, height: 800 });
    try {
      await b.page.goto(pathToFileURL(join(site, 'index.html')).href, { waitUntil: 'load' });
      expect(await b.page.locator('#history h3').count()).toBe(4);
      // random-a: two runs in its history, the newest one counts.
      const a = b.page
        .locator('#history table')
        .nth(await b.page.locator('#history h3').evaluateAll((hs) => hs.findIndex((h) => h.textContent === 'random-abaseline')));
      expect(await a.locator('tbody tr').count()).toBe(2);
      expect(await a.locator('tbody tr[aria-current="true"]').textContent()).toContain(results(rerun).runId);
      expect(await b.page.locator('svg.history').count()).toBe(4);
      expect(await horizontalOverflow(b.page)).toBeLessThanOrEqual(0);
      await b.page.locator('#board tbody a').first().click();
      expect(b.page.url()).toMatch(/runs\/[^/]+\/manifest\.json$/);
      expect(b.problems).toEqual([]);
    } finally {
      await b.close();
    }
  }, 30_000);

  it('refuses a run with another ground truth, naming the hash, exit 2', async () => {
    const io = capture();
    expect(await main(['leaderboard', first, other, '--out', join(work, 'bad')], io)).toBe(2);
    expect(io.stderr).toMatch(/ground truth hash differs \([0-9a-f]{64} vs [0-9a-f]{64}\)/);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });

  it('refuses a missing results.json with the fix', async () => {
    const io = capture();
    expect(await main(['leaderboard', work, '--out', join(work, 'bad')], io)).toBe(2);
    expect(io.stderr).toMatch(/results\.json is missing; write it with `culturebench report/);
  });
});

describe('culturebench compare', () => {
  it('prints paired differences per country and dimension whose intervals contain their estimates', async () => {
    const io = capture();
    const out = join(work, 'cmp');
    expect(await main(['compare', rerun, second, '--replicates', '200', '--out', out], io)).toBe(0);
    const md = io.stdout;
    expect(md).toMatch(/A = random-a \(baseline\) in run .*; B = random-c \(baseline\)/);
    const cells = [...md.matchAll(/(−?\d+\.\d+) \[(−?\d+\.\d+), (−?\d+\.\d+)\]/g)].map((m) => m.slice(1, 4).map((v) => Number(v.replace('−', '-'))));
    expect(cells).toHaveLength(1 + 3 + 6); // headline, countries, dimensions
    for (const [e, lo, hi] of cells) {
      expect(lo).toBeLessThanOrEqual(e);
      expect(hi).toBeGreaterThanOrEqual(e);
      expect(hi).toBeGreaterThan(lo);
    }
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain('<h2>Per dimension</h2>');
    // The headline estimate is the difference of the two runs' own mean DRs.
    const mean = (dir: string, model: string) =>
      results(dir).perModel.find((p: { model: string; condition: string }) => p.model === model && p.condition === 'native').meanDr.estimate;
    expect(cells[0][0]).toBeCloseTo(mean(rerun, 'random-a') - mean(second, 'random-c'), 2);
  }, 60_000);

  it('compares two models of one run', async () => {
    const io = capture();
    expect(await main(['compare', first, '--model-a', 'random-a', '--model-b', 'middle-b', '--replicates', '50'], io)).toBe(0);
    expect(io.stdout).toMatch(/B = middle-b \(baseline\) in run/);
  }, 30_000);

  it('refuses an ambiguous model and an incompatible run (exit 2)', async () => {
    const io = capture();
    expect(await main(['compare', first, second], io)).toBe(2);
    expect(io.stderr).toMatch(/--model-a: run .* has 2 candidate models \(random-a, middle-b\); name one with --model-a ID/);
    const io2 = capture();
    expect(await main(['compare', rerun, other], io2)).toBe(2);
    expect(io2.stderr).toMatch(/ground truth hash differs/);
  });
});
