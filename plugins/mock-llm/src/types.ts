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
  /** 0-based count of chat requests received (with a parsable body) since start or reset(). */
  index: number;
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
  /** Drop all connections (hanging ones included) and stop listening. */
  close(): Promise<void>;
}
