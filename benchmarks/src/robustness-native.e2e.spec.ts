import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, memoryIo } from '@culturebench/cli';
import type { ResponseRecord } from '@culturebench/core';

// Countries asked in their own language, with scripts and directions that differ from English.
const COUNTRIES = { DE: 'de', JP: 'ja', TH: 'th', MA: 'ar' } as const;

const capture = () => memoryIo();

/**
 * The paraphrase grid in the countries' own languages, offline, on the baselines: every language
 * renders both paraphrases of every item (the run stops with exit 2 otherwise) and the prompts differ.
 */
describe('a paraphrase grid in the native languages, on the baselines', () => {
  let dir: string;
  let io: ReturnType<typeof capture>;
  let code: number;
  let rows: ResponseRecord[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'culturebench-native-grid-'));
    const file = join(dir, 'native.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'native paraphrase grid',
        survey: 'vsm2013',
        countries: Object.keys(COUNTRIES),
        conditions: ['native'],
        aggregates: [],
        headline: 'native',
        persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: 2,
        seed: 3,
        outDir: 'out',
        grid: { wording: ['original', 'paraphrase-1', 'paraphrase-2'], optionOrder: ['original', 'reversed'] },
        models: [{ id: 'baseline-first', provider: 'baseline', model: 'first' }],
      }),
    );
    io = capture();
    code = await main(['run', '--config', file, '--no-cache', '--no-progress', '--replicates', '0'], io);
    const parent = join(dir, 'out');
    const runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]);
    rows = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks every variant in every native language and every reply is an answer', () => {
    expect(code).toBe(0);
    const variants = ['reference', 'wording=paraphrase-1', 'wording=paraphrase-2', 'optionOrder=reversed'];
    for (const [country, language] of Object.entries(COUNTRIES)) {
      for (const v of variants) {
        const mine = rows.filter((r) => r.country === country && r.variant?.id === v);
        expect({ country, v, language: [...new Set(mine.map((r) => r.language))], n: mine.length }).toEqual({ country, v, language: [language], n: 24 * 2 });
      }
    }
    expect(rows.filter((r) => r.answer === null)).toEqual([]);
  });

  it('shows a different prompt for each wording of the same question', () => {
    const byQuestion = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => x.variant?.optionOrder === 'original')) {
      const k = `${r.country}|${r.item}|${r.respondent}`;
      if (!byQuestion.has(k)) byQuestion.set(k, new Set());
      byQuestion.get(k)!.add(r.promptHash);
    }
    expect(byQuestion.size).toBe(4 * 24 * 2);
    for (const hashes of byQuestion.values()) expect(hashes.size).toBe(3);
  });

  it('maps the reversed order back: the first-option baseline answers 1 as shown, 5 in the original codes', () => {
    const rev = rows.filter((r) => r.variant?.id === 'optionOrder=reversed');
    expect(new Set(rev.map((r) => r.answer))).toEqual(new Set([5]));
    const ref = rows.filter((r) => r.variant?.id === 'reference');
    expect(new Set(ref.map((r) => r.answer))).toEqual(new Set([1]));
  });
});
