/**
 * A `fetch` for the OpenAI SDK on node:http/node:https with keep-alive agents. Node's own fetch
 * (undici) costs about 0.5 ms of CPU a request on top of the HTTP exchange (`perf/client-floor.ts`:
 * 0.52 ms for fetch against 0.15 ms for node:http); at c = 256 and 500 ms latency the client must
 * send 512 requests a second, so that is a quarter of a core. This covers what the chat path sends
 * (a JSON string body, no redirect); anything else (streams, form data, a redirect) goes to the
 * global fetch unchanged, so the SDK behaves as before.
 *
 * Errors keep fetch's shape: a network failure rejects with `TypeError('fetch failed')` whose
 * `cause` is the socket error (its `code`, e.g. ECONNREFUSED, is what the error explainer reads),
 * an abort with the signal's reason (an `AbortError` DOMException unless the caller gave another).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

type Fetch = typeof globalThis.fetch;

/** Idle sockets kept per host: enough for the concurrency a run uses, so none is reopened between rounds. */
const FREE_SOCKETS = 1024;

export function nodeHttpFetch(): Fetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxFreeSockets: FREE_SOCKETS, scheduling: 'lifo' }),
    'https:': new HttpsAgent({ keepAlive: true, maxFreeSockets: FREE_SOCKETS, scheduling: 'lifo' }),
  };
  const httpFetch = async (input: Parameters<Fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : null;
    const body = init.body;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (body != null && typeof body !== 'string') || init.redirect === 'manual') {
      return globalThis.fetch(input, init);
    }
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const payload = body == null ? undefined : Buffer.from(body, 'utf8');
    if (payload) headers['content-length'] = String(payload.length);
    const method = (init.method ?? 'GET').toUpperCase();
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] });
      const onAbort = () => req.destroy(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.on('response', (r) => {
        done();
        resolve(r);
      });
      req.on('error', (err) => {
        done();
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: err }));
      });
      req.end(payload);
    });
    // fetch follows redirects: leave them to it (the body is a string, so it can be sent again).
    if (res.statusCode! >= 300 && res.statusCode! < 400 && res.headers.location) {
      res.resume();
      return globalThis.fetch(input, init);
    }
    const raw = await readBody(res, signal);
    const responseHeaders = new Headers();
    for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    const nullBody = res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304 || method === 'HEAD';
    let content: Buffer;
    try {
      content = decode(raw, res.headers['content-encoding']);
    } catch (err) {
      throw new TypeError('terminated', { cause: err });
    }
    return new Response(nullBody ? null : content, {
      status: res.statusCode,
      statusText: res.statusMessage,
      headers: responseHeaders,
    });
  };
  return httpFetch as Fetch;
}

function readBody(res: IncomingMessage, signal: AbortSignal | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = () => res.destroy(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    // A body cut short: fetch's body read fails with a TypeError too ("terminated").
    res.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : new TypeError('terminated', { cause: err }));
    });
    // The connection closed before the body ended, without an 'error' on the response.
    res.on('close', () => {
      if (!res.complete)
        reject(signal?.aborted ? signal.reason : new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }) }));
    });
  });
}

/** The body as fetch gives it: content-encoding removed. */
function decode(raw: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}
