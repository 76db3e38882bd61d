/**
 * The corrected headline: alignment skill per model with its 95 % interval (the ranking number),
 * the default culture as a label, and the bias vectors (model − human per dimension).
 */
import type { Interval } from '@culturebench/analysis';
import { isNum, r } from '../html.js';
import { kindLabel, type DocView } from '../view.js';
import { ACCENT, BLUE, ciText, ESTIMATE_DOT, INTERVAL_RULE, MUTED, VEGA_CONFIG, type ChartDef } from './theme.js';

const ci = (i: Interval) => ciText(i, 3);

export function skillChart(v: DocView): ChartDef {
  const rows = v.doc.skill
    .filter((s) => s.condition === v.headline && isNum(s.skill.estimate))
    .map((s) => ({
      model: s.model,
      kind: kindLabel(v.kindOf(s.model)),
      skill: r(s.skill.estimate),
      lo: r(s.skill.lo ?? s.skill.estimate),
      hi: r(s.skill.hi ?? s.skill.estimate),
      ci: ci(s.skill),
      across: ci(s.acrossCountries),
      culture: [
        s.defaultCulture ? `default culture ${s.defaultCulture.country}` : '',
        s.noPersona?.length ? `no persona ${s.noPersona.map((c) => c.country).join('/')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
      signal: ci(s.countrySignal),
    }));
  const y = { field: 'model', type: 'nominal', sort: rows.map((x) => x.model), title: null, axis: { labelFontSize: 12 } };
  return {
    id: 'chart-skill',
    title: 'Alignment skill per model (the ranking number)',
    description: `skill = 1 − Σ d̂²(M, H) / Σ d²(G, H) in the headline condition (${v.headline}), noise-corrected, with its 95 % interval: 1 is perfect, 0 (dashed) is no better than answering the human global average for every country. The label names the human country nearest to the model's average profile (and, where asked, to its profile with no persona).`,
    spec:
      rows.length === 0
        ? null
        : {
            config: VEGA_CONFIG,
            width: 620,
            height: { step: 28 },
            data: { values: rows },
            layer: [
              {
                mark: { ...INTERVAL_RULE, color: BLUE },
                encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'Alignment skill (95 % interval)' }, x2: { field: 'hi' } },
              },
              {
                mark: { ...ESTIMATE_DOT, size: 100, color: BLUE },
                encoding: {
                  y,
                  x: { field: 'skill', type: 'quantitative' },
                  tooltip: [
                    { field: 'model', title: 'Model' },
                    { field: 'kind', title: 'Kind' },
                    { field: 'ci', title: 'Skill [95 %]' },
                    { field: 'across', title: 'Countries as a sample' },
                    { field: 'signal', title: 'Country signal' },
                    { field: 'culture', title: 'Default culture' },
                  ],
                },
              },
              {
                mark: { type: 'text', align: 'left', dx: 8, dy: -9, fontSize: 10, color: MUTED },
                encoding: { y, x: { field: 'hi', type: 'quantitative' }, text: { field: 'culture' } },
              },
              {
                data: { values: [{ zero: 0 }] },
                mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT },
                encoding: { x: { field: 'zero', type: 'quantitative' } },
              },
            ],
          },
  };
}
