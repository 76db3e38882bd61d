import { isNum, r } from '../html.js';
import type { DocView } from '../view.js';
import { INTERVAL_RULE, ESTIMATE_DOT, INK, BLUE, ACCENT, iv, ciText, base, type ChartDef } from './theme.js';

/** (5b) Middle ground, in distances: each model's mean distance to G vs to the countries. */
export function middleGroundDistance(v: DocView): ChartDef {
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
  const color = {
    field: 'what',
    type: 'nominal',
    title: null,
    scale: { domain: whats, range: whats.map((w) => palette[w]) },
    legend: { orient: 'bottom', direction: 'horizontal' },
  };
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
              {
                data: { values: rows },
                mark: INTERVAL_RULE,
                encoding: {
                  y,
                  x: { field: 'lo', type: 'quantitative', title: 'Mean distance over countries (index points)', scale: { zero: true } },
                  x2: { field: 'hi' },
                  color,
                },
              },
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
                encoding: {
                  y,
                  x: { field: 'est', type: 'quantitative' },
                  color,
                  tooltip: [
                    { field: 'what', title: 'Distance' },
                    { field: 'est', title: 'Mean', type: 'quantitative', format: '.1f' },
                  ],
                },
              },
            ],
          },
  };
}
