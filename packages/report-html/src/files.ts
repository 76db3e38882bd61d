/** The "Files" section: a link to every file of the run directory, with what it holds. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYSES } from '@culturebench/analysis';
import { escapeHtml } from './html.js';

/** What each known output holds; other files are listed without a description. */
const DESCRIPTIONS: Record<string, string> = {
  'manifest.json': 'what was run: config, models, texts and ground-truth hashes, software',
  'responses.jsonl': 'every request and reply, one JSON object per line',
  'responses.html': 'browse the replies: filter by model, country, language, item, condition and outcome',
  'responses.arrow': 'the replies as an Arrow/Feather table (pandas.read_feather, arrow::read_feather)',
  'scores.arrow': 'scores with 95 % intervals as an Arrow/Feather table',
  'results.json': 'every analysis with its intervals (schema culturebench-results/1)',
  'leaderboard.md': 'the leaderboard and key findings in markdown',
  'scores.csv': 'index scores per model × country × condition × dimension',
  'alignment.csv': 'deviation ratio and distances per model × country × condition',
  'agreement.csv': 'agreement with the human scores per model × condition × dimension',
  'answers.csv': 'answers, refusals, invalid replies and errors per model × language',
  'report.html': 'this page',
  // each analysis describes its own CSV files (analysis registry)
  ...Object.fromEntries(ANALYSES.flatMap((m) => (m.csv ?? []).map((c) => [c.file, c.description]))),
};

export interface RunFile {
  name: string;
  bytes: number;
}

/** Regular files of the run directory (no temporary or hidden files), by name. */
export function listRunFiles(runDir: string): RunFile[] {
  return (
    readdirSync(runDir)
      // report.html is listed without a size: its own size would change the page on every rewrite.
      .filter((n) => !n.startsWith('.') && !n.endsWith('.tmp') && n !== 'report.html')
      .map((name) => ({ name, stat: statSync(join(runDir, name)) }))
      .filter((f) => f.stat.isFile())
      .map((f) => ({ name: f.name, bytes: f.stat.size }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  );
}

function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${bytes} B`;
}

export function filesSection(files: RunFile[]): string {
  files = [...files.filter((f) => f.name !== 'report.html'), { name: 'report.html', bytes: NaN }];
  const rows = files
    .map(
      (f) =>
        `<tr><td><a href="${escapeHtml(encodeURIComponent(f.name))}">${escapeHtml(f.name)}</a></td><td class="num">${Number.isFinite(f.bytes) ? escapeHtml(size(f.bytes)) : '–'}</td><td>${escapeHtml(DESCRIPTIONS[f.name] ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<section class="card" id="files"><h2>Files</h2><p class="lead">Every file of this run directory; the links work when the page is opened from the directory.</p><div class="table-wrap"><table class="plain"><thead><tr><th scope="col">File</th><th class="num" scope="col">Size</th><th scope="col">What it holds</th></tr></thead><tbody>
${rows}
</tbody></table></div></section>`;
}
