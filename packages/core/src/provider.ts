import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

export interface ModelParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Base seed; respondent i is asked with seed + i where the API supports seeds. */
  seed?: number;
}

export interface ModelPrice {
  /** US dollars per million input tokens. */
  inputPerMillion: number;
  outputPerMillion: number;
}

/** One model of a benchmark's roster. */
export interface ModelEntry {
  /** Short id used in reports and on the command line. */
  id: string;
  /** Id of the provider plugin that creates it. */
  provider: string;
  /** The provider's own model name. */
  model: string;
  /** Country of the model's developer (ISO alpha-2), for the model-origin analysis. */
  origin?: string;
  params?: ModelParams;
  price?: ModelPrice;
  /** Endpoint for HTTP providers. */
  baseUrl?: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  apiKeyEnv?: string;
  /** Concurrent requests to this model. */
  concurrency?: number;
  /** Provider-specific options. */
  options?: Record<string, unknown>;
  /** Generic adapter: a ready LangChain chat model instance, used as it is. */
  chatModel?: BaseChatModel;
}

export interface ProviderContext {
  env: Record<string, string | undefined>;
}

export type Availability = { ok: true; detail?: string } | { ok: false; reason: string; fix: string };

/** Model-provider extension point: creates LangChain chat models from config entries. */
export interface ModelProvider {
  readonly id: string;
  /** Baselines are labelled as such in every output; they are never LLMs. */
  readonly kind: 'llm' | 'baseline';
  /** Default concurrency for this provider's models (hosted APIs high, local servers low). */
  readonly defaultConcurrency: number;
  /** True when a per-call `seed` option is honoured. */
  readonly supportsSeed: boolean;
  /**
   * false when `entry.params` (temperature, topP, maxTokens) are not sent, because the model
   * brings its own settings (a ready LangChain instance): the manifest then reports no params.
   */
  readonly appliesParams?: boolean;
  create(entry: ModelEntry, ctx: ProviderContext): BaseChatModel;
  /** Is the model usable now (key present, endpoint reachable, model available)? */
  check(entry: ModelEntry, ctx: ProviderContext): Promise<Availability>;
  /** Secrets this entry uses, so that they can be redacted from any message. */
  secrets?(entry: ModelEntry, ctx: ProviderContext): string[];
  /**
   * Turns a failed call into a clear message naming the model, the endpoint and the fix, and says
   * whether the failure is worth retrying (429, 5xx, timeouts, resets) or stops the model (bad key,
   * unknown model, other 4xx).
   */
  explainError?(error: unknown, entry: ModelEntry): ExplainedError;
  /** Asynchronous batch submission (e.g. OpenAI's Batch API), for providers that offer it. */
  batch?: BatchCapability;
  /**
   * The entry `options` this provider understands, name → what it does. An option not listed is
   * bad input (exit 2, naming it and the allowed ones), so a typo never falls back silently.
   * Without this map the provider takes no options.
   */
  readonly options?: Readonly<Record<string, ProviderOption>>;
  /**
   * What the response cache must cover beyond provider, endpoint, model and params, for providers
   * whose entry does not say everything that shapes a reply (a ready LangChain instance). A string
   * joins the cache key; null means the entry cannot be identified, so its replies are not cached.
   */
  cacheIdentity?(entry: ModelEntry): string | null;
}

/** One provider option: the JSON types it accepts and a line for error messages and docs. */
export interface ProviderOption {
  type: 'string' | 'number' | 'boolean' | 'object' | ('string' | 'number' | 'boolean' | 'object')[];
  description: string;
}

/** One request of a batch: the request's content address is its custom id. */
export interface BatchItem {
  customId: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  seed?: number;
}

export interface BatchItemResult {
  customId: string;
  text: string | null;
  usage: { input: number; output: number } | null;
  error: string | null;
}

/**
 * Batch submission. The state is plain JSON the runner saves in the run directory, so a crashed
 * or interrupted run resumes polling the batches it already paid for instead of submitting again.
 */
export interface BatchCapability {
  supports(entry: ModelEntry): boolean;
  submit(entry: ModelEntry, ctx: ProviderContext, items: BatchItem[], onState: (state: unknown) => void): Promise<unknown>;
  poll(entry: ModelEntry, ctx: ProviderContext, state: unknown): Promise<{ done: boolean; total: number; completed: number; failed: number; state: unknown }>;
  results(entry: ModelEntry, ctx: ProviderContext, state: unknown): Promise<BatchItemResult[]>;
}

export interface ExplainedError {
  message: string;
  retryable: boolean;
  /** Seconds the server asked us to wait (retry-after / x-ratelimit-reset-*), if it said. */
  retryAfterSeconds?: number;
  /** HTTP status, if any. */
  status?: number;
}
