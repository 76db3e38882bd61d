/**
 * The page's own scripts, as source text. Plain ES2017 with no dependencies besides the inlined
 * vega, vega-lite and vega-embed globals.
 */

/** Click (or Enter/Space on) a header button to sort; numbers numerically; empty cells last. */
export const SORT_SCRIPT = `(function () {
  'use strict';
  function key(row, i) {
    var c = row.cells[i];
    if (!c) return '';
    var s = c.getAttribute('data-sort');
    return s === null ? c.textContent.trim() : s;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, i) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, i), y = key(b, i);
          if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
          return dir * c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();`;

/** Renders every [data-chart] figure from its JSON spec with vega-embed (SVG renderer). */
export const CHART_SCRIPT = `(function () {
  'use strict';
  var shared = JSON.parse(document.getElementById('report-datasets').textContent);
  // Shared datasets are stored column-wise ({columns, rows}); vega-lite wants an array of objects.
  function expand(d) {
    if (!d || !d.columns || !d.rows) return d;
    var out = [];
    for (var i = 0; i < d.rows.length; i++) {
      var row = d.rows[i], o = {};
      for (var j = 0; j < d.columns.length; j++) o[d.columns[j]] = row[j];
      out.push(o);
    }
    return out;
  }
  var options = {
    renderer: 'svg',
    mode: 'vega-lite',
    actions: { export: true, source: false, compiled: false, editor: false },
    downloadFileName: 'culturebench-chart'
  };
  document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
    var id = figure.getAttribute('data-chart');
    var target = figure.querySelector('.vis');
    try {
      var spec = JSON.parse(document.getElementById(id + '-spec').textContent);
      var names = (spec.usermeta && spec.usermeta.sharedDatasets) || [];
      if (names.length) {
        spec.datasets = spec.datasets || {};
        names.forEach(function (name) { spec.datasets[name] = expand(shared[name]); });
      }
      vegaEmbed(target, spec, Object.assign({ downloadFileName: id }, options)).then(function () {
        figure.setAttribute('data-rendered', 'true');
      }).catch(function (err) {
        figure.setAttribute('data-rendered', 'error');
        target.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
        console.error(err);
      });
    } catch (err) {
      figure.setAttribute('data-rendered', 'error');
      target.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
      console.error(err);
    }
  });
})();`;

export const CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --card: #ffffff; --accent: #2f6db3; --warm: #c8641e; --head: #14213d; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.top { background: var(--head); color: #fff; padding: 30px 0 26px; }
header.top .eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #9fb3d1; margin: 0 0 6px; }
header.top h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; font-weight: 650; letter-spacing: -.01em; }
header.top .meta { color: #c9d3e0; font-size: 13.5px; margin: 0; }
header.top .meta code { color: #fff; }
.status { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; background: #2d4a7a; color: #fff; vertical-align: 2px; }
.status-complete { background: #2e7d4f; }
.status-failed, .status-interrupted, .status-budget { background: #a5432a; }
nav.toc { position: sticky; top: 0; z-index: 10; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); backdrop-filter: blur(4px); }
nav.toc .wrap { display: flex; flex-wrap: wrap; gap: 2px 18px; padding-top: 9px; padding-bottom: 9px; font-size: 13.5px; }
nav.toc a { color: var(--muted); text-decoration: none; }
nav.toc a:hover { color: var(--accent); }
main { padding: 8px 0 40px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px 24px; margin: 20px 0; box-shadow: 0 1px 2px rgba(16,24,40,.04); scroll-margin-top: 52px; }
h2 { font-size: 20px; line-height: 1.3; margin: 0 0 4px; font-weight: 650; letter-spacing: -.005em; }
h3 { font-size: 15.5px; margin: 24px 0 4px; font-weight: 650; }
p { margin: 0 0 10px; }
.lead { color: var(--muted); max-width: 80ch; margin: 0 0 14px; font-size: 14px; }
.grid-2 { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 22px; }
@media (max-width: 960px) { .grid-2 { grid-template-columns: 1fr; } }
ol.findings { margin: 8px 0 0; padding-left: 22px; }
ol.findings li { margin: 7px 0; padding-left: 4px; max-width: 80ch; }
ol.findings li::marker { color: var(--accent); font-weight: 700; }
.howto { border-left: 3px solid var(--warm); background: #fff8f1; padding: 10px 14px; margin: 16px 0 0; font-size: 13.5px; color: #4a3a2a; border-radius: 0 6px 6px 0; }
dl.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 8px 0 0; }
dl.stats div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 11px; background: #fbfcfd; }
dl.stats dt { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; }
dl.stats dd { margin: 2px 0 0; font-size: 15px; font-weight: 600; overflow-wrap: anywhere; }
figure.chart { margin: 14px 0 6px; overflow-x: auto; }
figure.chart .vis { min-height: 40px; }
.vega-embed { max-width: 100%; }
.vega-embed .vega-bindings { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 6px 0 2px 8px; font-size: 13.5px; }
.vega-embed .vega-bind-name { color: var(--muted); font-weight: 600; }
.vega-embed select { font: inherit; font-size: 13.5px; padding: 3px 8px; border: 1px solid #cbd2d9; border-radius: 6px; background: #fff; color: var(--ink); }
.table-wrap { overflow: auto; max-height: 620px; margin: 14px 0 4px; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-size: 12.5px; color: var(--muted); padding: 8px 12px; caption-side: top; background: #fbfcfd; border-bottom: 1px solid var(--line); }
th, td { padding: 6px 12px; border-bottom: 1px solid #eef1f4; text-align: left; vertical-align: baseline; }
th.num, td.num { text-align: right; white-space: nowrap; }
thead th { position: sticky; top: 0; background: #f1f4f8; font-weight: 600; font-size: 12.5px; color: #323f4b; border-bottom: 1px solid var(--line); z-index: 1; }
th button { all: unset; cursor: pointer; white-space: nowrap; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 3px; }
th button::after { content: "\\2195"; color: #b6c0ca; margin-left: 4px; font-size: 11px; }
th[aria-sort="ascending"] button::after { content: "\\25B2"; color: var(--accent); }
th[aria-sort="descending"] button::after { content: "\\25BC"; color: var(--accent); }
tbody tr:hover td { background: #f5f9ff; }
tr.kind-baseline td { color: #52606d; background: #fafbfc; }
tr.kind-reference td { background: #fff8f1; }
tr.kind-aggregate td { font-weight: 600; }
tr.warn td:last-child { color: #a5432a; font-weight: 600; }
.ci { color: var(--muted); font-size: 12px; }
.code { color: var(--muted); font-size: 11.5px; margin-left: 2px; }
.tag { display: inline-block; font-size: 10.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 0 6px; border-radius: 4px; margin-left: 4px; vertical-align: 1px; }
.tag-baseline { background: #e4e7eb; color: #3e4c59; }
.tag-reference { background: #fde8d7; color: #8a4513; }
.tag-aggregate { background: #ece4f6; color: #5b3f8c; }
.empty { color: var(--muted); font-style: italic; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
code { overflow-wrap: anywhere; }
pre { background: #f5f7fa; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; overflow: auto; max-height: 480px; }
details { margin: 6px 0; }
details > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
details.manifest > summary { font-size: 20px; font-weight: 650; }
table.kv { width: auto; min-width: 60%; margin: 6px 0 12px; border: 1px solid var(--line); border-radius: 8px; }
table.kv th { background: #fbfcfd; width: 220px; font-weight: 600; color: #323f4b; position: static; font-size: 13px; }
table.plain { margin: 6px 0 12px; border: 1px solid var(--line); border-radius: 8px; }
table.plain thead th { position: static; }
td:first-child { overflow-wrap: anywhere; }
td.text { max-width: 340px; }
ul.notes { margin: 8px 0; padding-left: 20px; color: var(--muted); font-size: 13.5px; }
h3 .ci { font-weight: 400; margin-left: 6px; }
footer { color: var(--muted); font-size: 12.5px; padding: 10px 0 40px; }
`;
