// Text from outside (server error bodies, replies, config values, file names) made safe to print
// or write: terminal escape sequences and control characters removed, markdown neutralised,
// credentials in URLs hidden, and truncation that happens only after redaction.

/** CSI / OSC / DCS-style escape sequences, other ESC sequences, then C0/C1 controls and bidi overrides. */
const ESCAPES =
  /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_X][^\x1b]*(?:\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x9c]*[\x07\x9c]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Strips escape sequences and control characters (tab and newline kept unless `singleLine`),
 * so a server cannot set the terminal title, clear the screen or write the clipboard.
 */
export function stripControl(text: string, opts: { singleLine?: boolean } = {}): string {
  const out = text.replace(ESCAPES, '').replace(CONTROLS, '');
  return opts.singleLine ? out.replace(/[\t\n]+/g, ' ') : out;
}

/** Query parameters whose values are treated as credentials. */
const SECRET_PARAM = /key|token|secret|pass|auth|sig|credential|session/i;

/** A URL with user:password and credential-like query values replaced by [redacted]. */
export function redactUrl(url: string): string {
  return redactUrlsIn(url);
}

/** Every URL in `text` with its credentials hidden (user info, secret-looking query values). */
export function redactUrlsIn(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>]+)@/gi, '$1[redacted]@')
    .replace(/([?&;])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g, (all, sep: string, name: string, value: string) =>
      SECRET_PARAM.test(name) && value && value !== '[redacted]' ? `${sep}${name}=[redacted]` : all,
    );
}

/** Cuts after redaction: never splits a secret so that part of it survives. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes text for a markdown table cell or paragraph: HTML, markdown syntax, pipes, newlines (an intraword _ is left: it is not emphasis). */
export function escapeMarkdown(text: string): string {
  return stripControl(String(text), { singleLine: true })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*[\]|~])/g, '\\$1');
}
