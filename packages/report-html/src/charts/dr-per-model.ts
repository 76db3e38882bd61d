import { isNum, r } from '../html.js';
import { type DocView, kindLabel } from '../view.js';
import { iv, ciText, kindEncoding, base, X_DR, drOneLayers, type ChartDef } from './theme.js';

/** (1) Deviation ratio per model, headline condition. */
export function drPerModel(v: DocView): ChartDef {
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
              {
                data: { values: rows },
                mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.55 },
                encoding: { y, x: { field: 'lo', ...X_DR('Deviation ratio (mean over countries, 95 % interval)') }, x2: { field: 'hi' }, color: enc.color },
              },
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
