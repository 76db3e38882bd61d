import type { ModelEntry, ProviderContext } from '@culturebench/core';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/**
 * Normalises a host the way the Ollama CLI reads OLLAMA_HOST: the scheme is optional (http),
 * the port defaults to 11434 without a scheme and to 80/443 with one, ":11434" means
 * 127.0.0.1, and a trailing slash is dropped.
 *
 *   "127.0.0.1:11434" → "http://127.0.0.1:11434"     "gpu-box" → "http://gpu-box:11434"
 *   ":11500" → "http://127.0.0.1:11500"             "https://ollama.example" → "https://ollama.example:443"
 */
export function normaliseOllamaHost(raw: string | undefined): string {
  const s = (raw ?? '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  if (!s) return DEFAULT_OLLAMA_HOST;
  let scheme = 'http';
  let rest = s;
  let defaultPort = '11434';
  const sep = s.indexOf('://');
  if (sep >= 0) {
    scheme = s.slice(0, sep).toLowerCase();
    rest = s.slice(sep + 3);
    defaultPort = scheme === 'https' ? '443' : '80';
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
  let host = hostPort;
  let port: string | undefined;
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (m) {
    host = m[1]!;
    port = m[2] || undefined;
  }
  if (!host) host = '127.0.0.1';
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`; // bare IPv6
  return `${scheme}://${host}:${port ?? defaultPort}${path}`;
}

/** The host to use: the entry's baseUrl, else OLLAMA_HOST, else http://127.0.0.1:11434. */
export function resolveHost(entry: ModelEntry, ctx: ProviderContext): string {
  return normaliseOllamaHost(entry.baseUrl ?? ctx.env.OLLAMA_HOST);
}

/** A host safe to print: no user:password. */
export function displayHost(host: string): string {
  return host.replace(/\/\/[^@/]*@/, '//').replace(/[?#].*$/, '');
}

/** "glm4" and "glm4:latest" are the same model; names compare case-insensitively, like Ollama. */
export function canonicalModel(name: string): string {
  const n = name.trim().toLowerCase();
  const tagged = n.indexOf(':', n.lastIndexOf('/') + 1) >= 0;
  return tagged ? n : `${n}:latest`;
}

export function sameModel(a: string, b: string): boolean {
  return canonicalModel(a) === canonicalModel(b);
}

/** The pull command for a model on a host ("ollama pull glm4:9b", with OLLAMA_HOST if not the default). */
export function pullCommand(model: string, host: string): string {
  return host === DEFAULT_OLLAMA_HOST ? `ollama pull ${model}` : `OLLAMA_HOST=${displayHost(host)} ollama pull ${model}`;
}
