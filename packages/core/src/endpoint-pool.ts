/**
 * Several endpoints of one model (replicas on several vLLM/Ollama hosts, or load balancers) behind
 * one model client. Each request goes to the healthy endpoint with the most free capacity for its
 * weight; a failing endpoint is rested (taken out for a back-off period that doubles while it keeps
 * failing), then probed with one request. The pool never sends a request twice itself: a failure
 * goes back to the runner, which retries it (on another endpoint) under its own policy.
 */
import { isAbort, isTimeout, networkCode } from './error-fields.js';
import type {
  EndpointLive,
  EndpointPoolView,
  EndpointReport,
  ExplainedError,
  InvokeOptions,
  ModelCapabilities,
  ModelClient,
  ModelEntry,
  ModelReply,
} from './provider.js';
import type { ChatMessage } from './prompter.js';

/** First rest of a failing endpoint; it doubles on every further failure, up to {@link MAX_REST_MS}. */
export const DEFAULT_REST_MS = 5_000;
export const MAX_REST_MS = 60_000;
/**
 * Timeouts or dropped connections in a row before an endpoint is rested: one timeout may be one
 * slow request, one dropped connection a reused keep-alive socket the server had just closed.
 */
export const TIMEOUTS_BEFORE_REST = 3;
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** The URL of an endpoint safe to print and record: no user:password, query or fragment. */
export function endpointUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//').replace(/[?#].*$/, '');
  }
}

/** A failed call through a pool: the endpoint's own error, and whether another endpoint can take the retry. */
export class EndpointFailure extends Error {
  constructor(
    readonly url: string,
    /** The single-endpoint entry of the endpoint that failed (for the provider's explanation). */
    readonly entry: ModelEntry,
    override readonly cause: unknown,
    /** Another endpoint can take the retry (one is in the pool, healthy or resting, and the failure was the endpoint's). */
    readonly othersAlive: boolean,
    /** Milliseconds until another endpoint can take a request (0: one can now). */
    readonly nextReadyMs: number,
    /** Every endpoint is out for the run: nothing was sent, and nothing can be. */
    readonly allOut = false,
    /**
     * The endpoint that failed is rested (or out) and another is serving now: the retry goes there
     * at once. The runner's backoff protects the server that failed, not a different one.
     */
    readonly failover = false,
  ) {
    super(`endpoint ${url}: ${(cause as { message?: unknown })?.message ?? String(cause)}`);
    this.name = 'EndpointFailure';
  }
}

function isEndpointFailure(err: unknown): err is EndpointFailure {
  return err instanceof EndpointFailure || (err as { name?: unknown })?.name === 'EndpointFailure';
}

/**
 * The runner's view of a failed call. Through a pool, a failure that another endpoint can take
 * over is retryable and neither pauses nor slows the whole model (the endpoint is rested instead);
 * when no other endpoint is left, the endpoint's own explanation stands.
 */
export function explainFailure(err: unknown, entry: ModelEntry, explain: (err: unknown, entry: ModelEntry) => ExplainedError): ExplainedError {
  if (!isEndpointFailure(err)) return explain(err, entry);
  if (err.allOut) return { message: (err.cause as Error).message, retryable: false };
  const own = explain(err.cause, err.entry);
  const message = own.message.includes(err.url) ? own.message : `endpoint ${err.url}: ${own.message}`;
  if (!err.othersAlive) return { ...own, message };
  if (err.failover) return { message, retryable: true, failover: true };
  return { message, retryable: true, ...(err.nextReadyMs > 0 ? { retryAfterSeconds: err.nextReadyMs / 1000 } : {}) };
}

export interface PoolMember {
  /** The endpoint's URL as given (credentials are removed for every output). */
  baseUrl: string;
  entry: ModelEntry;
  client: ModelClient;
  weight?: number;
  concurrency: number;
}

export interface PoolOptions {
  /** Model id, for messages. */
  model: string;
  /** The provider's explanation of an endpoint's error (retryable, status). */
  explain: (err: unknown, entry: ModelEntry) => ExplainedError;
  restMs?: number;
  maxRestMs?: number;
  now?: () => number;
}

interface Member {
  url: string;
  entry: ModelEntry;
  client: ModelClient;
  weight: number;
  concurrency: number;
  inFlight: number;
  /** Requests sent, for the weighted share (reset to the others' level when it comes back). */
  assigned: number;
  served: number;
  failures: number;
  rests: number;
  timeoutsInRow: number;
  restMs: number;
  restUntil: number;
  /** Rested and not answered since: it takes one request (a probe) at a time. */
  suspect: boolean;
  probing: boolean;
  out: string | null;
  lastError: string | null;
}

/** Every capability only if every endpoint has it. */
function commonCapabilities(members: PoolMember[]): ModelCapabilities {
  const all = (k: keyof ModelCapabilities) => members.every((m) => m.client.capabilities[k]);
  return { seed: all('seed'), logprobs: all('logprobs'), n: all('n') };
}

/** What an endpoint's failure means for the endpoint (not for the request); 'timeout' covers dropped connections. */
type Verdict = 'rest' | 'timeout' | 'out' | 'request';

function verdictOf(err: unknown, explained: ExplainedError, timedOut: boolean): Verdict {
  const status = explained.status;
  if (status === 401 || status === 403 || status === 404) return 'out'; // its key, its model list: it will not heal
  if ((timedOut || isTimeout(err)) && status === undefined) return 'timeout';
  if (status === undefined && DROPPED.has(networkCode(err) ?? '')) return 'timeout';
  if (explained.retryable) return 'rest';
  // Connection refused, unknown host: the server is down or restarting; it may come back.
  if (status === undefined && networkCode(err)) return 'rest';
  return 'request'; // 400, 422 …: this request's own fault, not the endpoint's
}

/** A {@link ModelClient} that spreads requests over several endpoints of one model. */
export function pooledClient(members: PoolMember[], opts: PoolOptions): ModelClient & { pool: EndpointPoolView } {
  if (members.length === 0) throw new Error(`model ${opts.model}: no endpoints`);
  const now = opts.now ?? (() => performance.now());
  const baseRest = opts.restMs ?? DEFAULT_REST_MS;
  const maxRest = Math.max(baseRest, opts.maxRestMs ?? MAX_REST_MS);
  const pool: Member[] = members.map((m) => ({
    url: endpointUrl(m.baseUrl),
    entry: m.entry,
    client: m.client,
    weight: m.weight && m.weight > 0 ? m.weight : 1,
    concurrency: Math.max(1, m.concurrency),
    inFlight: 0,
    assigned: 0,
    served: 0,
    failures: 0,
    rests: 0,
    timeoutsInRow: 0,
    restMs: baseRest,
    restUntil: 0,
    suspect: false,
    probing: false,
    out: null,
    lastError: null,
  }));
  const listeners: ((message: string) => void)[] = [];
  const emit = (message: string) => {
    for (const l of listeners) l(message);
  };
  let waiters: (() => void)[] = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const usable = (m: Member, t: number) => !m.out && m.restUntil <= t && m.inFlight < m.concurrency && !(m.suspect && m.probing);

  /**
   * Weighted round robin among the usable endpoints (the fewest requests for its weight), bounded
   * by each one's concurrency: a slow endpoint fills its slots and the others take the rest.
   */
  const pick = (t: number): Member | undefined => {
    let best: Member | undefined;
    for (const m of pool) {
      if (!usable(m, t)) continue;
      if (!best || (m.assigned + 1) / m.weight < (best.assigned + 1) / best.weight) best = m;
    }
    return best;
  };

  /** An endpoint back from a rest starts level with the others instead of catching up in a burst. */
  const level = (m: Member) => {
    const share = Math.max(0, ...pool.filter((p) => p !== m && !p.out).map((p) => p.assigned / p.weight));
    m.assigned = Math.max(m.assigned, Math.floor(share * m.weight));
  };

  const nextReadyMs = (except: Member | null, t: number): number => {
    let soonest = Infinity;
    for (const m of pool) if (m !== except && !m.out) soonest = Math.min(soonest, Math.max(0, m.restUntil - t));
    return soonest;
  };

  /** Waits for an endpoint; throws a retryable failure when every endpoint is resting. */
  const acquire = async (signal: AbortSignal | undefined): Promise<Member> => {
    for (;;) {
      const t = now();
      const m = pick(t);
      if (m) {
        // Taken before anything awaits, so that concurrent calls see the slot in use.
        if (m.suspect) {
          m.probing = true;
          level(m);
        }
        m.inFlight++;
        m.assigned++;
        return m;
      }
      const alive = pool.filter((p) => !p.out);
      if (alive.length === 0) {
        const last = pool[pool.length - 1];
        throw new EndpointFailure(
          last.url,
          last.entry,
          new Error(`every endpoint of ${opts.model} is out: ${pool.map((p) => `${p.url} (${p.out})`).join('; ')}`),
          false,
          Infinity,
          true,
        );
      }
      const busy = alive.some((p) => p.inFlight > 0);
      if (!busy) {
        // Every endpoint is resting: the runner waits until the first one may be probed.
        const first = alive.reduce((a, b) => (a.restUntil <= b.restUntil ? a : b));
        throw new EndpointFailure(
          first.url,
          first.entry,
          Object.assign(new Error(`every endpoint of ${opts.model} is resting after failures`), { status: 503 }),
          true,
          Math.max(1, first.restUntil - t),
        );
      }
      if (signal?.aborted) throw signal.reason;
      // At capacity (or a probe in flight): wait for a slot or the end of a rest.
      const wait = nextReadyMs(null, t);
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(wait) && wait > 0 ? setTimeout(resolve, wait) : undefined;
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        waiters.push(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  };

  const rest = (m: Member, t: number, retryAfterSeconds: number | undefined, why: string) => {
    const ms = Math.max(m.restMs, (retryAfterSeconds ?? 0) * 1000);
    m.restUntil = t + ms;
    m.rests++;
    m.restMs = Math.min(maxRest, m.restMs * 2);
    m.timeoutsInRow = 0;
    m.suspect = true;
    emit(`endpoint ${m.url} rested for ${Math.round(ms / 100) / 10} s after: ${why}`);
  };

  const onFailure = (m: Member, err: unknown, signal: AbortSignal | undefined): unknown => {
    // Cut off by the caller (not by the request's own timeout): not the endpoint's fault.
    const timedOut = signal?.aborted === true && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
    if (signal?.aborted && !timedOut) return err;
    if (isAbort(err) && !isTimeout(err) && !timedOut) return err;
    const explained = opts.explain(err, m.entry);
    const verdict = verdictOf(err, explained, timedOut);
    // This request's own fault: explained as for one endpoint (named), not retried elsewhere.
    if (verdict === 'request') return new EndpointFailure(m.url, m.entry, err, false, Infinity);
    const t = now();
    m.failures++;
    m.lastError = explained.message;
    if (verdict === 'out') {
      m.out = explained.message;
      emit(`endpoint ${m.url} taken out for this run: ${explained.message}`);
    } else if (verdict === 'timeout') {
      if (++m.timeoutsInRow >= TIMEOUTS_BEFORE_REST || m.probing) rest(m, t, undefined, `${m.timeoutsInRow} timeouts or dropped connections in a row`);
    } else if (m.restUntil <= t) {
      rest(m, t, explained.retryAfterSeconds, explained.message);
    }
    const others = pool.filter((p) => p !== m && !p.out);
    // Failover: this endpoint takes no more requests for now, and another is healthy (not resting,
    // not waiting for a probe); if that one is busy, the retry waits for its slot, not a backoff.
    const failover = (m.out !== null || m.restUntil > t) && others.some((p) => p.restUntil <= t && !p.suspect);
    return new EndpointFailure(m.url, m.entry, err, others.length > 0, others.length ? nextReadyMs(m, t) : Infinity, false, failover);
  };

  const view: EndpointPoolView = {
    status: (): EndpointReport[] => {
      const t = now();
      return pool.map((m) => ({
        url: m.url,
        weight: m.weight,
        concurrency: m.concurrency,
        served: m.served,
        failures: m.failures,
        rests: m.rests,
        state: m.out ? 'out' : m.restUntil > t ? 'resting' : 'healthy',
        lastError: m.lastError,
      }));
    },
    live: (): EndpointLive[] => {
      const t = now();
      return pool.map((m) => ({
        url: m.url,
        state: m.out ? 'out' : m.restUntil > t ? 'resting' : m.suspect ? 'probing' : 'serving',
        restLeftMs: m.out ? 0 : Math.max(0, m.restUntil - t),
        served: m.served,
        failures: m.failures,
      }));
    },
    onEvent: (listener) => void listeners.push(listener),
  };

  return {
    capabilities: commonCapabilities(members),
    pool: view,
    async invoke(messages: ChatMessage[], options: InvokeOptions = {}): Promise<ModelReply> {
      const m = await acquire(options.signal);
      const probe = m.probing;
      try {
        const reply = await m.client.invoke(messages, options);
        m.served++;
        m.timeoutsInRow = 0;
        if (m.suspect) {
          m.suspect = false;
          m.restMs = baseRest;
          emit(`endpoint ${m.url} is back (a probe was answered)`);
        }
        return { ...reply, endpoint: m.url };
      } catch (err) {
        throw onFailure(m, err, options.signal);
      } finally {
        m.inFlight--;
        if (probe) m.probing = false;
        wakeAll();
      }
    },
  };
}
