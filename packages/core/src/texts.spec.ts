import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { applyTextOverrides, loadLanguageText, loadLanguageTexts, readJsonFile } from './texts.js';

// The file reading the survey plugins share (survey-vsm2013, survey-ivs-map, survey-opinions).

const dir = mkdtempSync(join(tmpdir(), 'culturebench-texts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minimal language file's data (what is hashed: no hash, no origin). */
const textData = (language: string, rendering = 'project rendering') => ({
  language,
  languageName: language,
  direction: 'ltr',
  version: '1',
  rendering,
  stems: {},
  items: { '1': `item in ${language}` },
  scales: {},
});
const write = (name: string, data: unknown, at = dir) => {
  const path = join(at, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
};

describe('readJsonFile()', () => {
  it('parses the file', () => {
    expect(readJsonFile(write('ok.json', { a: [1, 2] }))).toEqual({ a: [1, 2] });
  });

  it('a missing or malformed file is an InputError naming the path', () => {
    const missing = join(dir, 'missing.json');
    expect(() => readJsonFile(missing)).toThrow(InputError);
    expect(() => readJsonFile(missing)).toThrow(new RegExp(`^${missing}: ENOENT`));
    const bad = write('bad.json', '{ "a": ');
    expect(() => readJsonFile(bad)).toThrow(InputError);
    expect(() => readJsonFile(bad)).toThrow(new RegExp(`^${bad}: .*JSON`));
  });
});

describe('loadLanguageText()', () => {
  it("adds the hash of the file's data and its path as origin", () => {
    const path = write('de.json', textData('de'));
    expect(loadLanguageText(path)).toEqual({ ...textData('de'), hash: hashJson(textData('de')), origin: path });
  });
});

describe('loadLanguageTexts() and applyTextOverrides()', () => {
  const textDir = mkdtempSync(join(dir, 'text-'));
  write('en.json', textData('en'), textDir);
  write('zh-hans.json', textData('zh'), textDir);
  write('notes.txt', 'not a text', textDir);

  it('reads every *.json of the folder, keyed by its language field', () => {
    const texts = loadLanguageTexts(textDir);
    expect(Object.keys(texts).sort()).toEqual(['en', 'zh']);
    expect(texts.zh.origin).toBe(join(textDir, 'zh-hans.json'));
  });

  it('replaces a language with an override file and checks its language tag', () => {
    const file = write('official-en.json', textData('en', 'official translation'));
    const texts = loadLanguageTexts(textDir, { en: file });
    expect(texts.en.rendering).toBe('official translation');
    expect(texts.en.hash).not.toBe(loadLanguageTexts(textDir).en.hash);
    expect(texts.en.origin).toBe(file);
    expect(() => loadLanguageTexts(textDir, { zh: file })).toThrow(InputError);
    expect(() => loadLanguageTexts(textDir, { zh: file })).toThrow(`${file}: field "language" is "en", expected "zh"`);
  });

  it('overrides can also add a language to texts built in memory', () => {
    const built = { en: loadLanguageText(join(textDir, 'en.json')) };
    const texts = applyTextOverrides(built, { de: write('de-extra.json', textData('de')) });
    expect(Object.keys(texts).sort()).toEqual(['de', 'en']);
    expect(applyTextOverrides({ ...built })).toEqual(built);
  });
});
