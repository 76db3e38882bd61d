import { r } from '../html.js';
import type { DocView } from '../view.js';
import { scoresDataset, countryNamesDataset, LOOKUP_COUNTRY, selectParam, defaultModel, extent, OUTLIERS } from './data.js';
import { INK, MUTED, BLUE, lit, base, type ChartDef } from './theme.js';

/** (4) Model vs human scatter, one panel per dimension, with y = x. */
export function scatter(v: DocView): ChartDef {
  const all = scoresDataset(v);
  const data = all.filter((s) => s.s !== null && s.h !== null);
  const models = v.modelOrder.filter((m) => data.some((s) => s.m === m));
  const conditions = v.conditions.filter((c) => data.some((s) => s.c === c));
  const agreement = v.doc.dimensionAgreement.map((a) => ({
    m: a.model,
    c: a.condition,
    d: a.dimension,
    r: r(a.pearson.estimate, 3),
    rlo: r(a.pearson.lo, 3),
    rhi: r(a.pearson.hi, 3),
  }));
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
            encoding: {
              x: { field: 'v', type: 'quantitative', title: 'Human score', scale },
              y: { field: 'v', type: 'quantitative', title: 'Model score', scale },
            },
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
              // Labels only on the three countries farthest from y = x (the rest collide; hover shows them).
              {
                transform: OUTLIERS('abs(datum.s - datum.h)', 3),
                mark: { type: 'text', align: 'left', dx: 5, dy: -5, fontSize: 9, color: MUTED },
                encoding: { x, y, text: { field: 'k' } },
              },
            ],
          },
          {
            data: { name: 'agreement' },
            transform: [
              { filter: `datum.d === ${lit(dim)}` },
              { filter: select },
              { calculate: "'Pearson r = ' + (datum.r === null ? '–' : format(datum.r, '.2f'))", as: 'label' },
            ],
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
