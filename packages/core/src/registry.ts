import { InputError } from './errors.js';
import type { AnswerParser } from './answer-parser.js';
import type { Prompter } from './prompter.js';
import type { Reporter } from './reporter.js';
import type { ModelEntry, ModelProvider } from './provider.js';
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
  /** Answer parsers by id; a config's `parser` field or the survey's `parser` picks one. */
  parsers: Record<string, AnswerParser>;
  /** The report stage's reporters after core's own tables, in order (analysis, report.html …). */
  reporters?: Reporter[];
  /**
   * Instead of `reporters`: imports them when the report stage starts, so a run loads the analysis
   * and report code only after asking, and a command without a report never loads it.
   */
  loadReporters?: () => Promise<Reporter[]>;
}

/** Imports the registry's reporters now if it loads them lazily (before runReporters; a run does it itself). */
export async function loadReporters(registry: Registry): Promise<Registry> {
  if (registry.reporters === undefined && registry.loadReporters) registry.reporters = await registry.loadReporters();
  return registry;
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

/**
 * The provider of a model entry, with the entry's `options` checked against the ones the provider
 * declares: an unknown option or a value of the wrong type is bad input naming the allowed ones.
 */
export function getProviderFor(registry: Registry, entry: ModelEntry, where: string): ModelProvider {
  const provider = getProvider(registry, entry.provider, `${where}: model "${entry.id}": field "provider"`);
  if (entry.endpoints && !provider.endpoints) {
    throw new InputError(
      `${where}: model "${entry.id}": field "endpoints": provider "${provider.id}" talks to one endpoint only; remove "endpoints" (the openai and ollama providers take several)`,
    );
  }
  const allowed = provider.options ?? {};
  const names = Object.keys(allowed).sort();
  const list = names.length ? `allowed: ${names.join(', ')}` : `provider "${provider.id}" takes no options`;
  for (const [name, value] of Object.entries(entry.options ?? {})) {
    const spec = allowed[name];
    if (!spec) throw new InputError(`${where}: model "${entry.id}": field "options.${name}": unknown option for provider "${provider.id}" (${list})`);
    const types = Array.isArray(spec.type) ? spec.type : [spec.type];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (!types.includes(actual as never)) {
      throw new InputError(`${where}: model "${entry.id}": field "options.${name}": expected ${types.join(' or ')}, got ${actual} (${spec.description})`);
    }
  }
  return provider;
}

/** The parser named by the config or survey; with neither, the only one installed. */
export function getParser(registry: Registry, id: string | undefined, where: string): AnswerParser {
  const ids = Object.keys(registry.parsers).sort();
  if (id === undefined) {
    if (ids.length === 1) return registry.parsers[ids[0]!]!;
    throw new InputError(
      `${where}: no answer parser chosen and ${ids.length ? `several are installed (${ids.join(', ')})` : 'none is installed'}; name one in the config's "parser" field`,
    );
  }
  const p = registry.parsers[id];
  if (!p) throw new InputError(`${where}: unknown parser "${id}" (available: ${ids.join(', ') || 'none'})`);
  return p;
}
