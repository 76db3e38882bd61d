/**
 * Country names as GlobalOpinionQA writes them → ISO 3166-1 alpha-2, from a table file
 * (`datasets/opinions/country-names.csv`: name, iso2, prompt_name).
 *
 * Sample qualifiers: "X (Current national sample)" is X; "X (Old national sample)" and
 * "X (Non-national sample)" are excluded (not comparable national frames). A name the table does
 * not know is reported as unmapped, never guessed.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '@culturebench/core';
import { parseCsv } from './csv.js';

export interface CountryTable {
  file: string;
  /** Table name → ISO code, or null for a name excluded on purpose. */
  byName: Map<string, string | null>;
  /** ISO code → English name for prompts ("the United States"). */
  promptNames: Record<string, string>;
}

export type Resolved =
  | { kind: 'country'; iso2: string /** 0 = the table's own name, 1 = via "(Current national sample)" */; rank: number }
  | { kind: 'excluded'; reason: string }
  | { kind: 'unmapped' };

const CURRENT = /\s*\(Current national sample\)\s*$/i;
const NOT_NATIONAL = /\s*\((Old national sample|Non-national sample)\)\s*$/i;

export function loadCountryTable(file: string): CountryTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`country name table not found: ${file} (${(err as Error).message})`);
  }
  const records = parseCsv(text);
  const header = records[0]?.fields.map((h) => h.trim()) ?? [];
  const [iName, iIso, iPrompt] = ['name', 'iso2', 'prompt_name'].map((c) => header.indexOf(c));
  if (iName < 0 || iIso < 0 || iPrompt < 0) throw new InputError(`${file}:1: expected the columns name, iso2, prompt_name (found: ${header.join(', ')})`);
  const byName = new Map<string, string | null>();
  const promptNames: Record<string, string> = {};
  for (const { line, fields } of records.slice(1)) {
    const name = (fields[iName] ?? '').trim();
    const iso = (fields[iIso] ?? '').trim();
    const prompt = (fields[iPrompt] ?? '').trim();
    if (!name) throw new InputError(`${file}:${line}: empty name`);
    if (byName.has(name)) throw new InputError(`${file}:${line}: "${name}" is listed twice`);
    if (iso === '') {
      byName.set(name, null);
      continue;
    }
    if (!/^[A-Z]{2}$/.test(iso)) throw new InputError(`${file}:${line}: "${iso}" is not an ISO 3166-1 alpha-2 code`);
    if (!prompt) throw new InputError(`${file}:${line}: ${name} (${iso}) has no prompt_name`);
    if (promptNames[iso] !== undefined && promptNames[iso] !== prompt) {
      throw new InputError(`${file}:${line}: ${iso} is called "${prompt}" here but "${promptNames[iso]}" earlier; use one prompt name per code`);
    }
    promptNames[iso] = prompt;
    byName.set(name, iso);
  }
  return { file, byName, promptNames };
}

export function resolveCountry(table: CountryTable, name: string): Resolved {
  const exact = table.byName.get(name.trim());
  if (exact !== undefined) return exact === null ? { kind: 'excluded', reason: `excluded in ${table.file}` } : { kind: 'country', iso2: exact, rank: 0 };
  const frame = NOT_NATIONAL.exec(name);
  if (frame) return { kind: 'excluded', reason: `${frame[1].toLowerCase()} (not a current national sample)` };
  if (CURRENT.test(name)) {
    const base = table.byName.get(name.replace(CURRENT, '').trim());
    if (base === null) return { kind: 'excluded', reason: `excluded in ${table.file}` };
    if (base !== undefined) return { kind: 'country', iso2: base, rank: 1 };
  }
  return { kind: 'unmapped' };
}
