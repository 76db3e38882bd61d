import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import type { LanguageText, VariantTexts } from './survey.js';

/** Parses a JSON file. A missing or malformed file is the user's input: an InputError naming the path. */
export function readJsonFile<T = unknown>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** Reads one language file (`text/<lang>.json` layout); its hash names the exact text a report refers to. */
export function loadLanguageText(path: string): LanguageText {
  const data = readJsonFile<Omit<LanguageText, 'hash' | 'origin'>>(path);
  return { ...data, hash: hashJson(data), origin: path };
}

/**
 * Replaces texts by language (e.g. with an official translation): { de: '/path/de.json' }. Each
 * file must declare the language it replaces, so a wrong file is never asked under another name.
 */
export function applyTextOverrides(languages: Record<string, LanguageText>, overrides: Record<string, string> = {}): Record<string, LanguageText> {
  for (const [lang, path] of Object.entries(overrides)) {
    const text = loadLanguageText(path);
    if (text.language !== lang) throw new InputError(`${path}: field "language" is "${text.language}", expected "${lang}"`);
    languages[lang] = text;
  }
  return languages;
}

/**
 * Every `*.json` in `textDir` (in name order) keyed by its `language` field, then the overrides on
 * top. A file is parsed and hashed when its language is first read (a one-country run reads one of
 * twenty); only its `language` field is found up front, from the raw text (see {@link lazyLanguage}).
 */
export function loadLanguageTexts(textDir: string, overrides?: Record<string, string>): Record<string, LanguageText> {
  const languages: Record<string, LanguageText> = {};
  for (const file of readdirSync(textDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(textDir, file);
    const raw = readRaw(path);
    const language = peekLanguage(raw);
    if (language === undefined) {
      const text = languageText(parseJson(raw, path), path);
      languages[text.language] = text;
    } else lazyProperty(languages, language, () => checkedLanguage(languageText(parseJson(raw, path), path), language, path));
  }
  return applyTextOverrides(languages, overrides);
}

/**
 * Attaches perturbation texts (`variants/<lang>.json`: paraphrases, the distribution instruction)
 * to the languages that have them. A file must name the language it serves. A language not read
 * yet gets its variants when it is read.
 */
export function attachVariantTexts(languages: Record<string, LanguageText>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(dir, file);
    const raw = readRaw(path);
    const peeked = peekLanguage(raw);
    const variants = (data: Omit<VariantTexts, 'hash' | 'origin'>): VariantTexts => ({ ...data, hash: hashJson(data), origin: path });
    const noText = (language: string) => new InputError(`${path}: field "language": "${language}" has no questionnaire text`);
    const pending = peeked === undefined ? undefined : Object.getOwnPropertyDescriptor(languages, peeked)?.get;
    if (peeked !== undefined && pending) {
      lazyProperty(languages, peeked, () => {
        const text = pending.call(languages) as LanguageText;
        text.variants = variants(checkedLanguage(parseJson(raw, path), peeked, path));
        return text;
      });
      continue;
    }
    const data = parseJson<Omit<VariantTexts, 'hash' | 'origin'>>(raw, path);
    if (!Object.hasOwn(languages, data.language)) throw noText(data.language);
    languages[data.language].variants = variants(data);
  }
}

function readRaw(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

function parseJson<T>(raw: string, path: string): T {
  try {
    return JSON.parse(raw) as T;
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

function languageText(data: Omit<LanguageText, 'hash' | 'origin'>, path: string): LanguageText {
  return { ...data, hash: hashJson(data), origin: path };
}

function checkedLanguage<T extends { language: string }>(data: T, expected: string, path: string): T {
  // Only a file naming "language" twice at the top level gets here (JSON.parse keeps the last).
  if (data.language !== expected) throw new InputError(`${path}: field "language" appears more than once; keep one`);
  return data;
}

/**
 * The top-level `"language": "…"` of a JSON text without parsing it, when that is certain: the
 * first such key, with no `{` between the opening brace and it (so it is not inside a nested
 * object) and a plain string value. Otherwise undefined, and the caller parses the file now.
 */
export function peekLanguage(raw: string): string | undefined {
  const m = /"language"\s*:\s*"([^"\\]*)"/.exec(raw);
  if (!m) return undefined;
  const open = raw.indexOf('{');
  if (open < 0 || raw.slice(0, open).trim() !== '') return undefined;
  const nested = raw.indexOf('{', open + 1);
  return nested === -1 || nested > m.index ? m[1] : undefined;
}

/** `obj[key]` computed by `load` on first read (then a plain property); assigning replaces it. */
function lazyProperty<T>(obj: Record<string, T>, key: string, load: () => T): void {
  const settle = (value: T) => Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = load();
      settle(value);
      return value;
    },
    set(value: T) {
      settle(value);
    },
  });
}
