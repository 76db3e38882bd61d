/**
 * The analysis reporter on records it may read only as streams (issue 14): each iterable is read
 * once, nothing depends on the order of the records, and the reliability report's one pass
 * recovers known agreement and order effects.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, answerRowsOf, reliabilityReport, type Prompter, type ResponseRecord, type Variant } from '@culturebench/core';
import { analyseRecords } from './analyse-run.js';
import { analysisReporter, RESULTS_PUBLISHED } from './reporter.js';
import type { ResultsDocument } from './results.js';
import { mulberry32 } from './rng.js';
import { manifestFor, randomAnswers, recordsFor, type RunSpec, tinySurvey } from './testing/fixtures.js';

const survey = tinySurvey();
const spec: RunSpec = {
  models: [
    { id: 'A', kind: 'llm' },
    { id: 'B', kind: 'llm' },
  ],
  countries: [
    { code: 'US', language: 'en' },
    { code: 'CN', language: 'zh' },
    { code: 'DE', language: 'de' },
    { code: 'JP', language: 'ja' },
  ],
  conditions: [
    { id: 'native', language: 'native' },
    { id: 'english', language: 'en' },
  ],
  aggregates: ['language-average'],
  headline: 'language-average',
  constants: { mode: 'global' },
};
const N = 12;
let seed = 1;
const reference = recordsFor(spec, survey, () => randomAnswers(N, 2, seed++));

const variant = (id: string, over: Partial<Variant>): Variant => ({
  id,
  method: 'sample',
  presentation: 'item',
  optionOrder: 'original',
  labels: 'labelled',
  personaPlacement: 'system',
  personaTemplate: 'first-person',
  wording: 'original',
  seed: 7,
  ...over,
});
const variants = [variant('reference', {}), variant('seed=8', { seed: 8 }), variant('optionOrder=reversed', { optionOrder: 'reversed' })];
const manifest = manifestFor(spec, survey);
manifest.config.variants = variants;

/** Each reference record again under a variant: the seed repeats every third answer, reversed order answers 6 − code. */
function asVariant(v: Variant): ResponseRecord[] {
  return reference.map((r, i) => {
    const answer = r.answer === null ? null : v.optionOrder === 'reversed' ? 6 - r.answer : i % 3 === 0 ? r.answer : (r.answer % 5) + 1;
    return { ...r, key: `${r.key}|${v.id}`, answer, variant: v };
  });
}
const all = [...reference, ...asVariant(variants[1]!), ...asVariant(variants[2]!)];

/** An iterable that counts its passes. */
function counted<T>(xs: readonly T[]): { passes: number } & Iterable<T> {
  const it = {
    passes: 0,
    *[Symbol.iterator]() {
      it.passes++;
      yield* xs;
    },
  };
  return it;
}

function shuffled<T>(xs: readonly T[], s: number): T[] {
  const rand = mulberry32(s);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function report(records: Iterable<ResponseRecord>, allRecords: Iterable<ResponseRecord>, replicates: number): ResultsDocument {
  const dir = mkdtempSync(join(tmpdir(), 'streamed-'));
  try {
    const out = analysisReporter.report({
      runDir: dir,
      manifest,
      survey,
      prompter: {} as Prompter,
      records,
      allRecords,
      recordCount: all.length,
      summary: analyse(reference, manifest, survey),
      options: { replicates },
      published: new Map(),
    });
    return out.publish![RESULTS_PUBLISHED] as ResultsDocument;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the analysis reporter on streamed records', () => {
  it('walks allRecords once and records not at all (the summary is given), and gives what the arrays give', () => {
    const records = counted(reference);
    const allRecords = counted(all);
    const doc = report(records, allRecords, 50);
    expect([records.passes, allRecords.passes]).toEqual([0, 1]);
    expect(JSON.stringify(doc)).toBe(JSON.stringify(report(reference, all, 50)));
    expect(doc.reliability!.testRetest).toHaveLength(2);
  });

  it('does not depend on the order of the records: respondents are placed by index', () => {
    const doc = report(shuffled(reference, 3), shuffled(all, 4), 50);
    expect(JSON.stringify(doc)).toBe(JSON.stringify(report(reference, all, 50)));
    const direct = analyseRecords(shuffled(reference, 5), manifest, survey, { replicates: 50 });
    expect(JSON.stringify(direct.skill)).toBe(JSON.stringify(doc.skill));
  });
});

describe('the reliability report in one pass', () => {
  const rel = reliabilityReport(answerRowsOf(shuffled(all, 9)), manifest, survey);

  it('counts the identical answers of the same respondent and item (every third, by construction)', () => {
    for (const model of ['A', 'B']) {
      const row = rel.testRetest.find((r) => r.model === model)!;
      const cells = reference.filter((r) => r.model === model);
      const same = cells.filter((r) => reference.indexOf(r) % 3 === 0).length;
      expect(row.exactAgreement).toBeCloseTo(same / cells.length, 12);
      // item means of 4 countries × 2 languages (US and english share one) × 2 items
      expect(row.pairs).toBe(2 * (4 + 3));
    }
  });

  it('sees a reversed order that keeps every answer on the same listed position as pure primacy/recency symmetry', () => {
    // Reversed answers 6 − code: the listed position is the same as in the written order, so the
    // first-position share is the written order's share of code 1 and of code 5 pooled.
    for (const model of ['A', 'B']) {
      const mine = reference.filter((r) => r.model === model);
      const share = (code: number) => mine.filter((r) => r.answer === code).length / mine.length;
      const o = rel.order.find((x) => x.model === model)!;
      expect(o.primacy).toBeCloseTo(share(1), 12);
      expect(o.recency).toBeCloseTo(share(5), 12);
      expect(o.uniform).toBeCloseTo(0.2, 12);
    }
  });

  it('replays each variant to core: the perturbation rows carry the variant mean DR core gives its rows', () => {
    const seedRows = answerRowsOf(asVariant(variants[1]!)).map((r) => ({ ...r, variantId: 'reference' }));
    const expected = analyse(seedRows, manifest, survey).models.find((m) => m.model === 'A' && m.condition === 'language-average')!.mean_dr;
    const p = rel.perturbations.find((x) => x.model === 'A' && x.variant === 'seed=8')!;
    expect(p.meanDr.variant).toBe(expected);
    expect(p.meanDr.reference).toBe(analyse(reference, manifest, survey).models.find((m) => m.model === 'A' && m.condition === 'language-average')!.mean_dr);
  });
});
