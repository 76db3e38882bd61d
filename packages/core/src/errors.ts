import { clip, redactUrlsIn, stripControl } from './safe-text.js';

/** Bad input from a user (config, flag, file): exit code 2, and nothing is written. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Exit codes of the CLI: 0 done, 1 the run failed or stopped early (budget, stopped model, disk
 * full), 2 bad input (nothing asked or written), 130 interrupted by SIGINT, 143 by SIGTERM.
 */
export const ExitCode = { ok: 0, runFailed: 1, badInput: 2, interrupted: 130, terminated: 143 } as const;

/** Shortest secret worth redacting as a fragment: shorter pieces would hide ordinary words. */
const MIN_FRAGMENT = 6;

/**
 * Removes anything that looks like a secret from text that may be shown or stored: the given
 * secrets (also a fragment of one cut off at either end of the text by an earlier truncation),
 * credentials in URLs, and key-shaped tokens.
 */
export function redactSecrets(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  const list = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 4))].sort((a, b) => b.length - a.length);
  for (const s of list) out = out.split(s).join('[redacted]');
  for (const s of list) {
    if (s.length < MIN_FRAGMENT + 1) continue;
    // A prefix at the end of the text (or before "…"), a suffix at its start: a key cut in two.
    for (let n = s.length - 1; n >= MIN_FRAGMENT; n--) {
      const head = s.slice(0, n);
      if (out.includes(head + '…')) out = out.split(head + '…').join('[redacted]…');
      if (out.endsWith(head)) out = out.slice(0, -n) + '[redacted]';
      const tail = s.slice(-n);
      if (out.startsWith(tail)) out = '[redacted]' + out.slice(n);
    }
  }
  return redactUrlsIn(out)
    .replace(/\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{8,}/g, '$1…[redacted]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]');
}

/**
 * Server-supplied text made safe for output: secrets redacted first, then control characters and
 * escape sequences stripped, then (only then) cut to `max` characters.
 */
export function safeServerText(text: string, secrets: (string | undefined)[] = [], max = Infinity): string {
  return clip(stripControl(redactSecrets(text, secrets), { singleLine: true }), max);
}
