/**
 * Reading finished run directories and checking that they measure the same thing: a leaderboard
 * or a comparison only makes sense across runs that asked the same survey texts and compared with
 * the same ground truth over the same countries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '@culturebench/core';
import { RESULTS_FILE, type ResultsDocument } from '@culturebench/analysis';

export interface LoadedRun {
  /** Absolute run directory. */
  dir: string;
  doc: ResultsDocument;
  /** When the run started (manifest.startedAt), the order of history. */
  date: string;
}

/** Reads RUN_DIR/results.json (written by `culturebench run`, `report` and `merge`). */
export function loadRun(dir: string, flag = 'RUN_DIR'): LoadedRun {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new InputError(`${flag}: run directory not found: ${dir}`);
  const file = join(abs, RESULTS_FILE);
  if (!existsSync(file)) throw new InputError(`${flag}: ${file} is missing; write it with \`culturebench report ${dir}\``);
  let doc: ResultsDocument;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as ResultsDocument;
  } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message}); regenerate it with \`culturebench report ${dir}\``);
  }
  if (doc?.schema !== 'culturebench-results/1' || !doc.manifest) {
    throw new InputError(
      `${file}: field "schema": expected "culturebench-results/1", got ${JSON.stringify(doc?.schema)}; regenerate it with \`culturebench report ${dir}\``,
    );
  }
  return { dir: abs, doc, date: doc.manifest.startedAt ?? '' };
}

/** What must be equal across runs, as name → value. A name is what the error message reports. */
export function fingerprint(doc: ResultsDocument): Record<string, string> {
  const m = doc.manifest;
  const out: Record<string, string> = {
    survey: `${m.survey.id} ${m.survey.version}`,
    'ground truth hash': m.survey.groundTruth.hash,
    countries: m.config.countries
      .map((c) => c.code)
      .sort()
      .join(','),
    'headline condition': doc.headline,
  };
  for (const [lang, t] of Object.entries(m.survey.texts).sort(([a], [b]) => (a < b ? -1 : 1))) out[`texts hash (${lang})`] = t.hash;
  return out;
}

/**
 * Refuses (InputError, exit 2) the first run that differs from the first run in survey, texts,
 * ground truth, countries or headline condition, naming the differing value and both runs.
 */
export function checkCompatible(runs: LoadedRun[], what = 'leaderboard'): void {
  if (runs.length === 0) return;
  const ref = fingerprint(runs[0].doc);
  for (const run of runs.slice(1)) {
    const fp = fingerprint(run.doc);
    for (const key of new Set([...Object.keys(ref), ...Object.keys(fp)])) {
      if (ref[key] !== fp[key]) {
        throw new InputError(
          `${what}: ${run.dir} is not comparable with ${runs[0].dir}: ${key} differs (${fp[key] ?? 'absent'} vs ${ref[key] ?? 'absent'}). ` +
            `Only runs of one benchmark (same survey, texts, ground truth, countries and headline condition) can be compared; leave this run out or re-run it with the same config.`,
        );
      }
    }
  }
}

/** A short label for a run: its id, or the directory name. */
export function runLabel(run: LoadedRun): string {
  return run.doc.runId || basename(run.dir);
}
