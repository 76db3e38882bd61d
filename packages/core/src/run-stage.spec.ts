import { afterAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseCache } from './cache.js';
import { countAnswers, scoreSamples } from './country-scores.js';
import { JsonlAppender, readAnswerRows, readResponses, type ResponseRecord } from './responses.js';
import { freshDir, latestRecords, readManifest, runId, writeJsonAtomic } from './run-directory.js';
import type { Survey } from './survey.js';

// Core's stage helpers, tested where they live: the response log, the cache, the run directory
// and sample scoring (whole runs are tested end to end in packages/cli/src/*.e2e.spec.ts).

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-core-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const row = (key: string, answer: number | null, error: string | null = null, extra: Partial<ResponseRecord> = {}) =>
  ({
    key,
    model: 'm',
    country: 'US',
    language: 'en',
    item: '1',
    respondent: 0,
    answer,
    error,
    parsed: answer === null ? null : { kind: 'answer', code: answer, via: 'number' },
    costUsd: 0,
    ...extra,
  }) as ResponseRecord;

describe('responses.jsonl', () => {
  it('appends one line per record and reads them back; the latest answer per key wins over an earlier error', () => {
    const path = join(temp(), 'responses.jsonl');
    const log = new JsonlAppender(path);
    log.append(row('a', null, 'HTTP 500'));
    log.append(row('b', 2));
    log.appendDeferred(row('a', 4));
    log.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    const all = readResponses(path).records;
    expect(latestRecords(all).map((r) => [r.key, r.answer])).toEqual([
      ['a', 4],
      ['b', 2],
    ]);
    expect(readAnswerRows([path]).map((r) => [r.key, r.answer, r.error])).toEqual([
      ['a', 4, null],
      ['b', 2, null],
    ]);
  });

  it('cuts a torn last line (a crash mid-write) before appending after it', () => {
    const path = join(temp(), 'responses.jsonl');
    writeFileSync(path, JSON.stringify(row('a', 1)) + '\n');
    appendFileSync(path, '{"key":"b","ans');
    const log = new JsonlAppender(path);
    log.append(row('c', 3));
    log.close();
    expect(readResponses(path).records.map((r) => r.key)).toEqual(['a', 'c']);
  });
});

describe('ResponseCache', () => {
  it('keeps replies across instances, in a namespace per provider, endpoint and model', () => {
    const dir = temp();
    const ns = ResponseCache.namespaceOf({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(ResponseCache.namespaceOf({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: 'http://x/v1' })).not.toBe(ns);
    const a = new ResponseCache(dir);
    a.put(ns, 'k1', { raw: '3', tokens: { input: 5, output: 1 }, latencyMs: 12 });
    a.close();
    const b = new ResponseCache(dir);
    expect(b.get(ns, 'k1')).toEqual({ raw: '3', tokens: { input: 5, output: 1 }, latencyMs: 12 });
    expect(b.get(ns, 'k2')).toBeUndefined();
    expect(b.get(ResponseCache.namespaceOf({ provider: 'ollama', model: 'gpt-4o-mini' }), 'k1')).toBeUndefined();
    b.close();
  });
});

describe('run directory', () => {
  it('names runs by time and config hash, never shares a directory, writes JSON atomically', () => {
    expect(runId(new Date('2026-12-05T21:47:15.103Z'), 'abcdef0123456789')).toBe('20261205T214715Z-abcdef01');
    const parent = temp();
    const one = freshDir(join(parent, 'r'));
    const two = freshDir(join(parent, 'r'));
    expect(two).toBe(`${one}-2`);
    const manifest = { runId: 'r', status: 'complete', config: { hash: 'abc' }, survey: { id: 's' }, models: [] };
    writeJsonAtomic(join(one, 'manifest.json'), manifest);
    expect(readManifest(one)).toEqual(manifest);
    expect(readdirSync(one)).toEqual(['manifest.json']);
    expect(() => readManifest(parent)).toThrow(/no manifest\.json here/);
    // A manifest that is not one is refused with the fix, not read half-way.
    writeJsonAtomic(join(two, 'manifest.json'), { runId: 'r' });
    expect(() => readManifest(two)).toThrow(/not a culturebench manifest \(missing status, config, survey, models\)/);
  });
});

describe('sample scores and answer counts', () => {
  const survey = {
    items: [
      { id: '1', block: 'A', scale: 's' },
      { id: '2', block: 'A', scale: 's' },
    ],
    scorer: {
      dimensions: ['D'],
      rawScores: (m: Record<string, number | null>) => ({ D: m['1'] == null || m['2'] == null ? null : 10 * (m['1'] - m['2']) }),
      describe: () => ({ D: '10(m1 − m2)' }),
    },
  } as unknown as Survey;

  it('scores item means per model × country × language and never imputes a missing answer', () => {
    const rows = [
      { model: 'm', country: 'US', language: 'en', item: '1', respondent: 0, answer: 4 },
      { model: 'm', country: 'US', language: 'en', item: '1', respondent: 1, answer: 2 },
      { model: 'm', country: 'US', language: 'en', item: '2', respondent: 0, answer: 1 },
      { model: 'm', country: 'US', language: 'en', item: '2', respondent: 1, answer: null },
      { model: 'm', country: 'CN', language: 'zh', item: '1', respondent: 0, answer: 5 },
      { model: 'm', country: 'CN', language: 'zh', item: '2', respondent: 0, answer: null },
    ];
    const byCountry = Object.fromEntries(scoreSamples(rows, survey).map((s) => [s.country, s.raw.D]));
    // US: m1 = 3, m2 = 1 (the missing answer is left out) → 20; CN: no valid m2 → null.
    expect(byCountry).toEqual({ US: 20, CN: null });
  });

  it('counts answers, refusals, invalid replies and errors per model × language', () => {
    const counts = countAnswers([
      { model: 'm', language: 'en', error: null, parsed: { kind: 'answer' } },
      { model: 'm', language: 'en', error: null, parsed: { kind: 'refusal' } },
      { model: 'm', language: 'en', error: null, parsed: { kind: 'invalid' } },
      { model: 'm', language: 'en', error: 'HTTP 500', parsed: null },
    ]);
    expect(counts).toEqual([{ model: 'm', language: 'en', total: 4, answers: 1, refusals: 1, invalid: 1, errors: 1 }]);
  });
});
