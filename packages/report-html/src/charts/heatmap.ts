import { r } from '../html.js';
import type { DocView } from '../view.js';
import { scoresDataset, countryNamesDataset, LOOKUP_COUNTRY, selectParam, defaultModel } from './data.js';
import { INK, base, type ChartDef } from './theme.js';

/** (3) Country × dimension heatmap of model minus human, with model and condition dropdowns. */
export function heatmap(v: DocView): ChartDef {
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
              selectParam(
                'heatCondition',
                'Condition ',
                conditions,
                conditions.includes(v.scoreCondition ?? '') ? (v.scoreCondition as string) : conditions[0],
              ),
            ],
            transform: [
              { filter: 'datum.m === heatModel && datum.c === heatCondition && isValid(datum.s) && isValid(datum.h)' },
              { calculate: 'datum.s - datum.h', as: 'diff' },
              LOOKUP_COUNTRY,
            ],
            width: { step: 58 },
            height: { step: 21 },
            encoding: {
              x: {
                field: 'd',
                type: 'nominal',
                sort: dims,
                title: null,
                axis: { orient: 'top', labelAngle: 0, labelFontWeight: 600, domain: false, ticks: false },
              },
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
