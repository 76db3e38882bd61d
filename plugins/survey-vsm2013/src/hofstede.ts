import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, readSimpleCsv, sha256, type GroundTruthTable } from '@culturebench/core';

/** Column of the Hofstede matrix → dimension id. `ltowvs` is LTO re-estimated from WVS items. */
const COLUMNS: Record<string, string> = { pdi: 'PDI', idv: 'IDV', mas: 'MAS', uai: 'UAI', ltowvs: 'LTO', ivr: 'IVR' };

export interface HofstedeRow {
  ctr: string;
  country: string;
  iso2: string | null;
  values: Record<string, number | null>;
}

/**
 * Reads the 2015-08-16 matrix as published: semicolons, CRLF, `#NULL!` for missing values.
 * Rows without an ISO code (regions, sub-national samples) are kept in `rows` but not in the table.
 */
export function loadHofstedeMatrix(csvPath: string, codesPath: string): { table: GroundTruthTable; rows: HofstedeRow[] } {
  const bytes = readFileSync(csvPath);
  const lines = bytes
    .toString('latin1')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const header = lines[0].split(';');
  const expected = ['ctr', 'country', 'pdi', 'idv', 'mas', 'uai', 'ltowvs', 'ivr'];
  if (header.join(';') !== expected.join(';')) {
    throw new InputError(`${csvPath}: header is "${header.join(';')}", expected "${expected.join(';')}"`);
  }
  const codes = new Map(readSimpleCsv(codesPath).map((r) => [r.ctr, r.iso2 || null]));
  const rows: HofstedeRow[] = lines.slice(1).map((line, i) => {
    const cells = line.split(';');
    if (cells.length !== header.length) throw new InputError(`${csvPath}: line ${i + 2} has ${cells.length} fields, expected ${header.length}`);
    const values: Record<string, number | null> = {};
    header.slice(2).forEach((col, j) => {
      const cell = cells[j + 2].trim();
      if (cell === '#NULL!' || cell === '') values[COLUMNS[col]] = null;
      else {
        const n = Number(cell);
        if (!Number.isFinite(n)) throw new InputError(`${csvPath}: line ${i + 2}, column ${col}: "${cell}" is not a number or #NULL!`);
        values[COLUMNS[col]] = n;
      }
    });
    if (!codes.has(cells[0])) throw new InputError(`${codesPath}: no entry for Hofstede code ${cells[0]} (line ${i + 2} of ${csvPath})`);
    return { ctr: cells[0], country: cells[1], iso2: codes.get(cells[0]) ?? null, values };
  });
  const countries: GroundTruthTable['countries'] = {};
  for (const r of rows) if (r.iso2) countries[r.iso2] = r.values;
  return {
    rows,
    table: {
      name: 'Hofstede 6-D country scores',
      version: basename(csvPath).replace(/\.csv$/, ''),
      source: 'geerthofstede.com dimension data matrix (Hofstede, Hofstede & Minkov 2010); see datasets/hofstede/PROVENANCE.md',
      hash: sha256(bytes),
      dimensions: Object.values(COLUMNS),
      countries,
    },
  };
}
