import type { BenchmarkConfig } from './config.js';
import { InputError } from './errors.js';
import { hashJson } from './hash.js';
import { personaForRespondent, type PersonaTraits } from './persona.js';
import type { Prompter, RenderedPrompt } from './prompter.js';
import type { ModelEntry } from './provider.js';
import type { Survey, SurveyItem } from './survey.js';
import { expandVariants, type Variant } from './design.js';
import { builtInMethods } from './elicitation/method.js';
import type { InvokeOptions } from './provider.js';
import { renderQuestionnaire, type ShownItem } from './elicitation/questionnaire.js';
import { turnMessages, type PlannedConversation, type TurnAddress } from './elicitation/conversation.js';

export interface ResolvedCondition {
  id: string;
  /** Fixed prompt language, or 'native' for each country's own. */
  language: string | 'native';
  /**
   * false: no country persona; asked once per model (country NO_PERSONA_COUNTRY), its scores are the
   * model's default profile and never enter country alignment. Absent: the usual persona condition.
   */
  persona?: false;
}

/** The `country` of the rows of a no-persona condition (never a country code: those are upper case). */
export const NO_PERSONA_COUNTRY = 'none';

/** A condition asked without a country persona (the model's default profile). */
export function isNoPersona(c: Pick<ResolvedCondition, 'persona'>): boolean {
  return c.persona === false;
}

/** One sample: the respondents of one model × country × prompt language. */
export interface PlanCell {
  model: ModelEntry;
  country: string;
  language: string;
  /** The conditions this language serves for this country (US native = english). */
  conditions: string[];
  /** No persona: the items asked plainly (country is NO_PERSONA_COUNTRY). */
  noPersona?: true;
}

export interface PlannedRequest {
  /** Content address of the request: provider, endpoint, model, params, messages, respondent. */
  key: string;
  cell: PlanCell;
  item: SurveyItem;
  /** 0-based respondent index within the sample. */
  respondent: number;
  /** The respondent's persona; null in a no-persona condition. */
  persona: PersonaTraits | null;
  prompt: RenderedPrompt;
  /** Seed for this call, where the provider honours seeds. */
  seed: number;
  /** The way of asking (method, perturbations) this request belongs to. */
  variant: Variant;
  /** Respondents this request answers (n-completions: all who share its persona), the first being `respondent`. */
  group: number[];
  /** What the method adds to the call (n, logprobs). */
  invoke: Pick<InvokeOptions, 'n' | 'logprobs'>;
  /** Questionnaire presentation: every item of the survey in this one request, as shown. */
  questionnaire?: ShownItem[];
  /**
   * Conversation presentation: the items in sequence, asked turn by turn (one request each). `key`
   * then names the conversation; each turn's key is `turnKey(turnAddress, its messages)`.
   */
  conversation?: PlannedConversation;
  turnAddress?: TurnAddress;
}

export interface Plan {
  survey: Survey;
  conditions: ResolvedCondition[];
  cells: PlanCell[];
  countries: { code: string; language: string }[];
  samples: number;
  /** The ways of asking; the first is the reference. */
  variants: Variant[];
  /** Total requests: cells × variants × items × requests per item (before sharding); a conversation turn is a request. */
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

const builtInConditions: Record<string, ResolvedCondition> = {
  native: { id: 'native', language: 'native' },
  english: { id: 'english', language: 'en' },
  chinese: { id: 'chinese', language: 'zh' },
  'no-persona': { id: 'no-persona', language: 'en', persona: false },
};

export function resolveConditions(config: Pick<BenchmarkConfig, 'conditions'>): ResolvedCondition[] {
  return config.conditions.map((c) =>
    typeof c === 'string' ? { ...builtInConditions[c] } : { id: c.id, language: c.language, ...(c.persona === false ? { persona: false as const } : {}) },
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
      throw new InputError(`${config.file}: field "countries": no native language known for ${code}; write { code: '${code}', language: '<tag>' }`);
    }
    return { code, language };
  });
  const cells: PlanCell[] = [];
  const withPersona = conditions.filter((c) => !isNoPersona(c));
  for (const model of models) {
    for (const { code, language: native } of countries) {
      const byLanguage = new Map<string, string[]>();
      for (const cond of withPersona) {
        const lang = cond.language === 'native' ? native : cond.language;
        byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), cond.id]);
      }
      for (const [language, conds] of byLanguage) cells.push({ model, country: code, language, conditions: conds });
    }
    // Without a persona the country plays no part: one sample per model and language.
    const plain = new Map<string, string[]>();
    for (const cond of conditions) if (isNoPersona(cond)) plain.set(cond.language, [...(plain.get(cond.language) ?? []), cond.id]);
    for (const [language, conds] of plain) cells.push({ model, country: NO_PERSONA_COUNTRY, language, conditions: conds, noPersona: true });
  }
  const personaOf = (cell: PlanCell, respondent: number) => (cell.noPersona ? null : personaForRespondent(config.persona, respondent));
  // Only a no-persona request carries the mark, so every other address stays as it was.
  const noPersonaMark = (cell: PlanCell) => (cell.noPersona ? { persona: false } : {});
  const items = survey.items;
  const samples = config.samples;
  const variants = expandVariants({ elicitation: config.elicitation, grid: config.grid, personaTemplate: config.persona.template, seed: config.seed });
  // Respondent i has persona i mod P (a mixed-radix walk over P trait combinations): respondents
  // with one persona can share one prompt, answered by n completions.
  const personas = Object.values(config.persona.traits).reduce((a, v) => a * v.length, 1);
  // Walked lazily and counted in closed form: an absurd "samples" is refused by its size, not by memory.
  function* groupsOf(v: Variant): Generator<number[]> {
    if (!builtInMethods[v.method].sharesPrompt) {
      for (let r = 0; r < samples; r++) yield [r];
      return;
    }
    for (let p = 0; p < Math.min(personas, samples); p++) yield Array.from({ length: Math.ceil((samples - p) / personas) }, (_, j) => p + j * personas);
  }
  const whole = config.elicitation.presentation === 'questionnaire';
  const chat = config.elicitation.presentation === 'conversation';
  const perItem = (v: Variant) => (builtInMethods[v.method].sharesPrompt ? Math.min(personas, samples) : samples);

  /** One conversation per respondent: every item in order, earlier turns and replies in context (presentation `conversation`). */
  function* conversationRequests(cell: PlanCell, variant: Variant, filter: RequestFilter): Generator<PlannedRequest> {
    const answerFormat = builtInMethods[variant.method].prompt;
    for (let respondent = 0; respondent < samples; respondent++) {
      const persona = personaOf(cell, respondent);
      // Each item rendered with the persona as the system message; the conversation places it once.
      const turns = items.map((item) => ({
        item,
        prompt: prompter.render({
          survey,
          item,
          country: cell.country,
          language: cell.language,
          persona,
          template: variant.personaTemplate,
          variant: { optionOrder: variant.optionOrder, labels: variant.labels, personaPlacement: 'system', wording: variant.wording, answerFormat },
        }),
      }));
      const conversation: PlannedConversation = { personaPlacement: variant.personaPlacement, turns };
      const params = { temperature: config.temperature, ...cell.model.params };
      const seed = (variant.seed !== config.seed ? variant.seed : (params.seed ?? config.seed)) + respondent;
      const invoke = builtInMethods[variant.method].invokeOptions(1);
      const turnAddress: TurnAddress = {
        provider: cell.model.provider,
        baseUrl: cell.model.baseUrl ?? null,
        model: cell.model.model,
        ...(cell.model.options ? { options: cell.model.options } : {}),
        params,
        respondent,
        seed,
        presentation: 'conversation',
        ...(Object.keys(invoke).length ? { invoke } : {}),
        ...noPersonaMark(cell),
      };
      // The conversation's name: its address and every turn's question, before any reply.
      const key = hashJson({ ...turnAddress, turns: turns.map((t) => t.prompt.messages) });
      const first = turnMessages(conversation, [], 0);
      const prompt = { ...turns[0].prompt, messages: first, promptHash: hashJson(first) };
      if (inShard(key, filter.shard))
        yield { key, cell, item: items[0], respondent, persona, prompt, seed, variant, group: [respondent], invoke, conversation, turnAddress };
    }
  }

  /** One request per respondent group with the whole questionnaire (presentation `questionnaire`). */
  function* questionnaireRequests(cell: PlanCell, variant: Variant, groups: Iterable<number[]>, filter: RequestFilter): Generator<PlannedRequest> {
    for (const group of groups) {
      const respondent = group[0];
      const persona = personaOf(cell, respondent);
      const shown = renderQuestionnaire({
        survey,
        country: cell.country,
        language: cell.language,
        persona,
        template: variant.personaTemplate,
        variant: {
          optionOrder: variant.optionOrder,
          labels: variant.labels,
          personaPlacement: variant.personaPlacement,
          wording: variant.wording,
          answerFormat: builtInMethods[variant.method].prompt,
        },
      });
      const params = { temperature: config.temperature, ...cell.model.params };
      const seed = (variant.seed !== config.seed ? variant.seed : (params.seed ?? config.seed)) + respondent;
      const invoke = builtInMethods[variant.method].invokeOptions(group.length);
      const key = hashJson({
        provider: cell.model.provider,
        baseUrl: cell.model.baseUrl ?? null,
        model: cell.model.model,
        ...(cell.model.options ? { options: cell.model.options } : {}),
        params,
        messages: shown.messages,
        respondent,
        seed,
        ...(Object.keys(invoke).length ? { invoke } : {}),
        ...noPersonaMark(cell),
      });
      const prompt = { messages: shown.messages, optionLabels: [], scaleSize: 0, promptHash: shown.promptHash };
      if (inShard(key, filter.shard))
        yield { key, cell, item: items[0], respondent, persona, prompt, seed, variant, group, invoke, questionnaire: shown.items };
    }
  }

  return {
    survey,
    conditions,
    cells,
    countries,
    samples,
    variants,
    size: cells.length * (whole ? 1 : items.length) * variants.reduce((a, v) => a + perItem(v), 0),
    *requests(filter: RequestFilter = {}) {
      for (const cell of cells) {
        if (filter.model !== undefined && cell.model.id !== filter.model) continue;
        for (const variant of variants) {
          const method = builtInMethods[variant.method];
          const plain = isPlainSample(variant, config.persona.template);
          if (whole) {
            yield* questionnaireRequests(cell, variant, groupsOf(variant), filter);
            continue;
          }
          if (chat) {
            yield* conversationRequests(cell, variant, filter);
            continue;
          }
          for (const item of items) {
            for (const group of groupsOf(variant)) {
              const respondent = group[0];
              const persona = personaOf(cell, respondent);
              const prompt = prompter.render({
                survey,
                item,
                country: cell.country,
                language: cell.language,
                persona,
                template: variant.personaTemplate,
                // The questionnaire as written renders exactly as before the grid existed (same cache keys).
                variant:
                  plain && method.prompt === 'choice'
                    ? undefined
                    : {
                        optionOrder: variant.optionOrder,
                        labels: variant.labels,
                        personaPlacement: variant.personaPlacement,
                        wording: variant.wording,
                        answerFormat: method.prompt,
                      },
              });
              const params = { temperature: config.temperature, ...cell.model.params };
              // A grid seed (test-retest) overrides the model's own; the reference keeps the usual seed.
              const seed = (variant.seed !== config.seed ? variant.seed : (params.seed ?? config.seed)) + respondent;
              const invoke = method.invokeOptions(group.length);
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
                // Only a method that changes the call changes the address, so plain samples keep theirs.
                ...(Object.keys(invoke).length ? { invoke } : {}),
                ...noPersonaMark(cell),
              });
              if (inShard(key, filter.shard)) yield { key, cell, item, respondent, persona, prompt, seed, variant, group, invoke };
            }
          }
        }
      }
    },
  };
}

/** A variant that asks the questionnaire as written (it may differ in method or seed only). */
function isPlainSample(v: Variant, template: string): boolean {
  return (
    v.optionOrder === 'original' && v.labels === 'labelled' && v.personaPlacement === 'system' && v.wording === 'original' && v.personaTemplate === template
  );
}
