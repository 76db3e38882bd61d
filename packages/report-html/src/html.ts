/** Escaping and small formatting helpers. Every piece of text from a ResultsDocument goes through these. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Runs of right-to-left script (Hebrew, Arabic, Persian, Syriac, Thaana, N'Ko and their presentation forms). */
const RTL_RUN =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF](?:[\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u0660-\u0669\u06F0-\u06F9.,،؛-]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?/g;

/**
 * Escaped text in which every run of right-to-left script is isolated in `<bdi dir="rtl">`, so that
 * Arabic or Persian inside an English sentence neither reorders its neighbours nor is reordered.
 */
export function text(value: unknown): string {
  return escapeHtml(value).replace(RTL_RUN, (run) => `<bdi dir="rtl">${run}</bdi>`);
}

/** A name that may be in any script (country, language, model id): isolated, direction from its content. */
export function bdi(value: unknown): string {
  return `<bdi dir="auto">${escapeHtml(value)}</bdi>`;
}

/**
 * JSON safe to place inside `<script type="application/json">`: `<`, `>`, `&` and the two line
 * separators are written as \u escapes, so no `</script>` or `<!--` can end or confuse the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** JavaScript source safe to inline in a `<script>` element (no `</script` or `<!--` sequence survives). */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Fixed-digit number, or an en dash for a missing value. */
export function fmt(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return '–';
  const s = v.toFixed(digits);
  // No "-0.00".
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace(/^-/, '−');
}

export function fmtPct(n: number, d: number, digits = 1): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(digits)} %`;
}

/** Rounds for embedding in chart data, so the page carries no float noise. */
export function r(v: number | null | undefined, digits = 4): number | null {
  if (!isNum(v)) return null;
  const f = 10 ** digits;
  const out = Math.round(v * f) / f;
  return Object.is(out, -0) ? 0 : out;
}

/** Code-point order comparison (locale-independent, so output bytes don't depend on the machine). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
