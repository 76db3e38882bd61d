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

/** Every `*.json` in `textDir` (in name order) keyed by its `language` field, then the overrides on top. */
export function loadLanguageTexts(textDir: string, overrides?: Record<string, string>): Record<string, LanguageText> {
  const languages: Record<string, LanguageText> = {};
  for (const file of readdirSync(textDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const text = loadLanguageText(join(textDir, file));
    languages[text.language] = text;
  }
  return applyTextOverrides(languages, overrides);
}

/**
 * Attaches perturbation texts (`variants/<lang>.json`: paraphrases, the distribution instruction)
 * to the languages that have them. A file must name the language it serves.
 */
export function attachVariantTexts(languages: Record<string, LanguageText>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(dir, file);
    const data = readJsonFile<Omit<VariantTexts, 'hash' | 'origin'>>(path);
    const text = languages[data.language];
    if (!text) throw new InputError(`${path}: field "language": "${data.language}" has no questionnaire text`);
    text.variants = { ...data, hash: hashJson(data), origin: path };
  }
}
