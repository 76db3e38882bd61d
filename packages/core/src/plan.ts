import type { BenchmarkConfig } from './config.js';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { personaForRespondent, type PersonaTraits } from './persona.js';
import type { Prompter, RenderedPrompt } from './prompter.js';
import type { ModelEntry } from './provider.js';
import type { Survey, SurveyItem } from './survey.js';

export interface ResolvedCondition {
  id: string;
  /** Fixed prompt language, or 'native' for each country's own. */
  language: string | 'native';
}

/** One sample: the respondents of one model × country × prompt language. */
export interface PlanCell {
  model: ModelEntry;
  country: string;
  language: string;
  /** The conditions this language serves for this country (US native = english). */
  conditions: string[];
}

export interface PlannedRequest {
  /** Content address of the request: provider, endpoint, model, params, messages, respondent. */
  key: string;
  cell: PlanCell;
  item: SurveyItem;
  /** 0-based respondent index within the sample. */
  respondent: number;
  persona: PersonaTraits;
  prompt: RenderedPrompt;
  /** Seed for this call, where the provider honours seeds. */
  seed: number;
}

export interface Plan {
  survey: Survey;
  conditions: ResolvedCondition[];
  cells: PlanCell[];
  countries: { code: string; language: string }[];
  samples: number;
  /** Total requests: cells × items × samples (before sharding). */
  size: number;
  requests(filter?: RequestFilter): Generator<PlannedRequest>;
}

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

export interface RequestFilter {
  /** Only this model's requests. */
  model?: string;
  /** Only this deterministic slice of the plan. */
  shard?: Shard;
}

/** The shard a request belongs to is a function of its content address alone. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  return !shard || parseInt(key.slice(0, 8), 16) % shard.count === shard.index - 1;
}

/** Parses "i/n"; `name` is how the caller calls the option (the CLI: --shard). */
export function parseShard(text: string, name = 'shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`${name}: "${text}" is not i/n with 1 ≤ i ≤ n (e.g. ${name} 2/4)`);
  }
  return { index, count };
}

const builtInConditions: Record<string, string | 'native'> = { native: 'native', english: 'en', chinese: 'zh' };

export function resolveConditions(config: Pick<BenchmarkConfig, 'conditions'>): ResolvedCondition[] {
  return config.conditions.map((c) =>
    typeof c === 'string' ? { id: c, language: builtInConditions[c] } : { id: c.id, language: c.language },
  );
}

export interface PlanOptions {
  config: BenchmarkConfig;
  survey: Survey;
  prompter: Prompter;
  /** Native language of each known country (the benchmark country table). */
  nativeLanguages: Record<string, string>;
  /** Models to ask (already filtered to the available ones). */
  models: ModelEntry[];
}

/** config → the full matrix model × country × condition × item × respondent. */
export function buildPlan({ config, survey, prompter, nativeLanguages, models }: PlanOptions): Plan {
  const conditions = resolveConditions(config);
  const countries = config.countries.map((c) => {
    const code = typeof c === 'string' ? c : c.code;
    const language = typeof c === 'string' ? nativeLanguages[c] : c.language;
    if (!language) {
      throw new InputError(
        `${config.file}: field "countries": no native language known for ${code}; write { code: '${code}', language: '<tag>' }`,
      );
    }
    return { code, language };
  });
  const cells: PlanCell[] = [];
  for (const model of models) {
    for (const { code, language: native } of countries) {
      const byLanguage = new Map<string, string[]>();
      for (const cond of conditions) {
        const lang = cond.language === 'native' ? native : cond.language;
        byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), cond.id]);
      }
      for (const [language, conds] of byLanguage) cells.push({ model, country: code, language, conditions: conds });
    }
  }
  const items = survey.items;
  const samples = config.samples;
  return {
    survey,
    conditions,
    cells,
    countries,
    samples,
    size: cells.length * items.length * samples,
    *requests(filter: RequestFilter = {}) {
      for (const cell of cells) {
        if (filter.model !== undefined && cell.model.id !== filter.model) continue;
        for (const item of items) {
          for (let respondent = 0; respondent < samples; respondent++) {
            const persona = personaForRespondent(config.persona, respondent);
            const prompt = prompter.render({
              survey,
              item,
              country: cell.country,
              language: cell.language,
              persona,
              template: config.persona.template,
            });
            const params = { temperature: config.temperature, ...cell.model.params };
            const seed = (params.seed ?? config.seed) + respondent;
            const key = hashJson({
              provider: cell.model.provider,
              baseUrl: cell.model.baseUrl ?? null,
              model: cell.model.model,
              // Provider options change the answer (e.g. a simulated respondent's process); absent, keys stay as they were.
              ...(cell.model.options ? { options: cell.model.options } : {}),
              params,
              messages: prompt.messages,
              respondent,
              seed,
            });
            if (inShard(key, filter.shard)) yield { key, cell, item, respondent, persona, prompt, seed };
          }
        }
      }
    },
  };
}
