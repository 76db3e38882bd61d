/** Bias vectors: per model and dimension, the mean over countries of model − human score, with its 95 % interval. */
import { isNum, r } from '../html.js';
import type { DocView } from '../view.js';
import { ACCENT, BLUE, INTERVAL_RULE, VEGA_CONFIG, type ChartDef } from './theme.js';

export function biasChart(v: DocView): ChartDef {
  const rows = v.doc.skill
    .filter((s) => s.condition === v.headline && v.kindOf(s.model) !== 'reference')
    .flatMap((s) =>
      v.doc.dimensions
        .map((d) => ({ model: s.model, dimension: d, bias: r(s.bias[d]?.estimate ?? null), lo: r(s.bias[d]?.lo ?? null), hi: r(s.bias[d]?.hi ?? null) }))
        .filter((x) => isNum(x.bias)),
    );
  const models = [...new Set(rows.map((x) => x.model))];
  const y = { field: 'model', type: 'nominal', sort: models, title: null };
  return {
    id: 'chart-bias',
    title: 'Bias vectors',
    description: `Where each model leans (${v.headline}): the mean over countries of its score minus the human score, per dimension, with 95 % intervals. The constants are shared by all models, so these levels are comparable; 0 (dashed) is no lean.`,
    spec:
      rows.length === 0
        ? null
        : {
            config: VEGA_CONFIG,
            data: { values: rows },
            facet: { column: { field: 'dimension', type: 'nominal', sort: v.doc.dimensions, title: null } },
            spec: {
              width: 110,
              height: { step: 22 },
              layer: [
                {
                  mark: { ...INTERVAL_RULE, color: BLUE },
                  encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'model − human' }, x2: { field: 'hi' } },
                },
                {
                  mark: { type: 'point', filled: true, size: 70, color: BLUE },
                  encoding: {
                    y,
                    x: { field: 'bias', type: 'quantitative' },
                    tooltip: [
                      { field: 'model', title: 'Model' },
                      { field: 'dimension', title: 'Dimension' },
                      { field: 'bias', title: 'Bias', type: 'quantitative', format: '.1f' },
                      { field: 'lo', title: '95 % lo', type: 'quantitative', format: '.1f' },
                      { field: 'hi', title: '95 % hi', type: 'quantitative', format: '.1f' },
                    ],
                  },
                },
                { mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT }, encoding: { x: { datum: 0 } } },
              ],
            },
          },
  };
}
