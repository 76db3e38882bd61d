/** Sortable HTML tables. Every cell is escaped; numeric cells carry their raw value in data-sort. */
import { MIN_COUNTRIES, type Interval } from '@culturebench/analysis';
import { bdi, escapeHtml, fmt, fmtPct, isNum, r, text } from './html.js';
import type { DocView } from './view.js';

export interface Column {
  label: string;
  type: 'num' | 'text';
  /** Hover help for the header. */
  help?: string;
}

export interface Cell {
  html: string;
  /** Sort key: a number for numeric columns (null sorts last), or text (defaults to the cell's text). */
  sort?: number | string | null;
}

export function cell(html: string, sort?: number | string | null): Cell {
  return { html, sort };
}

export function numCell(v: number | null | undefined, digits = 2): Cell {
  return { html: fmt(v, digits), sort: isNum(v) ? v : null };
}

export function ciCell(i: Interval | undefined, digits = 2): Cell {
  if (!i || !isNum(i.lo) || !isNum(i.hi)) return { html: '–', sort: null };
  return { html: `${fmt(i.lo, digits)} – ${fmt(i.hi, digits)}`, sort: i.lo };
}

/** Estimate with its interval in one cell, sorted by the estimate. */
export function estCiCell(i: Interval | undefined, digits = 2): Cell {
  if (!i || !isNum(i.estimate)) return { html: '–', sort: null };
  const ci = isNum(i.lo) && isNum(i.hi) ? ` <span class="ci">[${fmt(i.lo, digits)}, ${fmt(i.hi, digits)}]</span>` : '';
  return { html: `${fmt(i.estimate, digits)}${ci}`, sort: i.estimate };
}

export function renderTable(id: string, caption: string, columns: Column[], rows: { cells: Cell[]; className?: string }[]): string {
  if (rows.length === 0) return `<p class="empty">${text(caption)}: no rows in this run.</p>`;
  const head = columns
    .map((c) => {
      const help = c.help ? ` title="${escapeHtml(c.help)}"` : '';
      return `<th scope="col" class="${c.type}" data-type="${c.type}"${help}><button type="button">${escapeHtml(c.label)}</button></th>`;
    })
    .join('');
  const body = rows
    .map((row) => {
      const tds = row.cells
        .map((c, i) => {
          const type = columns[i]?.type ?? 'text';
          let sort = '';
          if (type === 'num')
            sort = ` data-sort="${c.sort === null || c.sort === undefined ? '' : escapeHtml(typeof c.sort === 'number' ? String(r(c.sort, 8)) : c.sort)}"`;
          else if (c.sort !== undefined && c.sort !== null) sort = ` data-sort="${escapeHtml(c.sort)}"`;
          return `<td class="${type}"${sort}>${c.html}</td>`;
        })
        .join('');
      return `<tr${row.className ? ` class="${escapeHtml(row.className)}"` : ''}>${tds}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="sortable" id="${escapeHtml(id)}"><caption>${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function kindClass(v: DocView, model: string): string {
  return `kind-${v.kindOf(model)}`;
}

function modelCell(v: DocView, model: string): Cell {
  const kind = v.kindOf(model);
  const tag = kind === 'llm' || kind === 'aggregate' ? '' : ` <span class="tag tag-${kind}">${escapeHtml(kind)}</span>`;
  return { html: `${bdi(v.modelLabel(model))}${tag}`, sort: v.modelLabel(model) };
}

export function perModelTable(v: DocView): string {
  const info = new Map(v.doc.models.map((m) => [m.id, m]));
  const rows = v.doc.perModel
    .filter((p) => p.condition === v.headline)
    .sort((a, b) => v.modelOrder.indexOf(a.model) - v.modelOrder.indexOf(b.model))
    .map((p) => {
      const m = info.get(p.model);
      return {
        className: kindClass(v, p.model),
        cells: [
          numCell(p.rank, 0),
          modelCell(v, p.model),
          cell(m?.origin ? bdi(m.origin) : '–', m?.origin ?? ''),
          cell(m?.provider ? bdi(m.provider) : '–', m?.provider ?? ''),
          estCiCell(p.meanDr),
          estCiCell(p.medianDr),
          p.rankInterval ? cell(`${p.rankInterval.lo}–${p.rankInterval.hi}`, p.rankInterval.lo) : cell('–', null),
          numCell(p.rankProbabilities[0] ?? null, 2),
          numCell(p.nCountries, 0),
        ],
      };
    });
  return renderTable(
    'table-models',
    `Per model, condition ${v.headline}`,
    [
      { label: 'Rank', type: 'num', help: 'LLMs are ranked among LLMs, baselines among all models' },
      { label: 'Model', type: 'text' },
      { label: 'Origin', type: 'text' },
      { label: 'Provider', type: 'text' },
      { label: 'Mean DR [95 %]', type: 'num', help: 'Mean deviation ratio over countries; higher is better' },
      { label: 'Median DR [95 %]', type: 'num' },
      { label: 'Rank interval', type: 'num', help: '95 % interval of the rank over bootstrap replicates' },
      { label: 'P(rank 1)', type: 'num', help: 'Share of bootstrap replicates in which the model ranks first' },
      { label: 'Countries', type: 'num' },
    ],
    rows,
  );
}

export function perCountryTable(v: DocView): string {
  const others = v.conditions.filter((c) => c !== v.headline && v.doc.perCountry.some((p) => p.condition === c));
  const country = new Map(v.doc.countries.map((c) => [c.code, c]));
  const rows = v.countryOrder
    .map((code) => {
      const p = v.doc.perCountry.find((x) => x.country === code && x.condition === v.headline);
      if (!p && !v.doc.perCountry.some((x) => x.country === code)) return null;
      const c = country.get(code);
      return {
        cells: [
          numCell(p?.rank ?? null, 0),
          cell(`${bdi(v.countryName(code))} <span class="code">${escapeHtml(code)}</span>`, v.countryName(code)),
          cell(c ? bdi(c.language) : '–', c?.language ?? ''),
          estCiCell(p?.meanDr),
          numCell(p?.medianDr ?? null),
          ...others.map((cond) => numCell(v.doc.perCountry.find((x) => x.country === code && x.condition === cond)?.meanDr.estimate ?? null)),
          numCell(p?.nModels ?? null, 0),
          numCell(p?.baselineDistance ?? null, 1),
        ],
      };
    })
    .filter((x): x is { cells: Cell[] } => x !== null);
  const basis = v.doc.countryBasis === 'baseline' ? 'mean over the baselines (no LLM ran)' : 'mean over the LLMs';
  const few = v.doc.countries.length > 0 && v.doc.countries.length < MIN_COUNTRIES ? ` (fewer than ${MIN_COUNTRIES} countries: listed, not ranked)` : '';
  return renderTable(
    'table-countries',
    `Per country, ${basis}, condition ${v.headline}${few}`,
    [
      { label: 'Rank', type: 'num' },
      { label: 'Country', type: 'text' },
      { label: 'Language', type: 'text' },
      { label: `Mean DR [95 %]`, type: 'num', help: 'Mean deviation ratio over models; higher is better' },
      { label: 'Median DR', type: 'num' },
      ...others.map((c): Column => ({ label: `DR ${c}`, type: 'num', help: `Mean DR in condition ${c}` })),
      { label: 'Models', type: 'num' },
      {
        label: 'd(G, H)',
        type: 'num',
        help: 'Distance between the human global average and the country: the denominator\u2019s counterpart of the deviation ratio',
      },
    ],
    rows,
  );
}

export function languageTable(v: DocView): string {
  const conditions = v.conditions.filter((c) => v.doc.language.some((l) => l.condition === c));
  const ordered = v.modelOrder.filter((m) => v.doc.language.some((l) => l.model === m));
  const models = [...ordered.filter((m) => v.kindOf(m) === 'aggregate'), ...ordered.filter((m) => v.kindOf(m) !== 'aggregate')];
  const rows = models.map((m) => ({
    className: kindClass(v, m),
    cells: [modelCell(v, m), ...conditions.map((c) => estCiCell(v.doc.language.find((l) => l.model === m && l.condition === c)?.meanDr))],
  }));
  return renderTable(
    'table-language',
    'Mean DR per model and prompt-language condition',
    [{ label: 'Model', type: 'text' }, ...conditions.map((c): Column => ({ label: c === v.headline ? `${c} (headline)` : c, type: 'num' }))],
    rows,
  );
}

export function dimensionsTable(v: DocView): string {
  const cond = v.doc.dimensionAgreement.some((d) => d.condition === v.scoreCondition) ? v.scoreCondition : (v.doc.dimensionAgreement[0]?.condition ?? null);
  const spread = new Map(v.doc.middleGround.filter((m) => m.condition === cond).map((m) => [`${m.model}\u0000${m.dimension}`, m]));
  const rows = v.doc.dimensionAgreement
    .filter((d) => d.condition === cond)
    .sort(
      (a, b) => v.modelOrder.indexOf(a.model) - v.modelOrder.indexOf(b.model) || v.doc.dimensions.indexOf(a.dimension) - v.doc.dimensions.indexOf(b.dimension),
    )
    .map((d) => ({
      className: kindClass(v, d.model),
      cells: [
        modelCell(v, d.model),
        cell(escapeHtml(d.dimension), String(v.doc.dimensions.indexOf(d.dimension)).padStart(3, '0')),
        // correlations across fewer than 5 countries are not computed: say so instead of a dash
        ...(d.n < 5 ? [cell('n &lt; 5'), cell('n &lt; 5'), cell('n &lt; 5')] : [estCiCell(d.pearson), estCiCell(d.spearman), estCiCell(d.kendall)]),
        estCiCell(d.meanAbsError, 1),
        estCiCell(spread.get(`${d.model}\u0000${d.dimension}`)?.spreadRatio),
        numCell(d.n, 0),
      ],
    }));
  return renderTable(
    'table-dimensions',
    `Dimensions: agreement with the human scores across countries, condition ${cond ?? '–'}`,
    [
      { label: 'Model', type: 'text' },
      { label: 'Dimension', type: 'text' },
      { label: 'Pearson r', type: 'num' },
      { label: 'Spearman ρ', type: 'num' },
      { label: 'Kendall τ', type: 'num' },
      { label: 'Mean abs. error', type: 'num' },
      { label: 'Spread ratio', type: 'num', help: 'Model SD over countries ÷ human SD; below 1 the model compresses the countries toward the middle' },
      { label: 'n', type: 'num' },
    ],
    rows,
  );
}

/** Model origin, one block per country pair: the origin groups with their paired test, then the models. */
export function originTables(v: DocView): string {
  return v.doc.origin
    .map((o, k) => {
      const [a, b] = o.pair;
      const na = v.countryName(a);
      const nb = v.countryName(b);
      const groups = o.tests.map((t) => {
        const g = o.groups.find((x) => x.origin === t.origin);
        return {
          cells: [
            cell(bdi(t.origin), t.origin),
            cell(g ? g.models.map((m) => bdi(v.modelLabel(m))).join(', ') : '–', g?.models.join(', ') ?? ''),
            estCiCell(g?.dr[a]),
            estCiCell(g?.dr[b]),
            estCiCell(t.meanDifference),
            numCell(t.pValue, 3),
            cell(`${escapeHtml(t.test)}${t.note ? `<br><span class="ci">${text(t.note)}</span>` : ''}`, t.test),
            numCell(t.n, 0),
          ],
        };
      });
      const models = (o.models ?? []).map((m) => ({
        className: kindClass(v, m.model),
        cells: [modelCell(v, m.model), cell(bdi(m.origin), m.origin), estCiCell(m.dr[a]), estCiCell(m.dr[b]), estCiCell(m.difference)],
      }));
      const notes = (o.notes ?? []).length ? `<ul class="notes">${o.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : '';
      return [
        `<h3>${bdi(na)} vs ${bdi(nb)} <span class="ci">condition ${escapeHtml(o.condition)}</span></h3>`,
        renderTable(
          `table-origin-${k + 1}`,
          `By origin group: mean DR with ${na} and with ${nb}, and the paired difference`,
          [
            { label: 'Origin', type: 'text' },
            { label: 'Models', type: 'text' },
            { label: `DR ${na}`, type: 'num' },
            { label: `DR ${nb}`, type: 'num' },
            { label: 'Difference [95 %]', type: 'num', help: `DR(${na}) − DR(${nb}), paired over the group's models` },
            { label: 'p', type: 'num', help: 'Two-sided sign-flip permutation test' },
            { label: 'Test', type: 'text' },
            { label: 'n', type: 'num' },
          ],
          groups,
        ),
        notes,
        renderTable(
          `table-origin-models-${k + 1}`,
          `Per model: DR with ${na} and with ${nb}`,
          [
            { label: 'Model', type: 'text' },
            { label: 'Origin', type: 'text' },
            { label: `DR ${na}`, type: 'num' },
            { label: `DR ${nb}`, type: 'num' },
            { label: 'Difference [95 %]', type: 'num' },
          ],
          models,
        ),
      ].join('\n');
    })
    .join('\n');
}

export function answersTable(v: DocView): string {
  const rows = [...v.doc.answers]
    .sort((a, b) => v.modelOrder.indexOf(a.model) - v.modelOrder.indexOf(b.model) || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0))
    .map((a) => {
      const non = a.total - a.answers;
      return {
        className: kindClass(v, a.model) + (a.total > 0 && non / a.total >= 0.1 ? ' warn' : ''),
        cells: [
          modelCell(v, a.model),
          cell(bdi(a.language), a.language),
          numCell(a.total, 0),
          numCell(a.answers, 0),
          numCell(a.refusals, 0),
          numCell(a.invalid, 0),
          numCell(a.errors, 0),
          { html: fmtPct(non, a.total), sort: a.total === 0 ? null : non / a.total },
        ],
      };
    });
  return renderTable(
    'table-answers',
    'Non-answers per model and prompt language',
    [
      { label: 'Model', type: 'text' },
      { label: 'Language', type: 'text' },
      { label: 'Asked', type: 'num' },
      { label: 'Answers', type: 'num' },
      { label: 'Refusals', type: 'num' },
      { label: 'Invalid', type: 'num' },
      { label: 'Errors', type: 'num' },
      { label: 'Non-answers', type: 'num', help: '(asked − answers) ÷ asked' },
    ],
    rows,
  );
}

/** The constants C added per model × condition (rows) and dimension (columns). */
export function constantsTable(v: DocView): string {
  const values = v.doc.constants?.values ?? [];
  const keys: { model: string; condition: string }[] = [];
  for (const x of values) if (!keys.some((k) => k.model === x.model && k.condition === x.condition)) keys.push({ model: x.model, condition: x.condition });
  keys.sort((a, b) => v.modelOrder.indexOf(a.model) - v.modelOrder.indexOf(b.model) || v.conditions.indexOf(a.condition) - v.conditions.indexOf(b.condition));
  const rows = keys.map((k) => ({
    className: kindClass(v, k.model),
    cells: [
      modelCell(v, k.model),
      cell(escapeHtml(k.condition)),
      ...v.doc.dimensions.map((d) => numCell(values.find((x) => x.model === k.model && x.condition === k.condition && x.dimension === d)?.value ?? null, 1)),
    ],
  }));
  return renderTable(
    'table-constants',
    'Constants C added to each index, per model and condition',
    [{ label: 'Model', type: 'text' }, { label: 'Condition', type: 'text' }, ...v.doc.dimensions.map((d): Column => ({ label: d, type: 'num' }))],
    rows,
  );
}
