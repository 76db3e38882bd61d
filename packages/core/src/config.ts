import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { endpointUrl } from './endpoint-pool.js';
import { InputError } from './errors.js';
import type { ModelEntry } from './provider.js';
import type { PersonaDesign } from './persona.js';
import type { ConstantsSpec } from './index-constants.js';
import { elicitationSchema, gridSchema } from './design.js';

const dimensionKey = z.string().regex(/^[A-Z]+$/, 'dimension names are upper case, e.g. PDI');

const endpointSchema = z
  .object({
    baseUrl: z.string().url().describe('URL of this server, as baseUrl would be for one server (e.g. http://gpu-1:8000/v1 or http://gpu-1:11434).'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'the NAME of an environment variable, e.g. VLLM_API_KEY')
      .optional()
      .describe("Name of the environment variable holding this server's key; the key is sent to this server only."),
    weight: z.number().positive().optional().describe('Share of the requests relative to the other endpoints (default 1; 2 takes twice as many).'),
    concurrency: z.number().int().positive().optional().describe("Requests in flight to this server at once (default: the provider's)."),
  })
  .strict()
  .describe('One server of a model with several endpoints.');

// Every field carries a description: it is shown by editors through the JSON Schema
// (packages/core/config.schema.json) and kept complete by a test.
const modelSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:/-]+$/, 'use letters, digits and . _ : / - only')
      .describe('Short unique id of this model in reports and on the command line (--models).'),
    provider: z.string().min(1).describe('Provider plugin that talks to the model: openai, ollama, langchain or baseline (see `culturebench list`).'),
    model: z.string().min(1).describe("The provider's own model name, e.g. gpt-4o-mini or llama3.1:8b (baselines: random or middle)."),
    origin: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US or CN')
      .optional()
      .describe("Country of the model's developer (ISO 3166-1 alpha-2), for the model-origin analysis."),
    params: z
      .object({
        temperature: z.number().min(0).max(2).optional().describe('Sampling temperature for this model (overrides the top-level temperature).'),
        topP: z.number().gt(0).max(1).optional().describe('Nucleus sampling: keep the most likely tokens up to this probability mass.'),
        maxTokens: z.number().int().positive().optional().describe('Largest number of tokens in one reply.'),
        seed: z.number().int().optional().describe('Base seed; respondent i is asked with seed + i where the API supports seeds.'),
      })
      .strict()
      .optional()
      .describe('Sampling parameters sent with every request to this model.'),
    price: z
      .object({
        inputPerMillion: z.number().min(0).describe('US dollars per million input (prompt) tokens.'),
        outputPerMillion: z.number().min(0).describe('US dollars per million output (completion) tokens.'),
      })
      .strict()
      .optional()
      .describe('Token prices, for --dry-run estimates and the --max-cost budget.'),
    baseUrl: z.string().url().optional().describe('Endpoint of an HTTP provider, e.g. http://localhost:11434 (Ollama) or an OpenAI-compatible /v1 URL.'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'the NAME of an environment variable, e.g. OPENAI_API_KEY')
      .optional()
      .describe('Name of the environment variable that holds the API key (never the key itself).'),
    endpoints: z
      .array(endpointSchema)
      .min(1)
      .optional()
      .describe(
        'Several servers of this one model (replicas on several vLLM/Ollama hosts, or load balancers), instead of baseUrl: requests spread over the healthy ones and a failing one is rested. You assert they serve the same model: they share one response cache.',
      ),
    concurrency: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Requests in flight to this model at once (default: the provider's, or with endpoints the sum of theirs)."),
    options: z.record(z.string(), z.unknown()).optional().describe("Provider-specific options, checked by the provider (see the provider plugin's README)."),
    chatModel: z
      .custom<NonNullable<ModelEntry['chatModel']>>((v) => v !== null && typeof v === 'object')
      .optional()
      .describe('Provider langchain, .ts/.js configs only: a ready LangChain chat model instance, used as it is.'),
  })
  .strict()
  .describe('One model of the roster.');

/** How to fix a key that does not belong at the top of a model entry. */
const MODEL_KEY_HINTS: Record<string, string> = {
  apiKey: 'keys are never written in a config: put the key in an environment variable and name it with "apiKeyEnv"',
  api_key: 'keys are never written in a config: put the key in an environment variable and name it with "apiKeyEnv"',
  key: 'keys are never written in a config: put the key in an environment variable and name it with "apiKeyEnv"',
  temperature: 'put it under "params" (params.temperature)',
  topP: 'put it under "params" (params.topP)',
  maxTokens: 'put it under "params" (params.maxTokens)',
  seed: 'put it under "params" (params.seed)',
  baseURL: 'the field is spelled "baseUrl"',
  headers: 'put provider-specific settings under "options"',
};

const conditionSchema = z
  .union([
    z.enum(['native', 'english', 'chinese', 'no-persona']),
    z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .describe('Name of the condition in reports (lower case, digits, hyphens).'),
        language: z.string().min(2).describe('Language code of the questionnaire text, e.g. de.'),
        persona: z
          .literal(false)
          .optional()
          .describe(
            "false: ask the items plainly, with no country persona, once per model (the model's default profile, not a country); needs a fixed language.",
          ),
      })
      .strict(),
  ])
  .describe(
    "A prompt-language condition: native (each country's language), english, chinese, no-persona (English, no persona: the model's default profile), or {id, language, persona?}.",
  );

const countrySchema = z
  .union([
    z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US'),
    z
      .object({
        code: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .describe('ISO 3166-1 alpha-2 country code.'),
        language: z.string().min(2).describe("Language of this country's native condition, e.g. fr."),
      })
      .strict(),
  ])
  .describe('A country: its ISO 3166-1 alpha-2 code, or {code, language} to choose its native language.');

const constantsSchema = z
  .union([
    z.literal('anchored'),
    z.literal('global'),
    z.number(),
    z.object({ mode: z.literal('anchored').describe('Constants chosen so that the human scores anchor the scale.') }).strict(),
    z
      .object({ mode: z.literal('global').describe('One constant per dimension for every model and condition: the human mean over the countries of the run.') })
      .strict(),
    z
      .object({
        mode: z.literal('fixed').describe('Fixed constants, one per dimension.'),
        values: z.record(dimensionKey, z.number()).describe('Constant per dimension, e.g. {"PDI": 20}.'),
      })
      .strict(),
  ])
  .describe('Index constants of the survey formulas: "anchored", "global", one number for every dimension, or per-dimension values.');

export const benchmarkConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors; ignored by culturebench.'),
    name: z.string().min(1).describe('Name of the benchmark, used in run folder names and reports.'),
    survey: z.string().min(1).describe('Survey plugin id, e.g. vsm2013 or ivs-map (see `culturebench list surveys`).'),
    parser: z.string().min(1).optional().describe("Answer parser by registry id (default: the survey's, else the only one installed)."),
    countries: z.array(countrySchema).min(1).describe('Countries whose people the models role-play.'),
    conditions: z.array(conditionSchema).min(1).describe('Prompt-language conditions; every country is asked in each.'),
    aggregates: z
      .array(z.literal('language-average'))
      .default(['language-average'])
      .describe('Derived conditions: language-average is the mean of the scores over the languages asked.'),
    persona: z
      .object({
        template: z.string().min(1).describe('Name of the persona template in the survey texts, e.g. default.'),
        traits: z
          .object({
            gender: z
              .array(z.enum(['female', 'male']))
              .min(1)
              .describe('Genders of the simulated respondents.'),
            age: z.array(z.string()).min(1).describe('Age-band keys of the survey texts.'),
            education: z.array(z.string()).min(1).describe('Education keys of the survey texts.'),
            occupation: z.array(z.string()).min(1).describe('Occupation keys of the survey texts.'),
          })
          .strict()
          .describe('Trait values; respondents cycle through their combinations.'),
      })
      .strict()
      .describe('Who the model role-plays: a persona template and the traits that vary.'),
    samples: z.number().int().positive('samples must be a whole number of at least 1').describe('Respondents (replies) per item, country and condition.'),
    seed: z.number().int().default(1).describe('Seed of every random choice (persona order, baselines, bootstrap).'),
    temperature: z.number().min(0).max(2).default(0.7).describe('Default sampling temperature for every model.'),
    constants: constantsSchema.default('anchored'),
    groundTruth: z.string().optional().describe('Another human ground truth: CSV country,<DIM>,… relative to the config file.'),
    texts: z
      .record(z.string(), z.string())
      .optional()
      .describe('Replacement questionnaire texts (e.g. official translations): language → JSON file, relative to the config file.'),
    models: z.array(modelSchema).min(1).describe('The models (and baselines) to ask.'),
    outDir: z.string().default('results').describe('Folder for run directories, relative to the working directory.'),
    concurrency: z.number().int().positive().default(32).describe('Global cap on requests in flight (each model also has its own limit).'),
    timeoutSeconds: z.number().positive().default(120).describe('Seconds before one request times out; a timed-out request is retried.'),
    retry: z
      .object({
        maxAttempts: z.number().int().min(1).max(20).optional().describe('Attempts per request, the first included.'),
        baseDelayMs: z.number().int().min(0).optional().describe('First backoff delay in milliseconds (doubles each retry).'),
        maxDelayMs: z.number().int().min(0).optional().describe('Largest backoff delay in milliseconds.'),
      })
      .strict()
      .default({})
      .describe('Retries for 429, 5xx, timeouts and resets.'),
    batchPollSeconds: z.number().positive().default(30).describe('Seconds between status checks of a submitted batch (--batch).'),
    cacheDir: z.string().optional().describe('Response cache folder, relative to the config file (default: <outDir>/.cache).'),
    elicitation: elicitationSchema
      .default({ methods: ['sample'], presentation: 'item' })
      .describe("How each question is asked: elicitation methods (the first is the headline's) and presentation."),
    grid: gridSchema.optional().describe('Robustness grid: perturbations asked besides the reference; every row records its variant.'),
    headline: z.string().default('language-average').describe('Headline condition of the leaderboard.'),
  })
  .strict()
  .describe('A culturebench benchmark: survey, countries, conditions, personas and models.');

export type BenchmarkConfigInput = z.input<typeof benchmarkConfigSchema>;
export type BenchmarkConfig = Omit<z.output<typeof benchmarkConfigSchema>, 'constants' | 'persona' | 'models'> & {
  constants: ConstantsSpec;
  persona: PersonaDesign;
  models: ModelEntry[];
  /** Absolute path of the file the config came from (for messages and the manifest). */
  file: string;
};

/** For typed config files: `export default defineBenchmark({...})`. */
export function defineBenchmark(config: BenchmarkConfigInput): BenchmarkConfigInput {
  return config;
}

function normaliseConstants(c: z.output<typeof constantsSchema>): ConstantsSpec {
  if (c === 'anchored') return { mode: 'anchored' };
  if (c === 'global') return { mode: 'global' };
  // The config does not know the survey's dimensions: a number applies to all of them.
  if (typeof c === 'number') return { mode: 'fixed', values: {}, all: c };
  return c;
}

export function formatIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.length ? i.path.join('.') : '(root)';
      if (i.code === 'unrecognized_keys') {
        const keys = (i as { keys: string[] }).keys;
        const inModel = i.path[0] === 'models' && i.path.length === 2;
        const hints = keys.map((k) => `"${k}"${inModel && MODEL_KEY_HINTS[k] ? `: ${MODEL_KEY_HINTS[k]}` : ''}`);
        return `${where}: field "${field}": unknown key(s) ${hints.join('; ')}${inModel ? ' (allowed: id, provider, model, origin, params, price, baseUrl, endpoints, apiKeyEnv, concurrency, options, chatModel)' : ''}`;
      }
      return `${where}: field "${field}": ${i.message}`;
    })
    .join('\n');
}

/** Duplicates and references that the schema alone cannot see, each refused with its field. */
function checkReferences(data: z.output<typeof benchmarkConfigSchema>, file: string): void {
  // One row per country in every table: a code twice (even in another language) is refused.
  const seen = new Map<string, number>();
  data.countries.forEach((c, i) => {
    const code = typeof c === 'string' ? c : c.code;
    if (seen.has(code))
      throw new InputError(`${file}: field "countries.${i}": country ${code} is listed twice (also at countries.${seen.get(code)}); list each country once`);
    seen.set(code, i);
  });
  const conditionIds = new Map<string, number>();
  data.conditions.forEach((c, i) => {
    const id = typeof c === 'string' ? c : c.id;
    if (conditionIds.has(id))
      throw new InputError(
        `${file}: field "conditions.${i}": condition "${id}" is listed twice (also at conditions.${conditionIds.get(id)}); list each condition once`,
      );
    conditionIds.set(id, i);
  });
  data.conditions.forEach((c, i) => {
    if (typeof c !== 'string' && c.persona === false && c.language === 'native') {
      throw new InputError(
        `${file}: field "conditions.${i}": a condition without persona is asked once per model, not per country, so it needs a fixed language (e.g. language: 'en'), not native`,
      );
    }
  });
  const noPersona = new Set(
    data.conditions.flatMap((c) => (c === 'no-persona' || (typeof c !== 'string' && c.persona === false) ? [typeof c === 'string' ? c : c.id] : [])),
  );
  if (noPersona.size === data.conditions.length) {
    throw new InputError(
      `${file}: field "conditions": every condition is without persona; add a country condition (e.g. native) — the no-persona profile is compared with the countries'`,
    );
  }
  if (noPersona.has(data.headline)) {
    throw new InputError(
      `${file}: field "headline": "${data.headline}" has no persona, so it has no country scores to rank; choose a country condition or an aggregate`,
    );
  }
  const headlines = [...conditionIds.keys(), ...data.aggregates];
  if (!headlines.includes(data.headline)) {
    throw new InputError(
      `${file}: field "headline": "${data.headline}" is neither a condition nor an aggregate of this config (choose one of: ${headlines.join(', ')})`,
    );
  }
}

/** `endpoints` replaces `baseUrl` and carries each server's own key variable; no URL twice. */
function checkEndpointsField(m: z.output<typeof modelSchema>, at: string): void {
  if (!m.endpoints) return;
  if (m.baseUrl !== undefined) {
    throw new InputError(
      `${at}.baseUrl": give either "baseUrl" (one server) or "endpoints" (several), not both; move this URL into "endpoints" as {"baseUrl": …}`,
    );
  }
  if (m.apiKeyEnv !== undefined) {
    throw new InputError(
      `${at}.apiKeyEnv": with "endpoints", name the key variable on each endpoint ("endpoints[i].apiKeyEnv"), so that each key goes only to its own server`,
    );
  }
  const seen = new Map<string, number>();
  m.endpoints.forEach((e, j) => {
    const url = endpointUrl(e.baseUrl).toLowerCase();
    if (seen.has(url))
      throw new InputError(
        `${at}.endpoints.${j}.baseUrl": ${endpointUrl(e.baseUrl)} is listed twice (also at endpoints.${seen.get(url)}); list each server once, and give it a "weight" to send it more`,
      );
    seen.set(url, j);
  });
}

export function parseConfig(raw: unknown, file: string): BenchmarkConfig {
  const result = benchmarkConfigSchema.safeParse(raw);
  if (!result.success) throw new InputError(formatIssues(file, result.error));
  checkReferences(result.data, file);
  const ids = new Set<string>();
  for (const m of result.data.models) {
    if (ids.has(m.id)) throw new InputError(`${file}: field "models": model id "${m.id}" appears twice; ids must be unique`);
    ids.add(m.id);
  }
  result.data.models.forEach((m, i) => checkEndpointsField(m, `${file}: field "models.${i}`));
  return {
    ...result.data,
    constants: normaliseConstants(result.data.constants),
    persona: result.data.persona as PersonaDesign,
    models: result.data.models as ModelEntry[],
    file,
  };
}

const SCRIPT_CONFIG = ['.ts', '.mts', '.js', '.mjs'];
const TS_CONFIG = ['.ts', '.mts'];

/** Imports a .ts/.js config. Plain Node (before type stripping) cannot import .ts: tsx's API does, from any folder. */
async function importConfig(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (err) {
    if (!TS_CONFIG.includes(extname(file)) || (err as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(url, import.meta.url);
  }
}

/** YAML config: a syntax error is reported with its line and column. */
async function readYaml(file: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(await readFile(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : '';
    throw new InputError(`${file}: ${at}${e.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

export async function loadConfig(path: string): Promise<BenchmarkConfig> {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(`config file not found: ${file} (pass an existing file with --config)`);
  let raw: unknown;
  const ext = extname(file);
  try {
    if (ext === '.json') raw = JSON.parse(await readFile(file, 'utf8'));
    else if (ext === '.yaml' || ext === '.yml') raw = await readYaml(file);
    else if (SCRIPT_CONFIG.includes(ext)) {
      const mod = (await importConfig(file)) as { default?: unknown; config?: unknown };
      raw = mod.default ?? mod.config;
    } else throw new InputError(`${file}: unsupported config type "${ext}" (use .ts, .js, .mjs, .json, .yaml or .yml)`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: could not be loaded: ${(err as Error).message}`);
  }
  if (raw === undefined) throw new InputError(`${file}: has no default export (write \`export default defineBenchmark({...})\`)`);
  return parseConfig(raw, file);
}

/**
 * What checkEndpointsField refuses, for editors: a model gives `baseUrl` or `endpoints`, and with
 * `endpoints` no model-wide `apiKeyEnv`. (`errorMessage` is the message VS Code and the YAML
 * language server show instead of "Matches a schema that is not allowed".)
 */
const MODEL_EXCLUSIONS = {
  allOf: [
    {
      description: 'baseUrl (one server) and endpoints (several) exclude each other.',
      not: { required: ['baseUrl', 'endpoints'] },
      errorMessage: 'Give either "baseUrl" (one server) or "endpoints" (several), not both: move this URL into "endpoints" as {"baseUrl": …}.',
    },
    {
      description: 'With endpoints, each endpoint names its own key variable.',
      not: { required: ['apiKeyEnv', 'endpoints'] },
      errorMessage: 'With "endpoints", name the key variable on each endpoint ("endpoints[i].apiKeyEnv"), so that each key goes only to its own server.',
    },
  ],
};

/** JSON Schema of benchmark config files, so editors validate JSON and YAML configs (`"$schema": …`). */
export function benchmarkConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(benchmarkConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: (ctx) => {
      if ((ctx.zodSchema as unknown) === modelSchema) Object.assign(ctx.jsonSchema, structuredClone(MODEL_EXCLUSIONS));
    },
  }) as Record<string, unknown>;
  return { ...schema, title: 'culturebench benchmark config' };
}
