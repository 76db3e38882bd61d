import { fmt, isNum, r } from '../html.js';
import { type DocView, kindLabel } from '../view.js';
import { scoresDataset, countryNamesDataset, LOOKUP_COUNTRY, sdOf } from './data.js';
import { INK, MUTED, ACCENT, KIND_COLORS, ciText, lit, base, type ChartDef } from './theme.js';

/** (5) Middle ground: human country spread vs each model's spread, and the global average G. */
export function middleGround(v: DocView): ChartDef {
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
            {
              mark: { type: 'rule', color: ACCENT, strokeWidth: 1.5, strokeDash: [5, 3] },
              encoding: {
                x: { field: 'g', type: 'quantitative' },
                tooltip: [{ field: 'g', title: 'Human global average G', type: 'quantitative', format: '.1f' }],
              },
            },
            {
              mark: { type: 'text', color: ACCENT, fontSize: 10, fontWeight: 600, baseline: 'bottom', dy: -2 },
              encoding: { x: { field: 'g', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
            },
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
