import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  applyTextOverrides,
  datasetPath,
  hashJson,
  InputError,
  readJsonFile,
  sha256,
  type AnswerScale,
  type GroundTruthTable,
  type LanguageText,
  type Survey,
  type SurveyItem,
  type SurveyLoadOptions,
} from '@culturebench/core';
import { loadCountryTable, resolveCountry, type CountryTable } from './countries.js';
import { parseLayout, type LayoutIssue, type LayoutRow } from './layout.js';
import { jsSimilarityMetric, type DistributionMetric } from './metric.js';
import { distributionScorer, optionDimension, optionGroups, type DistributionItem } from './scorer.js';

export const OPINIONS_ID = 'opinions';
export const OPINIONS_EXAMPLE_ID = 'opinions-example';
export const OPINIONS_CSV_ENV = 'CULTUREBENCH_OPINIONS_CSV';

export const DOWNLOAD_HINT =
  'download data/global_opinions.csv from https://huggingface.co/datasets/Anthropic/llm_global_opinions (CC BY-NC-SA 4.0; culturebench does not redistribute it)';

/** The synthetic example in the GlobalOpinionQA layout (not survey data). */
export function exampleCsvPath(): string {
  return datasetPath('opinions', 'synthetic-example.csv');
}

export interface OpinionsOptions extends SurveyLoadOptions {
  /** The CSV in the GlobalOpinionQA layout (required). */
  csv: string;
  /** Country name → ISO table (default datasets/opinions/country-names.csv). */
  countryNames?: string;
  /** Keep only these item ids (`q<row index>`, the row's pandas index). */
  items?: string[];
  /** Keep only rows whose `source` is one of these (e.g. ['GAS'] for the Pew questions). */
  sources?: string[];
  /** Keep the first N items that remain (after the other filters). */
  limit?: number;
  /** Drop items with fewer mapped countries than this (default 1). */
  minCountries?: number;
  /** Survey id (default 'opinions'). */
  id?: string;
  /** Persona templates and traits, and the prompt lines, come from this language file (default the VSM 2013 English text). */
  personaText?: string;
}

/** What was left out while loading, with file and line: unmapped names, length mismatches … */
export interface OpinionsDiagnostics {
  issues: LayoutIssue[];
  /** Dataset names that mapped to no code (name → rows). */
  unmapped: Record<string, number>;
  /** Dataset names left out on purpose (old or non-national samples …) → rows. */
  excluded: Record<string, number>;
}

export interface OpinionsSurvey extends Survey {
  alignmentMetric: DistributionMetric;
  /** The question rows behind the items (question, options, source, file line). */
  rows: LayoutRow[];
  diagnostics: OpinionsDiagnostics;
}

interface VsmLikeText {
  prompt: LanguageText['prompt'];
  persona: LanguageText['persona'];
}

/** Human distributions per ISO code from one row; problems are reported and the country skipped. */
function rowDistributions(row: LayoutRow, file: string, table: CountryTable, diag: OpinionsDiagnostics): Map<string, number[]> {
  const item = `q${row.index}`;
  const picked = new Map<string, { name: string; rank: number; shares: number[] }>();
  for (const { name, shares } of row.selections) {
    const r = resolveCountry(table, name);
    if (r.kind === 'unmapped') {
      diag.unmapped[name] = (diag.unmapped[name] ?? 0) + 1;
      continue;
    }
    if (r.kind === 'excluded') {
      diag.excluded[name] = (diag.excluded[name] ?? 0) + 1;
      continue;
    }
    if (shares.length !== row.options.length) {
      diag.issues.push({ file, line: row.line, item, message: `${name}: ${shares.length} shares for ${row.options.length} options: country skipped` });
      continue;
    }
    if (shares.some((x) => x === null || !Number.isFinite(x) || x < 0) || shares.every((x) => x === 0)) {
      diag.issues.push({ file, line: row.line, item, message: `${name}: shares [${shares.join(', ')}] are not a distribution: country skipped` });
      continue;
    }
    const prev = picked.get(r.iso2);
    if (prev) {
      const keep = r.rank < prev.rank ? { name, rank: r.rank, shares: shares as number[] } : prev;
      diag.issues.push({ file, line: row.line, item, message: `"${prev.name}" and "${name}" both map to ${r.iso2}: kept "${keep.name}"` });
      picked.set(r.iso2, keep);
      continue;
    }
    picked.set(r.iso2, { name, rank: r.rank, shares: shares as number[] });
  }
  return new Map([...picked].map(([iso, p]) => [iso, p.shares]));
}

/**
 * A distribution survey from a CSV in the GlobalOpinionQA layout. Items are `q<index>` (the row's
 * 0-based data index, as pandas numbers it); each item is its own scale; the dimensions are
 * `q<index>:<code>` answer shares; the ground truth holds every mapped country's shares.
 */
export function loadOpinions(opts: OpinionsOptions): OpinionsSurvey {
  const file = opts.csv;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputError(`opinions: CSV not found: ${file}; ${DOWNLOAD_HINT} and set ${OPINIONS_CSV_ENV} to its path`);
  }
  const csvHash = sha256(bytes);
  const table = loadCountryTable(opts.countryNames ?? datasetPath('opinions', 'country-names.csv'));
  const { rows: allRows, issues } = parseLayout(bytes.toString('utf8'), file);
  const diagnostics: OpinionsDiagnostics = { issues, unmapped: {}, excluded: {} };

  const wanted = opts.items ? new Set(opts.items) : null;
  if (wanted) {
    const known = new Set(allRows.map((r) => `q${r.index}`));
    const unknown = [...wanted].filter((id) => !known.has(id));
    if (unknown.length) throw new InputError(`opinions: unknown item id(s) ${unknown.join(', ')} in ${file} (ids are q<0-based data row index>, e.g. q0)`);
  }
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1))
    throw new InputError(`opinions: limit must be a whole number ≥ 1, got ${opts.limit}`);
  const minCountries = opts.minCountries ?? 1;

  const rows: LayoutRow[] = [];
  const human: Record<string, Record<string, number | null>> = {};
  const perItem: { row: LayoutRow; dists: Map<string, number[]> }[] = [];
  for (const row of allRows) {
    if (wanted && !wanted.has(`q${row.index}`)) continue;
    if (opts.sources && !opts.sources.includes(row.source)) continue;
    const dists = rowDistributions(row, file, table, diagnostics);
    if (dists.size < minCountries) {
      diagnostics.issues.push({ file, line: row.line, item: `q${row.index}`, message: `${dists.size} mapped countries (< ${minCountries}): item skipped` });
      continue;
    }
    perItem.push({ row, dists });
    if (opts.limit !== undefined && perItem.length >= opts.limit) break;
  }
  if (perItem.length === 0) throw new InputError(`opinions: no usable question in ${file} (after filters; issues: ${diagnostics.issues.length})`);

  const countries = [...new Set(perItem.flatMap((p) => [...p.dists.keys()]))].sort();
  for (const c of countries) human[c] = {};
  const items: SurveyItem[] = [];
  const distItems: DistributionItem[] = [];
  const scales: Record<string, AnswerScale> = {};
  const itemTexts: Record<string, string> = {};
  const scaleTexts: Record<string, string[]> = {};
  for (const { row, dists } of perItem) {
    const id = `q${row.index}`;
    const k = row.options.length;
    rows.push(row);
    items.push({ id, block: 'single', scale: id });
    distItems.push({ id, options: row.options });
    scales[id] = { id, size: k, midpoint: (k + 1) / 2 };
    itemTexts[id] = row.question;
    scaleTexts[id] = row.options;
    for (const c of countries) {
      const shares = dists.get(c);
      row.options.forEach((_, j) => (human[c][optionDimension(id, j + 1)] = shares ? shares[j] : null));
    }
  }

  const vsm = readJsonFile<VsmLikeText>(opts.personaText ?? datasetPath('vsm2013', 'text', 'en.json'));
  const synthetic = rows.every((r) => r.source === 'SYNTHETIC');
  const textData: Omit<LanguageText, 'hash' | 'origin'> = {
    language: 'en',
    languageName: 'English',
    direction: 'ltr',
    version: `${basename(file)}@${csvHash.slice(0, 12)}`,
    rendering: `question and option texts as supplied in ${basename(file)} (GlobalOpinionQA layout); persona and prompt lines from the culturebench VSM 2013 English rendering`,
    stems: { single: '' },
    items: itemTexts,
    scales: scaleTexts,
    prompt: vsm.prompt,
    persona: vsm.persona,
    countries: Object.fromEntries(countries.filter((c) => table.promptNames[c]).map((c) => [c, table.promptNames[c]])),
  };
  const languages = applyTextOverrides({ en: { ...textData, hash: hashJson(textData), origin: file } }, opts.textOverrides);

  const scorer = distributionScorer(distItems);
  const groundTruth: GroundTruthTable = opts.groundTruth ?? {
    name: synthetic ? 'SYNTHETIC example distributions (not survey data)' : 'GlobalOpinionQA country answer distributions',
    version: `${basename(file)}@${csvHash.slice(0, 12)}`,
    source: synthetic
      ? `${file}: synthetic data in the GlobalOpinionQA layout, for tests and demos`
      : `${file}: GlobalOpinionQA (Durmus et al. 2023, arXiv:2306.16388; Pew Global Attitudes Survey and World Values Survey), CC BY-NC-SA 4.0`,
    hash: csvHash,
    dimensions: scorer.dimensions,
    countries: human,
  };
  const selection = hashJson({ items: items.map((i) => i.id), countryNames: [...table.byName] });
  return {
    id: opts.id ?? OPINIONS_ID,
    title: synthetic ? 'Opinion distributions (SYNTHETIC example)' : 'Opinion distributions (GlobalOpinionQA layout)',
    // Names the exact data: the file's hash and the selected items (with the country table).
    version: `1.0.0+${csvHash.slice(0, 12)}.${selection.slice(0, 8)}`,
    items,
    scales,
    languages,
    scorer,
    groundTruth,
    alignmentMetric: jsSimilarityMetric(optionGroups(distItems)),
    rows,
    diagnostics,
  };
}

/** The synthetic example file as the survey `opinions-example`. */
export function loadOpinionsExample(options: SurveyLoadOptions = {}): OpinionsSurvey {
  return loadOpinions({ ...options, csv: exampleCsvPath(), id: OPINIONS_EXAMPLE_ID });
}

/**
 * Options from the environment, for a registry entry (the core's config cannot pass survey
 * options yet): CULTUREBENCH_OPINIONS_CSV (required), _SOURCES (comma list, e.g. GAS),
 * _ITEMS (comma list of q<index>), _LIMIT (first N items).
 */
export function opinionsOptionsFromEnv(env: Record<string, string | undefined> = process.env): OpinionsOptions {
  const csv = env[OPINIONS_CSV_ENV];
  if (!csv) {
    throw new InputError(
      `survey opinions needs the GlobalOpinionQA CSV: ${DOWNLOAD_HINT}, then export ${OPINIONS_CSV_ENV}=/path/to/global_opinions.csv (or use the survey "${OPINIONS_EXAMPLE_ID}", a synthetic example)`,
    );
  }
  const list = (v: string | undefined) =>
    v
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const limit = env.CULTUREBENCH_OPINIONS_LIMIT;
  return {
    csv,
    sources: list(env.CULTUREBENCH_OPINIONS_SOURCES),
    items: list(env.CULTUREBENCH_OPINIONS_ITEMS),
    limit: limit === undefined || limit === '' ? undefined : Number(limit),
  };
}

/** The registry entry for `opinions`: the user's CSV, located by the environment. */
export function loadOpinionsFromEnv(options: SurveyLoadOptions = {}, env: Record<string, string | undefined> = process.env): OpinionsSurvey {
  return loadOpinions({ ...opinionsOptionsFromEnv(env), ...options });
}
