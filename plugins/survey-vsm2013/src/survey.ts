import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  datasetPath,
  hashJson,
  InputError,
  linearIndexScorer,
  type AnswerScale,
  type GroundTruthTable,
  type LanguageText,
  type LinearIndexRules,
  type Survey,
  type SurveyItem,
} from '@culturebench/core';
import { loadHofstedeMatrix } from './hofstede.js';

export const VSM2013_ID = 'vsm2013';

interface Instrument {
  id: string;
  title: string;
  version: string;
  scales: Record<string, { size: number; midpoint: number }>;
  items: SurveyItem[];
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** Reads one language file; its hash names the exact text a report refers to. */
export function loadLanguageText(path: string): LanguageText {
  const data = readJson<Omit<LanguageText, 'hash' | 'origin'>>(path);
  return { ...data, hash: hashJson(data), origin: path };
}

export interface Vsm2013Options {
  /** Folder with instrument.json, scoring.json and text/<lang>.json (default datasets/vsm2013). */
  dataDir?: string;
  /** Replacement texts by language, e.g. an official translation: { de: '/path/de.json' }. */
  textOverrides?: Record<string, string>;
  /** Another ground-truth table (default: the 2015-08-16 Hofstede matrix). */
  groundTruth?: GroundTruthTable;
}

export function loadVsm2013(opts: Vsm2013Options = {}): Survey {
  const dir = opts.dataDir ?? datasetPath('vsm2013');
  const instrument = readJson<Instrument>(join(dir, 'instrument.json'));
  const rules = readJson<LinearIndexRules & { indices: Record<string, { constantName: string }> }>(join(dir, 'scoring.json'));
  const textDir = join(dir, 'text');
  const languages: Record<string, LanguageText> = {};
  for (const file of readdirSync(textDir).filter((f) => f.endsWith('.json')).sort()) {
    const text = loadLanguageText(join(textDir, file));
    languages[text.language] = text;
  }
  for (const [lang, path] of Object.entries(opts.textOverrides ?? {})) {
    const text = loadLanguageText(path);
    if (text.language !== lang) throw new InputError(`${path}: field "language" is "${text.language}", expected "${lang}"`);
    languages[lang] = text;
  }
  const scales: Record<string, AnswerScale> = Object.fromEntries(
    Object.entries(instrument.scales).map(([id, s]) => [id, { id, ...s }]),
  );
  const groundTruth =
    opts.groundTruth ??
    loadHofstedeMatrix(
      datasetPath('hofstede', '6-dimensions-for-website-2015-08-16.csv'),
      datasetPath('hofstede', 'hofstede-codes.csv'),
    ).table;
  return {
    id: instrument.id,
    title: instrument.title,
    version: instrument.version,
    items: instrument.items,
    scales,
    languages,
    scorer: linearIndexScorer(rules),
    groundTruth,
    constantNames: Object.fromEntries(Object.entries(rules.indices).map(([d, f]) => [d, f.constantName])),
  };
}
