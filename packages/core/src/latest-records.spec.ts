import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { textLines } from './jsonl-lines.js';
import { LatestRecords } from './latest-records.js';
import { mulberry32 } from './rng.js';
import type { ResponseRecord } from './responses.js';
import { latestRecords } from './run-directory.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cb-latest-'));
  dirs.push(d);
  return d;
}

function record(key: string, fields: Partial<ResponseRecord> = {}): ResponseRecord {
  return { key, answer: 1, error: null, ...fields } as ResponseRecord;
}

function writeJsonl(path: string, records: ResponseRecord[], extra = ''): void {
  writeFileSync(path, records.map((r) => JSON.stringify(r) + '\n').join('') + extra);
}

/** What the in-memory rule keeps, as (key, answer, error) in the streamed view's order (line order). */
function expected(records: ResponseRecord[]): string[] {
  const kept = new Set(latestRecords(records));
  return records.filter((r) => kept.has(r)).map((r) => JSON.stringify([r.key, r.answer, r.error, r.conversation ?? null]));
}
function streamed(view: Iterable<ResponseRecord>): string[] {
  return [...view].map((r) => JSON.stringify([r.key, r.answer, r.error, r.conversation ?? null]));
}

describe('LatestRecords', () => {
  it('keeps the same records as latestRecords: first answer wins, an error only replaces an error, a conversation turn takes its latest row', () => {
    const d = tmp();
    const rows = [
      record('a', { answer: null, error: 'HTTP 503' }),
      record('b', { answer: 2 }),
      record('a', { answer: 3 }),
      record('a', { answer: 4 }),
      record('c', { answer: null, error: 'first' }),
      record('c', { answer: null, error: 'second' }),
      record('t1', { answer: 1, conversation: { id: 'conv', turn: 1 } }),
      record('t1b', { answer: 5, conversation: { id: 'conv', turn: 1 } }),
      record('b', { answer: 9 }),
    ];
    writeJsonl(join(d, 'r.jsonl'), rows);
    const view = LatestRecords.open([join(d, 'r.jsonl')]);
    expect(streamed(view)).toEqual(expected(rows));
    // in the winning lines' order: b (line 2) before a's answer (line 3)
    expect(streamed(view)).toEqual([
      JSON.stringify(['b', 2, null, null]),
      JSON.stringify(['a', 3, null, null]),
      JSON.stringify(['c', null, 'second', null]),
      JSON.stringify(['t1b', 5, null, { id: 'conv', turn: 1 }]),
    ]);
    expect(view.count).toBe(4);
    // re-iterable: a second walk reads the file again and gives the same records
    expect(streamed(view)).toEqual(streamed(view));
  });

  it('agrees with latestRecords on 20,000 random rows over several files, blank lines and a torn last line', () => {
    const d = tmp();
    const rand = mulberry32(14);
    const all: ResponseRecord[] = [];
    const paths = [0, 1, 2].map((i) => join(d, `shard-${i}.jsonl`));
    for (const path of paths) {
      const rows: ResponseRecord[] = [];
      for (let i = 0; i < 6_667; i++) {
        const key = `k${Math.floor(rand() * 9_000)}`;
        const conv = rand() < 0.05 ? { id: `c${Math.floor(rand() * 50)}`, turn: 1 + Math.floor(rand() * 3) } : undefined;
        const failed = rand() < 0.3;
        rows.push(record(key, { answer: failed ? null : Math.floor(rand() * 5) + 1, error: failed ? 'x' : null, ...(conv ? { conversation: conv } : {}) }));
      }
      writeJsonl(path, rows, '\n');
      all.push(...rows);
    }
    appendFileSync(paths[2]!, '{"key":"torn","answer":');
    const view = LatestRecords.open(paths);
    expect(streamed(view)).toEqual(expected(all));
    expect(view.count).toBe(latestRecords(all).length);
  });

  it('names the file and line of a damaged line, whether or not its key can be read without parsing', () => {
    const d = tmp();
    const path = join(d, 'r.jsonl');
    writeFileSync(path, `${JSON.stringify(record('a'))}\n{"key":"b","answer":\n`);
    expect(() => [...LatestRecords.open([path])]).toThrow(`${path}: line 2 is not valid JSON`);
    writeFileSync(path, `${JSON.stringify(record('a'))}\n{"answer":\n`);
    expect(() => LatestRecords.open([path])).toThrow(`${path}: line 2 is not valid JSON`);
  });

  it('treats a missing file as empty', () => {
    const view = LatestRecords.open([join(tmp(), 'none.jsonl')]);
    expect(view.count).toBe(0);
    expect([...view]).toEqual([]);
  });
});

describe('textLines', () => {
  it('yields complete lines across 1 MiB chunk borders and reports a torn tail', () => {
    const d = tmp();
    const long = 'x'.repeat((1 << 20) + 17);
    writeFileSync(join(d, 'f'), `a\n${long}\n\nb\ntorn`);
    const stats = { lines: 0, consumed: 0, size: 0 };
    expect([...textLines(join(d, 'f'), stats)].map((l) => l.length)).toEqual([1, long.length, 0, 1]);
    expect(stats.lines).toBe(4);
    expect(stats.size - stats.consumed).toBe(4);
  });
});
