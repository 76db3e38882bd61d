/** Small helpers the modules' CSV and markdown writers share. */
import { toCsv as coreToCsv } from '@culturebench/core';
import type { Interval } from './results.js';

/** core's toCsv (quoting, 6-decimal rounding), with exactly one final newline (core's ends in a blank line). */
export function toCsv(rows: Record<string, unknown>[], columns: readonly string[]): string {
  return coreToCsv(rows, [...columns]).replace(/\n+$/, '\n');
}

/** Interval → three columns `<name>`, `<name>_lo`, `<name>_hi`. */
export function iv(name: string, i: Interval): Record<string, number | null> {
  return { [name]: i.estimate, [`${name}_lo`]: i.lo, [`${name}_hi`]: i.hi };
}
export const ivCols = (name: string) => [name, `${name}_lo`, `${name}_hi`];

export const NO_INTERVAL: Interval = { estimate: null, lo: null, hi: null };

/** A markdown table; `|` in cells escaped. */
export function mdTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const line = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A model id with its kind when it is not an LLM. */
export function label(id: string, kind: string | undefined): string {
  if (kind === 'baseline') return `${id} (baseline)`;
  if (kind === 'simulation') return `${id} (simulation)`;
  if (kind === 'reference') return `${id} (reference)`;
  return id;
}

export function kinds(doc: { models: { id: string; kind: string }[] }): Map<string, string> {
  return new Map(doc.models.map((m) => [m.id, m.kind]));
}
