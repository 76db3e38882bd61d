import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTitle, type ResultsDocument } from '@culturebench/analysis';
import { writeFileAtomic, type RunManifest } from '@culturebench/core';
import { loadVegaAssets } from './assets.js';
import { CHART_SCRIPT, CSS, SORT_SCRIPT } from './client.js';
import { bdi, escapeHtml, fmt, inlineScript, isNum, jsonForScript, text } from './html.js';
import { reliabilitySection } from './reliability-table.js';
import { buildChartSpecs, moduleCharts, type ChartDef, type VlSpec } from './charts/index.js';
import { answersTable, constantsTable, dimensionsTable, languageTable, originTables, perCountryTable, perModelTable } from './tables.js';
import { makeView, type DocView } from './view.js';
import { filesSection, listRunFiles, type RunFile } from './files.js';

export const REPORT_FILE = 'report.html';

function chart(def: ChartDef): string {
  const head = `<h3>${text(def.title)}</h3><p class="lead">${text(def.description)}</p>`;
  if (!def.spec) return `${head}<p class="empty">Not available: this run has no data for this chart.</p>`;
  return `${head}<figure class="chart" id="${escapeHtml(def.id)}" data-chart="${escapeHtml(def.id)}"><div class="vis" role="img" aria-label="${escapeHtml(def.title)}"></div></figure>`;
}

/** An array of flat objects as {columns, rows}: the same data without repeating every key on every row. */
function columnar(values: unknown): unknown {
  if (!Array.isArray(values) || !values.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) return values;
  const columns: string[] = [];
  for (const row of values as Record<string, unknown>[]) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  return { columns, rows: (values as Record<string, unknown>[]).map((row) => columns.map((c) => (c in row ? row[c] : null))) };
}

/**
 * Moves named datasets that several specs share with identical content into one pool, so the page
 * carries one copy; each spec lists the names it takes from the pool in usermeta.sharedDatasets.
 */
function poolDatasets(defs: ChartDef[]): { pool: Record<string, unknown>; specs: Map<string, VlSpec> } {
  const seen = new Map<string, { json: string; count: number }>();
  for (const d of defs) {
    const ds = (d.spec?.datasets ?? {}) as Record<string, unknown>;
    for (const [name, values] of Object.entries(ds)) {
      const json = JSON.stringify(values);
      const prev = seen.get(name);
      if (!prev) seen.set(name, { json, count: 1 });
      else if (prev.json === json) prev.count++;
      else prev.count = -Infinity;
    }
  }
  const pool: Record<string, unknown> = {};
  const specs = new Map<string, VlSpec>();
  for (const d of defs) {
    if (!d.spec) continue;
    const ds = (d.spec.datasets ?? {}) as Record<string, unknown>;
    const own: Record<string, unknown> = {};
    const shared: string[] = [];
    for (const [name, values] of Object.entries(ds)) {
      if ((seen.get(name)?.count ?? 0) > 1) {
        pool[name] = columnar(values);
        shared.push(name);
      } else own[name] = values;
    }
    const spec: VlSpec = { ...d.spec };
    if (shared.length > 0) {
      spec.usermeta = { ...((spec.usermeta as object) ?? {}), sharedDatasets: shared };
      if (Object.keys(own).length > 0) spec.datasets = own;
      else delete spec.datasets;
    }
    specs.set(d.id, spec);
  }
  return { pool, specs };
}

function kv(rows: [string, string][]): string {
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`).join('\n');
  return `<table class="kv"><tbody>\n${body}\n</tbody></table>`;
}

function plainTable(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  return `<table class="plain"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')}\n</tbody></table>`;
}

const code = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : `<code>${escapeHtml(v)}</code>`);
const plain = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : text(v));

/** The config's constants, in the words of core's describeConstants (not imported: it would load all of core at runtime). */
function describeConstantsSpec(spec: RunManifest['config']['constants'] | undefined): string {
  if (!spec) return '–';
  if (spec.mode === 'anchored') return 'anchored: C per dimension, model and condition so that the model mean over the countries equals the human mean';
  if (spec.mode === 'global')
    return 'global: one C per dimension for every model and condition, C = the human mean over the countries (raw 0 scores at the global average)';
  return `fixed: ${Object.entries(spec.values)
    .map(([d, v]) => `${d}=${v}`)
    .join(', ')}`;
}

function manifestSection(doc: ResultsDocument, versions: Record<string, string>): string {
  const m = doc.manifest;
  const c = m.config;
  const parts: string[] = [];
  parts.push('<h3>What was run, and when</h3>');
  parts.push(
    kv([
      ['Run id', code(m.runId)],
      ['Status', plain(m.status)],
      ['Started', plain(m.startedAt)],
      ['Finished', plain(m.finishedAt)],
      ...(m.resumedAt?.length ? ([['Resumed', plain(m.resumedAt.join(', '))]] as [string, string][]) : []),
      ...(m.shard ? ([['Shard', plain(`${m.shard.index + 1} of ${m.shard.count}`)]] as [string, string][]) : []),
      ['Benchmark', plain(c?.name)],
      ['Config file', code(c?.file)],
      ['Config hash', code(c?.hash)],
      ['Survey', plain(`${m.survey?.id ?? '–'} ${m.survey?.version ?? ''}`)],
      ['Countries', c?.countries?.length ? c.countries.map((x) => `${escapeHtml(x.code)}&nbsp;(${bdi(x.language)})`).join(', ') : '–'],
      ['Conditions', c?.conditions?.length ? c.conditions.map((x) => `${escapeHtml(x.id)}&nbsp;(${bdi(x.language)})`).join(', ') : '–'],
      ['Aggregates', plain(c?.aggregates?.join(', '))],
      ['Headline condition', plain(c?.headline)],
      ['Respondents per item', plain(c?.samples)],
      ['Seed', plain(c?.seed)],
      ['Temperature', plain(c?.temperature)],
      [
        'Persona',
        c?.persona
          ? `${text(c.persona.template)} · ${Object.entries(c.persona.traits)
              .map(([k, v]) => `${escapeHtml(k)}: ${text(v.join('/'))}`)
              .join(' · ')}`
          : '–',
      ],
      ['Constants mode', plain(doc.constants?.description || describeConstantsSpec(c?.constants))],
      ['Plan', m.plan ? plain(`${m.plan.requests} requests · ${m.plan.cells} cells · ${m.plan.items} items`) : '–'],
      ['Prompter / parser', plain(`${m.prompter ?? '–'} / ${m.parser ?? '–'}`)],
      [
        'Bootstrap',
        plain(
          `${doc.bootstrap.replicates} replicates · seed ${doc.bootstrap.seed} · ${Math.round(doc.bootstrap.level * 100)} % intervals${doc.bootstrap.method ? ` · ${doc.bootstrap.method}` : ''}`,
        ),
      ],
      ...(m.summary
        ? ([
            [
              'Requests',
              plain(
                `${m.summary.asked} asked · ${m.summary.reused} reused · ${m.summary.cached} cached · ${m.summary.errors} errors · $${m.summary.costUsd.toFixed(2)}`,
              ),
            ],
          ] as [string, string][])
        : []),
    ]),
  );

  parts.push('<h3>Models</h3>');
  parts.push(
    plainTable(
      ['Id', 'Provider', 'Model', 'Kind', 'Origin', 'Parameters', 'Price ($/M in · out)', 'Endpoint'],
      (m.models ?? []).map((x) => [
        bdi(x.id),
        bdi(x.provider),
        bdi(x.model),
        escapeHtml(x.kind),
        x.origin ? bdi(x.origin) : '–',
        code(Object.keys(x.params ?? {}).length ? JSON.stringify(x.params) : ''),
        x.price ? escapeHtml(`${x.price.inputPerMillion} · ${x.price.outputPerMillion}`) : '–',
        code(x.baseUrl),
      ]),
    ),
  );
  if (m.skipped?.length) {
    parts.push('<h3>Skipped models</h3>');
    parts.push(
      plainTable(
        ['Id', 'Provider', 'Reason', 'Fix'],
        m.skipped.map((s) => [bdi(s.id), bdi(s.provider), text(s.reason), text(s.fix)]),
      ),
    );
  }
  if (m.stopped?.length) {
    parts.push('<h3>Models stopped during the run</h3>');
    parts.push(
      plainTable(
        ['Id', 'Reason'],
        m.stopped.map((s) => [bdi(s.id), text(s.reason)]),
      ),
    );
  }
  if (m.mergedFrom?.length) {
    parts.push('<h3>Merged from</h3>');
    parts.push(
      plainTable(
        ['Run', 'Directory', 'Shard', 'Status'],
        m.mergedFrom.map((s) => [code(s.runId), code(s.dir), s.shard ? escapeHtml(`${s.shard.index + 1}/${s.shard.count}`) : '–', text(s.status)]),
      ),
    );
  }

  parts.push('<h3>Questionnaire texts</h3>');
  const texts = Object.entries(m.survey?.texts ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parts.push(
    plainTable(
      ['Language', 'Version', 'Hash', 'Rendering', 'Replacement file'],
      texts.map(([lang, t]) => [bdi(lang), text(t.version), code(t.hash), text(t.rendering), code(c?.texts?.[lang])]),
    ),
  );

  parts.push('<h3>Ground truth</h3>');
  const gt = m.survey?.groundTruth;
  parts.push(
    kv([
      ['Name', plain(gt?.name)],
      ['Version', plain(gt?.version)],
      ['Hash', code(gt?.hash)],
      ['Source', plain(gt?.source)],
      ...(c?.groundTruthFile ? ([['File (config override)', code(c.groundTruthFile)]] as [string, string][]) : []),
    ]),
  );
  if (doc.constants?.values?.length) {
    parts.push(`<h3>Constants</h3><p class="lead">${text(doc.constants.description)}</p>${constantsTable(makeView(doc))}`);
  }
  const formulas = Object.entries(m.survey?.formulas ?? {});
  if (formulas.length) {
    parts.push('<h3>Index formulas</h3>');
    parts.push(kv(formulas.map(([d, f]) => [d, code(f)])));
  }

  parts.push('<h3>Software</h3>');
  const pkgs = Object.entries(m.software?.packages ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parts.push(
    kv([
      ['Node.js', plain(m.software?.node)],
      ['culturebench', plain(m.software?.culturebench)],
      ...pkgs.map(([n, v]): [string, string] => [n, plain(v)]),
      ['Git commit', m.git?.commit ? `${code(m.git.commit)}${m.git.dirty ? ' (uncommitted changes)' : ''}` : '–'],
      ['Report charts', plain(`vega ${versions['vega']} · vega-lite ${versions['vega-lite']} · vega-embed ${versions['vega-embed']} (inlined)`)],
    ]),
  );

  parts.push(`<details><summary>Full manifest (JSON)</summary><pre>${escapeHtml(JSON.stringify(m, null, 2))}</pre></details>`);
  return `<section class="card" id="manifest"><details class="manifest"><summary>Manifest: what was run, with which texts, data and software</summary>\n${parts.join('\n')}\n</details></section>`;
}

function summaryStats(v: DocView): string {
  const doc = v.doc;
  const m = doc.manifest;
  const llms = doc.models.filter((x) => x.kind === 'llm').length;
  const baselines = doc.models.filter((x) => x.kind === 'baseline').length;
  const refs = doc.models.filter((x) => x.kind === 'reference').length;
  const best = doc.perModel
    .filter((p) => p.condition === v.headline && v.kindOf(p.model) === 'llm' && isNum(p.meanDr.estimate))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))[0];
  const items: [string, string][] = [
    [
      'Models',
      `${llms} LLM${llms === 1 ? '' : 's'}${baselines ? ` + ${baselines} baseline${baselines === 1 ? '' : 's'}` : ''}${refs ? ` + ${refs} ref.` : ''}`,
    ],
    ['Countries', `${doc.countries.length}`],
    ['Dimensions', `${doc.dimensions.length}`],
    ['Conditions', `${doc.conditions.length}`],
    ['Headline', escapeHtml(v.headline)],
    ['Best model', best ? `${bdi(best.model)} <span class="ci">DR ${fmt(best.meanDr.estimate)}</span>` : '–'],
    ['Respondents / item', escapeHtml(m.config?.samples ?? '–')],
    ['Constants', escapeHtml(doc.constants?.mode ?? m.config?.constants?.mode ?? '–')],
    ['Bootstrap', `${escapeHtml(doc.bootstrap.replicates)} replicates`],
    ['Ground truth', text(m.survey?.groundTruth?.name ?? '–')],
  ];
  if (m.summary) items.push(['Requests', escapeHtml(`${m.summary.asked} asked`)], ['Cost', escapeHtml(`$${m.summary.costUsd.toFixed(2)}`)]);
  return `<dl class="stats">${items.map(([k, val]) => `<div><dt>${escapeHtml(k)}</dt><dd>${val}</dd></div>`).join('')}</dl>`;
}

/** The whole report page as one self-contained HTML string. Same document, same bytes. */
export function renderReportHtml(doc: ResultsDocument, opts: { files?: RunFile[] } = {}): string {
  const v = makeView(doc);
  const assets = loadVegaAssets();
  const defs = buildChartSpecs(v);
  const byId = new Map(defs.map((d) => [d.id, d]));
  // charts declared by analysis modules themselves (registry), one section for all of them
  const extra = moduleCharts(v).map((d) => d.id);
  const { pool, specs } = poolDatasets(defs);
  const m = doc.manifest;
  const name = runTitle(m.config);
  const status = m.status ?? 'unknown';

  const findings = doc.findings.length
    ? `<ol class="findings">${doc.findings.map((f) => `<li>${text(f)}</li>`).join('\n')}</ol>`
    : '<p class="empty">No findings were generated for this run.</p>';

  const sections = [
    `<section class="card" id="findings"><div class="grid-2"><div><h2>Key findings</h2>${findings}
<p class="howto"><strong>Deviation ratio.</strong> DR<sub>c</sub> = d(G, H<sub>c</sub>) / d(M<sub>c</sub>, H<sub>c</sub>): the distance from the human global average G to country c’s human scores, divided by the distance from the model’s scores to them. Above 1 the model is closer to country c than G is; DR = 1 is no better than answering G for every country. ${doc.bootstrap.method ? text(doc.bootstrap.method) : `Intervals are ${Math.round(doc.bootstrap.level * 100)} % bootstrap intervals over respondents.`}</p></div>
<div><h2>Run summary</h2>${summaryStats(v)}</div></div></section>`,
    // A survey whose scores and ground truth are on different units has no skill (results.json says why).
    doc.skillNote
      ? `<section class="card" id="skill"><h2>Alignment skill</h2><p class="empty">${text(doc.skillNote)}</p></section>`
      : `<section class="card" id="skill"><h2>Alignment skill</h2>${chart(byId.get('chart-skill')!)}${chart(byId.get('chart-bias')!)}</section>`,
    `<section class="card" id="models"><h2>Models</h2>${chart(byId.get('chart-dr-model')!)}${perModelTable(v)}</section>`,
    `<section class="card" id="countries"><h2>Countries</h2>${chart(byId.get('chart-dr-country')!)}${perCountryTable(v)}</section>`,
    `<section class="card" id="dimensions"><h2>Dimensions</h2>${chart(byId.get('chart-heatmap')!)}${chart(byId.get('chart-scatter')!)}${dimensionsTable(v)}</section>`,
    `<section class="card" id="middle-ground"><h2>Middle ground</h2>${chart(byId.get('chart-middle-ground')!)}${chart(byId.get('chart-middle-distance')!)}</section>`,
    `<section class="card" id="language"><h2>Prompt language</h2>${chart(byId.get('chart-language')!)}${languageTable(v)}</section>`,
    `<section class="card" id="origin"><h2>Model origin</h2><p class="lead">For each origin group of models: how well they align with each country of a pair, and a paired test of the difference.</p>${v.doc.origin.length ? originTables(v) : '<p class="empty">No country pair was compared in this run.</p>'}</section>`,
    `<section class="card" id="web-content"><h2>Web content</h2>${chart(byId.get('chart-web-content')!)}</section>`,
    ...(extra.length ? [`<section class="card" id="more-analyses"><h2>More analyses</h2>${extra.map((id) => chart(byId.get(id)!)).join('')}</section>`] : []),
    `<section class="card" id="reliability"><h2>Reliability</h2>${reliabilitySection(v, chart(byId.get('chart-reliability')!))}</section>`,
    `<section class="card" id="answers"><h2>Non-answers</h2><p class="lead">Replies that were refusals, could not be parsed, or failed, per model and prompt language. Rows with 10 % or more non-answers are marked.</p>${answersTable(v)}</section>`,
    manifestSection(doc, assets.versions),
    ...(opts.files ? [filesSection(opts.files)] : []),
  ];

  const nav =
    [
      ['findings', 'Findings'],
      ['skill', 'Skill'],
      ['models', 'Models'],
      ['countries', 'Countries'],
      ['dimensions', 'Dimensions'],
      ['middle-ground', 'Middle ground'],
      ['language', 'Prompt language'],
      ['origin', 'Origin'],
      ['web-content', 'Web content'],
      ...(extra.length ? [['more-analyses', 'More analyses']] : []),
      ['reliability', 'Reliability'],
      ['answers', 'Non-answers'],
      ['manifest', 'Manifest'],
      ...(opts.files ? [['files', 'Files']] : []),
    ]
      .map(([id, label]) => `<a href="#${id}">${label}</a>`)
      .join('') + (opts.files?.some((f) => f.name === 'responses.html') ? '<a href="responses.html">Replies</a>' : '');

  const specScripts = defs
    .filter((d) => specs.has(d.id))
    .map((d) => `<script type="application/json" id="${escapeHtml(d.id)}-spec">${jsonForScript(specs.get(d.id))}</script>`)
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@culturebench/report-html">
<title>${escapeHtml(name)}: culturebench report ${escapeHtml(doc.runId)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="wrap">
<p class="eyebrow">culturebench report · ${escapeHtml(m.survey?.id ?? '')} ${escapeHtml(m.survey?.version ?? '')}</p>
<h1>${text(name)}</h1>
<p class="meta">Run <code>${escapeHtml(doc.runId)}</code> <span class="status status-${escapeHtml(status)}">${escapeHtml(status)}</span> · started ${escapeHtml(m.startedAt ?? '–')}${m.finishedAt ? ` · finished ${escapeHtml(m.finishedAt)}` : ''} · headline condition <strong>${escapeHtml(v.headline)}</strong> · constants ${escapeHtml(doc.constants?.mode ?? m.config?.constants?.mode ?? '–')}</p>
</div></header>
<nav class="toc" aria-label="Sections"><div class="wrap">${nav}</div></nav>
<main><div class="wrap">
${sections.join('\n')}
</div></main>
<footer><div class="wrap">Generated by @culturebench/report-html from results.json (${escapeHtml(doc.schema)}). Self-contained: charts drawn in the page by vega ${escapeHtml(assets.versions.vega)}, vega-lite ${escapeHtml(assets.versions['vega-lite'])} and vega-embed ${escapeHtml(assets.versions['vega-embed'])}; no network needed.</div></footer>
<script type="application/json" id="report-datasets">${jsonForScript(pool)}</script>
${specScripts}
<script>${inlineScript(assets.vega)}</script>
<script>${inlineScript(assets.vegaLite)}</script>
<script>${inlineScript(assets.vegaEmbed)}</script>
<script>${inlineScript(SORT_SCRIPT)}</script>
<script>${inlineScript(CHART_SCRIPT)}</script>
</body>
</html>
`;
}

/** Writes RUN_DIR/report.html and returns its path. */
export function writeReportHtml(runDir: string, doc: ResultsDocument): string {
  mkdirSync(runDir, { recursive: true });
  const file = join(runDir, REPORT_FILE);
  // Written last by the CLI, so the listing includes every other output.
  writeFileAtomic(file, renderReportHtml(doc, { files: listRunFiles(runDir) }));
  return file;
}
