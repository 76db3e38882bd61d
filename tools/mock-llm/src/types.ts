import type { IncomingHttpHeaders } from 'node:http';

/** Wire protocol a chat request arrived on. */
export type Protocol = 'openai' | 'ollama';

/** What a reply script or fault plan sees of one chat request. */
export interface ChatRequestInfo {
  protocol: Protocol;
  model: string;
  /** Messages with content flattened to text (OpenAI content parts are joined). */
  messages: { role: string; content: string }[];
  /** The parsed JSON body, untouched. */
  body: any;
  /**
   * 0-based count of chat requests received (with a parsable body) since start or reset().
   * Batch lines count too, in input-file order, when their batch starts running.
   */
  index: number;
  /** Set when the request is a line of a Batch API input file. */
  batch?: { batchId: string; customId: string };
}

/** A fixed reply text, or a function computing it per request. */
export type ReplyScript = string | ((req: ChatRequestInfo) => string | Promise<string>);

/** Rate limit: OpenAI-style 429 body and x-ratelimit-* headers. */
export interface RateLimitFault {
  status: 429;
  /** Sent as `retry-after` (and `retry-after-ms`) when set. */
  retryAfterSeconds?: number;
  /** Send x-ratelimit-limit/remaining/reset-requests headers (default true). */
  resetHeaders?: boolean;
}

/** Server-side failure with the provider's usual body. */
export interface ServerErrorFault {
  status: 500 | 502 | 503;
}

/** Client-side error; `message` replaces the default error message. */
export interface ClientErrorFault {
  status: 400 | 401 | 404;
  message?: string;
}

/** Never answer (until the client gives up or the server closes) / destroy the socket. */
export interface ConnectionFault {
  kind: 'hang' | 'reset';
}

export type Fault = RateLimitFault | ServerErrorFault | ClientErrorFault | ConnectionFault;

/** Decides per chat request whether to fail it; return undefined to answer normally. */
export type FaultPlan = (req: ChatRequestInfo) => Fault | undefined;

export interface MockLlmOptions {
  /** Fixed delay before answering a chat request, faults included (default 0). */
  latencyMs?: number;
  /** How to answer (default: the fixed reply "3"). */
  reply?: ReplyScript;
  /** Known models; others get the provider's 404. Undefined accepts every model. */
  models?: string[];
  /**
   * Models advertised by `GET /api/tags` and `GET /v1/models`.
   * Default: `models`, or an empty list when `models` is undefined.
   */
  tags?: string[];
  /** If set, OpenAI routes require `Authorization: Bearer <one of these>`. */
  apiKeys?: string[];
  /** Keep received requests; a number caps how many are kept (default true = 10000). */
  recordRequests?: boolean | number;
  /** Scripted failures for chat requests. */
  faults?: FaultPlan;
  /** Stream replies word by word (default true); false sends the whole reply in one chunk. */
  streamChunkWords?: boolean;
  /** Port to listen on (default 0 = a free port). Always binds 127.0.0.1. */
  port?: number;

  // Batch API (`/v1/files`, `/v1/batches`)

  /**
   * The n-th `GET /v1/batches/:id` of a batch reports it completed (default 4: validating at
   * creation, then in_progress, in_progress, finalizing, completed). Ignored when
   * `batchCompleteAfterMs` is set.
   */
  batchPollsToComplete?: number;
  /** Time-based progression instead: completed this many ms after creation (0 = on the first retrieval). */
  batchCompleteAfterMs?: number;
  /** Most requests one batch may hold; more fail validation (default 50 000, as OpenAI). */
  batchMaxRequests?: number;
  /** Largest batch input file in bytes; larger uploads get 400 "File is too large." (default 200 MiB, as OpenAI). */
  batchMaxBytes?: number;
  /**
   * For this many ms after its upload a file is unknown to `POST /v1/batches` (400 "Cannot find
   * file …"), as api.openai.com sometimes does right after an upload (default 0).
   */
  batchFileVisibleAfterMs?: number;
  /** Write output-file lines in a scrambled order, as OpenAI may (default true); false keeps input order. */
  batchShuffleOutput?: boolean;
}

/** An uploaded (or batch-generated) file. */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  /** Unix seconds. */
  created_at: number;
  content: Buffer;
}

/** One line of a batch input file, as the mock parsed it. */
export interface BatchInputLine {
  customId: string;
  body: Record<string, unknown>;
}

/** What the mock holds about a batch (the wire object is built from it on each read). */
export interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  status: 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';
  metadata: Record<string, string> | null;
  /** Valid input lines (empty when validation failed). */
  lines: BatchInputLine[];
  /** Validation errors (then status becomes "failed"). */
  errors: { code: string; message: string; param: string | null; line: number | null }[];
  /** `GET /v1/batches/:id` calls so far. */
  polls: number;
  outputFileId: string | null;
  errorFileId: string | null;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text if it was not JSON; undefined if empty. */
  body: any;
  /** Milliseconds since the epoch when the request arrived. */
  receivedAt: number;
}

export interface MockLlmServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  port: number;
  /** Recorded requests, oldest first, up to the recordRequests cap. */
  requests: RecordedRequest[];
  /** Every HTTP request received since start or reset(), recorded or not. */
  requestCount: number;
  /** Clear recordings and counters, and restore the reply and faults given at start. */
  reset(): void;
  setReply(r: ReplyScript): void;
  setFaults(f?: FaultPlan): void;
  /** Files uploaded to (or generated by) the Batch API, by id. Cleared by reset(). */
  files: ReadonlyMap<string, StoredFile>;
  /** Batches created, by id. Cleared by reset(). */
  batches: ReadonlyMap<string, StoredBatch>;
  /** Drop all connections (hanging ones included) and stop listening. */
  close(): Promise<void>;
}
