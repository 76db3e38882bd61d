import { isNum } from '../html.js';
import type { DocView } from '../view.js';
import { CONDITION_COLORS, iv, ciText, base, X_DR, drOneLayers, type ChartDef } from './theme.js';

/** (6) Prompt-language comparison: mean DR per model × condition. */
export function languageComparison(v: DocView): ChartDef {
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
              {
                data: { values: rows },
                mark: { type: 'rule', strokeWidth: 2, opacity: 0.55 },
                encoding: { y, yOffset, x: { field: 'lo', ...X_DR('Deviation ratio (mean over countries, 95 % interval)') }, x2: { field: 'hi' }, color },
              },
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
