import type { ModelEntry, ProviderContext } from '@culturebench/core';
import { OPENAI_PRESETS, PLACEHOLDER_KEY, type EndpointPreset } from './presets.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_KEY_ENV = 'OPENAI_API_KEY';

/** Where an entry's requests go and which environment variable holds its key. */
export interface ResolvedEndpoint {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** The base URL safe to print: no user:password, query or fragment. */
  display: string;
  /** Preset label, or the host. */
  label: string;
  apiKeyEnv: string;
  keyRequired: boolean;
  /**
   * The default key variable (OPENAI_API_KEY, or a cloud preset's) is not sent: the host is not
   * that provider's and the entry does not name the variable with `apiKeyEnv`.
   */
  keyWithheld?: boolean;
  /** The host the default key variable belongs to (for messages). */
  keyHome?: string;
  preset?: EndpointPreset;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export function findPreset(name: string): EndpointPreset | undefined {
  return OPENAI_PRESETS.find((p) => p.name === name.toLowerCase());
}

/** The base URL with credentials, query and fragment removed. */
export function displayUrl(url: string): string {
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

function presetForUrl(url: string): EndpointPreset | undefined {
  try {
    const host = new URL(url).host;
    return OPENAI_PRESETS.find((p) => p.keyRequired && new URL(p.baseUrl).host === host);
  } catch {
    return undefined;
  }
}

/**
 * Resolves baseUrl, key variable and preset: entry fields win over `options.preset`, which wins
 * over the OpenAI defaults. Throws on an unknown preset name.
 */
export function resolveEndpoint(entry: ModelEntry): ResolvedEndpoint {
  const presetName = entry.options?.preset;
  let preset: EndpointPreset | undefined;
  if (presetName !== undefined) {
    preset = typeof presetName === 'string' ? findPreset(presetName) : undefined;
    if (!preset) {
      throw new Error(
        `model ${entry.id}: unknown OpenAI-compatible preset ${JSON.stringify(presetName)} (known: ${OPENAI_PRESETS.map((p) => p.name).join(', ')})`,
      );
    }
  } else if (entry.baseUrl) {
    preset = presetForUrl(entry.baseUrl);
  }
  const baseUrl = (entry.baseUrl ?? preset?.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const display = displayUrl(baseUrl);
  let label = preset?.label ?? display;
  if (!preset && !entry.baseUrl) label = 'OpenAI';
  else if (!preset) {
    try {
      label = new URL(baseUrl).host;
    } catch {
      /* keep display */
    }
  }
  const requireKey = entry.options?.requireKey;
  // A provider's own key variable goes only to that provider's host, unless the entry names it.
  const keyHome = hostOf(preset?.baseUrl ?? DEFAULT_BASE_URL);
  const keyWithheld = !entry.apiKeyEnv && (preset?.keyRequired ?? true) && hostOf(baseUrl) !== keyHome;
  return {
    baseUrl,
    display,
    label,
    apiKeyEnv: entry.apiKeyEnv ?? preset?.apiKeyEnv ?? DEFAULT_KEY_ENV,
    keyRequired: typeof requireKey === 'boolean' ? requireKey : keyWithheld ? false : (preset?.keyRequired ?? true),
    keyWithheld,
    keyHome,
    preset,
  };
}

/** The key from `ctx.env[apiKeyEnv]` (never from the config), or undefined if unset/blank or withheld from this host. */
export function readKey(endpoint: ResolvedEndpoint, ctx: ProviderContext): string | undefined {
  if (endpoint.keyWithheld) return undefined;
  const value = ctx.env[endpoint.apiKeyEnv]?.trim();
  return value ? value : undefined;
}

/** The key to hand to ChatOpenAI: the real one, or a placeholder for keyless local servers. */
export function keyForClient(endpoint: ResolvedEndpoint, ctx: ProviderContext): string | undefined {
  return readKey(endpoint, ctx) ?? (endpoint.keyRequired ? undefined : PLACEHOLDER_KEY);
}

/** "export DEEPSEEK_API_KEY=… (the key for DeepSeek, https://api.deepseek.com/v1; get one at …)" */
export function keyFix(endpoint: ResolvedEndpoint, which: 'the' | 'a valid' = 'the'): string {
  if (endpoint.keyWithheld) {
    return `set "apiKeyEnv" on this model to the NAME of the variable holding ${which} key for ${endpoint.label} (${endpoint.apiKeyEnv} is only ever sent to ${endpoint.keyHome})`;
  }
  const where = endpoint.preset?.keyUrl ? `; get one at ${endpoint.preset.keyUrl}` : '';
  return `export ${endpoint.apiKeyEnv}=… (${which} key for ${endpoint.label}, ${endpoint.display}${where})`;
}
