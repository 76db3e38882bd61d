import { join } from 'node:path';
import {
  datasetPath,
  linearIndexScorer,
  loadLanguageTexts,
  attachVariantTexts,
  readJsonFile,
  type AnswerScale,
  type GroundTruthTable,
  type LinearIndexRules,
  type Survey,
  type SurveyItem,
  type SurveyLoadOptions,
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

// Kept here for compatibility: `loadLanguageText` was this package's before it moved to the core.
export { loadLanguageText } from '@culturebench/core';

/** `textOverrides`: replacement texts by language, e.g. an official translation: { de: '/path/de.json' }. */
export interface Vsm2013Options extends SurveyLoadOptions {
  /** Folder with instrument.json, scoring.json and text/<lang>.json (default datasets/vsm2013). */
  dataDir?: string;
  /** Another ground-truth table (default: the 2015-08-16 Hofstede matrix). */
  groundTruth?: GroundTruthTable;
}

export function loadVsm2013(opts: Vsm2013Options = {}): Survey {
  const dir = opts.dataDir ?? datasetPath('vsm2013');
  const instrument = readJsonFile<Instrument>(join(dir, 'instrument.json'));
  const rules = readJsonFile<LinearIndexRules & { indices: Record<string, { constantName: string }> }>(join(dir, 'scoring.json'));
  const languages = loadLanguageTexts(join(dir, 'text'), opts.textOverrides);
  attachVariantTexts(languages, join(dir, 'variants'));
  const scales: Record<string, AnswerScale> = Object.fromEntries(Object.entries(instrument.scales).map(([id, s]) => [id, { id, ...s }]));
  const groundTruth =
    opts.groundTruth ??
    loadHofstedeMatrix(datasetPath('hofstede', '6-dimensions-for-website-2015-08-16.csv'), datasetPath('hofstede', 'hofstede-codes.csv')).table;
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
    // Labelled Likert replies in 20 languages; a config's `parser` field can name another.
    parser: 'multilingual',
  };
}
