import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatOllama, type ChatOllamaInput } from '@langchain/ollama';

/** The abort signal of the call being sent, for the fetch below. */
const callSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * A fetch that can always be cut off. The ollama 0.6.4 client passes no signal to fetch until
 * the response headers arrive, so neither ChatOllama's `signal` call option nor anything else
 * ends a request to a server that never answers. This fetch adds the current call's signal (see
 * {@link SeededChatOllama}) and an overall timeout.
 */
export function abortableFetch(timeoutMs?: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const signals = [init?.signal, callSignal.getStore(), timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter(
      (s): s is AbortSignal => s !== undefined && s !== null,
    );
    return base(input, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
  };
}

/** Drives `inner` with `signal` as the current call signal, so that fetches made inside see it. */
async function* withCallSignal<T>(signal: AbortSignal | undefined, inner: AsyncGenerator<T>): AsyncGenerator<T> {
  let done = false;
  try {
    for (;;) {
      const step = await callSignal.run(signal, () => inner.next());
      if (step.done) {
        done = true;
        return;
      }
      yield step.value;
    }
  } finally {
    if (!done) await inner.return(undefined);
  }
}

/**
 * ChatOllama with two fixes:
 * - a per-call `seed` option goes to `options.seed` (ChatOllama 1.3.0 only sends the seed given
 *   to its constructor and ignores the call option);
 * - the call's `signal` reaches fetch, so it also ends a request whose headers never came, and an
 *   abort ends only that request (ChatOllama's own abort path calls `client.abort()`, which ends
 *   every stream of the client, i.e. all concurrent calls of the model).
 * Build it with `fetch: abortableFetch(...)`, as {@link ollamaProvider} does.
 */
export class SeededChatOllama extends ChatOllama {
  constructor(fields: ChatOllamaInput) {
    super(fields);
  }

  override invocationParams(options?: this['ParsedCallOptions']): ReturnType<ChatOllama['invocationParams']> {
    const params = super.invocationParams(options);
    const seed = (options as { seed?: unknown } | undefined)?.seed;
    if (typeof seed === 'number' && Number.isFinite(seed)) params.options = { ...params.options, seed };
    return params;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    // The signal goes to fetch instead of to ChatOllama, whose abort would end every call.
    const { signal, ...rest } = options;
    yield* withCallSignal(signal, super._streamResponseChunks(messages, rest as this['ParsedCallOptions'], runManager));
  }

  override _streamChatModelEvents(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): ReturnType<ChatOllama['_streamChatModelEvents']> {
    return withCallSignal(options.signal, super._streamChatModelEvents(messages, options, runManager));
  }
}
