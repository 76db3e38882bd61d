import { Ollama } from 'ollama';
import {
  ENDPOINT_REST_OPTION,
  checkEndpoints,
  endpointEntries,
  endpointPoolClient,
  isTimeout,
  networkCode,
  safeServerText,
  statusOf,
  urlSecrets,
  type Availability,
  type ModelClient,
  type ModelEntry,
  type ModelProvider,
  type ProviderContext,
} from '@culturebench/core';
import { chatModelClient } from '@culturebench/langchain-client';
import { SeededChatOllama, abortableFetch } from './chat.js';
import { START_FIX, explainOllamaError, rememberHost } from './errors.js';
import { canonicalModel, displayHost, pullCommand, resolveHost, sameModel } from './host.js';
import { declaresLogprobs, ollamaLogprobCall, rememberLogprobs } from './logprobs.js';

export { SeededChatOllama, abortableFetch } from './chat.js';
export { DEFAULT_OLLAMA_HOST, canonicalModel, normaliseOllamaHost, pullCommand, resolveHost, sameModel } from './host.js';
export { explainOllamaError } from './errors.js';
export { OLLAMA_LOGPROBS_SINCE, declaresLogprobs, ollamaTokenLogprobs, versionHasLogprobs } from './logprobs.js';

/** Backstop for one request, headers and body; the runner's own timeout is usually shorter. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
export const CHECK_TIMEOUT_MS = 5_000;

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Builds the ChatOllama for an entry (a {@link SeededChatOllama} with an abortable fetch). */
export function createChatOllama(entry: ModelEntry, ctx: ProviderContext): SeededChatOllama {
  const host = resolveHost(entry, ctx);
  rememberHost(entry, host);
  const p = entry.params ?? {};
  const o = entry.options ?? {};
  return new SeededChatOllama({
    model: entry.model,
    baseUrl: host,
    temperature: p.temperature,
    topP: p.topP,
    numPredict: p.maxTokens,
    // Default for calls without a seed option; the runner passes one per call.
    seed: p.seed,
    numCtx: positive(o.numCtx),
    keepAlive: typeof o.keepAlive === 'string' || typeof o.keepAlive === 'number' ? o.keepAlive : undefined,
    think: typeof o.think === 'boolean' ? o.think : undefined,
    fetch: abortableFetch(positive(o.timeoutMs) ?? DEFAULT_REQUEST_TIMEOUT_MS),
  });
}

/** The model client of an entry: its {@link SeededChatOllama} behind core's plain contract. */
export function createOllamaClient(entry: ModelEntry, ctx: ProviderContext): ModelClient {
  // Ollama's chat API has no n. Log-probabilities: servers from 0.12.11 (as reported at the check)
  // or `options.logprobs: true`; ChatOllama drops the field, so those calls go through the ollama client.
  const host = resolveHost(entry, ctx);
  const timeoutMs = positive(entry.options?.timeoutMs) ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return chatModelClient(createChatOllama(entry, ctx), {
    model: entry.id,
    capabilities: { seed: true, logprobs: declaresLogprobs(entry), n: false },
    extended: (messages, options) => ollamaLogprobCall(host, abortableFetch(timeoutMs), entry, messages, options),
  });
}

/** Is Ollama reachable at the host, and is the model pulled there? Uses GET /api/tags. */
export async function checkOllama(entry: ModelEntry, ctx: ProviderContext): Promise<Availability> {
  const host = resolveHost(entry, ctx);
  rememberHost(entry, host);
  const shown = displayHost(host);
  const timeoutMs = positive(entry.options?.checkTimeoutMs) ?? CHECK_TIMEOUT_MS;
  let models: { name: string; details?: { parameter_size?: string; quantization_level?: string } }[];
  try {
    ({ models } = await new Ollama({ host, fetch: abortableFetch(timeoutMs) }).list());
  } catch (err) {
    const status = statusOf(err);
    if (status !== undefined) {
      return {
        ok: false,
        reason: `${shown} answered ${status} to GET /api/tags (${safeServerText(String((err as Error).message), [], 200)}): not an Ollama server?`,
        fix: 'point OLLAMA_HOST or baseUrl at the Ollama server (default http://127.0.0.1:11434)',
      };
    }
    const why = isTimeout(err)
      ? `no answer within ${timeoutMs / 1000} s`
      : networkCode(err) === 'ECONNREFUSED'
        ? 'connection refused'
        : (networkCode(err) ?? safeServerText(String((err as Error)?.message ?? err), [], 200));
    return { ok: false, reason: `Ollama is not reachable at ${shown} (${why})`, fix: START_FIX };
  }
  // The server version decides whether log-probabilities can be asked for (unless options.logprobs says).
  if (typeof entry.options?.logprobs !== 'boolean') {
    try {
      rememberLogprobs(entry, (await new Ollama({ host, fetch: abortableFetch(timeoutMs) }).version()).version);
    } catch {
      rememberLogprobs(entry, undefined);
    }
  }
  const found = models.find((m) => sameModel(m.name, entry.model));
  if (!found) {
    return { ok: false, reason: `model ${entry.model} is not pulled on ${shown}`, fix: `run \`${pullCommand(entry.model, host)}\`` };
  }
  const size = [found.details?.parameter_size, found.details?.quantization_level].filter(Boolean).join(' ');
  const alias = canonicalModel(found.name) === canonicalModel(entry.model) && found.name !== entry.model ? ` as ${found.name}` : '';
  return { ok: true, detail: `pulled on ${shown}${alias}${size ? ` (${size})` : ''}` };
}

/**
 * Local models served by Ollama. Host: `baseUrl`, else OLLAMA_HOST (scheme optional, as the
 * Ollama CLI accepts), else http://127.0.0.1:11434. No key.
 *
 * Options: `timeoutMs` (per request, default 300000), `checkTimeoutMs` (default 5000),
 * `numCtx`, `keepAlive`, `think`, `logprobs` (true/false overrides what the server version says:
 * Ollama returns log-probabilities from 0.12.11).
 */
// A local server runs few requests in parallel (OLLAMA_NUM_PARALLEL); more only queue.
const DEFAULT_CONCURRENCY = 2;

export const ollamaProvider: ModelProvider = {
  id: 'ollama',
  clientPackages: ['@langchain/core', '@langchain/ollama', 'ollama'],
  kind: 'llm',
  defaultConcurrency: DEFAULT_CONCURRENCY,
  endpoints: true,
  options: {
    timeoutMs: { type: 'number', description: 'milliseconds before one request times out (default 300000)' },
    checkTimeoutMs: { type: 'number', description: 'milliseconds the doctor/model check waits (default 5000)' },
    numCtx: { type: 'number', description: "the model's context window in tokens (Ollama num_ctx)" },
    keepAlive: { type: ['string', 'number'], description: 'how long Ollama keeps the model loaded, e.g. "10m"' },
    think: { type: 'boolean', description: 'thinking on or off, for models that think' },
    logprobs: { type: 'boolean', description: 'true/false: declare token log-probabilities or not, whatever the server version says' },
    ...ENDPOINT_REST_OPTION,
  },
  // Several hosts (`endpoints`): each built and checked as a plain entry; OLLAMA_HOST is not used.
  create: (entry, ctx) =>
    entry.endpoints
      ? endpointPoolClient(entry, ctx, { defaultConcurrency: DEFAULT_CONCURRENCY, create: createOllamaClient, explain: explainOllamaError })
      : createOllamaClient(entry, ctx),
  check: (entry, ctx) => (entry.endpoints ? checkEndpoints(entry, ctx, checkOllama) : checkOllama(entry, ctx)),
  secrets: (entry, ctx) => (entry.endpoints ? endpointEntries(entry).flatMap((e) => urlSecrets(resolveHost(e, ctx))) : urlSecrets(resolveHost(entry, ctx))),
  explainError: explainOllamaError,
};
