import { isNum, r } from '../html.js';
import type { DocView } from '../view.js';
import { INTERVAL_RULE, ESTIMATE_DOT, BLUE, iv, ciText, base, X_DR, drOneLayers, type ChartDef } from './theme.js';

/** (2) Deviation ratio per country, headline condition. */
export function drPerCountry(v: DocView): ChartDef {
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
              {
                data: { values: rows },
                mark: INTERVAL_RULE,
                encoding: { y, x: { field: 'lo', ...X_DR('Deviation ratio (mean over models, 95 % interval)') }, x2: { field: 'hi' }, color },
              },
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
