import { analyse } from '@culturebench/core';
import { analyseRecords } from './analyse-run.js';
import { leaderboardMarkdown } from './outputs.js';
import { manifestFor, recordsFor, type RunSpec } from './testing/fixtures.js';

// A run on 2 of the benchmark's 20 countries (--countries US,CN): G stays the benchmark's.
describe('a run on a subset of the benchmark countries', () => {
  it('keeps G over the declared countries: d(G, H_US) = 66.7 with --countries US,CN', async () => {
    const { loadVsm2013 } = await import('@culturebench/survey-vsm2013');
    const { loadBenchmarkCountries } = await import('@culturebench/core');
    const survey = loadVsm2013();
    const all = Object.values(loadBenchmarkCountries()).map((c) => ({ code: c.iso2, language: c.language }));
    const spec: RunSpec = {
      models: [{ id: 'baseline-middle', kind: 'baseline' }],
      countries: all.filter((c) => c.code === 'US' || c.code === 'CN'),
      conditions: [{ id: 'native', language: 'native' }],
      aggregates: [],
      headline: 'native',
      constants: { mode: 'anchored' },
      samples: 3,
    };
    const records = recordsFor(spec, survey, () => Array.from({ length: 3 }, () => survey.items.map(() => 3)));
    const subset = manifestFor(spec, survey);
    const declared = { ...subset, config: { ...subset.config, benchmarkCountries: all.map((c) => c.code) } };
    const dUS = (m: typeof subset) => analyse(records, m, survey).alignment.find((a) => a.country === 'US')!.baseline_distance;
    expect(dUS(declared)).toBeCloseTo(66.7, 1);
    // without the declared list (older manifests) G is over the run's countries: the bias the issue measured
    expect(dUS(subset)).toBeCloseTo(56.1, 1);
    const doc = analyseRecords(records, declared, survey, { replicates: 0 });
    expect(doc.perCountry.find((r) => r.country === 'US')!.baselineDistance).toBeCloseTo(66.7, 1);
    const board = leaderboardMarkdown({ ...doc, manifest: declared });
    // the title names the countries actually run (as report.html's does), not the config's "(20 countries)"
    const titled = { ...declared, config: { ...declared.config, name: 'VSM 2013 cultural alignment (20 countries)' } };
    const title = leaderboardMarkdown({ ...doc, manifest: titled }).split('\n')[0];
    expect(title).toBe('# culturebench leaderboard: VSM 2013 cultural alignment (2 of 20 countries: US, CN)');
    expect(leaderboardMarkdown({ ...doc, manifest: { ...titled, config: { ...titled.config, name: 'my run' } } }).split('\n')[0]).toBe(
      '# culturebench leaderboard: my run (2 of 20 countries: US, CN)',
    );
    // a full run keeps the config's name as it is
    const full = { ...titled, config: { ...titled.config, countries: all } };
    expect(leaderboardMarkdown({ ...doc, manifest: full }).split('\n')[0]).toBe('# culturebench leaderboard: VSM 2013 cultural alignment (20 countries)');
    expect(board).toContain('2 of 20 benchmark countries run: US, CN');
    expect(doc.findings.join(' ')).toContain('Only 2 countries were run');
    // fewer than MIN_COUNTRIES: listed in the run's order, not ranked (paper's DR and calibrated)
    for (const rows of [doc.perCountry, doc.countrySkill]) {
      expect(rows.map((r) => [r.country, r.rank])).toEqual([
        ['US', null],
        ['CN', null],
      ]);
    }
    expect(board.split('listed, not ranked').length - 1).toBe(2);
    expect(board).toMatch(/\| – \| US United States \|/);
  });

  it('the leaderboard says how countries asked in fewer languages compare in the language average', async () => {
    const { loadVsm2013 } = await import('@culturebench/survey-vsm2013');
    const survey = loadVsm2013();
    const spec: RunSpec = {
      models: [{ id: 'baseline-middle', kind: 'baseline' }],
      countries: [
        { code: 'US', language: 'en' },
        { code: 'CN', language: 'zh' },
        { code: 'DE', language: 'de' },
      ],
      conditions: [
        { id: 'native', language: 'native' },
        { id: 'english', language: 'en' },
        { id: 'chinese', language: 'zh' },
      ],
      aggregates: ['language-average'],
      headline: 'language-average',
      constants: { mode: 'anchored' },
      samples: 2,
    };
    const records = recordsFor(spec, survey, () => Array.from({ length: 2 }, () => survey.items.map(() => 3)));
    const manifest = manifestFor(spec, survey);
    const doc = analyseRecords(records, manifest, survey, { replicates: 0 });
    const board = leaderboardMarkdown({ ...doc, manifest });
    const la = (c: string) => doc.perCountry.find((r) => r.country === c && r.condition === 'language-average')!.meanDr.estimate!;
    expect(board).toContain(`2 countries in 2 languages (US, CN): mean DR ${((la('US') + la('CN')) / 2).toFixed(3)}`);
    expect(board).toContain(`1 country in 3 languages (DE): mean DR ${la('DE').toFixed(3)}`);
  });
});
