import { writeFileAtomic } from './atomic-write.js';
import { join } from 'node:path';
import type { Reporter } from './reporter.js';

/** Fixed rounding so that regenerating a report gives the same bytes. */
export function round(v: number | null | undefined, digits = 4): number | null {
  if (v == null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** CSV of the given columns (LF, quoted only where needed; arrays space-joined, numbers rounded to 6 decimals). */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return columns.join(',') + '\n';
  const clean = rows.map((r) =>
    Object.fromEntries(
      columns.map((c) => [c, Array.isArray(r[c]) ? (r[c] as unknown[]).join(' ') : typeof r[c] === 'number' ? round(r[c] as number, 6) : r[c]]),
    ),
  );
  const field = (v: unknown) => (v == null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [columns, ...clean.map((r) => columns.map((c) => r[c]))].map((cells) => cells.map(field).join(',')).join('\n') + '\n';
}

export const CORE_TABLE_FILES = ['scores.csv', 'alignment.csv', 'agreement.csv', 'answers.csv'] as const;

/** Core's tables of a run: scores, alignment, agreement and answer counts, as CSV. Same inputs, same bytes. */
export const coreTablesReporter: Reporter = {
  id: 'core-tables',
  files: CORE_TABLE_FILES,
  report({ runDir, summary }) {
    const write = (file: (typeof CORE_TABLE_FILES)[number], text: string) => {
      writeFileAtomic(join(runDir, file), text);
      return join(runDir, file);
    };
    return {
      files: [
        write('scores.csv', toCsv(summary.scores as never, ['model', 'country', 'condition', 'dimension', 'score'])),
        write(
          'alignment.csv',
          toCsv(summary.alignment as never, ['model', 'country', 'condition', 'deviation_ratio', 'distance', 'baseline_distance', 'dims']),
        ),
        // no correlation across fewer than 5 countries (e.g. a country subset): "n < 5" instead of a number
        write(
          'agreement.csv',
          toCsv(summary.agreement.map((r) => (r.n < 5 ? { ...r, pearson: 'n < 5', spearman: 'n < 5', kendall: 'n < 5' } : r)) as never, [
            'model',
            'condition',
            'dimension',
            'n',
            'pearson',
            'spearman',
            'kendall',
            'spread_ratio',
            'mean_abs_error',
          ]),
        ),
        write('answers.csv', toCsv(summary.answers as never, ['model', 'language', 'total', 'answers', 'refusals', 'invalid', 'errors'])),
      ],
    };
  },
};
