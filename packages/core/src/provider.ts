import type { ChatMessage } from './prompter.js';

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
  /**
   * Several servers of one model (replicas, or load balancers), instead of `baseUrl`: requests
   * spread across the healthy ones and a failing one is rested (see endpoint-pool.ts).
   */
  endpoints?: ModelEndpoint[];
  /** Name of the environment variable holding the API key (never the key itself). */
  apiKeyEnv?: string;
  /** Concurrent requests to this model. */
  concurrency?: number;
  /** Provider-specific options. */
  options?: Record<string, unknown>;
  /**
   * For the generic LangChain provider: a ready chat model instance (any BaseChatModel), used as
   * it is. Core never looks inside; the provider plugin checks what it is.
   */
  chatModel?: object;
}

/** One server of a model entry with several endpoints. */
export interface ModelEndpoint {
  baseUrl: string;
  /** Name of the environment variable holding this server's key; it is sent to this server only. */
  apiKeyEnv?: string;
  /** Share of the requests relative to the other endpoints (default 1). */
  weight?: number;
  /** Requests in flight to this server at once (default: the provider's). */
  concurrency?: number;
}

/** How one endpoint of a pool fared, for progress, the run summary and the manifest (URL without credentials). */
export interface EndpointReport {
  url: string;
  weight: number;
  concurrency: number;
  /** Requests it answered. */
  served: number;
  failures: number;
  /** Times it was taken out for a back-off period. */
  rests: number;
  state: 'healthy' | 'resting' | 'out';
  lastError: string | null;
}

/** An endpoint's state at this moment, for a live display. */
export interface EndpointLive {
  /** Without user:password, query or fragment. */
  url: string;
  /** `probing`: back from a rest, one request at a time until one is answered. */
  state: 'serving' | 'probing' | 'resting' | 'out';
  /** Milliseconds left of its rest (0 unless resting). */
  restLeftMs: number;
  /** Requests it answered. */
  served: number;
  failures: number;
}

/** A client that spreads requests over several endpoints reports on them. */
export interface EndpointPoolView {
  status(): EndpointReport[];
  live(): EndpointLive[];
  /** Rested, back, taken out: one line each. */
  onEvent(listener: (message: string) => void): void;
}

export interface ProviderContext {
  env: Record<string, string | undefined>;
}

/** `degraded`: usable, but not all of it (e.g. one endpoint of several is down); doctor flags it. */
export type Availability = { ok: true; detail?: string; degraded?: string } | { ok: false; reason: string; fix: string };

/** Token counts of one request (all completions together). */
export interface TokenUsage {
  input: number;
  output: number;
}

/** One token of a completion with its log-probability and the most likely alternatives there. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  /** The top alternatives at this position (the token itself included when the API lists it). */
  top: { token: string; logprob: number }[];
}

/** One completion of a request. */
export interface ModelCompletion {
  text: string;
  /** Per-token log-probabilities, when they were asked for and the model gave them. */
  logprobs?: TokenLogprob[];
  /** True when the provider flagged the reply as a refusal (e.g. OpenAI's `refusal` field). */
  refused?: boolean;
  /** Why generation stopped, as the provider says it ("stop", "length", "content_filter" …). */
  finishReason?: string;
}

/** What a model client returns: the first completion's fields, usage, and every completion when n > 1. */
export interface ModelReply extends ModelCompletion {
  usage: TokenUsage | null;
  /** All completions of the request, the first being the reply itself; present when n > 1 was asked. */
  completions?: ModelCompletion[];
  /** The endpoint that answered (URL without credentials), when the model has several. */
  endpoint?: string;
}

/** Per-call options. A client rejects an option its capabilities do not declare. */
export interface InvokeOptions {
  signal?: AbortSignal;
  /** Per-request seed; only sent where the capability says it is honoured. */
  seed?: number;
  /** Number of completions for the one prompt (input tokens paid once). */
  n?: number;
  /** Ask for per-token log-probabilities with this many alternatives per position. */
  logprobs?: { top: number };
}

/** What a client can do, declared by the provider per model. */
export interface ModelCapabilities {
  /** A per-call seed is honoured. */
  seed: boolean;
  /** Token log-probabilities with top alternatives. */
  logprobs: boolean;
  /** Several completions per request. */
  n: boolean;
}

/**
 * The model client core talks to: plain messages in, plain reply out. Provider plugins implement
 * it with whatever library fits (LangChain chat models, an SDK); core imports none of them.
 */
export interface ModelClient {
  readonly capabilities: ModelCapabilities;
  /** Present when the client spreads requests over several endpoints. */
  readonly pool?: EndpointPoolView;
  invoke(messages: ChatMessage[], options?: InvokeOptions): Promise<ModelReply>;
}

/** The options a client cannot honour (empty when all can be). */
export function unsupportedOptions(capabilities: ModelCapabilities, options: InvokeOptions | undefined): (keyof ModelCapabilities)[] {
  const bad: (keyof ModelCapabilities)[] = [];
  if (options?.seed !== undefined && !capabilities.seed) bad.push('seed');
  if (options?.logprobs && !capabilities.logprobs) bad.push('logprobs');
  if (options?.n !== undefined && options.n !== 1 && !capabilities.n) bad.push('n');
  return bad;
}

/** Throws when a call asks for what the client cannot do, so that nothing claims what was not done. */
export function assertSupported(model: string, capabilities: ModelCapabilities, options: InvokeOptions | undefined): void {
  const bad = unsupportedOptions(capabilities, options);
  if (bad.length)
    throw new Error(`model ${model} cannot honour ${bad.join(', ')} (it supports: ${supportedList(capabilities) || 'none of seed, logprobs, n'})`);
}

function supportedList(c: ModelCapabilities): string {
  return (Object.keys(c) as (keyof ModelCapabilities)[]).filter((k) => c[k]).join(', ');
}

/** Model-provider extension point: creates model clients from config entries. */
export interface ModelProvider {
  readonly id: string;
  /** Baselines and simulations (known-truth respondents) are labelled as such in every output; they are never LLMs. */
  readonly kind: 'llm' | 'baseline' | 'simulation';
  /** Default concurrency for this provider's models (hosted APIs high, local servers low). */
  readonly defaultConcurrency: number;
  /**
   * false when `entry.params` (temperature, topP, maxTokens) are not sent, because the model
   * brings its own settings (a ready LangChain instance): the manifest then reports no params.
   */
  readonly appliesParams?: boolean;
  /** The client for an entry; its `capabilities` say what it can do (seed, logprobs, n). */
  create(entry: ModelEntry, ctx: ProviderContext): ModelClient;
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
  /** true when entries may list several `endpoints` (else such an entry is bad input). */
  readonly endpoints?: boolean;
  /** npm packages that talk to the model (their installed versions go into the manifest). */
  readonly clientPackages?: readonly string[];
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

/** A JSON type an option value can have (an array is 'array', not 'object'). */
export type ProviderOptionType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** One provider option: the JSON types it accepts and a line for error messages and docs. */
export interface ProviderOption {
  type: ProviderOptionType | ProviderOptionType[];
  description: string;
}

/** One request of a batch: the request's content address is its custom id. */
export interface BatchItem {
  customId: string;
  messages: ChatMessage[];
  seed?: number;
}

export interface BatchItemResult {
  customId: string;
  text: string | null;
  usage: TokenUsage | null;
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
  /** Retry on another endpoint of the model at once: the failing one is rested (endpoint-pool.ts). */
  failover?: boolean;
}
