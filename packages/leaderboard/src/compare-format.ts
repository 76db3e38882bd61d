/** The comparison as markdown (terminal, issues) and as a self-contained HTML page. */
import type { Interval } from '@culturebench/analysis';
import type { Comparison } from './compare.js';
import { PAGE_CSS, bdi, esc, interval, mdCell, num } from './html.js';

function side(s: Comparison['a']): string {
  return `${s.model}${s.kind === 'llm' ? '' : ` (${s.kind})`} in run ${s.run}`;
}

/** Whether an interval excludes zero, in words. */
function verdict(d: Interval, higherIsBetter: boolean): string {
  if (d.lo === null || d.hi === null || d.estimate === null) return '';
  if (d.lo > 0) return higherIsBetter ? 'A better' : 'A higher';
  if (d.hi < 0) return higherIsBetter ? 'B better' : 'B higher';
  return 'no clear difference';
}

function sentences(c: Comparison): string[] {
  return [
    `A = ${side(c.a)}; B = ${side(c.b)}. Condition “${c.condition}”, survey ${c.survey}, metric ${c.metric}.`,
    `Differences are A − B with paired 95 % percentile intervals from ${c.replicates} bootstrap replicates (the same respondents drawn for both sides).`,
    'Country rows: the deviation ratio (higher is better). Dimension rows: mean absolute error of the scores over countries (lower is better).',
  ];
}

export function comparisonMarkdown(c: Comparison): string {
  const out: string[] = [`# Comparison: ${mdCell(c.a.model)} vs ${mdCell(c.b.model)}`, ''];
  for (const s of sentences(c)) out.push(mdCell(s), '');
  out.push(
    `**Headline (mean over countries): A ${num(c.headline.a)}, B ${num(c.headline.b)}, difference ${interval(c.headline.difference)}** (${verdict(c.headline.difference, true)})`,
    '',
  );
  out.push('| country | A | B | A − B [95 % CI] | |', '| --- | ---: | ---: | ---: | --- |');
  for (const r of c.countries)
    out.push(
      `| ${mdCell(c.countryNames[r.country] ?? r.country)} (${mdCell(r.country)}) | ${num(r.a)} | ${num(r.b)} | ${interval(r.difference)} | ${verdict(r.difference, true)} |`,
    );
  out.push('', '| dimension | A MAE | B MAE | A − B [95 % CI] | |', '| --- | ---: | ---: | ---: | --- |');
  for (const r of c.dimensions)
    out.push(
      `| ${mdCell(r.dimension)} | ${num(r.a, 1)} | ${num(r.b, 1)} | ${interval(r.difference, 1)} | ${verdict({ ...r.difference, estimate: r.difference.estimate === null ? null : -r.difference.estimate, lo: r.difference.hi === null ? null : -r.difference.hi, hi: r.difference.lo === null ? null : -r.difference.lo }, true)} |`,
    );
  return out.join('\n') + '\n';
}

function cls(d: Interval): string {
  if (d.lo !== null && d.lo > 0) return ' class="num pos"';
  if (d.hi !== null && d.hi < 0) return ' class="num neg"';
  return ' class="num"';
}

export function comparisonHtml(c: Comparison): string {
  const countryRows = c.countries
    .map(
      (r) =>
        `<tr><td>${bdi(c.countryNames[r.country] ?? r.country)} (${esc(r.country)})</td><td class="num">${num(r.a)}</td><td class="num">${num(r.b)}</td><td${cls(r.difference)}>${esc(interval(r.difference))}</td></tr>`,
    )
    .join('\n');
  const dimRows = c.dimensions
    .map(
      (r) =>
        `<tr><td>${esc(r.dimension)}</td><td class="num">${num(r.a, 1)}</td><td class="num">${num(r.b, 1)}</td><td class="num">${esc(interval(r.difference, 1))}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.a.model)} vs ${esc(c.b.model)}: culturebench comparison</title><style>${PAGE_CSS}</style></head>
<body><header><div class="wrap"><h1>${bdi(c.a.model)} vs ${bdi(c.b.model)}</h1><p>${esc(sentences(c)[0])}</p></div></header>
<main><div class="wrap">
<section id="headline"><h2>Headline</h2><p>Mean ${esc(c.metric)} over countries: A ${num(c.headline.a)}, B ${num(c.headline.b)}. Difference A − B: <strong>${esc(interval(c.headline.difference))}</strong> (${esc(verdict(c.headline.difference, true))}).</p><p class="lead">${esc(sentences(c)[1])}</p></section>
<section id="countries"><h2>Per country</h2><p class="lead">Deviation ratio, higher is better; green: A better, red: B better (the interval excludes 0).</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Country</th><th class="num" scope="col">A</th><th class="num" scope="col">B</th><th class="num" scope="col">A − B [95 % CI]</th></tr></thead><tbody>
${countryRows}
</tbody></table></div></section>
<section id="dimensions"><h2>Per dimension</h2><p class="lead">Mean absolute error of the model's scores against the human scores over countries, lower is better.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Dimension</th><th class="num" scope="col">A MAE</th><th class="num" scope="col">B MAE</th><th class="num" scope="col">A − B [95 % CI]</th></tr></thead><tbody>
${dimRows}
</tbody></table></div></section>
</div></main></body></html>
`;
}
