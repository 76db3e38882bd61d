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
  // Charts are designed for a wide page. On a narrower one, each is drawn, measured and redrawn
  // to the width of its figure (fewer columns of panels first, then narrower panels), like
  // vega-lite's width "container" but for concatenated and layered charts too.
  function refit(node, f, avail) {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(function (n) { refit(n, f, avail); }); return; }
    if (typeof node.width === 'number') node.width = Math.max(140, Math.floor(node.width * f));
    else if (node.width && typeof node.width.step === 'number') node.width.step = Math.max(12, Math.floor(node.width.step * f));
    Object.keys(node).forEach(function (k) { if (k !== 'datasets' && k !== 'data' && k !== 'usermeta') refit(node[k], f, avail); });
  }
  function widest(node) {
    if (!node || typeof node !== 'object') return 0;
    var best = typeof node.width === 'number' ? node.width : 0;
    Object.keys(node).forEach(function (k) { if (k !== 'datasets' && k !== 'data') best = Math.max(best, widest(node[k])); });
    return best;
  }
  function narrow(spec, avail) {
    spec.config = spec.config || {};
    if (avail < 640) {
      spec.config.legend = Object.assign({}, spec.config.legend, { orient: 'bottom', direction: 'vertical', labelLimit: Math.floor(avail * 0.6) });
      spec.config.axis = Object.assign({}, spec.config.axis, { labelLimit: Math.max(70, Math.floor(avail * 0.3)) });
      spec.config.title = Object.assign({}, spec.config.title, { limit: avail - 10 });
    }
  }
  function specOf(id) {
    var spec = JSON.parse(document.getElementById(id + '-spec').textContent);
    var names = (spec.usermeta && spec.usermeta.sharedDatasets) || [];
    if (names.length) {
      spec.datasets = spec.datasets || {};
      names.forEach(function (name) { spec.datasets[name] = expand(shared[name]); });
    }
    return spec;
  }
  function fail(figure, target, err) {
    figure.setAttribute('data-rendered', 'error');
    target.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
    console.error(err);
  }
  function draw(figure) {
    var id = figure.getAttribute('data-chart');
    var target = figure.querySelector('.vis');
    var avail = Math.max(200, figure.clientWidth);
    var spec;
    try { spec = specOf(id); } catch (err) { fail(figure, target, err); return; }
    narrow(spec, avail);
    var attempt = 0, view = null;
    figure.setAttribute('data-width', String(figure.clientWidth));
    function embed() {
      if (view) view.finalize();
      return vegaEmbed(target, spec, Object.assign({ downloadFileName: id }, options)).then(function (res) {
        view = res.view;
        var svg = target.querySelector('svg.marks');
        var w = svg ? Number(svg.getAttribute('width')) : 0;
        if (w > avail + 1 && attempt++ < 4) {
          if (typeof spec.columns === 'number' && spec.columns > 1) spec.columns = Math.max(1, Math.floor(spec.columns * avail / w));
          else {
            // Labels and legends keep their size: take the whole excess off the plot widths.
            var plot = widest(spec), across = spec.hconcat ? spec.hconcat.length : typeof spec.columns === 'number' ? spec.columns : 1;
            refit(spec, plot ? Math.max(0.15, 1 - (w - avail) / (plot * across)) : avail / w, avail);
          }
          return embed();
        }
        figure.setAttribute('data-rendered', 'true');
      });
    }
    embed().catch(function (err) { fail(figure, target, err); });
  }
  var figures = Array.prototype.slice.call(document.querySelectorAll('figure[data-chart]'));
  figures.forEach(draw);
  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      figures.forEach(function (f) {
        if (Math.abs(f.clientWidth - Number(f.getAttribute('data-width') || 0)) > 40 && f.getAttribute('data-rendered') === 'true') draw(f);
      });
    }, 250);
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
figure.chart { margin: 14px 0 6px; min-width: 0; }
figure.chart .vis { min-height: 40px; }
/* Narrow screens: dropdowns and wide tables scroll or shrink inside their box, never the page. */
.vega-embed .vega-bind, .vega-embed .vega-bind label { max-width: 100%; min-width: 0; }
.vega-embed select { max-width: 100%; }
table.plain, table.kv { display: block; overflow-x: auto; max-width: 100%; }
/* The last resort when a chart's fixed parts (labels, legends) are wider than a small screen. */
figure.chart .vis svg { max-width: 100%; height: auto; }
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
@media (max-width: 600px) {
  .wrap { padding: 0 10px; }
  section.card { padding: 16px 12px 18px; }
  header.top h1 { font-size: 22px; }
  .vega-embed .vega-bindings { margin-left: 0; }
}
`;
