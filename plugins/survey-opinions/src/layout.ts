/**
 * The GlobalOpinionQA column layout: `question`, `selections` (Python repr of a
 * `defaultdict(list)`: country name → share per option), `options` (Python repr of a list of
 * option texts), `source` (GAS / WVS). Other columns (e.g. a pandas index) are ignored.
 */
import { InputError } from '@culturebench/core';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { isPyDict, parsePyLiteral, PyLiteralError, type PyValue } from './pylit.js';

export interface LayoutRow {
  /** 0-based position among the data records: the row's pandas index (`df.index`). */
  index: number;
  /** 1-based file line where the record starts. */
  line: number;
  question: string;
  options: string[];
  /** Country name as written in the file → shares, in option order (unvalidated). */
  selections: { name: string; shares: (number | null)[] }[];
  source: string;
}

/** A row-level problem: the row (or one country of it) is left out and the problem reported. */
export interface LayoutIssue {
  file: string;
  line: number;
  /** Item id (`q<index>`), if the problem concerns one question. */
  item?: string;
  message: string;
}

export const REQUIRED_COLUMNS = ['question', 'selections', 'options'] as const;

function describeValue(v: PyValue): string {
  if (Array.isArray(v)) return 'a list';
  if (isPyDict(v)) return 'a dict';
  return JSON.stringify(v);
}

/** Reads the file's rows; syntax errors throw InputError naming the file, line and column. */
export function parseLayout(text: string, file: string): { rows: LayoutRow[]; issues: LayoutIssue[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InputError(`${file}:${err.line}: CSV syntax: ${err.message.replace(/^line \d+: /, '')}`);
    throw err;
  }
  const header = records[0]?.fields.map((h) => h.trim());
  if (!header) throw new InputError(`${file}: empty file; expected the GlobalOpinionQA columns ${REQUIRED_COLUMNS.join(', ')}, source`);
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !(c in col));
  if (missing.length) {
    throw new InputError(
      `${file}:1: missing column(s) ${missing.join(', ')} (found: ${header.join(', ')}); expected the GlobalOpinionQA layout question, selections, options, source`,
    );
  }
  const rows: LayoutRow[] = [];
  const issues: LayoutIssue[] = [];
  records.slice(1).forEach((rec, index) => {
    const item = `q${index}`;
    const cell = (name: string) => rec.fields[col[name]] ?? '';
    const literal = (name: string): PyValue => {
      try {
        return parsePyLiteral(cell(name));
      } catch (err) {
        if (err instanceof PyLiteralError) throw new InputError(`${file}:${rec.line}: column "${name}" of ${item}: not a Python literal: ${err.message}`);
        throw err;
      }
    };
    const question = cell('question').trim();
    if (question === '') {
      issues.push({ file, line: rec.line, item, message: 'empty question: row skipped' });
      return;
    }
    const opts = literal('options');
    if (!Array.isArray(opts) || opts.some((o) => typeof o !== 'string' && typeof o !== 'number')) {
      throw new InputError(`${file}:${rec.line}: column "options" of ${item}: expected a list of option texts, found ${describeValue(opts)}`);
    }
    const options = opts.map((o) => String(o).trim());
    if (options.length < 2) {
      issues.push({ file, line: rec.line, item, message: `${options.length} option(s): row skipped (a distribution needs at least 2)` });
      return;
    }
    const sel = literal('selections');
    if (!isPyDict(sel)) {
      throw new InputError(
        `${file}:${rec.line}: column "selections" of ${item}: expected defaultdict(<class 'list'>, {...}) or a dict, found ${describeValue(sel)}`,
      );
    }
    const selections: LayoutRow['selections'] = [];
    for (const [k, v] of sel.entries) {
      if (typeof k !== 'string' || !Array.isArray(v) || v.some((x) => typeof x !== 'number' && x !== null)) {
        throw new InputError(
          `${file}:${rec.line}: column "selections" of ${item}: expected 'Country': [share, …], found ${describeValue(k)}: ${describeValue(v)}`,
        );
      }
      selections.push({ name: k, shares: v as (number | null)[] });
    }
    rows.push({ index, line: rec.line, question, options, selections, source: 'source' in col ? cell('source').trim() : '' });
  });
  return { rows, issues };
}
