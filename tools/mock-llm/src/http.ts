import type { ServerResponse, OutgoingHttpHeaders } from 'node:http';

/** Send a complete JSON response. Writes nothing if the client is already gone. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Send a complete text response (for routes where the real server answers in plain text or HTML). */
export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Send a streamed response (chunked, no content-length, like the real servers). All pieces go out
 * in one write: clients still parse them as separate events, and the benchmark avoids a syscall
 * per word.
 */
export function sendStream(res: ServerResponse, contentType: string, pieces: string[], headers?: OutgoingHttpHeaders): void {
  if (res.destroyed) return;
  res.writeHead(200, { ...headers, 'content-type': contentType, 'cache-control': 'no-cache' });
  res.end(pieces.join(''));
}
