import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { nodeHttpFetch } from './http-fetch.js';

// The SDK's fetch on node:http against a real loopback server: what fetch would give back.

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler = (_req, _body, res) => res.end();
let server: Server;
let base = '';
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const httpFetch = nodeHttpFetch();

describe('nodeHttpFetch', () => {
  it('sends method, headers and body; returns status, headers and the JSON body; reuses the connection', async () => {
    const seen: { method?: string; auth?: string; type?: string; body: string }[] = [];
    handler = (req, body, res) => {
      seen.push({ method: req.method, auth: req.headers.authorization, type: req.headers['content-type'], body });
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end(JSON.stringify({ echo: JSON.parse(body).n }));
    };
    sockets.clear();
    for (const n of [1, 2, 3]) {
      const headers = new Headers({ authorization: 'Bearer sk-test', 'content-type': 'application/json' });
      const r = await httpFetch(`${base}/v1/chat/completions`, { method: 'post', headers, body: JSON.stringify({ n }) });
      expect(r.status).toBe(201);
      expect(r.ok).toBe(true);
      expect(r.headers.get('x-request-id')).toBe('req_1');
      expect(await r.json()).toEqual({ echo: n });
    }
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
    expect(seen[0]).toMatchObject({ auth: 'Bearer sk-test', type: 'application/json', body: '{"n":1}' });
    expect(sockets.size).toBe(1);
  });

  it('decodes a gzip body, gives a 204 no body, and an error status as a response', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ ok: 'ü' })));
    };
    expect(await (await httpFetch(`${base}/x`)).json()).toEqual({ ok: 'ü' });
    handler = (_req, _body, res) => {
      res.writeHead(204);
      res.end();
    };
    const empty = await httpFetch(`${base}/x`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    handler = (_req, _body, res) => {
      res.writeHead(429, 'Too Many Requests', { 'retry-after': '7' });
      res.end('{"error":{"message":"slow down"}}');
    };
    const limited = await httpFetch(`${base}/x`, { method: 'POST', body: '{}' });
    expect([limited.status, limited.ok, limited.statusText, limited.headers.get('retry-after')]).toEqual([429, false, 'Too Many Requests', '7']);
    expect(await limited.text()).toContain('slow down');
  });

  it('leaves a redirect to fetch, which follows it with the same body', async () => {
    handler = (req, body, res) => {
      if (req.url === '/old') {
        res.writeHead(307, { location: '/new' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${req.method} ${req.url} ${body}`);
    };
    const r = await httpFetch(`${base}/old`, { method: 'POST', body: 'payload' });
    expect(await r.text()).toBe('POST /new payload');
  });

  it('rejects like fetch: AbortError on abort, TypeError("fetch failed") with the socket code on a refused connection', async () => {
    handler = () => {
      /* never answers */
    };
    const ac = new AbortController();
    const pending = httpFetch(`${base}/slow`, { method: 'POST', body: '{}', signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = (await httpFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)) as TypeError & { cause: { code: string } };
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('fetch failed');
    expect(err.cause.code).toBe('ECONNREFUSED');
  });

  it('rejects with TypeError("terminated") when the connection closes mid-body', async () => {
    handler = (req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 10);
    };
    await expect(httpFetch(`${base}/cut`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' });
  });
});
