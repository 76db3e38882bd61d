import { parse } from 'csv-parse/sync';
import { InputError } from './errors.js';

/** A user CSV read as text cells, with the line each row started on (for messages). */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

/**
 * The one reader for every user-supplied CSV (answers, ground truth): a UTF-8 byte-order mark
 * (Excel's "CSV UTF-8"), quoted fields with commas, quotes or newlines, and CRLF or LF line ends.
 * Every cell stays text: values are checked by the caller, never guessed by type inference.
 */
export function readCsv(text: string, file: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
    }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new InputError(
      `${file}${e.lines ? `: line ${e.lines}` : ''}: not a readable CSV (${e.message.replace(/^Invalid [^:]*: /, '')}); quote fields that hold commas, quotes or line breaks`,
    );
  }
  const blank = (r: string[]) => r.every((c) => c.trim() === '');
  const kept = records.filter((r) => !blank(r.record));
  if (kept.length === 0) return { header: [], rows: [] };
  const header = kept[0]!.record.map((h) => h.trim());
  const rows = kept.slice(1).map(({ record, info }) => {
    if (record.length > header.length) {
      throw new InputError(`${file}: line ${info.lines}: ${record.length} cells but the header names ${header.length} columns (quote cells that hold a comma)`);
    }
    return { line: info.lines, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) };
  });
  return { header, rows };
}

/** Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; formula-like text neutralised. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) from rows of cells. */
export function writeCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
