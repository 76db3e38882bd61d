import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { applyTextOverrides, attachVariantTexts, loadLanguageText, loadLanguageTexts, peekLanguage, readJsonFile } from './texts.js';

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

describe('reading a language only when it is used', () => {
  const textDir = mkdtempSync(join(dir, 'lazy-'));
  const variantDir = mkdtempSync(join(dir, 'lazy-variants-'));
  write('en.json', textData('en'), textDir);
  write('de.json', textData('de'), textDir);
  write('en.json', { language: 'en', rendering: 'r', paraphrases: {} }, variantDir);
  const isRead = (texts: Record<string, unknown>, lang: string) => Object.getOwnPropertyDescriptor(texts, lang)?.get === undefined;

  it('finds the top-level "language" without parsing, only when that is certain', () => {
    expect(peekLanguage('{ "language": "pt-BR", "items": { "language": "x" } }')).toBe('pt-BR');
    expect(peekLanguage('{ "items": { "language": "x" }, "language": "de" }')).toBeUndefined();
    expect(peekLanguage('{ "language": "d\\"e" }')).toBeUndefined();
    expect(peekLanguage('[{ "language": "de" }]')).toBeUndefined();
    expect(peekLanguage('{ "title": "no tag" }')).toBeUndefined();
  });

  it('lists every language, and parses and hashes one when it is first read, with the same hash as an eager read', () => {
    const texts = loadLanguageTexts(textDir);
    attachVariantTexts(texts, variantDir);
    expect(Object.keys(texts)).toEqual(['de', 'en']);
    expect(isRead(texts, 'en') || isRead(texts, 'de')).toBe(false);
    expect(texts.en).toEqual({
      ...loadLanguageText(join(textDir, 'en.json')),
      variants: {
        language: 'en',
        rendering: 'r',
        paraphrases: {},
        hash: hashJson({ language: 'en', rendering: 'r', paraphrases: {} }),
        origin: join(variantDir, 'en.json'),
      },
    });
    expect(isRead(texts, 'en')).toBe(true);
    expect(isRead(texts, 'de')).toBe(false);
    expect(texts.en).toBe(texts.en);
  });

  it('a file whose tag cannot be found up front is read at once; assigning a language replaces it', () => {
    const other = mkdtempSync(join(dir, 'nested-'));
    write('x.json', { notes: { language: 'not this' }, ...textData('fr') }, other);
    write('en.json', textData('en'), other);
    const texts = loadLanguageTexts(other);
    expect(isRead(texts, 'fr')).toBe(true);
    expect(isRead(texts, 'en')).toBe(false);
    texts.en = texts.fr;
    expect(texts.en.language).toBe('fr');
  });

  it('a malformed file is still an InputError naming it, when its language is read', () => {
    const other = mkdtempSync(join(dir, 'bad-'));
    const bad = write('de.json', '{ "language": "de", "items": ', other);
    const texts = loadLanguageTexts(other);
    expect(() => texts.de).toThrow(InputError);
    expect(() => texts.de).toThrow(new RegExp(`^${bad}: .*JSON`));
  });

  it('variants for a language without a text are refused at once', () => {
    const other = mkdtempSync(join(dir, 'orphan-'));
    const file = write('sv.json', { language: 'sv', rendering: 'r', paraphrases: {} }, other);
    expect(() => attachVariantTexts(loadLanguageTexts(textDir), other)).toThrow(`${file}: field "language": "sv" has no questionnaire text`);
  });
});
