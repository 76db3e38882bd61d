/** Escaping and formatting for the leaderboard and comparison pages: every outside string goes through these. */
import type { Interval } from '@culturebench/analysis';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

/** A name in any script, isolated so right-to-left text cannot reorder its neighbours. */
export function bdi(value: unknown): string {
  return `<bdi dir="auto">${esc(value)}</bdi>`;
}

export function num(v: number | null | undefined, digits = 2): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  const s = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace(/^-/, '−');
}

/** "1.23 [1.01, 1.40]" */
export function interval(i: Interval | null | undefined, digits = 2): string {
  if (!i || i.estimate === null) return '–';
  return i.lo === null || i.hi === null ? num(i.estimate, digits) : `${num(i.estimate, digits)} [${num(i.lo, digits)}, ${num(i.hi, digits)}]`;
}

/** A run id made safe as one path segment (ids are normally [0-9TZ-]; anything else is replaced). */
export function safeSegment(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return s.slice(0, 120) || 'run';
}

/** Escapes a markdown table cell: pipes, backslashes, markup characters and line breaks. */
export function mdCell(value: unknown): string {
  return String(value ?? '')
    .replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`)
    .replace(/[\r\n]+/g, ' ');
}

export const PAGE_CSS = `
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --accent:#2f6db3; --head:#14213d; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif; color:var(--ink); background:var(--bg); }
.wrap { max-width:1180px; margin:0 auto; padding:0 16px; }
header { background:var(--head); color:#fff; padding:22px 0 18px; }
header h1 { margin:0 0 6px; font-size:24px; line-height:1.2; }
header p { margin:0; color:#c9d3e0; font-size:13.5px; overflow-wrap:anywhere; }
section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px 18px; margin:18px 0; }
h2 { font-size:19px; margin:0 0 6px; }
h3 { font-size:15px; margin:18px 0 4px; overflow-wrap:anywhere; }
.lead { color:var(--muted); font-size:13.5px; max-width:80ch; }
.table-wrap { overflow-x:auto; max-width:100%; border:1px solid var(--line); border-radius:8px; margin:10px 0; }
table { border-collapse:collapse; width:100%; font-size:13.5px; font-variant-numeric:tabular-nums; }
th, td { padding:6px 10px; border-bottom:1px solid #eef1f4; text-align:left; vertical-align:baseline; }
th { background:#f1f4f8; font-size:12.5px; }
td.num, th.num { text-align:right; white-space:nowrap; }
td:first-child { overflow-wrap:anywhere; }
tr.kind-baseline td, tr.kind-reference td { color:#52606d; background:#fafbfc; }
.tag { font-size:10.5px; font-weight:600; text-transform:uppercase; padding:0 5px; border-radius:4px; background:#e4e7eb; margin-left:4px; }
a { color:var(--accent); }
a:focus-visible { outline:2px solid var(--accent); outline-offset:2px; }
.pos { color:#2e7d4f; } .neg { color:#a5432a; }
svg.history { width:100%; max-width:640px; height:auto; display:block; }
code { font-size:12.5px; overflow-wrap:anywhere; }
footer { color:var(--muted); font-size:12.5px; padding:8px 0 30px; }
`;
