import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync as realWrite } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { csvField, readCsv, writeCsv } from './csv.js';
import { InputError, redactSecrets, safeServerText } from './errors.js';
import { setFsLayer, WriteError } from './fs-layer.js';
import { acquireRunLock, lockHolder } from './lock.js';
import { JsonlAppender } from './responses.js';
import { escapeMarkdown, redactUrlsIn, stripControl } from './safe-text.js';
import { entrySecrets, headerSecrets, urlSecrets } from './secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setFsLayer(null));

const SECRET = 'fakesecret-9Xq2Lm7Pz';

describe('redaction', () => {
  it('redacts a secret cut at the end or start of a text by an earlier truncation, and before "…"', () => {
    expect(redactSecrets(`body ${SECRET.slice(0, 12)}`, [SECRET])).toBe('body [redacted]');
    expect(redactSecrets(`body ${SECRET.slice(0, 9)}… (401)`, [SECRET])).toBe('body [redacted]… (401)');
    expect(redactSecrets(`${SECRET.slice(5)} rest`, [SECRET])).toBe('[redacted] rest');
    // Short pieces are left: they would hide ordinary words.
    expect(redactSecrets('fakes', [SECRET])).toBe('fakes');
  });

  it('safeServerText redacts first, then strips, then cuts: no piece of the key survives any cut', () => {
    for (let at = 0; at < 60; at++) {
      for (const max of [20, 40, 61]) {
        const out = safeServerText(`${'a'.repeat(at)}${SECRET}${'b'.repeat(30)}`, [SECRET], max);
        expect(out.length).toBeLessThanOrEqual(max);
        for (let i = 0; i + 6 <= SECRET.length; i++) expect(out).not.toContain(SECRET.slice(i, i + 6));
      }
    }
  });

  it('hides URL credentials and credential-like query values wherever a URL appears', () => {
    expect(redactUrlsIn('GET http://bob:hunter22@host:8/v1?api-key=abc123&api-version=2024 failed')).toBe(
      'GET http://[redacted]@host:8/v1?api-key=[redacted]&api-version=2024 failed',
    );
    expect(urlSecrets('http://bob:hunter22@host/v1?token=tok-1234')).toEqual(expect.arrayContaining(['bob:hunter22'.split(':')[1]!, 'tok-1234']));
    expect(headerSecrets({ Authorization: 'Bearer abcd1234', 'x-api-key': 'k-5678', accept: 'application/json' })).toEqual([
      'Bearer abcd1234',
      'abcd1234',
      'k-5678',
    ]);
    expect(entrySecrets({ baseUrl: 'http://u:pw-1234@h/v1', options: { headers: { 'api-key': 'hk-99999' } } })).toEqual(
      expect.arrayContaining(['pw-1234', 'hk-99999']),
    );
  });
});

describe('terminal and markdown safety', () => {
  it('strips CSI, OSC (title, clipboard), C1 controls and bidi overrides; keeps text', () => {
    expect(stripControl('a\x1b]0;title\x07b\x1b[2Jc\x1b]52;c;ZXZpbA==\x1b\\d\x9b31me\u202Ef\x00g')).toBe('abcdefg');
    expect(stripControl('one\ntwo\tthree', { singleLine: true })).toBe('one two three');
  });
  it('escapes HTML and markdown syntax', () => {
    expect(escapeMarkdown('<b>x</b> | *y* [z](u) OPENAI_API_KEY')).toBe('&lt;b&gt;x&lt;/b&gt; \\| \\*y\\* \\[z\\](u) OPENAI_API_KEY');
  });
});

describe('one CSV reader, RFC 4180 writer', () => {
  it('reads a BOM, CRLF, quoted commas, quotes and line breaks, with line numbers', () => {
    const t = readCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",3\r\n', 'f.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: 'two\nlines', b: '3' },
    ]);
    expect(() => readCsv('a,b\n1,2,3\n', 'f.csv')).toThrow(InputError);
    expect(() => readCsv('a,b\n"open,2\n', 'f.csv')).toThrow(/f\.csv.*not a readable CSV/);
  });
  it('quotes what needs quoting and neutralises formulas, but not numbers', () => {
    expect(['a,b', 'q"', 'l\nm', '=1+1', '+x', '-x', '@x', '-3', '+2.5', '1e5'].map(csvField)).toEqual([
      '"a,b"',
      '"q"""',
      '"l\nm"',
      "'=1+1",
      "'+x",
      "'-x",
      "'@x",
      '-3',
      '+2.5',
      '1e5',
    ]);
    expect(writeCsv(['s', 'n'], [['=cmd', 1]])).toBe("s,n\r\n'=cmd,1\r\n");
  });
});

describe('writes that cannot tear', () => {
  it('writeFileAtomic under ENOSPC keeps the previous file whole and leaves no temp file', () => {
    const path = join(dir, 'out.json');
    writeFileAtomic(path, '{"v":1}');
    let n = 0;
    setFsLayer({
      writeSync: () => {
        if (++n === 1) return 3; // a short write first
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    });
    expect(() => writeFileAtomic(path, '{"v":2,"long":"' + 'x'.repeat(5000) + '"}')).toThrow(WriteError);
    setFsLayer(null);
    expect(readFileSync(path, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('JsonlAppender: a failed append is cut back to whole lines and written again once the disk recovers', () => {
    const path = join(dir, 'r.jsonl');
    const a = new JsonlAppender(path);
    a.append({ i: 1 });
    let full = true;
    setFsLayer({
      writeSync: (fd, buf, off, len) => {
        if (full) {
          full = false;
          // Half a line reaches the disk, then the disk is full.
          realWrite(fd, buf, off, Math.min(4, len));
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        }
        return realWrite(fd, buf, off, len);
      },
    });
    expect(() => a.append({ i: 2 })).toThrow(WriteError);
    expect(readFileSync(path, 'utf8')).toBe('{"i":1}\n');
    a.append({ i: 3 });
    a.close();
    expect(readFileSync(path, 'utf8')).toBe('{"i":1}\n{"i":2}\n{"i":3}\n');
  });
});

describe('run lock', () => {
  it('refuses a second holder, recognises a stale lock, releases only its own', () => {
    const run = mkdtempSync(join(dir, 'run-'));
    const lock = acquireRunLock(run, 'test');
    expect(lockHolder(run)).toMatchObject({ pid: process.pid, host: hostname(), command: 'test' });
    expect(() => acquireRunLock(run)).toThrow(/is in use by another run \(pid \d+ on /);
    lock.release();
    expect(existsSync(join(run, '.lock'))).toBe(false);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(run, '.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: 'then', command: 'crashed' }));
    expect(lockHolder(run)).toBeNull();
    acquireRunLock(run).release();
    writeFileSync(join(run, '.lock'), JSON.stringify({ pid: 1, host: 'another-machine', startedAt: 'then', command: 'x' }));
    expect(() => acquireRunLock(run)).toThrow(/pid 1 on another-machine.*delete .*\.lock/);
  });
});
