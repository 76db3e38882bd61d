import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sha256 } from './hash.js';

/** The repository's datasets/ folder (CULTUREBENCH_DATASETS overrides it). */
export function datasetsDir(): string {
  return process.env.CULTUREBENCH_DATASETS ?? fileURLToPath(new URL('../../../datasets/', import.meta.url));
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
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
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
