/**
 * config → plan: the config narrowed by the caller's filters, the survey loaded, validated against
 * the survey and the registry, every model checked, the request matrix built. Nothing is written.
 */
import { dirname, join, resolve } from 'node:path';
import type { ReadyModel } from './ask.js';
import type { BenchmarkConfig } from './config.js';
import { loadBenchmarkCountries } from './datasets.js';
import { InputError, safeServerText } from './errors.js';
import { entrySecrets } from './secrets.js';
import { hashJson } from './hash.js';
import { optionName, type OptionNames } from './option-names.js';
import { buildPlan, resolveConditions, type Plan } from './plan.js';
import { checkDesign } from './elicitation/check.js';
import type { ModelEntry, ProviderContext } from './provider.js';
import type { AnswerParser } from './answer-parser.js';
import { getParser, getProviderFor, type Registry } from './registry.js';
import type { RunOptions } from './run-options.js';
import { loadConfiguredSurvey } from './survey-sources.js';
import type { Survey } from './survey.js';

export interface SkippedModel {
  id: string;
  provider: string;
  reason: string;
  fix: string;
}

/** Validates the config against the survey and the registry; every problem names its field. */
export function validateConfig(config: BenchmarkConfig, registry: Registry, survey: Survey, names?: OptionNames): void {
  const where = config.file;
  const native = loadBenchmarkCountries();
  for (const c of config.countries) {
    const code = typeof c === 'string' ? c : c.code;
    if (!(code in survey.groundTruth.countries)) {
      throw new InputError(
        `${where}: field "countries": unknown country code "${code}": it has no row in ${survey.groundTruth.name} (${survey.groundTruth.version}); use an ISO 3166-1 alpha-2 code such as ${Object.keys(native).slice(0, 5).join(', ')}`,
      );
    }
  }
  for (const m of config.models) getProviderFor(registry, m, where);
  const languages = new Set<string>();
  for (const cond of resolveConditions(config)) {
    if (cond.language !== 'native') languages.add(cond.language);
    else for (const c of config.countries) languages.add(typeof c === 'string' ? (native[c]?.language ?? '?') : c.language);
  }
  for (const lang of languages) {
    if (lang === '?') continue;
    const text = survey.languages[lang];
    if (!text) {
      throw new InputError(
        `${where}: survey ${survey.id} has no text in language "${lang}" (available: ${Object.keys(survey.languages).sort().join(', ')}); supply one or drop the condition/country`,
      );
    }
    if (!text.persona.templates[config.persona.template]) {
      throw new InputError(
        `${where}: field "persona.template": "${config.persona.template}" is not in ${text.origin ?? lang} (available: ${Object.keys(text.persona.templates).join(', ')})`,
      );
    }
    for (const [trait, values] of Object.entries(config.persona.traits)) {
      if (trait === 'gender') continue;
      const table = text.persona.traits[trait as 'age' | 'education' | 'occupation'];
      for (const v of values) {
        if (!(v in table)) {
          throw new InputError(
            `${where}: field "persona.traits.${trait}": "${v}" is not defined in ${text.origin ?? lang} (allowed: ${Object.keys(table).join(', ')})`,
          );
        }
      }
    }
    for (const c of config.countries) {
      const code = typeof c === 'string' ? c : c.code;
      if (!text.countries[code]) {
        throw new InputError(`${where}: field "countries": ${text.origin ?? lang} has no name for country ${code} (add it under "countries")`);
      }
    }
  }
  // Every text the plan renders has every item, stem and scale (else the run would crash midway).
  for (const lang of languages) {
    const text = survey.languages[lang];
    if (!text) continue;
    const at = text.origin ?? `survey ${survey.id}, language ${lang}`;
    const missing = survey.items.filter((i) => !text.items[i.id]?.trim()).map((i) => `items.${i.id}`);
    for (const i of survey.items) if (i.block && text.stems[i.block] === undefined) missing.push(`stems.${i.block}`);
    for (const [id, scale] of Object.entries(survey.scales)) if ((text.scales[id]?.length ?? 0) !== scale.size) missing.push(`scales.${id}`);
    if (missing.length) {
      const shown = [...new Set(missing)];
      throw new InputError(
        `${at}: missing or incomplete ${shown.slice(0, 8).join(', ')}${shown.length > 8 ? ' …' : ''}; complete the text (check it with ${optionName(names)('validate')} ${survey.id})`,
      );
    }
  }
  // The ground truth must give the configured countries something to be compared on.
  const codes = config.countries.map((c) => (typeof c === 'string' ? c : c.code));
  const usable = survey.groundTruth.dimensions.filter(
    (d) => codes.filter((code) => survey.groundTruth.countries[code]?.[d] != null).length >= Math.min(2, codes.length),
  );
  if (usable.length === 0) {
    throw new InputError(
      `${config.groundTruth ? resolve(dirname(config.file), config.groundTruth) : survey.groundTruth.source}: no dimension has a score for the configured countries (${codes.join(', ')}); add their scores or choose countries it covers`,
    );
  }
}

/** Requests above which a plan is taken for a mistake (e.g. samples: 1e9) unless explicitly allowed. */
export const MAX_PLAN_REQUESTS = 5_000_000;

/** Restricts the config to the chosen models, countries and respondent count. */
export function applyFilters(config: BenchmarkConfig, opts: RunOptions): BenchmarkConfig {
  const name = optionName(opts.optionNames);
  let { models, countries } = config;
  if (opts.models?.length) {
    const known = new Set(config.models.map((m) => m.id));
    const unknown = opts.models.filter((id) => !known.has(id));
    if (unknown.length)
      throw new InputError(`${name('models')}: unknown model id ${unknown.map((u) => `"${u}"`).join(', ')} (configured: ${[...known].join(', ')})`);
    models = config.models.filter((m) => opts.models!.includes(m.id));
  }
  if (opts.countries?.length) {
    const codes = config.countries.map((c) => (typeof c === 'string' ? c : c.code));
    const unknown = opts.countries.filter((c) => !codes.includes(c));
    if (unknown.length)
      throw new InputError(`${name('countries')}: unknown country ${unknown.map((u) => `"${u}"`).join(', ')} (configured: ${codes.join(', ')})`);
    countries = config.countries.filter((c) => opts.countries!.includes(typeof c === 'string' ? c : c.code));
  }
  if (opts.samples !== undefined && (!Number.isInteger(opts.samples) || opts.samples <= 0)) {
    throw new InputError(`${name('samples')}: must be a whole number of at least 1, got ${opts.samples}`);
  }
  // The benchmark's temperature is every model's default, so the client sends what the key hashed.
  models = models.map((m) => ({ ...m, params: { temperature: config.temperature, ...m.params } }));
  return { ...config, models, countries, samples: opts.samples ?? config.samples };
}

/** Checks every model; the unavailable ones are skipped with the reason and the fix. */
export async function checkModels(
  models: ModelEntry[],
  registry: Registry,
  ctx: ProviderContext,
  names?: OptionNames,
): Promise<{ ready: Map<string, ReadyModel>; skipped: SkippedModel[] }> {
  const ready = new Map<string, ReadyModel>();
  const skipped: SkippedModel[] = [];
  const checks = await Promise.all(
    models.map(async (entry) => {
      const provider = registry.providers[entry.provider];
      try {
        return { entry, provider, availability: await provider.check(entry, ctx) };
      } catch (err) {
        return { entry, provider, availability: { ok: false as const, reason: (err as Error).message, fix: `see ${optionName(names)('doctor')}` } };
      }
    }),
  );
  for (const { entry, provider, availability } of checks) {
    // Every secret the entry or its provider holds (keys, URL credentials, credential headers).
    const secrets = [...(provider.secrets?.(entry, ctx) ?? []), ...entrySecrets(entry)];
    if (!availability.ok) {
      skipped.push({
        id: entry.id,
        provider: entry.provider,
        reason: safeServerText(availability.reason, secrets),
        fix: safeServerText(availability.fix, secrets),
      });
      continue;
    }
    const detail = availability.detail === undefined ? undefined : safeServerText(availability.detail, secrets);
    const degraded = availability.degraded === undefined ? undefined : safeServerText(availability.degraded, secrets);
    ready.set(entry.id, { entry, provider, client: provider.create(entry, ctx), secrets, detail, ...(degraded ? { degraded } : {}) });
  }
  return { ready, skipped };
}

export interface PreparedRun {
  config: BenchmarkConfig;
  survey: Survey;
  parser: AnswerParser;
  ready: Map<string, ReadyModel>;
  skipped: SkippedModel[];
  plan: Plan;
  configHash: string;
  /** Parent folder of run directories. */
  parent: string;
}

/** config → plan: validation, model checks and the request matrix; nothing is written. */
export async function prepareRun(opts: RunOptions): Promise<PreparedRun> {
  const log = opts.log ?? (() => {});
  const env = opts.env ?? process.env;
  const config = applyFilters(opts.config, opts);
  const survey = loadConfiguredSurvey(config, opts.registry);
  validateConfig(config, opts.registry, survey, opts.optionNames);
  const parser = getParser(opts.registry, config.parser ?? survey.parser, `${config.file}: field "parser"`);

  const { ready, skipped } = await checkModels(config.models, opts.registry, { env }, opts.optionNames);
  for (const s of skipped) log(`skipped ${s.id} (${s.provider}): ${s.reason}. To enable: ${s.fix}`);
  for (const r of ready.values()) if (r.degraded) log(`${r.entry.id}: ${r.degraded}; running on the others`);
  if (ready.size === 0) throw new InputError(`${config.file}: none of the configured models is available (see the skip reasons above)`);

  const nativeLanguages = Object.fromEntries(Object.values(loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
  const plan = buildPlan({
    config,
    survey,
    prompter: opts.registry.prompter,
    nativeLanguages,
    models: config.models.filter((m) => ready.has(m.id)),
  });
  if (plan.size > MAX_PLAN_REQUESTS && !opts.allowLargePlan) {
    const name = optionName(opts.optionNames);
    throw new InputError(
      `${config.file}: the plan has ${plan.size.toLocaleString('en-US')} requests (samples ${config.samples}), more than ${MAX_PLAN_REQUESTS.toLocaleString('en-US')}; check "samples", or pass ${name('allowLargePlan')} if you mean it`,
    );
  }
  // Every design cell (method, presentation, perturbation) fits every model before anything is asked.
  checkDesign(
    config.file,
    plan,
    [...ready.values()].map((r) => ({ id: r.entry.id, capabilities: r.client.capabilities })),
    opts.registry.prompter,
  );
  const { file: _file, ...configData } = config;
  const configHash = hashJson({
    ...configData,
    models: config.models.map(({ chatModel, ...m }) => ({ ...m, chatModel: chatModel ? chatModel.constructor.name : undefined })),
  });
  // A config's outDir is relative to the config file, like tsconfig paths; --out to the working directory.
  const parent = opts.outDir ? resolve(opts.outDir) : resolve(dirname(config.file), config.outDir);
  return { config, survey, parser, ready, skipped, plan, configHash, parent };
}

export function cacheDirOf(prepared: PreparedRun, opts: RunOptions): string {
  if (opts.cacheDir) return resolve(opts.cacheDir);
  if (prepared.config.cacheDir) return resolve(dirname(prepared.config.file), prepared.config.cacheDir);
  return join(prepared.parent, '.cache');
}
