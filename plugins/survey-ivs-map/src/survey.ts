import { join } from 'node:path';
import {
  datasetPath,
  loadLanguageTexts,
  readJsonFile,
  type AnswerScale,
  type GroundTruthTable,
  type Survey,
  type SurveyItem,
  type SurveyLoadOptions,
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

// Reads one language file (same layout as the VSM texts): the core's loadLanguageText, under the
// name this package has always exported.
export { loadLanguageText as loadIvsLanguageText } from '@culturebench/core';

/** `textOverrides`: replacement texts by language, e.g. an official translation: { de: '/path/de.json' }. */
export interface IvsMapOptions extends SurveyLoadOptions {
  /** Folder with instrument.json, scoring.json, text/<lang>.json and the ground-truth files (default datasets/ivs). */
  dataDir?: string;
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
  const instrument = readJsonFile<Instrument>(join(dir, 'instrument.json'));
  const rules = readJsonFile<IvsMapRules>(join(dir, 'scoring.json'));
  const languages = loadLanguageTexts(join(dir, 'text'), opts.textOverrides);
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
