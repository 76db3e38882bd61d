import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBenchmarkCountries } from '@culturebench/core';
import { main } from './main.js';
import type { Io } from './commands.js';

// A run on 2 of the benchmark's 20 countries, through the real runner and the baseline provider.
describe('culturebench run --countries US,CN on the 20-country benchmark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-subset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let stderr = '';
  const io: Io = { env: {}, interactive: false, out: () => undefined, err: (t) => void (stderr += t) };
  let code: number;
  let runDir: string;

  beforeAll(async () => {
    const config = join(dir, 'bench.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'VSM 2013 cultural alignment (20 countries)',
        survey: 'vsm2013',
        countries: Object.values(loadBenchmarkCountries()).map((c) => c.iso2),
        conditions: ['native'],
        persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: 2,
        seed: 7,
        models: [{ id: 'baseline-middle', provider: 'baseline', model: 'middle' }],
        outDir: 'out',
      }),
    );
    code = await main(['run', '--config', config, '--countries', 'US,CN', '--no-progress'], io);
    const parent = join(dir, 'out');
    runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]!);
  });

  it("keeps the benchmark's G: d(G, H_US) = 66.7", () => {
    expect(stderr).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.config.countries.map((c: { code: string }) => c.code)).toEqual(['US', 'CN']);
    expect(manifest.config.benchmarkCountries).toHaveLength(20);
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    const us = results.perCountry.find((r: { country: string }) => r.country === 'US');
    expect(us.baselineDistance).toBeCloseTo(66.7, 1);
  });

  it('names the countries run and prints no correlation on 2 countries', () => {
    const board = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
    expect(board).toContain('2 of 20 benchmark countries run: US, CN');
    expect(board).toContain('Only 2 countries were run');
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    for (const r of results.dimensionAgreement) expect(r.pearson.estimate).toBeNull();
    for (const w of results.webContent) expect(w.pearson.estimate).toBeNull();
    expect(readFileSync(join(runDir, 'dimensions.csv'), 'utf8')).toContain('n < 5: no correlation');
    expect(readFileSync(join(runDir, 'agreement.csv'), 'utf8')).toContain('n < 5');
  });
});
