import { describe, expect, it } from '@jest/globals';
import { CORPUS, LANGUAGES, type CorpusEntry, type Expected } from './corpus.js';
import { multilingualParser } from '../index.js';
import type { ParsedAnswer } from '@culturebench/core';

function outcome(r: ParsedAnswer): Expected {
  if (r.kind === 'answer') return { kind: 'answer', code: r.code };
  if (r.kind === 'refusal') return { kind: 'refusal' };
  return { kind: 'invalid', reason: r.reason };
}

function show(e: Expected): string {
  return e.kind === 'answer' ? `answer ${e.code}` : e.kind === 'refusal' ? 'refusal' : `invalid/${e.reason}`;
}

function run(entry: CorpusEntry): ParsedAnswer {
  return multilingualParser.parse(entry.reply, {
    scaleSize: entry.scaleSize,
    optionLabels: entry.optionLabels,
    language: entry.language,
  });
}

describe('answer-parser corpus', () => {
  it('is large and covers every language', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGUAGES) {
      const entries = CORPUS.filter((e) => e.language === lang);
      expect(entries.length).toBeGreaterThanOrEqual(15);
      const kinds = new Set(entries.map((e) => show(e.expected).replace(/ \d+$/, '')));
      // Every failure category in every language.
      for (const k of ['answer', 'refusal', 'invalid/ambiguous', 'invalid/out-of-range', 'invalid/no-answer', 'invalid/empty']) {
        expect({ lang, k, present: kinds.has(k) }).toEqual({ lang, k, present: true });
      }
    }
  });

  it('parses every reply as a careful human reader would', () => {
    const failures: string[] = [];
    const byCategory = new Map<string, { total: number; ok: number }>();
    const byLanguage = new Map<string, { total: number; ok: number }>();
    const byOutcome = new Map<string, number>();
    for (const entry of CORPUS) {
      const got = outcome(run(entry));
      const ok = show(got) === show(entry.expected);
      for (const [map, key] of [
        [byCategory, entry.category],
        [byLanguage, entry.language],
      ] as const) {
        const c = map.get(key) ?? { total: 0, ok: 0 };
        c.total++;
        if (ok) c.ok++;
        map.set(key, c);
      }
      const expectedKind = show(entry.expected).replace(/ \d+$/, '');
      byOutcome.set(expectedKind, (byOutcome.get(expectedKind) ?? 0) + 1);
      if (!ok) {
        failures.push(`[${entry.language}/${entry.category}] ${JSON.stringify(entry.reply)}: expected ${show(entry.expected)}, got ${show(got)}`);
      }
    }
    const fmt = (m: Map<string, { total: number; ok: number }>) =>
      [...m.entries()].map(([k, v]) => `  ${k.padEnd(20)} ${String(v.ok).padStart(3)}/${v.total}`).join('\n');
    console.log(
      `Answer-parser corpus: ${CORPUS.length} replies\n` +
        `By expected outcome:\n${[...byOutcome.entries()].map(([k, v]) => `  ${k.padEnd(20)} ${v}`).join('\n')}\n` +
        `By category (passed/total):\n${fmt(byCategory)}\n` +
        `By language (passed/total):\n${fmt(byLanguage)}`,
    );
    expect(failures).toEqual([]);
  });
});
