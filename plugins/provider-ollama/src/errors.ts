import { asObject, isAbort, isTimeout, networkCode, safeServerText, statusOf, type ExplainedError, type ModelEntry } from '@culturebench/core';
import { displayHost, normaliseOllamaHost, pullCommand } from './host.js';

// The generic readers (fields and names only, never instanceof) come from @culturebench/core;
// its statusOf reads the ollama client's `status_code` too.

function messageOf(err: unknown): string {
  const m = asObject(err)?.message;
  const text = (typeof m === 'string' ? m : String(err)).replace(/\s+/g, ' ').trim();
  // Redact (URL credentials, key-shaped tokens) and strip control characters before cutting.
  return safeServerText(text, [], 300);
}

/** Hosts seen by create()/check(), because explainError() gets no context (hence no OLLAMA_HOST). */
const hostOfEntry = new WeakMap<ModelEntry, string>();

export function rememberHost(entry: ModelEntry, host: string): void {
  hostOfEntry.set(entry, host);
}

function hostOf(entry: ModelEntry): string {
  return hostOfEntry.get(entry) ?? normaliseOllamaHost(entry.baseUrl ?? process.env.OLLAMA_HOST);
}

export const START_FIX = 'start it with `ollama serve`, or set OLLAMA_HOST';

/**
 * Turns a failed ChatOllama call into a message naming model, host and fix.
 *
 * Connection refused is NOT retryable: nothing listens at the host, which is a setup problem
 * (Ollama not started, wrong OLLAMA_HOST) that retries cannot fix; the model is stopped with the
 * fix. A reset or a timeout on a live connection (Ollama restarted, runner crashed, model still
 * loading) IS retryable, as are 429 and 5xx. A 404 "model … not found" is not: pull it first.
 */
export function explainOllamaError(error: unknown, entry: ModelEntry): ExplainedError {
  const host = displayHost(hostOf(entry));
  const where = `model ${entry.id} (${entry.model} on Ollama at ${host})`;
  const say = (what: string, fix?: string) => (fix ? `${where}: ${what}. Fix: ${fix}` : `${where}: ${what}`);
  const status = statusOf(error);
  const text = messageOf(error);

  if (status === undefined) {
    const code = networkCode(error);
    if (code === 'ECONNREFUSED') return { retryable: false, message: say(`Ollama is not reachable at ${host} (connection refused)`, START_FIX) };
    if (code === 'ENOTFOUND') return { retryable: false, message: say(`the host of ${host} is not found (DNS)`, 'correct OLLAMA_HOST or baseUrl') };
    if (isTimeout(error)) {
      return {
        retryable: true,
        message: say(
          `no answer from ${host} before the timeout (model still loading, or a hung server)`,
          'retried automatically; raise options.timeoutMs for slow models',
        ),
      };
    }
    if (isAbort(error)) return { retryable: true, message: say('the request was aborted (the run timed it out, or the run was cancelled)') };
    if (code) return { retryable: true, message: say(`the connection to ${host} broke (${code}): did Ollama restart or crash?`) };
    // Unknown failures (e.g. an error line in the middle of a stream) are retried: wrongly
    // stopping a whole model costs more than a few retries.
    return { retryable: true, message: say(`the call failed: ${text}`) };
  }

  if (status === 404 && /model .*not found|not found.*model|no such model/i.test(text)) {
    return {
      status,
      retryable: false,
      message: say(`model ${entry.model} is not pulled on ${host} (404: ${text})`, `run \`${pullCommand(entry.model, host)}\``),
    };
  }
  if (status === 404) {
    return {
      status,
      retryable: false,
      message: say(`${host} has no Ollama chat API (404: ${text})`, 'point OLLAMA_HOST or baseUrl at the Ollama server (e.g. http://127.0.0.1:11434)'),
    };
  }
  if (status === 401 || status === 403) {
    return {
      status,
      retryable: false,
      message: say(
        `${host} refused the request (${status}: ${text})`,
        'Ollama itself needs no key: check the proxy or gateway in front of it, or point OLLAMA_HOST at Ollama directly',
      ),
    };
  }
  if (status === 429 || status === 503) {
    return {
      status,
      retryable: true,
      message: say(`Ollama is busy (${status}: ${text})`, 'lower concurrency for this model, or raise OLLAMA_NUM_PARALLEL / OLLAMA_MAX_QUEUE on the server'),
    };
  }
  if (status >= 500) {
    const memory = /runner process has terminated|out of memory|cuda|llama runner/i.test(text)
      ? 'if it keeps failing, the model may not fit in memory: try a smaller quantisation and check the server log'
      : 'retried automatically; check the Ollama server log if it persists';
    return { status, retryable: true, message: say(`Ollama failed (${status}: ${text})`, memory) };
  }
  return {
    status,
    retryable: false,
    message: say(
      `Ollama rejected the request (${status}: ${text})`,
      "check this model's params and options (e.g. think, numCtx), and that the model supports chat",
    ),
  };
}
