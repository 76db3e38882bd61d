import { afterEach, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseCache } from './cache.js';
import { sha256 } from './hash.js';

// The cache keeps an index of line positions, not the replies: every reply is read back from the
// file, confirmed by its full key, across processes (a new ResponseCache) and after a torn write.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-cache-'));
  dirs.push(d);
  return d;
};
const reply = (i: number) => ({ raw: `answer ${i} ${'é'.repeat(i % 7)}`, tokens: { input: i, output: 1 }, latencyMs: i % 100 });

describe('ResponseCache', () => {
  it('returns exactly what was put, in the same and in a new process, and nothing for unknown keys', () => {
    const dir = tmp();
    const cache = new ResponseCache(dir);
    const keys = Array.from({ length: 3000 }, (_, i) => sha256(`request ${i}`));
    keys.forEach((k, i) => cache.put('ns', k, reply(i)));
    expect(cache.get('ns', keys[1234])).toEqual(reply(1234));
    expect(keys.filter((k, i) => JSON.stringify(cache.get('ns', k)) !== JSON.stringify(reply(i)))).toEqual([]);
    cache.close();
    const again = new ResponseCache(dir);
    expect(again.size('ns')).toBe(3000);
    keys.forEach((k, i) => expect(again.get('ns', k)).toEqual(reply(i)));
    expect(again.get('ns', sha256('never asked'))).toBeUndefined();
    expect(again.get('other', keys[0])).toBeUndefined();
    again.close();
  });

  it('keeps the log-probabilities and completions of a reply, also read back in a new process', () => {
    const dir = tmp();
    const cache = new ResponseCache(dir);
    const full = {
      ...reply(5),
      logprobs: [
        {
          token: '3',
          logprob: -0.1,
          top: [
            { token: '3', logprob: -0.1 },
            { token: '4', logprob: -2.5 },
          ],
        },
      ],
      completions: ['3', '4'],
    };
    const key = sha256('with logprobs');
    cache.put('ns', key, full);
    expect(cache.get('ns', key)).toEqual(full);
    cache.close();
    const again = new ResponseCache(dir);
    expect(again.get('ns', key)).toEqual(full);
    again.close();
  });

  it('keeps keys that share a slot prefix apart, and confirms every hit by the full key', () => {
    const dir = tmp();
    const cache = new ResponseCache(dir);
    const a = 'abcdef0' + '1'.repeat(57);
    const b = 'abcdef0' + '2'.repeat(57);
    const c = 'abcdef0' + '3'.repeat(57);
    cache.put('ns', a, reply(1));
    cache.put('ns', b, reply(2));
    expect(cache.get('ns', a)).toEqual(reply(1));
    expect(cache.get('ns', b)).toEqual(reply(2));
    expect(cache.get('ns', c)).toBeUndefined();
    cache.put('ns', a, reply(9)); // already there: not written twice
    cache.close();
    expect(readFileSync(join(dir, 'ns.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    const again = new ResponseCache(dir);
    expect([again.get('ns', a), again.get('ns', b), again.get('ns', c)]).toEqual([reply(1), reply(2), undefined]);
    again.close();
  });

  it('drops a torn last line and appends after it; reads replies longer than 64 KiB', () => {
    const dir = tmp();
    const long = { raw: 'x'.repeat(200_000), tokens: null, latencyMs: 5 };
    const first = new ResponseCache(dir);
    first.put('ns', sha256('long'), long);
    first.put('ns', sha256('short'), reply(3));
    first.close();
    const file = join(dir, 'ns.jsonl');
    const whole = statSync(file).size;
    appendFileSync(file, '{"key":"' + sha256('torn') + '","raw":"half');
    const second = new ResponseCache(dir);
    expect(second.get('ns', sha256('torn'))).toBeUndefined();
    expect(statSync(file).size).toBe(whole);
    expect(second.get('ns', sha256('long'))).toEqual(long);
    second.put('ns', sha256('after'), reply(4));
    expect(second.get('ns', sha256('after'))).toEqual(reply(4));
    second.close();
    const third = new ResponseCache(dir);
    expect([third.size('ns'), third.get('ns', sha256('after'))]).toEqual([3, reply(4)]);
    third.close();
  });

  it('a line another writer changed is a miss, never another reply', () => {
    const dir = tmp();
    const cache = new ResponseCache(dir);
    cache.put('ns', sha256('k'), reply(1));
    cache.close();
    writeFileSync(join(dir, 'ns.jsonl'), JSON.stringify({ key: sha256('k'), raw: 'ok', tokens: null, latencyMs: 1 }).replace(sha256('k'), sha256('z')) + '\n');
    const again = new ResponseCache(dir);
    expect(again.get('ns', sha256('k'))).toBeUndefined();
    expect(again.get('ns', sha256('z'))).toEqual({ raw: 'ok', tokens: null, latencyMs: 1 });
    again.close();
  });

  it('a null namespace (an entry without a cache identity) neither reads nor writes', () => {
    const dir = tmp();
    const cache = new ResponseCache(dir);
    cache.put(null, sha256('k'), reply(1));
    expect([cache.get(null, sha256('k')), cache.size(null)]).toEqual([undefined, 0]);
    cache.close();
  });
});
