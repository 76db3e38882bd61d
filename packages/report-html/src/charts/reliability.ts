import { isNum, r } from '../html.js';
import type { DocView } from '../view.js';
import { base, type ChartDef } from './theme.js';

/**
 * Reliability: how far each perturbation moves each country's profile, as a multiple of the gap
 * between that country and its nearest other country in the human data. Past 1 (the rule), the
 * way of asking moves a country further than countries are apart.
 */
export function reliabilityMovement(v: DocView): ChartDef {
  const rel = v.doc.reliability;
  const rows = (rel?.perturbations ?? []).flatMap((p) =>
    p.countries
      .filter((c) => isNum(c.movement) && isNum(c.nearestGap) && c.nearestGap! > 0)
      .map((c) => ({
        model: p.model,
        variant: p.variant,
        country: v.countryLabel(c.country),
        ratio: r(c.movement! / c.nearestGap!, 3),
        movement: r(c.movement, 1),
        gap: r(c.nearestGap, 1),
        past: c.exceeds ? 'moves past the nearest country' : 'within the gap',
      })),
  );
  const variants = [...new Set(rows.map((x) => x.variant))];
  return {
    id: 'chart-reliability',
    title: 'How far the way of asking moves each country',
    description:
      'Each dot is one country under one perturbation: the distance its profile moves (all dimensions, index points) divided by the human gap to its nearest other benchmark country. Right of the line at 1, the perturbation moves the country further than countries are apart. Colour: model.',
    spec:
      rows.length === 0
        ? null
        : {
            ...base(),
            width: 620,
            height: { step: 30 },
            layer: [
              {
                data: { values: rows },
                mark: { type: 'point', filled: true, size: 60, opacity: 0.75 },
                encoding: {
                  y: { field: 'variant', type: 'nominal', sort: variants, title: null, axis: { labelLimit: 260 } },
                  x: { field: 'ratio', type: 'quantitative', title: 'Movement ÷ gap to the nearest country (human data)', scale: { zero: true } },
                  yOffset: { field: 'model', type: 'nominal' },
                  color: { field: 'model', type: 'nominal', title: null, legend: { orient: 'bottom', direction: 'horizontal' } },
                  shape: { field: 'past', type: 'nominal', title: null, legend: { orient: 'bottom' } },
                  tooltip: [
                    { field: 'model', title: 'Model' },
                    { field: 'variant', title: 'Perturbation' },
                    { field: 'country', title: 'Country' },
                    { field: 'movement', title: 'Movement', type: 'quantitative', format: '.1f' },
                    { field: 'gap', title: 'Gap to nearest country', type: 'quantitative', format: '.1f' },
                    { field: 'ratio', title: 'Ratio', type: 'quantitative', format: '.2f' },
                  ],
                },
              },
              {
                data: { values: [{ x: 1 }] },
                mark: { type: 'rule', strokeDash: [5, 4], color: '#b33' },
                encoding: { x: { field: 'x', type: 'quantitative' } },
              },
            ],
          },
  };
}
