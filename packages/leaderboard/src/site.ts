/**
 * The leaderboard as a static site: index.html (self-contained: inline CSS and SVG, no script, no
 * network) and runs/<run id>/{manifest,results}.json, the files every number links to.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomic } from '@culturebench/core';
import { join } from 'node:path';
import type { Interval } from '@culturebench/analysis';
import { buildBoard, type Board, type HistoryPoint } from './board.js';
import { PAGE_CSS, bdi, esc, interval, num, safeSegment } from './html.js';
import type { LoadedRun } from './runs.js';

export const LEADERBOARD_INDEX = 'index.html';

const manifestHref = (runId: string) => `runs/${encodeURIComponent(safeSegment(runId))}/manifest.json`;
const link = (runId: string, label: string) => `<a href="${esc(manifestHref(runId))}" title="manifest of run ${esc(runId)}">${label}</a>`;

function kindTag(kind: string): string {
  return kind === 'llm' ? '' : `<span class="tag">${kind}</span>`;
}

function boardTable(b: Board): string {
  const rows = b.entries.map(
    (e) =>
      `<tr class="kind-${esc(e.kind)}"><td class="num">${e.position ?? '–'}</td><td>${bdi(e.model)}${kindTag(e.kind)}</td><td><code>${esc(e.version)}</code></td>` +
      `<td class="num">${link(e.runId, esc(interval(e.value)))}</td><td class="num">${link(e.runId, String(e.nCountries))}</td><td>${esc(e.date.slice(0, 10))}</td><td>${link(e.runId, `<code>${esc(e.runId)}</code>`)}</td></tr>`,
  );
  return `<div class="table-wrap"><table><caption class="lead">${esc(b.metric.label)} in condition “${esc(b.headline)}” with its 95 % interval (${b.metric.higherIsBetter ? 'higher' : 'lower'} is better). Position among models of the same kind, by point estimate. Each number links to the manifest of the run it comes from.</caption>
<thead><tr><th class="num" scope="col">#</th><th scope="col">Model</th><th scope="col">Version</th><th class="num" scope="col">${esc(b.metric.label)} [95 % CI]</th><th class="num" scope="col">Countries</th><th scope="col">Run date</th><th scope="col">Run</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function countryTable(b: Board): string {
  const head = b.countries.map((c) => `<th class="num" scope="col" title="${esc(c.name)}">${esc(c.code)}</th>`).join('');
  const rows = b.entries.map(
    (e) =>
      `<tr class="kind-${esc(e.kind)}"><td>${bdi(e.model)}${kindTag(e.kind)}</td>${b.countries
        .map((c) => {
          const i: Interval | undefined = e.countries[c.code];
          return `<td class="num">${i && i.estimate !== null ? link(e.runId, esc(num(i.estimate))) : '–'}</td>`;
        })
        .join('')}</tr>`,
  );
  return `<div class="table-wrap"><table><caption class="lead">Deviation ratio per country (condition “${esc(b.headline)}”; above 1 the model is closer to the country than the human global average is). Hover a country code for its name.</caption>
<thead><tr><th scope="col">Model</th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** Estimate and interval per run, oldest left: a small SVG with a title (tooltip) on every point. */
export function historySvg(points: HistoryPoint[], label: string): string {
  const W = 640;
  const H = 150;
  const pad = { l: 46, r: 16, t: 12, b: 26 };
  const vals = points.flatMap((p) => [p.value.lo, p.value.hi, p.value.estimate]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (vals.length === 0) return '<p class="lead">No estimates.</p>';
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
  const x = (i: number) => pad.l + (points.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + ((hi - v) * (H - pad.t - pad.b)) / (hi - lo);
  const marks = points
    .map((p, i) => {
      const e = p.value.estimate;
      if (e === null) return '';
      const bar =
        p.value.lo !== null && p.value.hi !== null
          ? `<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${y(p.value.lo).toFixed(1)}" y2="${y(p.value.hi).toFixed(1)}" stroke="#2f6db3" stroke-width="2"/>`
          : '';
      return (
        `<a href="${esc(manifestHref(p.runId))}">${bar}<circle cx="${x(i).toFixed(1)}" cy="${y(e).toFixed(1)}" r="${p.current ? 5 : 4}" fill="${p.current ? '#2f6db3' : '#fff'}" stroke="#2f6db3" stroke-width="2"><title>${esc(`${p.date.slice(0, 10)} · ${p.version} · run ${p.runId}: ${interval(p.value)}`)}</title></circle></a>` +
        `<text x="${x(i).toFixed(1)}" y="${H - 8}" font-size="10" text-anchor="middle" fill="#616e7c">${esc(p.date.slice(0, 10))}</text>`
      );
    })
    .join('');
  const axis = [lo, hi]
    .map((v) => `<text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#616e7c">${esc(num(v))}</text>`)
    .join('');
  return `<svg class="history" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}"><line x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}" stroke="#e4e7eb"/>${axis}${marks}</svg>`;
}

function historySection(b: Board): string {
  const parts = b.entries.map((e) => {
    const points = b.history[e.model] ?? [];
    const rows = points
      .map(
        (p) =>
          `<tr${p.current ? ' aria-current="true"' : ''}><td>${esc(p.date)}</td><td><code>${esc(p.version)}</code></td><td class="num">${link(p.runId, esc(interval(p.value)))}</td><td>${link(p.runId, `<code>${esc(p.runId)}</code>`)}${p.current ? ' <span class="tag">counts</span>' : ''}</td></tr>`,
      )
      .join('\n');
    const id = `history-${safeSegment(e.model)}`;
    return `<h3 id="${esc(id)}">${bdi(e.model)}${kindTag(e.kind)}</h3>${historySvg(points, `${e.model}: ${b.metric.label} per run`)}
<div class="table-wrap"><table><thead><tr><th scope="col">Run started</th><th scope="col">Version</th><th class="num" scope="col">${esc(b.metric.label)} [95 % CI]</th><th scope="col">Run</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
  });
  return parts.join('\n');
}

function runsTable(b: Board): string {
  const rows = b.runs.map(
    (r) =>
      `<tr><td>${link(r.runId, `<code>${esc(r.runId)}</code>`)}</td><td>${esc(r.date)}</td><td>${esc(r.status)}</td><td>${r.models.map(bdi).join(', ')}</td><td class="num">${r.replicates}</td><td><a href="${esc(manifestHref(r.runId).replace(/manifest\.json$/, 'results.json'))}">results.json</a></td></tr>`,
  );
  return `<div class="table-wrap"><table><thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Models</th><th class="num" scope="col">Bootstrap replicates</th><th scope="col">Results</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

export function renderLeaderboardHtml(b: Board): string {
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@culturebench/leaderboard">
<title>${esc(b.name)}: culturebench leaderboard</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><div class="wrap"><h1>${esc(b.name)}</h1><p>culturebench leaderboard · survey ${esc(b.survey)} · headline: ${esc(b.metric.label)}, condition “${esc(b.headline)}” · ${b.runs.length} run${b.runs.length === 1 ? '' : 's'} · ${b.countries.length} countries</p></div></header>
<main><div class="wrap">
<section id="board"><h2>Leaderboard</h2><p class="lead">Each model’s newest run counts. All runs share the survey texts, ground truth and countries (checked by hash), so the human global average and the baselines are the same for every row; each interval is the 95 % respondent-bootstrap interval of the run it comes from. Baselines and the reference are not LLMs and are labelled as such.</p>${boardTable(b)}</section>
<section id="countries"><h2>Per country</h2>${countryTable(b)}</section>
<section id="history"><h2>History</h2><p class="lead">Every run each model appears in, oldest first; the filled point is the run that counts. Point at a point for its run.</p>${historySection(b)}</section>
<section id="runs"><h2>Runs</h2>${runsTable(b)}</section>
</div></main>
<footer><div class="wrap">Built by <code>culturebench leaderboard</code>. To add a model: run it alone with the same config (<code>culturebench run --config … --models NEW</code>), then rebuild with every run directory.</div></footer>
</body>
</html>
`;
}

/** Builds the site into outDir; returns the board and the page's path. */
export function writeLeaderboard(runs: LoadedRun[], outDir: string): { board: Board; index: string } {
  const board = buildBoard(runs);
  mkdirSync(outDir, { recursive: true });
  for (const run of runs) {
    const dir = join(outDir, 'runs', safeSegment(run.doc.runId));
    mkdirSync(dir, { recursive: true });
    for (const f of ['manifest.json', 'results.json']) if (existsSync(join(run.dir, f))) copyFileSync(join(run.dir, f), join(dir, f));
  }
  const index = join(outDir, LEADERBOARD_INDEX);
  writeFileAtomic(index, renderLeaderboardHtml(board));
  return { board, index };
}
