import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  datasetPath,
  hashJson,
  InputError,
  type AnswerScale,
  type GroundTruthTable,
  type LanguageText,
  type Survey,
  type SurveyItem,
} from '@culturebench/core';
import { loadIvsGroundTruth } from './ground-truth.js';
import { ivsMapMetric } from './metric.js';
import { ivsMapScorer, type IvsMapRules } from './scoring.js';

export const IVS_MAP_ID = 'ivs-map';

/** An item with the WVS variable it renders and its answer coding (documentation, not used in scoring). */
export interface IvsItem extends SurveyItem {
  wvs: string;
  coding: string;
}

interface Instrument {
  id: string;
  title: string;
  version: string;
  scales: Record<string, { size: number; midpoint: number }>;
  items: IvsItem[];
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** Reads one language file (same layout as the VSM texts); its hash names the exact text a report refers to. */
export function loadIvsLanguageText(path: string): LanguageText {
  const data = readJson<Omit<LanguageText, 'hash' | 'origin'>>(path);
  return { ...data, hash: hashJson(data), origin: path };
}

export interface IvsMapOptions {
  /** Folder with instrument.json, scoring.json, text/<lang>.json and the ground-truth files (default datasets/ivs). */
  dataDir?: string;
  /** Replacement texts by language, e.g. an official translation: { de: '/path/de.json' }. */
  textOverrides?: Record<string, string>;
  /** Another ground-truth table (default: the latest IVS wave per country). */
  groundTruth?: GroundTruthTable;
}

/** The IVS ground truth shipped in `dir` (default datasets/ivs). */
export function loadIvsMapGroundTruth(dir = datasetPath('ivs')): ReturnType<typeof loadIvsGroundTruth> {
  return loadIvsGroundTruth({
    tradagg: join(dir, 'ddf--datapoints--tradagg--by--geo--year.csv'),
    survsagg: join(dir, 'ddf--datapoints--survsagg--by--geo--year.csv'),
    mapping: join(dir, 'geo-iso2.csv'),
  });
}

export function loadIvsMap(opts: IvsMapOptions = {}): Survey {
  const dir = opts.dataDir ?? datasetPath('ivs');
  const instrument = readJson<Instrument>(join(dir, 'instrument.json'));
  const rules = readJson<IvsMapRules>(join(dir, 'scoring.json'));
  const textDir = join(dir, 'text');
  const languages: Record<string, LanguageText> = {};
  for (const file of readdirSync(textDir).filter((f) => f.endsWith('.json')).sort()) {
    const text = loadIvsLanguageText(join(textDir, file));
    languages[text.language] = text;
  }
  for (const [lang, path] of Object.entries(opts.textOverrides ?? {})) {
    const text = loadIvsLanguageText(path);
    if (text.language !== lang) throw new InputError(`${path}: field "language" is "${text.language}", expected "${lang}"`);
    languages[lang] = text;
  }
  const scales: Record<string, AnswerScale> = Object.fromEntries(Object.entries(instrument.scales).map(([id, s]) => [id, { id, ...s }]));
  return {
    id: instrument.id,
    title: instrument.title,
    version: instrument.version,
    items: instrument.items,
    scales,
    languages,
    scorer: ivsMapScorer(rules),
    groundTruth: opts.groundTruth ?? loadIvsMapGroundTruth(dir).table,
    alignmentMetric: ivsMapMetric(),
  };
}
