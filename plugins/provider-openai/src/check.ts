import { networkCode, type Availability, type ModelEntry, type ProviderContext } from '@culturebench/core';
import { keyFix, readKey, resolveEndpoint, type ResolvedEndpoint } from './endpoint.js';
import { isTimeout, redact, rememberKey, serverMessage } from './errors.js';

export const CHECK_TIMEOUT_MS = 5_000;

function numberOption(entry: ModelEntry, name: string): number | undefined {
  const v = entry.options?.[name];
  return typeof v === 'number' && v > 0 ? v : undefined;
}

async function bodyMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    if (typeof m === 'string') return serverMessage({ message: m });
  } catch {
    /* not JSON */
  }
  return serverMessage({ message: text || res.statusText });
}

function unreachable(ep: ResolvedEndpoint, err: unknown, timeoutMs: number): Availability {
  const code = networkCode(err);
  if (isTimeout(err)) {
    return {
      ok: false,
      reason: `${ep.display} did not answer within ${timeoutMs / 1000} s`,
      fix: `check the network (proxy, firewall) and baseUrl; if the server is just slow, retry`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      ok: false,
      reason: `cannot connect to ${ep.display} (connection refused)`,
      fix: ep.preset && !ep.preset.keyRequired ? `start the ${ep.preset.label} server, or correct baseUrl` : 'start the server, or correct baseUrl',
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { ok: false, reason: `cannot resolve the host of ${ep.display} (${code})`, fix: 'correct baseUrl, or check the network/DNS' };
  }
  return {
    ok: false,
    reason: `cannot reach ${ep.display} (${code ?? redact(String((err as { message?: unknown })?.message ?? err))})`,
    fix: 'check baseUrl and the network',
  };
}

/**
 * Key present? Endpoint reachable (GET {baseUrl}/models with the key)? Model listed? Servers
 * without /models (404) count as "unknown, assume available".
 */
export async function checkOpenAI(entry: ModelEntry, ctx: ProviderContext): Promise<Availability> {
  let ep: ResolvedEndpoint;
  try {
    ep = resolveEndpoint(entry);
  } catch (err) {
    return { ok: false, reason: (err as Error).message, fix: 'set options.preset to a known preset, or remove it and set baseUrl' };
  }
  const key = readKey(ep, ctx);
  rememberKey(key);
  if (!key && ep.keyRequired) {
    return { ok: false, reason: `${ep.apiKeyEnv} is not set`, fix: keyFix(ep) };
  }

  const timeoutMs = numberOption(entry, 'checkTimeoutMs') ?? CHECK_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(`${ep.baseUrl}/models`, {
      headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return unreachable(ep, err, timeoutMs);
  }

  const keyNote = key
    ? `key from ${ep.apiKeyEnv}`
    : ep.keyWithheld
      ? `no key sent: ${ep.apiKeyEnv} goes only to ${ep.keyHome}; set apiKeyEnv to send one to ${ep.label}`
      : 'no key';
  if (res.status === 401 && ep.keyWithheld) {
    return {
      ok: false,
      reason: `${ep.display} asks for a key (401: ${await bodyMessage(res)}); none was sent because ${ep.apiKeyEnv} goes only to ${ep.keyHome}`,
      fix: keyFix(ep),
    };
  }
  if (res.status === 401) {
    return {
      ok: false,
      reason: `the key in ${ep.apiKeyEnv} was rejected by ${ep.display} (401: ${await bodyMessage(res)})`,
      fix: keyFix(ep, 'a valid'),
    };
  }
  if (res.status === 403) {
    return {
      ok: false,
      reason: `${ep.display} refused the key in ${ep.apiKeyEnv} (403: ${await bodyMessage(res)})`,
      fix: `check the key's permissions and the account's region at ${ep.label}`,
    };
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return {
      ok: true,
      detail: `${ep.display} does not list models (404 on /models): "${entry.model}" assumed available (${keyNote}); if calls fail with 404, check baseUrl (usually ends in /v1)`,
    };
  }
  if (res.status === 429) {
    const message = await bodyMessage(res);
    if (/quota|balance|billing|余额/i.test(message)) {
      return { ok: false, reason: `the ${ep.label} account's quota is exhausted (429: ${message})`, fix: `check the plan and billing at ${ep.label}` };
    }
    return { ok: true, detail: `${ep.display} is reachable but rate-limiting right now (429); the run backs off` };
  }
  if (!res.ok) {
    return {
      ok: false,
      reason: `${ep.display} answered ${res.status} to GET /models (${await bodyMessage(res)})`,
      fix: res.status >= 500 ? 'the service has a problem: try again later' : 'check baseUrl',
    };
  }

  let listed: string[] | undefined;
  try {
    const json = (await res.json()) as { data?: unknown };
    if (Array.isArray(json.data)) {
      listed = json.data.map((m) => (typeof m === 'object' && m !== null && 'id' in m ? String((m as { id: unknown }).id) : '')).filter(Boolean);
    }
  } catch {
    return {
      ok: false,
      reason: `${ep.display} is not an OpenAI-compatible API (GET /models did not return JSON)`,
      fix: 'set baseUrl to the API root, usually ending in /v1',
    };
  }
  if (!listed || listed.length === 0) {
    return { ok: true, detail: `${ep.display} lists no models: "${entry.model}" assumed available (${keyNote})` };
  }
  if (listed.includes(entry.model) || entry.options?.skipModelCheck === true) {
    return { ok: true, detail: `${entry.model} at ${ep.display} (${keyNote})` };
  }
  const some = listed.slice(0, 12).join(', ') + (listed.length > 12 ? `, … (${listed.length} in all)` : '');
  return {
    ok: false,
    reason: `model "${entry.model}" is not offered by ${ep.display}`,
    fix: `set model to one that ${ep.label} lists (${some}), or set options.skipModelCheck: true if the endpoint hides it`,
  };
}
