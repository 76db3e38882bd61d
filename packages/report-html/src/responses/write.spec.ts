/**
 * The response browser's files read back outside a browser (the scripts run in a VM context
 * with the page's window.__cb): every row's facets and prompt, against the records they came
 * from, with prompt memory small enough that prompts are forgotten and written again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { latestRecords, readResponses, surveyPrompter, type ResponseRecord } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { writeSyntheticRun } from '../testing/responses-fixture.js';
import { FacetCodes, RecentPrompts } from './codes.js';
import { CHUNK, PROMPT_CHUNK, writeResponseBrowser } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-browser-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Index {
  total: number;
  facets: string[];
  dicts: Record<string, string[]>;
  cols: Record<string, { bytes: 1 | 2 | 4; data: string }>;
}

/** Runs every script of responses/ as the page would; returns what each handed over. */
function load(): { index: Index; rows: unknown[][][]; prompts: string[][][] } {
  const got: { index?: Index; rows: unknown[][][]; prompts: string[][][] } = { rows: [], prompts: [] };
  const window = {
    __cb(kind: string, n: number, data: unknown) {
      if (kind === 'index') got.index = data as Index;
      else (kind === 'rows' ? got.rows : got.prompts)[n] = data as never;
    },
  };
  for (const f of readdirSync(join(dir, 'responses'))) runInNewContext(readFileSync(join(dir, 'responses', f), 'utf8'), { window });
  return { index: got.index!, rows: got.rows, prompts: got.prompts };
}

function decode(col: { bytes: 1 | 2 | 4; data: string }): ArrayLike<number> {
  const b = Buffer.from(col.data, 'base64');
  const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  return col.bytes === 1 ? new Uint8Array(buf) : col.bytes === 2 ? new Uint16Array(buf) : new Uint32Array(buf);
}

describe('response browser data', () => {
  const survey = loadVsm2013();
  const run = writeSyntheticRun(dir, survey, { models: 3, countries: 4, samples: 3 });
  const records: ResponseRecord[] = latestRecords(readResponses(join(dir, 'responses.jsonl')).records);
  const distinct = new Set(records.map((r) => r.promptHash)).size;
  // Records handed over lazily, as the report stage streams them.
  const out = writeResponseBrowser({ runDir: dir, manifest: run.manifest, survey, prompter: surveyPrompter, records: records.values(), promptMemory: 40 });
  const { index, rows, prompts } = load();

  it('gives every row its facets and the prompt it was asked, though prompts were forgotten on the way', () => {
    expect(out.rows).toBe(records.length);
    expect(index.total).toBe(records.length);
    const cols = Object.fromEntries(index.facets.map((f) => [f, decode(index.cols[f])]));
    const promptRows = prompts.flat();
    // Each model asks the same prompts; with 80 remembered at most, later models' rows get them again.
    expect(promptRows.length).toBeGreaterThan(distinct);
    const facet = (f: string, i: number) => index.dicts[f][cols[f][i]];
    const got = records.map((_, i) => {
      const row = rows[Math.floor(i / CHUNK)][i % CHUNK];
      const pid = row[2] as number;
      const [hash, text] = prompts[Math.floor(pid / PROMPT_CHUNK)][pid % PROMPT_CHUNK];
      return [row[0], ...['model', 'country', 'language', 'item', 'condition'].map((f) => facet(f, i)), hash, /^\[(system|user)\]/.test(text)];
    });
    const want = records.map((r) => [r.key, r.model, r.country, r.language, r.item, r.conditions.join(' · '), r.promptHash, true]);
    expect(got).toEqual(want);
  });
});

describe('FacetCodes', () => {
  it('widens from one byte to two and four as the dictionary grows, keeping every code', () => {
    const c = new FacetCodes();
    const want = [3, 255, 0, 256, 70_000, 1, 65_535];
    for (let i = 0; i < 5000; i++) c.push(i % 7 === 6 ? 200 : 1);
    const widths: number[] = [];
    for (const v of want) {
      c.push(v);
      widths.push(c.bytes().width);
    }
    expect(widths).toEqual([1, 1, 1, 2, 4, 4, 4]);
    const { width, data } = c.bytes();
    const all = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / width);
    expect(all.length).toBe(5000 + want.length);
    expect(Array.from(all.slice(5000))).toEqual(want);
    expect(all[6]).toBe(200);
  });
});

describe('RecentPrompts', () => {
  it('remembers the last two generations and forgets older prompts', () => {
    const p = new RecentPrompts(2);
    ['a', 'b', 'c', 'd', 'e'].forEach((h, i) => p.set(h, i));
    expect([p.get('a'), p.get('b'), p.get('c'), p.get('d'), p.get('e')]).toEqual([undefined, undefined, 2, 3, 4]);
  });
});
