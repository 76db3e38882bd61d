import { existsSync, readFileSync } from 'node:fs';
import { DATASETS_ROOT } from '@culturebench/datasets';
import { basename, join } from 'node:path';
import { readCsv } from './csv.js';
import { InputError } from './errors.js';
import type { GroundTruthTable } from './survey.js';
import { sha256 } from './hash.js';

/** The datasets folder, from the @culturebench/datasets package (CULTUREBENCH_DATASETS overrides it). */
export function datasetsDir(): string {
  return process.env.CULTUREBENCH_DATASETS ?? DATASETS_ROOT;
}

export function datasetPath(...parts: string[]): string {
  return join(datasetsDir(), ...parts);
}

export interface CountryInfo {
  iso2: string;
  iso3: string;
  name: string;
  /** Language of the country's `native` condition. */
  language: string;
}

/** Minimal CSV for the project's own simple tables (no quoted fields). */
export function readSimpleCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
}

export function loadBenchmarkCountries(): Record<string, CountryInfo> {
  const rows = readSimpleCsv(datasetPath('countries', 'benchmark-countries.csv'));
  return Object.fromEntries(rows.map((r) => [r.iso2, { iso2: r.iso2, iso3: r.iso3, name: r.name, language: r.language }]));
}

export function fileHash(path: string): string {
  return sha256(readFileSync(path));
}

/**
 * A user-supplied ground truth: CSV with a `country` column (ISO 3166-1 alpha-2) and one column
 * per dimension; a blank cell is missing. Named after its file, hashed like the built-in one.
 */
export function loadGroundTruthCsv(path: string, dimensions: string[]): GroundTruthTable {
  if (!existsSync(path)) throw new InputError(`ground truth file not found: ${path}`);
  const bytes = readFileSync(path);
  const table = readCsv(bytes.toString('utf8'), path);
  const header = table.header;
  if (header[0] !== 'country') throw new InputError(`${path}: the first column must be "country" (ISO 3166-1 alpha-2), found "${header[0] ?? ''}"`);
  const unknown = header.slice(1).filter((h) => !dimensions.includes(h));
  if (unknown.length) throw new InputError(`${path}: unknown dimension column(s) ${unknown.join(', ')} (allowed: ${dimensions.join(', ')})`);
  const countries: GroundTruthTable['countries'] = {};
  for (const { line, cells } of table.rows) {
    const code = cells.country.trim();
    if (!/^[A-Z]{2}$/.test(code)) throw new InputError(`${path}: line ${line}: "${code}" is not an ISO 3166-1 alpha-2 code`);
    if (countries[code]) throw new InputError(`${path}: line ${line}: country ${code} appears twice; keep one row per country`);
    countries[code] = Object.fromEntries(
      dimensions.map((d) => {
        const cell = (cells[d] ?? '').trim();
        if (cell === '') return [d, null];
        const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(cell) ? Number(cell) : NaN;
        if (!Number.isFinite(n)) throw new InputError(`${path}: line ${line}, column ${d}: "${cell}" is not a number`);
        return [d, n];
      }),
    );
  }
  return { name: basename(path), version: basename(path).replace(/\.csv$/, ''), source: path, hash: sha256(bytes), dimensions, countries };
}
