// Chaos: every bad input of issue 13 is refused with exit 2 and a message naming the file, field
// or line and the fix, before anything is asked (no chat request at the loopback server) or
// written (no run directory).
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from '../main.js';
import { capture, chatPosts, cleanTempDirs, KEY, openaiModel, runDirsIn, tempDir, writeConfig } from './kit.js';

jest.setTimeout(60_000);

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ apiKeys: [KEY], recordRequests: 100_000 });
});
afterAll(async () => {
  await server.close();
  cleanTempDirs();
});
beforeEach(() => server.reset());

const EN_TEXT = fileURLToPath(new URL('../../../../datasets/vsm2013/text/en.json', import.meta.url));

/** Runs `run` on a config made by `make`; expects exit 2, `message`, and nothing asked or written. */
async function refusedRun(make: (dir: string) => string, message: RegExp, flags: string[] = []): Promise<string> {
  const dir = tempDir();
  const config = make(dir);
  const io = capture();
  const t0 = Date.now();
  expect(await main(['run', '--config', config, '--no-progress', ...flags], io)).toBe(2);
  expect(Date.now() - t0).toBeLessThan(20_000);
  expect(io.stderr).toMatch(message);
  expect(io.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  expect(chatPosts(server)).toBe(0);
  expect(runDirsIn(join(dir, 'out'))).toEqual([]);
  return io.stderr;
}

const model = () => openaiModel(server, 'm1');

describe('run refuses bad configs before asking or writing anything', () => {
  it('duplicate countries', () =>
    refusedRun(
      (d) => writeConfig(d, [model()], { countries: ['US', 'CN', 'US'] }),
      /field "countries\.2": country US is listed twice \(also at countries\.0\)/,
    ));

  it('duplicate conditions', () =>
    refusedRun((d) => writeConfig(d, [model()], { conditions: ['native', 'english', 'native'] }), /field "conditions\.2": condition "native" is listed twice/));

  it('a headline condition that does not exist', () =>
    refusedRun(
      (d) => writeConfig(d, [model()], { headline: 'chinese' }),
      /field "headline": "chinese" is neither a condition nor an aggregate .*choose one of: native, language-average/,
    ));

  it('unknown keys inside a model entry (apiKey, temperature), each with its fix', async () => {
    const err = await refusedRun((d) => writeConfig(d, [{ ...model(), apiKey: 'inline-key-123', temperature: 0.2 }]), /field "models\.0": unknown key\(s\)/);
    expect(err).toMatch(/"apiKey": keys are never written in a config: .*"apiKeyEnv"/);
    expect(err).toMatch(/"temperature": put it under "params"/);
    expect(err).not.toContain('inline-key-123');
  });

  it('a texts file missing an item', () =>
    refusedRun((d) => {
      const text = JSON.parse(readFileSync(EN_TEXT, 'utf8'));
      delete text.items['7'];
      writeFileSync(join(d, 'en-short.json'), JSON.stringify(text));
      return writeConfig(d, [model()], { texts: { en: 'en-short.json' } });
    }, /en-short\.json: missing or incomplete items\.7; complete the text/));

  it('a ground truth with no usable dimension', () =>
    refusedRun((d) => {
      writeFileSync(join(d, 'gt.csv'), 'country,PDI,IDV\nUS,,\nCN,80,20\n');
      return writeConfig(d, [model()], { groundTruth: 'gt.csv' });
    }, /gt\.csv: no dimension has a score for the configured countries \(US\)/));

  it('an absurd plan size needs an explicit flag; --dry-run refuses it at once instead of hanging', async () => {
    await refusedRun((d) => writeConfig(d, [model()], { samples: 1e9 }), /the plan has 24,000,000,000 requests .* pass --allow-large-plan if you mean it/);
    await refusedRun((d) => writeConfig(d, [model()], { samples: 1e9 }), /--allow-large-plan/, ['--dry-run']);
  });

  it('an output directory that cannot be written', async () => {
    // A read-only mount where the machine allows one (root), else a path under a regular file.
    const dir = tempDir();
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    let out = join(dir, 'a-file', 'out');
    writeFileSync(join(dir, 'a-file'), '');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', ro], { stdio: 'ignore' });
      out = join(ro, 'out');
    } catch {
      /* keep the ENOTDIR case */
    }
    try {
      const io = capture();
      expect(await main(['run', '--config', writeConfig(dir, [model()]), '--no-progress', '--out', out], io)).toBe(2);
      expect(io.stderr).toMatch(/cannot create a run directory in .* \((EROFS|ENOTDIR|EACCES|ENOENT)\); choose a writable folder with --out/);
      expect(chatPosts(server)).toBe(0);
    } finally {
      if (out.startsWith(ro)) execFileSync('umount', [ro], { stdio: 'ignore' });
    }
  });
});

describe('report, merge and resume refuse damaged run directories', () => {
  let runDir: string;
  let config: string;
  beforeAll(async () => {
    const dir = tempDir();
    config = writeConfig(dir, [{ id: 'baseline-middle', provider: 'baseline', model: 'middle' }]);
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0'], capture())).toBe(0);
    runDir = runDirsIn(join(dir, 'out'))[0]!;
  });

  const copy = () => {
    const d = join(tempDir(), 'run');
    cpSync(runDir, d, { recursive: true });
    return d;
  };

  async function expectRefused(argv: string[], message: RegExp): Promise<void> {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).not.toMatch(/\n\s+at /);
  }

  it('a corrupt manifest: report, merge and resume', async () => {
    const bad = copy();
    writeFileSync(join(bad, 'manifest.json'), '{"runId": "x", "status": "comp');
    await expectRefused(['report', bad], /manifest\.json: not valid JSON .*restore manifest\.json/);
    await expectRefused(['merge', bad, copy()], /manifest\.json: not valid JSON/);
    await expectRefused(['run', '--config', config, '--resume', bad], /manifest\.json: not valid JSON/);
    writeFileSync(join(bad, 'manifest.json'), '{"hello": 1}');
    await expectRefused(['report', bad], /not a culturebench manifest \(missing runId, status, config, survey, models\)/);
  });

  it('a bad line in the middle of responses.jsonl: report and resume name the line; a torn last line is tolerated', async () => {
    const bad = copy();
    const lines = readFileSync(join(bad, 'responses.jsonl'), 'utf8').split('\n');
    lines[5] = '{"key": "broken';
    writeFileSync(join(bad, 'responses.jsonl'), lines.join('\n'));
    await expectRefused(['report', bad], /responses\.jsonl: line 6 is not valid JSON; the file is damaged\. Fix: .*delete line 6/);
    await expectRefused(['run', '--config', config, '--resume', bad], /line 6 is not valid JSON/);
    const torn = copy();
    appendFileSync(join(torn, 'responses.jsonl'), '{"key":"{"key":');
    expect(await main(['report', torn, '--replicates', '0'], capture())).toBe(0);
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', torn], capture())).toBe(0);
  });

  it('the same directory merged twice', async () => {
    await expectRefused(['merge', runDir, runDir], /is named twice/);
    await expectRefused(['merge', runDir, `${runDir}/`], /is named twice/);
    await expectRefused(['merge', runDir, copy()], /is the same run \(.*\) as/);
  });
});

describe('score reads user CSVs through one reader and writes RFC 4180', () => {
  const header = 'sample,respondent,item,answer';
  const answers = (sample: string) => Array.from({ length: 24 }, (_, i) => `${sample},r1,${i + 1},3`);

  async function score(text: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), text);
    const io = capture();
    const code = await main(['score', '--survey', 'vsm2013', '--answers', join(dir, 'a.csv')], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  }

  it('a UTF-8 byte-order mark and CRLF line ends (Excel "CSV UTF-8") are read', async () => {
    const r = await score('\uFEFF' + [header, ...answers('A')].join('\r\n') + '\r\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('sample,PDI,IDV,MAS,UAI,LTO,IVR,n\r\nA,0,0,0,0,0,0,1\r\n');
  });

  it('a header without rows is refused', async () => {
    const r = await score(header + '\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.csv: has a header but no answer rows/);
  });

  it('0x3 (and 3e0, 3.0) is not the answer 3', async () => {
    for (const v of ['0x3', '3e0', '3.0', '+3']) {
      const r = await score([header, ...answers('A').slice(0, 23), `A,r1,24,${v}`].join('\n'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`line 25: column "answer": "${v}" is not an answer code`);
    }
  });

  it('sample ids with a comma, a quote, a line break or a leading = are quoted and neutralised on the way out', async () => {
    const ids = ['Paris, FR', 'the "best" one', 'two\nlines', '=HYPERLINK("http://x","y")', '+cmd', '@SUM(1)'];
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rowsIn = ids.flatMap((id) => answers(quote(id)));
    const r = await score([header, ...rowsIn].join('\n') + '\n');
    expect(r.code).toBe(0);
    const back = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(back.map((x) => x.sample)).toEqual(ids.map((id) => (/^[=+@]/.test(id) ? `'${id}` : id)));
    expect(back.every((x) => x.PDI === '0' && x.n === '1')).toBe(true);
  });
});
