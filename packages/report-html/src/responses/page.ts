/** responses.html: filters, a paged table, and the prompt and raw reply of each row, loaded on demand. */
import type { RunManifest } from '@culturebench/core';
import { escapeHtml, inlineScript } from '../html.js';
import { BROWSER_SCRIPT } from './client.js';

const CSS = `
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --accent:#2f6db3; }
* { box-sizing:border-box; }
body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif; color:var(--ink); background:#f5f7fa; }
header { background:#14213d; color:#fff; padding:16px 0; }
header h1 { margin:0; font-size:20px; }
header p { margin:4px 0 0; color:#c9d3e0; font-size:13px; overflow-wrap:anywhere; }
header a { color:#fff; }
.wrap { max-width:1280px; margin:0 auto; padding:0 14px; }
form.filters { display:grid; grid-template-columns:repeat(auto-fill, minmax(150px, 1fr)); gap:8px 12px; margin:14px 0 6px; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); font-weight:600; min-width:0; }
select, button { font:inherit; font-size:13.5px; padding:4px 8px; border:1px solid #cbd2d9; border-radius:6px; background:#fff; color:var(--ink); max-width:100%; }
button { cursor:pointer; }
select:focus-visible, button:focus-visible, summary:focus-visible { outline:2px solid var(--accent); outline-offset:2px; }
.bar { display:flex; flex-wrap:wrap; align-items:center; gap:8px 14px; margin:8px 0; }
#status { color:var(--muted); }
ol#rows { list-style:none; margin:0; padding:0; }
ol#rows li { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px 12px; margin:6px 0; min-width:0; }
.facts { display:flex; flex-wrap:wrap; gap:2px 14px; font-size:12.5px; color:var(--muted); }
.facts b { color:var(--ink); font-weight:600; }
.o-answer { color:#2e7d4f; } .o-refusal, .o-invalid { color:#8a4513; } .o-error { color:#a5432a; }
.reading { margin:4px 0; font-weight:600; overflow-wrap:anywhere; }
pre { white-space:pre-wrap; overflow-wrap:anywhere; background:#f5f7fa; border:1px solid var(--line); border-radius:6px; padding:8px 10px; margin:4px 0; font-size:12.5px; max-height:360px; overflow:auto; }
summary { cursor:pointer; color:var(--accent); font-size:13px; }
`;

export function renderResponsesPage(manifest: RunManifest, rows: number): string {
  const name = manifest.config?.name ?? 'culturebench run';
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Replies: ${escapeHtml(name)} (${escapeHtml(manifest.runId)})</title>
<style>${CSS}</style>
</head>
<body>
<header><div class="wrap"><h1>Replies: ${escapeHtml(name)}</h1><p>Run <code>${escapeHtml(manifest.runId)}</code> · ${rows} requests, latest outcome of each · <a href="report.html">back to the report</a> · every reply in full: <a href="responses.jsonl">responses.jsonl</a></p></div></header>
<main class="wrap">
<form class="filters" id="filters" aria-label="Filter the replies"></form>
<div class="bar"><button type="button" id="prev">← Previous</button><button type="button" id="next">Next →</button><span id="status" role="status" aria-live="polite">Loading the index…</span></div>
<ol id="rows"></ol>
<div class="bar"><button type="button" id="prev2">← Previous</button><button type="button" id="next2">Next →</button></div>
<noscript>This page needs JavaScript to browse the replies; they are all in responses.jsonl.</noscript>
</main>
<script>${inlineScript(BROWSER_SCRIPT)}</script>
</body>
</html>
`;
}
