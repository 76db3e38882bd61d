import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseRecord } from '@culturebench/core';
import { main } from './main.js';
import { builtInRegistry } from './registry.js';
import type { Io } from './commands.js';

/** Run directories in a parent folder (the response cache lives beside them in .cache). */
function runDirsIn(parent: string): string[] {
  return readdirSync(parent).filter((d) => !d.startsWith('.'));
}

interface Captured extends Io {
  stdout: string;
  stderr: string;
}

function capture(env: Record<string, string | undefined> = {}): Captured {
  const io: Captured = {
    stdout: '',
    stderr: '',
    env,
    interactive: false,
    out: (t) => {
      io.stdout += t;
    },
    err: (t) => {
      io.stderr += t;
    },
  };
  return io;
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-cli-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeConfig(dir: string, overrides: Record<string, unknown> = {}): string {
  const file = join(dir, 'bench.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'test bench',
      survey: 'vsm2013',
      countries: ['US', 'CN', 'JP'],
      conditions: ['native', 'english', 'chinese'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 4,
      seed: 7,
      models: [
        { id: 'baseline-random', provider: 'baseline', model: 'random' },
        { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
      ],
      outDir: 'out',
      ...overrides,
    }),
  );
  return file;
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('culturebench run through the baseline provider', () => {
  const dir = tempDir();
  const config = writeConfig(dir);
  const io = capture({ OPENAI_API_KEY: 'test-cli-secret-0123456789abcdef' });
  let code: number;
  let runDir: string;

  beforeAll(async () => {
    code = await main(['run', '--config', config, '--no-progress'], io);
    runDir = join(dir, 'out', runDirsIn(join(dir, 'out'))[0]);
  });

  it('exits 0 and writes every output of the run directory', () => {
    expect(io.stderr).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    for (const f of [
      'responses.jsonl',
      'scores.csv',
      'alignment.csv',
      'agreement.csv',
      'answers.csv',
      'leaderboard.md',
      'manifest.json',
      'results.json',
      'per-model.csv',
      'report.html',
    ]) {
      expect(existsSync(join(runDir, f))).toBe(true);
    }
  });

  it('appends one parsed response per planned request', () => {
    const lines = readFileSync(join(runDir, 'responses.jsonl'), 'utf8').trim().split('\n');
    // 2 models × (US: en, zh; CN: zh, en; JP: ja, en, zh = 7 samples) × 24 items × 4 respondents
    expect(lines).toHaveLength(2 * 7 * 24 * 4);
    const records = lines.map((l) => JSON.parse(l) as ResponseRecord);
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    for (const r of records) {
      expect(r.error).toBeNull();
      expect(r.parsed?.kind).toBe('answer');
      expect(r.answer).toBeGreaterThanOrEqual(1);
      expect(r.answer).toBeLessThanOrEqual(5);
      expect(r.promptHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.kind).toBe('baseline');
    }
    expect(records.filter((r) => r.model === 'baseline-middle').every((r) => r.raw === '3')).toBe(true);
    // The random baseline uses the whole scale.
    expect(new Set(records.filter((r) => r.model === 'baseline-random').map((r) => r.answer)).size).toBe(5);
  });

  it('scores model × country × condition × dimension, with the language average', () => {
    const scores = readCsv(join(runDir, 'scores.csv'));
    expect(Object.keys(scores[0])).toEqual(['model', 'country', 'condition', 'dimension', 'score']);
    const conds = new Set(scores.map((s) => s.condition));
    expect([...conds].sort()).toEqual(['chinese', 'english', 'language-average', 'native']);
    // models (2 + reference) × 3 countries × 4 conditions × 6 dimensions
    expect(scores).toHaveLength(3 * 3 * 4 * 6);
  });

  it('anchors the middle baseline onto the human mean, so its DR equals the reference row (1)', () => {
    const alignment = readCsv(join(runDir, 'alignment.csv'));
    const middle = alignment.filter((a) => a.model === 'baseline-middle');
    const reference = alignment.filter((a) => a.model === 'human-global-average');
    expect(middle).toHaveLength(12);
    for (const r of [...middle, ...reference]) expect(Number(r.deviation_ratio)).toBeCloseTo(1, 6);
  });

  it('prints and writes a leaderboard that labels baselines and states the constants', () => {
    const md = readFileSync(join(runDir, 'leaderboard.md'), 'utf8');
    expect(io.stdout).toContain(md.trim());
    expect(md).toContain('baseline-random (baseline)');
    expect(md).toContain('human-global-average (reference)');
    expect(md).toMatch(/Constants: anchored/);
  });

  it('records a manifest with hashes and no secrets anywhere', () => {
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.config.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.survey.groundTruth.hash).toBe('71bff58cf610ec44b870d5aa4b06bb36e3a573860d513ff802488764d6e029a6');
    expect(Object.keys(manifest.survey.texts).sort()).toEqual(['en', 'ja', 'zh']);
    expect(manifest.config.constants).toEqual({ mode: 'anchored' });
    for (const f of readdirSync(runDir, { recursive: true }) as string[])
      if (statSync(join(runDir, f)).isFile()) expect(readFileSync(join(runDir, f), 'utf8')).not.toContain('test-cli-secret');
    expect(io.stdout + io.stderr).not.toContain('test-cli-secret');
  });

  it('regenerates identical outputs with `report`', async () => {
    const files = ['scores.csv', 'alignment.csv', 'leaderboard.md', 'results.json', 'per-country.csv', 'report.html'];
    const before = files.map((f) => readFileSync(join(runDir, f), 'utf8'));
    const io2 = capture();
    expect(await main(['report', runDir], io2)).toBe(0);
    const after = files.map((f) => readFileSync(join(runDir, f), 'utf8'));
    expect(after).toEqual(before);
  });

  it('is reproducible: the same seed gives the same answers', async () => {
    const out2 = tempDir();
    expect(await main(['run', '--config', config, '--out', out2, '--no-progress'], capture())).toBe(0);
    const run2 = join(out2, runDirsIn(out2)[0]);
    const answers = (d: string) =>
      readFileSync(join(d, 'responses.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ResponseRecord)
        .map((r) => `${r.key}=${r.answer}`)
        .sort();
    expect(answers(run2)).toEqual(answers(runDir));
  });
});

describe('bad input: a clear message, exit code 2, nothing written', () => {
  async function expectBadInput(args: (dir: string) => string[], message: RegExp) {
    const dir = tempDir();
    const io = capture();
    const code = await main(args(dir), io);
    expect(io.stderr).toMatch(message);
    expect(code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }

  it('unknown country code', () =>
    expectBadInput((d) => ['run', '--config', writeConfig(d, { countries: ['US', 'XX'] })], /bench\.json: field "countries": unknown country code "XX"/));
  it('a country that is not an ISO code at all', () =>
    expectBadInput((d) => ['run', '--config', writeConfig(d, { countries: ['usa'] })], /field "countries\.0": an ISO 3166-1 alpha-2 code/));
  it('unknown model id on the command line', () =>
    expectBadInput(
      (d) => ['run', '--config', writeConfig(d), '--models', 'gpt-9'],
      /--models: unknown model id "gpt-9" \(configured: baseline-random, baseline-middle\)/,
    ));
  it('unknown provider', () =>
    expectBadInput(
      (d) => ['run', '--config', writeConfig(d, { models: [{ id: 'x', provider: 'nope', model: 'y' }] })],
      /model "x": field "provider": unknown provider "nope"/,
    ));
  it('unknown survey', async () => {
    // The registered surveys, read from the registry: adding a survey plugin needs no edit here.
    const available = Object.keys((await builtInRegistry()).surveys)
      .sort()
      .join(', ')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return expectBadInput(
      (d) => ['run', '--config', writeConfig(d, { survey: 'vsm1994' })],
      new RegExp(`field "survey": unknown survey "vsm1994" \\(available: ${available}\\)`),
    );
  });
  it('missing config file', () => expectBadInput((d) => ['run', '--config', join(d, 'missing.ts')], /config file not found: .*missing\.ts/));
  it('samples ≤ 0 in the config', () =>
    expectBadInput((d) => ['run', '--config', writeConfig(d, { samples: 0 })], /field "samples": samples must be a whole number of at least 1/));
  it('samples ≤ 0 on the command line', () =>
    expectBadInput((d) => ['run', '--config', writeConfig(d), '--samples', '-3'], /--samples: must be a whole number of at least 1/));
  it('unknown flag', () => expectBadInput((d) => ['run', '--config', writeConfig(d), '--sample', '3'], /Unknown argument: sample/));
  it('malformed answers CSV', () =>
    expectBadInput((d) => {
      writeFileSync(join(d, 'a.csv'), 'sample,respondent,item,answer\nS,1,4,9\n');
      return ['score', '--survey', 'vsm2013', '--answers', join(d, 'a.csv')];
    }, /a\.csv: line 2: column "answer": "9" is not an answer code of item 4/));
  it('missing answers file', () => expectBadInput((d) => ['score', '--survey', 'vsm2013', '--answers', join(d, 'none.csv')], /--answers: file not found/));
  it('report of a folder that is not a run', () => expectBadInput((d) => ['report', d], /no manifest\.json here/));
});

describe('culturebench score', () => {
  it('prints the six indices per sample from any answer set, constants default 0', async () => {
    const dir = tempDir();
    const rows = ['sample,respondent,item,answer'];
    // Sample A: every item 3 except item 7 = 4 → PDI = 35(4 − 3) = 35, all else 0.
    for (let item = 1; item <= 24; item++) rows.push(`A,r1,${item},${item === 7 ? 4 : 3}`);
    // Sample B: two respondents; item 20 answered 5 and blank → m20 = 5 → PDI = 25(5 − 3) = 50.
    for (const r of ['r1', 'r2']) for (let item = 1; item <= 24; item++) rows.push(`B,${r},${item},${item === 20 ? (r === 'r1' ? 5 : '') : 3}`);
    writeFileSync(join(dir, 'answers.csv'), rows.join('\n') + '\n');
    const io = capture();
    expect(await main(['score', '--survey', 'vsm2013', '--answers', join(dir, 'answers.csv')], io)).toBe(0);
    expect(io.stdout).toBe('sample,PDI,IDV,MAS,UAI,LTO,IVR,n\r\nA,35,0,0,0,0,0,1\r\nB,50,0,0,0,0,0,2\r\n');
    const io50 = capture();
    expect(await main(['score', '--survey', 'vsm2013', '--answers', join(dir, 'answers.csv'), '--constants', 'PDI=10,IVR=50'], io50)).toBe(0);
    expect(io50.stdout.split('\r\n')[1]).toBe('A,45,0,0,0,0,50,1');
  });
});

describe('culturebench list and help', () => {
  it('lists surveys, countries and models', async () => {
    const io = capture();
    expect(await main(['list', 'surveys'], io)).toBe(0);
    expect(io.stdout).toMatch(/^vsm2013\t/);
    const io2 = capture();
    expect(await main(['list', 'countries'], io2)).toBe(0);
    expect(io2.stdout.trim().split('\n')).toHaveLength(21);
    const dir = tempDir();
    const io3 = capture();
    expect(await main(['list', 'models', '--config', writeConfig(dir)], io3)).toBe(0);
    expect(io3.stdout).toContain('baseline-middle\tbaseline\tmiddle\tbaseline');
  });

  it('has --help on every command', async () => {
    for (const cmd of ['run', 'score', 'report', 'list', 'leaderboard', 'compare']) {
      const io = capture();
      expect(await main([cmd, '--help'], io)).toBe(0);
      expect(io.stdout).toMatch(new RegExp(`culturebench ${cmd}`));
    }
  });
});

describe('culturebench validate and schema', () => {
  it('validates the shipped VSM survey', async () => {
    const io = capture();
    expect(await main(['validate', '--survey', 'vsm2013'], io)).toBe(0);
    expect(io.stdout).toMatch(/^vsm2013 2013\.1: valid \(24 items, 20 languages, \d+ ground-truth countries\)/);
  });

  it('keeps packages/core/config.schema.json equal to the schema the config parser uses', async () => {
    const io = capture();
    expect(await main(['schema'], io)).toBe(0);
    const file = new URL('../../core/config.schema.json', import.meta.url);
    // Regenerate with: npx culturebench schema > packages/core/config.schema.json
    expect(readFileSync(file, 'utf8')).toBe(io.stdout);
    const schema = JSON.parse(io.stdout);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'survey', 'countries', 'conditions', 'persona', 'samples', 'models']));
  });

  it('describes every field of the config schema (editors show the descriptions)', async () => {
    const io = capture();
    expect(await main(['schema'], io)).toBe(0);
    const missing: string[] = [];
    let fields = 0;
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        fields++;
        if (typeof v.description !== 'string' || v.description.length < 10) missing.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
      for (const k of ['items', 'additionalProperties']) walk(n[k], `${path}.${k}`);
      for (const k of ['anyOf', 'oneOf']) for (const [i, sub] of ((n[k] ?? []) as unknown[]).entries()) walk(sub, `${path}.${k}[${i}]`);
    };
    walk(JSON.parse(io.stdout), '');
    expect(missing).toEqual([]);
    expect(fields).toBeGreaterThan(40);
  });
});

describe('replacement texts and ground truth from the config', () => {
  it('asks with a user-supplied text for a language and compares with a user-supplied ground truth', async () => {
    const dir = tempDir();
    const de = JSON.parse(readFileSync(new URL('../../../datasets/vsm2013/text/de.json', import.meta.url), 'utf8'));
    de.rendering = 'official VSM 2013 German translation (supplied by the user)';
    de.items['1'] = 'OFFIZIELLER TEXT';
    writeFileSync(join(dir, 'official-de.json'), JSON.stringify(de));
    writeFileSync(join(dir, 'truth.csv'), 'country,PDI,IDV,MAS,UAI,LTO,IVR\nDE,10,20,30,40,50,60\nUS,60,50,40,30,20,10\n');
    const config = writeConfig(dir, {
      countries: ['DE', 'US'],
      conditions: ['native'],
      samples: 2,
      texts: { de: 'official-de.json' },
      groundTruth: 'truth.csv',
    });
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress'], io)).toBe(0);
    const runDir = join(dir, 'out', runDirsIn(join(dir, 'out'))[0]);
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.survey.texts.de.rendering).toBe('official VSM 2013 German translation (supplied by the user)');
    expect(manifest.config.texts.de).toBe(join(dir, 'official-de.json'));
    expect(manifest.survey.groundTruth.name).toBe('truth.csv');
    // With anchoring, the middle baseline sits at the mean of this table: DE PDI = (10 + 60) / 2.
    const scores = readCsv(join(runDir, 'scores.csv'));
    expect(scores.find((s) => s.model === 'baseline-middle' && s.country === 'DE' && s.dimension === 'PDI')!.score).toBe('35');
    // `report` recomputes with the same texts and table.
    const before = readFileSync(join(runDir, 'scores.csv'), 'utf8');
    expect(await main(['report', runDir], capture())).toBe(0);
    expect(readFileSync(join(runDir, 'scores.csv'), 'utf8')).toBe(before);
  });

  it('rejects a missing replacement text file', async () => {
    const dir = tempDir();
    const io = capture();
    expect(await main(['run', '--config', writeConfig(dir, { texts: { de: 'nope.json' } })], io)).toBe(2);
    expect(io.stderr).toMatch(/field "texts\.de": file not found: .*nope\.json/);
  });
});
