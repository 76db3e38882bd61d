import { readdirSync, readFileSync } from 'node:fs';
import { datasetPath } from '@culturebench/core';

// Every text field of every survey's language files, read as data: a field that one language has
// must be there, non-empty, in all 20, with the same {placeholders} as English, and any JSON
// example inside a text must parse. The IVS map texts share the persona lines with these, so they
// are checked here too; the opinions survey's texts come from the user's CSV (English only).
const FOLDERS = [
  ['vsm2013', 'text'],
  ['vsm2013', 'variants'],
  ['ivs', 'text'],
];
const BENCHMARK_LANGUAGES = ['en', 'zh', 'de', 'ja', 'hi', 'pt-BR', 'ru', 'fr', 'es', 'ko', 'tr', 'id', 'it', 'nl', 'sv', 'pl', 'vi', 'th', 'fa', 'ar'];
/** Fields empty on purpose in every language: the stem of the items that stand alone. */
const EMPTY_EVERYWHERE = ['stems.single'];
/** Fields that name the file rather than hold text shown to a model. */
const NOT_TEXT = new Set(['language', 'version', 'rendering']);

/** Leaf fields of a JSON value as dotted paths (array elements by index). */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

/** The distinct {placeholders} of a text (a language may use one twice where English uses it once). */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{[A-Za-z_]+\}/g)].map((m) => m[0]))].sort();

/**
 * The JSON examples inside a text (a brace that is not a {placeholder} opens one): each balanced
 * {...} span, placeholders left as they are, must parse. Returns the spans that do not.
 */
export function badJsonExamples(text: string): string[] {
  const bad: string[] = [];
  let i = 0;
  while ((i = text.indexOf('{', i)) >= 0) {
    if (/^\{[A-Za-z_]+\}/.test(text.slice(i))) {
      i += 1;
      continue;
    }
    let depth = 0;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        end = j;
        break;
      }
    }
    const span = end < 0 ? text.slice(i) : text.slice(i, end + 1);
    try {
      JSON.parse(span);
    } catch {
      bad.push(span);
    }
    i = end < 0 ? text.length : end + 1;
  }
  return bad;
}

describe('JSON examples inside texts', () => {
  it('are found and checked (placeholders are not examples)', () => {
    expect(badJsonExamples('keys ({ids}) and {codes}')).toEqual([]);
    expect(badJsonExamples('e.g. {"1": 0.2, "2": {"a": 1}} or {ids}')).toEqual([]);
    expect(badJsonExamples('e.g. {"1": 0.2, "2": 0.8,}')).toEqual(['{"1": 0.2, "2": 0.8,}']);
    expect(badJsonExamples('e.g. {"1": 0.2')).toEqual(['{"1": 0.2']);
  });
});

describe.each(FOLDERS)('datasets/%s/%s: every text field in every language', (...folder) => {
  const dir = datasetPath(...folder);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const fields = Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ''), new Map(leaves(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))))]));
  const union = [...new Set(Object.values(fields).flatMap((m) => [...m.keys()]))].sort();
  const en = fields.en;

  it('has one file per benchmark language', () => {
    expect(Object.keys(fields).sort()).toEqual([...BENCHMARK_LANGUAGES].sort());
  });

  it('has every field of any language, as non-empty text, in every language', () => {
    const problems: string[] = [];
    for (const [lang, m] of Object.entries(fields)) {
      for (const path of union) {
        const v = m.get(path);
        if (v === undefined) problems.push(`${lang}: ${path} missing`);
        else if (typeof v !== 'string') problems.push(`${lang}: ${path} is not text`);
        else if (v.trim() === '' && !EMPTY_EVERYWHERE.includes(path)) problems.push(`${lang}: ${path} empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaves empty only the fields empty in every language', () => {
    const empty = union.filter((p) => Object.values(fields).some((m) => m.get(p) === ''));
    const allEmpty = empty.filter((p) => Object.values(fields).every((m) => m.get(p) === ''));
    expect(empty).toEqual(allEmpty);
    expect(allEmpty.every((p) => EMPTY_EVERYWHERE.includes(p))).toBe(true);
  });

  it("keeps English's {placeholders} in every text, and every JSON example inside a text parses", () => {
    const problems: string[] = [];
    for (const [lang, m] of Object.entries(fields)) {
      for (const [path, v] of m) {
        if (typeof v !== 'string' || NOT_TEXT.has(path)) continue;
        const want = placeholders(String(en.get(path) ?? ''));
        if (placeholders(v).join() !== want.join()) problems.push(`${lang}: ${path} has ${placeholders(v).join() || 'none'}, English ${want.join() || 'none'}`);
        for (const span of badJsonExamples(v)) problems.push(`${lang}: ${path}: JSON example does not parse: ${span}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
