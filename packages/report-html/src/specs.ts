/**
 * The report's charts as vega-lite specs, built from a ResultsDocument. Data is inlined (no URLs);
 * the large score table is a named dataset so the page can share one copy between charts.
 */
import type { Interval } from '@culturebench/analysis';
import { cmp, fmt, isNum, r } from './html.js';
import { biasChart } from './charts/bias.js';
import { skillChart } from './charts/skill.js';
import { kindLabel, type DocView } from './view.js';

/** The marks of an interval-with-estimate chart: a thick translucent rule for the 95 % interval, a dot on top. */
const INTERVAL_RULE = { type: 'rule', strokeWidth: 2.5, opacity: 0.5 } as const;
const ESTIMATE_DOT = { type: 'point', filled: true, size: 90, opacity: 1, stroke: '#ffffff', strokeWidth: 1 } as const;

export type VlSpec = Record<string, unknown>;

export interface ChartDef {
  id: string;
  title: string;
  /** One or two sentences under the chart's heading: how to read it. */
  description: string;
  /** Null when the run has no data for this chart. */
  spec: VlSpec | null;
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
const INK = '#1f2933';
const MUTED = '#616e7c';
const BLUE = '#2f6db3';
const ACCENT = '#c8641e';

const KIND_COLORS: Record<string, string> = {
  LLM: BLUE,
  Baseline: '#8a949e',
  'Simulation (known truth, not an LLM)': '#3a9e6f',
  'Reference (human global average)': ACCENT,
  'All LLMs (mean)': '#5b3f8c',
};
const KIND_SHAPES: Record<string, string> = {
  LLM: 'circle',
  Baseline: 'square',
  'Simulation (known truth, not an LLM)': 'triangle-down',
  'Reference (human global average)': 'diamond',
  'All LLMs (mean)': 'triangle-up',
};
/** Categorical colours for prompt-language conditions (colour-blind-safe Tableau-like set). */
const CONDITION_COLORS = ['#2f6db3', '#e07b39', '#3a9e6f', '#8c5fb8', '#c44e52', '#937860', '#da8bc3', '#8c8c8c', '#ccb974', '#64b5cd'];

export const VEGA_CONFIG = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: '#e4e7eb' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: INK,
    titleColor: INK,
    gridColor: '#edf0f3',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    labelLimit: 260,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, labelColor: INK, titleColor: INK, labelLimit: 260, symbolOpacity: 1 },
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: INK, subtitleColor: MUTED, subtitleFontSize: 12, offset: 10 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  text: { font: FONT },
  tick: { thickness: 2 },
};

function base(): VlSpec {
  return { config: VEGA_CONFIG };
}

function iv(i: Interval | undefined): { est: number | null; lo: number | null; hi: number | null } {
  return { est: r(i?.estimate ?? null), lo: r(i?.lo ?? null), hi: r(i?.hi ?? null) };
}

function ciText(i: Interval): string {
  return isNum(i.lo) && isNum(i.hi) ? `${fmt(i.estimate)} [${fmt(i.lo)}, ${fmt(i.hi)}]` : fmt(i.estimate);
}

/** A vega expression string literal (JSON's quoting is valid in vega expressions). */
function lit(s: string): string {
  return JSON.stringify(s);
}

function kindEncoding(present: string[]) {
  const domain = Object.keys(KIND_COLORS).filter((k) => present.includes(k));
  return {
    color: { field: 'kind', type: 'nominal', title: null, scale: { domain, range: domain.map((k) => KIND_COLORS[k]) }, legend: { orient: 'bottom', direction: 'horizontal' } },
    shape: { field: 'kind', type: 'nominal', title: null, scale: { domain, range: domain.map((k) => KIND_SHAPES[k]) }, legend: { orient: 'bottom', direction: 'horizontal' } },
  };
}

/** Vertical dashed rule at DR = 1 with a small label above the plot. */
function drOneLayers(): VlSpec[] {
  const values = [{ one: 1, label: 'DR = 1 (human global average)' }];
  return [
    { data: { values }, mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT, strokeWidth: 1.5 }, encoding: { x: { field: 'one', type: 'quantitative' } } },
    {
      data: { values },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10, color: ACCENT },
      encoding: { x: { field: 'one', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

const X_DR = (title: string) => ({ type: 'quantitative', title, scale: { zero: false, nice: true } });

/** (1) Deviation ratio per model, headline condition. */
function drPerModel(v: DocView): ChartDef {
  const rows = v.doc.perModel
    .filter((p) => p.condition === v.headline && isNum(p.meanDr.estimate))
    .map((p) => {
      const dr = iv(p.meanDr);
      return {
        model: p.model,
        kind: kindLabel(v.kindOf(p.model)),
        dr: dr.est,
        lo: dr.lo,
        hi: dr.hi,
        ci: ciText(p.meanDr),
        median: r(p.medianDr.estimate),
        rank: p.rank,
        rankInterval: p.rankInterval ? `${p.rankInterval.lo}–${p.rankInterval.hi}` : '–',
        n: p.nCountries,
      };
    });
  const order = v.modelOrder.filter((m) => rows.some((x) => x.model === m));
  const kinds = [...new Set(rows.map((x) => x.kind))];
  const enc = kindEncoding(kinds);
  const y = { field: 'model', type: 'nominal', sort: order, title: null, axis: { labelFontSize: 12 } };
  return {
    id: 'chart-dr-model',
    title: 'Deviation ratio per model',
    description: `Mean deviation ratio over the countries in the headline condition (${v.headline}), with its 95 % bootstrap interval. Higher is better; to the right of the dashed line a model is closer to the countries than the human global average is.`,
    spec:
      rows.length === 0
        ? null
        : {
            ...base(),
            width: 620,
            height: { step: 28 },
            layer: [
              { data: { values: rows }, mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.55 }, encoding: { y, x: { field: 'lo', ...X_DR('Deviation ratio (mean over countries, 95 % interval)') }, x2: { field: 'hi' }, color: enc.color } },
              {
                data: { values: rows },
                mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: '#ffffff', strokeWidth: 1 },
                encoding: {
                  y,
                  x: { field: 'dr', type: 'quantitative' },
                  color: enc.color,
                  shape: enc.shape,
                  tooltip: [
                    { field: 'model', title: 'Model' },
                    { field: 'kind', title: 'Kind' },
                    { field: 'ci', title: 'Mean DR [95 %]' },
                    { field: 'median', title: 'Median DR', type: 'quantitative', format: '.2f' },
                    { field: 'rank', title: 'Rank', type: 'quantitative' },
                    { field: 'rankInterval', title: 'Rank interval' },
                    { field: 'n', title: 'Countries', type: 'quantitative' },
                  ],
                },
              },
              ...drOneLayers(),
            ],
          },
  };
}

/** (2) Deviation ratio per country, headline condition. */
function drPerCountry(v: DocView): ChartDef {
  const lang = new Map(v.doc.countries.map((c) => [c.code, c.language]));
  const rows = v.doc.perCountry
    .filter((p) => p.condition === v.headline && isNum(p.meanDr.estimate))
    .map((p) => {
      const dr = iv(p.meanDr);
      return {
        country: v.countryLabel(p.country),
        code: p.country,
        language: lang.get(p.country) ?? '',
        dr: dr.est,
        lo: dr.lo,
        hi: dr.hi,
        ci: ciText(p.meanDr),
        side: isNum(p.meanDr.estimate) && p.meanDr.estimate >= 1 ? 'Closer than the global average (DR ≥ 1)' : 'Farther than the global average (DR < 1)',
        median: r(p.medianDr),
        nModels: p.nModels,
        gDistance: r(p.baselineDistance),
      };
    });
  const order = v.countryOrder.map((c) => v.countryLabel(c)).filter((c) => rows.some((x) => x.country === c));
  const y = { field: 'country', type: 'nominal', sort: order, title: null };
  const color = {
    field: 'side',
    type: 'nominal',
    title: null,
    scale: { domain: ['Closer than the global average (DR ≥ 1)', 'Farther than the global average (DR < 1)'], range: [BLUE, '#b0472f'] },
    legend: { orient: 'bottom', direction: 'horizontal' },
  };
  return {
    id: 'chart-dr-country',
    title: 'Deviation ratio per country',
    description: `Deviation ratio per country in the headline condition (${v.headline}), averaged ${v.doc.countryBasis === 'baseline' ? 'over the baselines (no LLM ran)' : 'over the LLMs'}, with its 95 % bootstrap interval. Countries are sorted from best to worst aligned.`,
    spec:
      rows.length === 0
        ? null
        : {
            ...base(),
            width: 620,
            height: { step: 22 },
            layer: [
              { data: { values: rows }, mark: INTERVAL_RULE, encoding: { y, x: { field: 'lo', ...X_DR('Deviation ratio (mean over models, 95 % interval)') }, x2: { field: 'hi' }, color } },
              {
                data: { values: rows },
                mark: ESTIMATE_DOT,
                encoding: {
                  y,
                  x: { field: 'dr', type: 'quantitative' },
                  color,
                  tooltip: [
                    { field: 'country', title: 'Country' },
                    { field: 'language', title: 'Language' },
                    { field: 'ci', title: 'Mean DR [95 %]' },
                    { field: 'median', title: 'Median DR', type: 'quantitative', format: '.2f' },
                    { field: 'nModels', title: 'Models', type: 'quantitative' },
                    { field: 'gDistance', title: 'd(G, H)', type: 'quantitative', format: '.1f' },
                  ],
                },
              },
              ...drOneLayers(),
            ],
          },
  };
}

/** The model × country × condition × dimension scores, with compact keys, shared by several charts. */
export function scoresDataset(v: DocView) {
  return v.doc.scores.map((s) => ({
    m: s.model,
    c: s.condition,
    k: s.country,
    d: s.dimension,
    s: r(s.score.estimate, 2),
    lo: r(s.score.lo, 2),
    hi: r(s.score.hi, 2),
    h: r(s.human, 2),
  }));
}

/** Country code → display label, joined onto the score rows in the browser (lookup transform). */
export function countryNamesDataset(v: DocView) {
  const codes = v.doc.countries.map((c) => c.code);
  for (const s of v.doc.scores) if (!codes.includes(s.country)) codes.push(s.country);
  return codes.map((k) => ({ k, country: v.countryLabel(k) }));
}

const LOOKUP_COUNTRY = { lookup: 'k', from: { data: { name: 'countryNames' }, key: 'k', fields: ['country'] } };

function selectParam(name: string, label: string, options: string[], value: string) {
  return { name, value, bind: { input: 'select', options, name: label } };
}

function defaultModel(v: DocView, candidates: string[]): string {
  return candidates.find((m) => v.kindOf(m) === 'llm') ?? candidates[0];
}

/** (3) Country × dimension heatmap of model minus human, with model and condition dropdowns. */
function heatmap(v: DocView): ChartDef {
  const all = scoresDataset(v);
  const data = all.filter((s) => s.s !== null && s.h !== null);
  const models = v.modelOrder.filter((m) => data.some((s) => s.m === m));
  const conditions = v.conditions.filter((c) => data.some((s) => s.c === c));
  let maxAbs = 0;
  for (const s of data) maxAbs = Math.max(maxAbs, Math.abs((s.s as number) - (s.h as number)));
  const bound = maxAbs === 0 ? 10 : Math.ceil(maxAbs / 10) * 10;
  const dims = v.doc.dimensions;
  const countries = v.doc.countries.filter((c) => data.some((s) => s.k === c.code)).map((c) => v.countryLabel(c.code));
  return {
    id: 'chart-heatmap',
    title: 'Model minus human, per country and dimension',
    description:
      'Each cell is the model\u2019s score minus the human score for that country and dimension (orange: the model scores higher, blue: lower). Choose the model and the prompt-language condition under the chart. A model stuck at the middle shows the human pattern inverted.',
    spec:
      data.length === 0
        ? null
        : {
            ...base(),
            datasets: { scores: all, countryNames: countryNamesDataset(v) },
            data: { name: 'scores' },
            params: [
              selectParam('heatModel', 'Model ', models, defaultModel(v, models)),
              selectParam('heatCondition', 'Condition ', conditions, conditions.includes(v.scoreCondition ?? '') ? (v.scoreCondition as string) : conditions[0]),
            ],
            transform: [
              { filter: 'datum.m === heatModel && datum.c === heatCondition && isValid(datum.s) && isValid(datum.h)' },
              { calculate: 'datum.s - datum.h', as: 'diff' },
              LOOKUP_COUNTRY,
            ],
            width: { step: 58 },
            height: { step: 21 },
            encoding: {
              x: { field: 'd', type: 'nominal', sort: dims, title: null, axis: { orient: 'top', labelAngle: 0, labelFontWeight: 600, domain: false, ticks: false } },
              y: { field: 'country', type: 'nominal', sort: countries, title: null, axis: { domain: false, ticks: false } },
            },
            layer: [
              {
                mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
                encoding: {
                  color: {
                    field: 'diff',
                    type: 'quantitative',
                    title: 'Model − human',
                    scale: { domain: [-bound, bound], scheme: 'blueorange', domainMid: 0 },
                    legend: { orient: 'right', gradientLength: 220, titleOrient: 'top' },
                  },
                  tooltip: [
                    { field: 'country', title: 'Country' },
                    { field: 'd', title: 'Dimension' },
                    { field: 's', title: 'Model score', type: 'quantitative', format: '.1f' },
                    { field: 'lo', title: '95 % low', type: 'quantitative', format: '.1f' },
                    { field: 'hi', title: '95 % high', type: 'quantitative', format: '.1f' },
                    { field: 'h', title: 'Human score', type: 'quantitative', format: '.1f' },
                    { field: 'diff', title: 'Model − human', type: 'quantitative', format: '+.1f' },
                  ],
                },
              },
              {
                mark: { type: 'text', fontSize: 10 },
                encoding: {
                  text: { field: 'diff', type: 'quantitative', format: '.0f' },
                  color: { condition: { test: `abs(datum.diff) > ${r(bound * 0.55, 2)}`, value: '#ffffff' }, value: INK },
                },
              },
            ],
          },
  };
}

function extent(values: (number | null)[]): [number, number] | null {
  const xs = values.filter(isNum);
  if (xs.length === 0) return null;
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    lo -= 10;
    hi += 10;
  }
  return [Math.floor(lo / 10) * 10, Math.ceil(hi / 10) * 10];
}

/** (4) Model vs human scatter, one panel per dimension, with y = x. */
function scatter(v: DocView): ChartDef {
  const all = scoresDataset(v);
  const data = all.filter((s) => s.s !== null && s.h !== null);
  const models = v.modelOrder.filter((m) => data.some((s) => s.m === m));
  const conditions = v.conditions.filter((c) => data.some((s) => s.c === c));
  const agreement = v.doc.dimensionAgreement.map((a) => ({ m: a.model, c: a.condition, d: a.dimension, r: r(a.pearson.estimate, 3), rlo: r(a.pearson.lo, 3), rhi: r(a.pearson.hi, 3) }));
  const select = 'datum.m === scModel && datum.c === scCondition';
  const filter = `${select} && isValid(datum.s) && isValid(datum.h)`;
  const panels = v.doc.dimensions.flatMap((dim) => {
    const rows = data.filter((s) => s.d === dim);
    const ext = extent(rows.flatMap((s) => [s.s, s.h, s.lo, s.hi]));
    if (!ext) return [];
    const scale = { domain: ext, nice: false, zero: false };
    const x = { field: 'h', type: 'quantitative', title: 'Human score', scale };
    const y = { field: 's', type: 'quantitative', title: 'Model score', scale };
    return [
      {
        title: { text: dim, anchor: 'middle', fontSize: 13 },
        width: 220,
        height: 220,
        layer: [
          {
            data: { values: [{ v: ext[0] }, { v: ext[1] }] },
            mark: { type: 'line', color: '#9aa5b1', strokeDash: [4, 4], strokeWidth: 1.2 },
            encoding: { x: { field: 'v', type: 'quantitative', title: 'Human score', scale }, y: { field: 'v', type: 'quantitative', title: 'Model score', scale } },
          },
          {
            data: { name: 'scores' },
            transform: [{ filter: `datum.d === ${lit(dim)}` }, { filter }, LOOKUP_COUNTRY],
            layer: [
              { mark: { type: 'rule', color: BLUE, opacity: 0.35 }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale }, y2: { field: 'hi' } } },
              {
                mark: { type: 'point', filled: true, size: 46, color: BLUE, opacity: 0.9 },
                encoding: {
                  x,
                  y,
                  tooltip: [
                    { field: 'country', title: 'Country' },
                    { field: 'h', title: 'Human', type: 'quantitative', format: '.1f' },
                    { field: 's', title: 'Model', type: 'quantitative', format: '.1f' },
                    { field: 'lo', title: '95 % low', type: 'quantitative', format: '.1f' },
                    { field: 'hi', title: '95 % high', type: 'quantitative', format: '.1f' },
                  ],
                },
              },
              { mark: { type: 'text', align: 'left', dx: 5, dy: -5, fontSize: 9, color: MUTED }, encoding: { x, y, text: { field: 'k' } } },
            ],
          },
          {
            data: { name: 'agreement' },
            transform: [{ filter: `datum.d === ${lit(dim)}` }, { filter: select }, { calculate: "'Pearson r = ' + (datum.r === null ? '–' : format(datum.r, '.2f'))", as: 'label' }],
            mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 11, color: INK },
            encoding: { x: { value: 6 }, y: { value: 6 }, text: { field: 'label' } },
          },
        ],
      },
    ];
  });
  return {
    id: 'chart-scatter',
    title: 'Model against human scores, per dimension',
    description:
      'One point per country; the vertical line is the model score\u2019s 95 % interval. On the dashed line y = x the model matches the human score. A flat cloud means the model gives every country about the same score. Choose the model and condition under the chart.',
    spec:
      panels.length === 0
        ? null
        : {
            ...base(),
            datasets: { scores: all, agreement, countryNames: countryNamesDataset(v) },
            params: [
              selectParam('scModel', 'Model ', models, defaultModel(v, models)),
              selectParam('scCondition', 'Condition ', conditions, conditions.includes(v.scoreCondition ?? '') ? (v.scoreCondition as string) : conditions[0]),
            ],
            columns: 3,
            spacing: 24,
            concat: panels,
          },
  };
}

/** (5) Middle ground: human country spread vs each model's spread, and the global average G. */
function middleGround(v: DocView): ChartDef {
  const cond = v.scoreCondition;
  const HUMAN = 'Human (countries)';
  const humanRows = Object.entries(v.doc.human.countries).flatMap(([code, dims]) =>
    v.doc.dimensions.filter((d) => isNum(dims[d])).map((d) => ({ d, series: HUMAN, country: v.countryLabel(code), x: r(dims[d], 2), kind: 'Human' })),
  );
  const modelRows =
    cond === null
      ? []
      : v.doc.scores
          .filter((s) => s.condition === cond && v.kindOf(s.model) !== 'reference' && isNum(s.score.estimate))
          .map((s) => ({ d: s.dimension, series: s.model, kind: kindLabel(v.kindOf(s.model)) }));
  const rows = [...humanRows, ...modelRows];
  const series = [HUMAN, ...v.modelOrder.filter((m) => modelRows.some((x) => x.series === m))];
  const seriesKinds = series.slice(1).map((m) => ({ m, kind: kindLabel(v.kindOf(m)) }));
  const global = v.doc.dimensions.filter((d) => isNum(v.doc.human.global[d])).map((d) => ({ d, g: r(v.doc.human.global[d], 2), label: 'G' }));
  const spread = v.doc.middleGround
    .filter((m) => m.condition === cond && series.includes(m.model))
    .map((m) => ({
      d: m.dimension,
      series: m.model,
      label: isNum(m.spreadRatio.estimate) ? `×${fmt(m.spreadRatio.estimate)}` : '',
      ci: ciText(m.spreadRatio),
      modelSd: r(m.modelSd, 2),
      humanSd: r(m.humanSd, 2),
    }));
  // Human spread: the SD over countries, from the middle-ground rows or computed here.
  for (const d of v.doc.dimensions) {
    const sd = v.doc.middleGround.find((m) => m.dimension === d && isNum(m.humanSd))?.humanSd ?? sdOf(humanRows.filter((x) => x.d === d).map((x) => x.x));
    if (isNum(sd)) spread.push({ d, series: HUMAN, label: `SD ${fmt(sd, 1)}`, ci: '', modelSd: null, humanSd: r(sd, 2) });
  }
  const presentKinds = [...new Set(rows.map((x) => x.kind))];
  const colorDomain = ['Human', ...Object.keys(KIND_COLORS).filter((k) => presentKinds.includes(k))];
  const color = {
    field: 'kind',
    type: 'nominal',
    title: null,
    scale: { domain: colorDomain, range: colorDomain.map((k) => (k === 'Human' ? INK : KIND_COLORS[k])) },
    legend: { orient: 'bottom', direction: 'horizontal' },
  };
  const y = { field: 'series', type: 'nominal', sort: series, title: null, axis: { labelLimit: 170 } };
  const tickEncoding = {
    x: { field: 'x', type: 'quantitative', title: 'Score', scale: { zero: false, nice: true } },
    y,
    color,
    tooltip: [
      { field: 'series', title: 'Who' },
      { field: 'country', title: 'Country' },
      { field: 'x', title: 'Score', type: 'quantitative', format: '.1f' },
    ],
  };
  const panels = v.doc.dimensions
    .filter((d) => rows.some((x) => x.d === d))
    .map((d) => ({
      title: { text: d, anchor: 'start', fontSize: 13 },
      width: 260,
      height: { step: 17 },
      layer: [
        {
          data: { name: 'middleHuman' },
          transform: [{ filter: `datum.d === ${lit(d)}` }],
          mark: { type: 'tick', opacity: 0.75, size: 12, thickness: 2 },
          encoding: tickEncoding,
        },
        {
          data: { name: 'scores' },
          transform: [
            { filter: `datum.c === ${lit(cond ?? '')} && datum.d === ${lit(d)} && isValid(datum.s)` },
            { lookup: 'm', from: { data: { name: 'seriesKinds' }, key: 'm', fields: ['kind'] } },
            { filter: 'isValid(datum.kind)' },
            LOOKUP_COUNTRY,
            { calculate: 'datum.m', as: 'series' },
            { calculate: 'datum.s', as: 'x' },
          ],
          mark: { type: 'tick', opacity: 0.75, size: 12, thickness: 2 },
          encoding: tickEncoding,
        },
        {
          data: { name: 'global' },
          transform: [{ filter: `datum.d === ${lit(d)}` }],
          layer: [
            { mark: { type: 'rule', color: ACCENT, strokeWidth: 1.5, strokeDash: [5, 3] }, encoding: { x: { field: 'g', type: 'quantitative' }, tooltip: [{ field: 'g', title: 'Human global average G', type: 'quantitative', format: '.1f' }] } },
            { mark: { type: 'text', color: ACCENT, fontSize: 10, fontWeight: 600, baseline: 'bottom', dy: -2 }, encoding: { x: { field: 'g', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
          ],
        },
        {
          data: { name: 'spread' },
          transform: [{ filter: `datum.d === ${lit(d)}` }],
          mark: { type: 'text', align: 'left', fontSize: 10, color: MUTED, dx: 8 },
          encoding: {
            x: { value: 260 },
            y,
            text: { field: 'label' },
            tooltip: [
              { field: 'series', title: 'Who' },
              { field: 'ci', title: 'Spread ratio [95 %]' },
              { field: 'modelSd', title: 'Model SD', type: 'quantitative', format: '.1f' },
              { field: 'humanSd', title: 'Human SD', type: 'quantitative', format: '.1f' },
            ],
          },
        },
      ],
    }));
  return {
    id: 'chart-middle-ground',
    title: 'The middle ground',
    description: `Each tick is one country\u2019s score (condition ${cond ?? '–'}). The top row of each panel is the human scores; the dashed line is the human global average G. At the right: the human standard deviation over countries, and each model\u2019s spread ratio (model SD ÷ human SD; below 1 the model squeezes the countries toward the middle).`,
    spec:
      panels.length === 0
        ? null
        : {
            ...base(),
            datasets: { middleHuman: humanRows, scores: scoresDataset(v), seriesKinds, countryNames: countryNamesDataset(v), global, spread },
            columns: 2,
            spacing: { column: 64, row: 22 },
            concat: panels,
            resolve: { scale: { x: 'independent' } },
          },
  };
}

function sdOf(xs: (number | null)[]): number | null {
  const v = xs.filter(isNum);
  if (v.length < 2) return null;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/** (5b) Middle ground, in distances: each model's mean distance to G vs to the countries. */
function middleGroundDistance(v: DocView): ChartDef {
  const rowsAll = v.doc.middleGroundDistance ?? [];
  const cond = rowsAll.some((x) => x.condition === v.headline) ? v.headline : rowsAll[0]?.condition;
  const src = rowsAll.filter((x) => x.condition === cond && v.kindOf(x.model) !== 'reference');
  const TO_G = 'Model to G';
  const TO_C = 'Model to the countries';
  const HUMAN = 'Humans to G';
  const rows = src.flatMap((x) =>
    (
      [
        [TO_G, x.toGlobal],
        [TO_C, x.toCountry],
      ] as const
    )
      .filter(([, i]) => isNum(i.estimate))
      .map(([what, i]) => {
        const d = iv(i);
        return { model: x.model, what, est: d.est, lo: d.lo, hi: d.hi, ci: ciText(i), n: x.nCountries };
      }),
  );
  const humans = src.filter((x) => isNum(x.humanToGlobal)).map((x) => ({ model: x.model, what: HUMAN, est: r(x.humanToGlobal), n: x.nCountries }));
  const models = v.modelOrder.filter((m) => rows.some((x) => x.model === m) || humans.some((x) => x.model === m));
  const whats = [TO_G, TO_C, HUMAN].filter((w) => rows.some((x) => x.what === w) || humans.some((x) => x.what === w));
  const palette: Record<string, string> = { [TO_G]: ACCENT, [TO_C]: BLUE, [HUMAN]: INK };
  const color = { field: 'what', type: 'nominal', title: null, scale: { domain: whats, range: whats.map((w) => palette[w]) }, legend: { orient: 'bottom', direction: 'horizontal' } };
  const y = { field: 'model', type: 'nominal', sort: models, title: null, axis: { labelFontSize: 12 } };
  return {
    id: 'chart-middle-distance',
    title: 'Distance to the global average vs to the countries',
    description: `Mean over countries (condition ${cond ?? '–'}) of the distance from a model’s country profile to the human global average G and to the country’s human scores, with 95 % intervals; the black tick is how far the humans themselves are from G. A model in the middle ground sits much closer to G than the humans do.`,
    spec:
      rows.length === 0
        ? null
        : {
            ...base(),
            width: 620,
            height: { step: 30 },
            layer: [
              { data: { values: rows }, mark: INTERVAL_RULE, encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'Mean distance over countries (index points)', scale: { zero: true } }, x2: { field: 'hi' }, color } },
              {
                data: { values: rows },
                mark: ESTIMATE_DOT,
                encoding: {
                  y,
                  x: { field: 'est', type: 'quantitative' },
                  color,
                  tooltip: [
                    { field: 'model', title: 'Model' },
                    { field: 'what', title: 'Distance' },
                    { field: 'ci', title: 'Mean [95 %]' },
                    { field: 'n', title: 'Countries', type: 'quantitative' },
                  ],
                },
              },
              {
                data: { values: humans },
                mark: { type: 'tick', thickness: 2.5, size: 18 },
                encoding: { y, x: { field: 'est', type: 'quantitative' }, color, tooltip: [{ field: 'what', title: 'Distance' }, { field: 'est', title: 'Mean', type: 'quantitative', format: '.1f' }] },
              },
            ],
          },
  };
}

/** (6) Prompt-language comparison: mean DR per model × condition. */
function languageComparison(v: DocView): ChartDef {
  const rows = v.doc.language
    .filter((l) => isNum(l.meanDr.estimate))
    .map((l) => {
      const dr = iv(l.meanDr);
      return { model: v.modelLabel(l.model), condition: l.condition, dr: dr.est, lo: dr.lo, hi: dr.hi, ci: ciText(l.meanDr) };
    });
  const ordered = v.modelOrder.filter((m) => rows.some((x) => x.model === v.modelLabel(m)));
  // The mean over the LLMs first, then the models.
  const models = [...ordered.filter((m) => v.kindOf(m) === 'aggregate'), ...ordered.filter((m) => v.kindOf(m) !== 'aggregate')].map((m) => v.modelLabel(m));
  const conditions = v.conditions.filter((c) => rows.some((x) => x.condition === c));
  const color = {
    field: 'condition',
    type: 'nominal',
    title: 'Condition',
    sort: conditions,
    scale: { domain: conditions, range: conditions.map((_, i) => CONDITION_COLORS[i % CONDITION_COLORS.length]) },
    legend: { orient: 'bottom', direction: 'horizontal' },
  };
  const y = { field: 'model', type: 'nominal', sort: models, title: null, axis: { labelFontSize: 12 } };
  const yOffset = { field: 'condition', type: 'nominal', sort: conditions, scale: { paddingOuter: 0.2 } };
  return {
    id: 'chart-language',
    title: 'Prompt language',
    description: `Mean deviation ratio per model in each prompt-language condition, with 95 % intervals. The headline condition is ${v.headline}.`,
    spec:
      rows.length === 0
        ? null
        : {
            ...base(),
            width: 620,
            height: Math.max(60, models.length * (conditions.length * 9 + 12)),
            layer: [
              { data: { values: rows }, mark: { type: 'rule', strokeWidth: 2, opacity: 0.55 }, encoding: { y, yOffset, x: { field: 'lo', ...X_DR('Deviation ratio (mean over countries, 95 % interval)') }, x2: { field: 'hi' }, color } },
              {
                data: { values: rows },
                mark: { type: 'point', filled: true, size: 60, opacity: 1 },
                encoding: {
                  y,
                  yOffset,
                  x: { field: 'dr', type: 'quantitative' },
                  color,
                  tooltip: [
                    { field: 'model', title: 'Model' },
                    { field: 'condition', title: 'Condition' },
                    { field: 'ci', title: 'Mean DR [95 %]' },
                  ],
                },
              },
              ...drOneLayers(),
            ],
          },
  };
}

/** (7) Web-content share of the country's language vs its mean DR, one panel per measure. */
function webContent(v: DocView): ChartDef {
  const available = v.doc.webContent;
  const cond = available.some((w) => w.condition === v.headline) ? v.headline : available[0]?.condition;
  const measures = available.filter((w) => w.condition === cond);
  const panels = measures
    .map((w) => {
      const points = w.points
        .filter((p) => isNum(p.meanDr) && isNum(p.share) && p.share > 0)
        .map((p) => ({ code: p.country, country: v.countryLabel(p.country), language: p.language, share: r(p.share, 4), dr: r(p.meanDr, 4) }))
        .sort((a, b) => cmp(a.code, b.code));
      const corr = (name: string, sym: string, i: Interval) =>
        `${name} ${sym} = ${fmt(i.estimate)}${isNum(i.lo) && isNum(i.hi) ? ` [${fmt(i.lo)}, ${fmt(i.hi)}]` : ''}`;
      return {
        points,
        panel: {
          title: { text: `${corr('Pearson', 'r', w.pearson)} · ${corr('Spearman', 'ρ', w.spearman)}`, subtitle: `${w.measure} · condition ${w.condition} · n = ${w.n}`, fontSize: 13 },
          width: 420,
          height: 300,
          data: { values: points },
          layer: [
            {
              mark: { type: 'point', filled: true, size: 70, color: BLUE, opacity: 0.9 },
              encoding: {
                x: { field: 'share', type: 'quantitative', title: 'Share of web content (%, log scale)', scale: { type: 'log' }, axis: { format: '~g' } },
                y: { field: 'dr', type: 'quantitative', title: 'Mean deviation ratio', scale: { zero: false } },
                tooltip: [
                  { field: 'country', title: 'Country' },
                  { field: 'language', title: 'Language' },
                  { field: 'share', title: 'Web share (%)', type: 'quantitative', format: '.2f' },
                  { field: 'dr', title: 'Mean DR', type: 'quantitative', format: '.2f' },
                ],
              },
            },
            { mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: MUTED }, encoding: { x: { field: 'share', type: 'quantitative' }, y: { field: 'dr', type: 'quantitative' }, text: { field: 'language' } } },
            { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT }, encoding: { y: { field: 'one', type: 'quantitative' } } },
          ],
        },
      };
    })
    .filter((p) => p.points.length > 0);
  return {
    id: 'chart-web-content',
    title: 'Web content and alignment',
    description: 'Each point is a country: the share of web content in its language against its mean deviation ratio. The title gives the correlation with its 95 % bootstrap interval.',
    spec: panels.length === 0 ? null : { ...base(), columns: 2, spacing: 40, concat: panels.map((p) => p.panel) },
  };
}

/** All charts in page order (a chart without data has spec null). */
export function buildChartSpecs(v: DocView): ChartDef[] {
  return [skillChart(v), biasChart(v), drPerModel(v), drPerCountry(v), heatmap(v), scatter(v), middleGround(v), middleGroundDistance(v), languageComparison(v), webContent(v)];
}
