import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from './errors.js';
import type { ModelEntry } from './provider.js';
import type { PersonaDesign } from './persona.js';
import type { ConstantsSpec } from './index-constants.js';
import { elicitationSchema, gridSchema } from './design.js';

const dimensionKey = z.string().regex(/^[A-Z]+$/, 'dimension names are upper case, e.g. PDI');

const modelSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:/-]+$/, 'use letters, digits and . _ : / - only'),
  provider: z.string().min(1),
  model: z.string().min(1),
  origin: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US or CN').optional(),
  params: z
    .object({
      temperature: z.number().min(0).max(2).optional(),
      topP: z.number().gt(0).max(1).optional(),
      maxTokens: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
    })
    .strict()
    .optional(),
  price: z.object({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }).strict().optional(),
  baseUrl: z.string().url().optional(),
  apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the NAME of an environment variable, e.g. OPENAI_API_KEY').optional(),
  concurrency: z.number().int().positive().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  chatModel: z.custom<NonNullable<ModelEntry['chatModel']>>((v) => v !== null && typeof v === 'object').optional(),
}).strict();

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

const conditionSchema = z.union([
  z.enum(['native', 'english', 'chinese']),
  z.object({ id: z.string().regex(/^[a-z0-9-]+$/), language: z.string().min(2) }).strict(),
]);

const countrySchema = z.union([
  z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US'),
  z.object({ code: z.string().regex(/^[A-Z]{2}$/), language: z.string().min(2) }).strict(),
]);

const constantsSchema = z.union([
  z.literal('anchored'),
  z.literal('global'),
  z.number(),
  z.object({ mode: z.literal('anchored') }).strict(),
  z.object({ mode: z.literal('global') }).strict(),
  z.object({ mode: z.literal('fixed'), values: z.record(dimensionKey, z.number()) }).strict(),
]);

export const benchmarkConfigSchema = z
  .object({
    /** Editors' schema reference in JSON configs; ignored. */
    $schema: z.string().optional(),
    name: z.string().min(1),
    survey: z.string().min(1),
    /** Answer parser by registry id (default: the survey's, else the only one installed). */
    parser: z.string().min(1).optional(),
    countries: z.array(countrySchema).min(1),
    conditions: z.array(conditionSchema).min(1),
    /** Derived conditions: `language-average` = mean of the scores over the languages asked. */
    aggregates: z.array(z.literal('language-average')).default(['language-average']),
    persona: z
      .object({
        template: z.string().min(1),
        traits: z
          .object({
            gender: z.array(z.enum(['female', 'male'])).min(1),
            age: z.array(z.string()).min(1),
            education: z.array(z.string()).min(1),
            occupation: z.array(z.string()).min(1),
          })
          .strict(),
      })
      .strict(),
    samples: z.number().int().positive('samples must be a whole number of at least 1'),
    seed: z.number().int().default(1),
    temperature: z.number().min(0).max(2).default(0.7),
    constants: constantsSchema.default('anchored'),
    /** Another human ground truth: CSV `country,<DIM>,…`, relative to the config file. */
    groundTruth: z.string().optional(),
    /** Replacement questionnaire texts (e.g. official translations): language → JSON file, relative to the config file. */
    texts: z.record(z.string(), z.string()).optional(),
    models: z.array(modelSchema).min(1),
    outDir: z.string().default('results'),
    /** Global cap on requests in flight (each model also has its own limit). */
    concurrency: z.number().int().positive().default(32),
    /** Seconds before one request times out; a timed-out request is retried. */
    timeoutSeconds: z.number().positive().default(120),
    /** Retries for 429, 5xx, timeouts and resets: attempts (the first included) and backoff. */
    retry: z
      .object({
        maxAttempts: z.number().int().min(1).max(20).optional(),
        baseDelayMs: z.number().int().min(0).optional(),
        maxDelayMs: z.number().int().min(0).optional(),
      })
      .strict()
      .default({}),
    /** Seconds between status checks of a submitted batch (--batch). */
    batchPollSeconds: z.number().positive().default(30),
    /** Response cache folder, relative to the config file (default: <outDir>/.cache). */
    cacheDir: z.string().optional(),
    /** How each question is asked: elicitation methods (the first is the headline's) and presentation. */
    elicitation: elicitationSchema.default({ methods: ['sample'], presentation: 'item' }),
    /** Robustness grid: perturbations asked besides the reference; every row records its variant. */
    grid: gridSchema.optional(),
    /** Headline condition of the leaderboard. */
    headline: z.string().default('language-average'),
  })
  .strict();

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
        return `${where}: field "${field}": unknown key(s) ${hints.join('; ')}${inModel ? ' (allowed: id, provider, model, origin, params, price, baseUrl, apiKeyEnv, concurrency, options, chatModel)' : ''}`;
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
    if (seen.has(code)) throw new InputError(`${file}: field "countries.${i}": country ${code} is listed twice (also at countries.${seen.get(code)}); list each country once`);
    seen.set(code, i);
  });
  const conditionIds = new Map<string, number>();
  data.conditions.forEach((c, i) => {
    const id = typeof c === 'string' ? c : c.id;
    if (conditionIds.has(id)) throw new InputError(`${file}: field "conditions.${i}": condition "${id}" is listed twice (also at conditions.${conditionIds.get(id)}); list each condition once`);
    conditionIds.set(id, i);
  });
  const headlines = [...conditionIds.keys(), ...data.aggregates];
  if (!headlines.includes(data.headline)) {
    throw new InputError(`${file}: field "headline": "${data.headline}" is neither a condition nor an aggregate of this config (choose one of: ${headlines.join(', ')})`);
  }
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
  return {
    ...result.data,
    constants: normaliseConstants(result.data.constants),
    persona: result.data.persona as PersonaDesign,
    models: result.data.models as ModelEntry[],
    file,
  };
}

export async function loadConfig(path: string): Promise<BenchmarkConfig> {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(`config file not found: ${file} (pass an existing file with --config)`);
  let raw: unknown;
  const ext = extname(file);
  try {
    if (ext === '.json') raw = JSON.parse(await readFile(file, 'utf8'));
    else if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
      const mod = await import(pathToFileURL(file).href);
      raw = mod.default ?? mod.config;
    } else throw new InputError(`${file}: unsupported config type "${ext}" (use .ts, .js, .mjs or .json)`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: could not be loaded: ${(err as Error).message}`);
  }
  if (raw === undefined) throw new InputError(`${file}: has no default export (write \`export default defineBenchmark({...})\`)`);
  return parseConfig(raw, file);
}

/** JSON Schema of benchmark config files, so editors validate JSON configs (`"$schema": …`). */
export function benchmarkConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(benchmarkConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://culturebench.dev/schemas/benchmark-config.json',
    title: 'culturebench benchmark config',
    properties: { $schema: { type: 'string' }, ...props },
  };
}
