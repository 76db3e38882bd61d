/**
 * responses.arrow, written in batches through a spill file, against the table arquero builds in
 * memory from the same records (what the export wrote before it streamed): every column of every
 * row, read back by two independent readers (flechette, which arquero uses, and apache-arrow).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFsLayer, type ResponseRecord } from '@culturebench/core';
import { tableFromIPC as flechetteRead } from '@uwdata/flechette';
import { tableFromIPC as arrowJsRead } from 'apache-arrow';
import { toArrowIPC } from 'arquero';
import { RESPONSE_COLUMNS, responsesTable, writeResponsesArrow } from './export.js';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-arrow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setFsLayer(null));

/** Records of several models with every outcome, nulls in every nullable column, odd text. */
function records(n: number): ResponseRecord[] {
  const models = ['gpt-x', 'model-<b>bold</b>', 'Ünïcode 模型', 'baseline-uniform'];
  const out: ResponseRecord[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 11;
    const error = k === 0 ? `HTTP 500 #${i}` : null;
    const parsed =
      error !== null
        ? null
        : k === 1
          ? ({ kind: 'refusal', reason: 'declined' } as const)
          : k === 2
            ? null
            : ({ kind: 'answer', code: 1 + (i % 5), via: 'number' } as const);
    out.push({
      key: `k${i.toString(16).padStart(8, '0')}`,
      promptHash: `p${i % 997}`,
      model: models[i % models.length],
      provider: i % 4 === 3 ? 'baseline' : 'openai',
      kind: i % 4 === 3 ? 'baseline' : 'llm',
      country: ['JP', 'DE', 'BR'][i % 3],
      language: ['ja', 'en', 'pt', 'de'][i % 4],
      conditions: i % 2 ? ['native', 'english'] : ['native'],
      item: `Q${(i % 24) + 1}`,
      respondent: i % 1000,
      persona: null,
      seed: i,
      raw: error !== null ? null : k === 3 ? '' : k === 4 ? `long ${'é'.repeat(3000 + (i % 7))} 🎌` : `I would answer ${1 + (i % 5)}.\n<script>x</script>`,
      parsed,
      // a distribution method's answer is its expected code (every 13th row)
      answer: parsed?.kind === 'answer' ? (i % 13 === 0 ? parsed.code + 0.356159895150721 : parsed.code) : null,
      tokens: k === 5 ? null : { input: 200 + (i % 50), output: 5 + (i % 3) },
      costUsd: k === 6 ? null : i * 1e-6,
      latencyMs: 0.5 + i * 1.25,
      attempts: k === 7 ? 0 : 1 + (i % 3),
      cached: k === 7,
      error,
      at: new Date(Date.UTC(2026, 11, 5) + i * 1000).toISOString(),
    });
  }
  return out;
}

/** Every column as plain JS values, row by row. */
function columns(t: { getChild(name: string): { toArray(): ArrayLike<unknown> } | null }): Record<string, unknown[]> {
  return Object.fromEntries(RESPONSE_COLUMNS.map((c) => [c.name, Array.from(t.getChild(c.name)?.toArray() ?? [])]));
}

describe('responses.arrow', () => {
  const recs = records(5000);
  const path = join(dir, 'responses.arrow');
  // Small batches so that dictionaries span several of them and a batch ends mid-way.
  const rows = writeResponsesArrow(path, recs, { batchRows: 777 });
  const before = columns(flechetteRead(toArrowIPC(responsesTable(recs), { format: 'file' })));

  it('holds every column of every row as the in-memory table did', () => {
    expect(rows).toBe(recs.length);
    const after = flechetteRead(readFileSync(path));
    expect(after.numRows).toBe(recs.length);
    expect(after.schema.fields.map((f) => f.name)).toEqual(RESPONSE_COLUMNS.map((c) => c.name));
    const cols = columns(after);
    for (const c of RESPONSE_COLUMNS) expect({ column: c.name, values: cols[c.name] }).toEqual({ column: c.name, values: before[c.name] });
    // The values themselves, not just agreement between two writers.
    expect(cols.model.slice(0, 4)).toEqual(['gpt-x', 'model-<b>bold</b>', 'Ünïcode 模型', 'baseline-uniform']);
    expect(cols.outcome.slice(0, 4)).toEqual(['error', 'refusal', 'invalid', 'answer']);
    expect(cols.raw[4]).toBe(recs[4].raw);
    expect(cols.raw[0]).toBeNull();
    expect(cols.conditions[1]).toBe('native,english');
    expect(cols.latency_ms[3]).toBe(4.25);
    expect(cols.cached[7]).toBe(true);
  });

  it('is read the same by apache-arrow, with strings of few values dictionary-encoded', () => {
    const t = arrowJsRead(readFileSync(path));
    expect(t.numRows).toBe(recs.length);
    for (const c of RESPONSE_COLUMNS) {
      const v = t.getChild(c.name);
      const values = Array.from({ length: t.numRows }, (_, i) => v?.get(i) ?? null);
      expect({ column: c.name, values }).toEqual({ column: c.name, values: before[c.name] });
    }
    const dictionary = t.schema.fields.filter((f) => String(f.type).startsWith('Dictionary')).map((f) => f.name);
    expect(dictionary).toEqual(['model', 'provider', 'kind', 'country', 'language', 'conditions', 'item', 'outcome']);
    expect(String(t.schema.fields.find((f) => f.name === 'respondent')?.type)).toBe('Int32');
    expect(String(t.schema.fields.find((f) => f.name === 'answer')?.type)).toBe('Float64');
    expect(String(t.schema.fields.find((f) => f.name === 'latency_ms')?.type)).toBe('Float64');
  });

  it('writes a readable empty table when there are no records', () => {
    const empty = join(dir, 'empty.arrow');
    expect(writeResponsesArrow(empty, [])).toBe(0);
    const t = flechetteRead(readFileSync(empty));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(RESPONSE_COLUMNS.map((c) => c.name));
    expect(arrowJsRead(readFileSync(empty)).numRows).toBe(0);
  });

  it('reads the records once, lazily, from any iterable', () => {
    let pulled = 0;
    function* lazy() {
      for (const r of recs.slice(0, 100)) {
        pulled++;
        yield r;
      }
    }
    expect(writeResponsesArrow(join(dir, 'lazy.arrow'), lazy(), { batchRows: 30 })).toBe(100);
    expect(pulled).toBe(100);
  });

  // The disk fills while batches are spilled, or later, while the file itself is written.
  it.each([
    ['spilling batches', 0.01, /kept\.arrow\.\d+\.spill\.tmp: the disk is full/],
    ['writing the file', 1.5, /kept\.arrow: the disk is full/],
  ])('leaves the previous file whole when the disk fills while %s, and no temporary or spill file', (_, share, error) => {
    const target = join(dir, 'kept.arrow');
    writeResponsesArrow(target, recs.slice(0, 50));
    const old = readFileSync(target);
    let budget = Math.round(statSync(path).size * share);
    setFsLayer({
      writeSync: (fd, buf, off, len) => {
        if (budget <= 0) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        const n = Math.min(len, budget);
        budget -= n;
        return writeSync(fd, buf, off, n);
      },
    });
    expect(() => writeResponsesArrow(target, recs, { batchRows: 777 })).toThrow(error);
    setFsLayer(null);
    expect(readFileSync(target).equals(old)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('kept.arrow.'))).toEqual([]);
  });

  it('refuses a value an int32 column cannot hold, naming the column and row', () => {
    const bad = { ...recs[0], respondent: 2.5 };
    expect(() => writeResponsesArrow(join(dir, 'bad.arrow'), [recs[1], bad])).toThrow(/column respondent, row 2: not a 32-bit integer: 2\.5/);
    expect(existsSync(join(dir, 'bad.arrow'))).toBe(false);
  });
});
