import { InputError } from './errors.js';
import type { AnswerParser } from './answer-parser.js';
import type { Prompter } from './prompter.js';
import type { Reporter } from './reporter.js';
import type { ModelProvider } from './provider.js';
import type { GroundTruthTable, Survey } from './survey.js';

/** The plugins a run can use, by id. The CLI assembles it from the installed plugins. */
export interface SurveyLoadOptions {
  /** Replacement texts by language (e.g. an official translation): language → file path. */
  textOverrides?: Record<string, string>;
  /** Another human ground-truth table. */
  groundTruth?: GroundTruthTable;
}

export interface Registry {
  surveys: Record<string, { title: string; load: (options?: SurveyLoadOptions) => Survey }>;
  providers: Record<string, ModelProvider>;
  prompter: Prompter;
  parser: AnswerParser;
  /** The report stage's reporters after core's own tables, in order (analysis, report.html …). */
  reporters?: Reporter[];
}

export function getSurvey(registry: Registry, id: string, where: string, options?: SurveyLoadOptions): Survey {
  const entry = registry.surveys[id];
  if (!entry) {
    throw new InputError(`${where}: unknown survey "${id}" (available: ${Object.keys(registry.surveys).sort().join(', ')})`);
  }
  return entry.load(options);
}

export function getProvider(registry: Registry, id: string, where: string): ModelProvider {
  const p = registry.providers[id];
  if (!p) throw new InputError(`${where}: unknown provider "${id}" (available: ${Object.keys(registry.providers).sort().join(', ')})`);
  return p;
}
