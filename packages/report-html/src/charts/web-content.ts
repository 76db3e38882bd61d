import type { Interval } from '@culturebench/analysis';
import { cmp, fmt, isNum, r } from '../html.js';
import type { DocView } from '../view.js';
import { MUTED, BLUE, ACCENT, base, type ChartDef } from './theme.js';
import { OUTLIERS } from './data.js';

/** (7) Web-content share of the country's language vs its mean DR, one panel per measure. */
export function webContent(v: DocView): ChartDef {
  const available = v.doc.webContent;
  const cond = available.some((w) => w.condition === v.headline) ? v.headline : available[0]?.condition;
  const measures = available.filter((w) => w.condition === cond);
  const panels = measures
    .map((w) => {
      const points = w.points
        .filter((p) => isNum(p.meanDr) && isNum(p.share) && p.share > 0)
        .map((p) => ({ code: p.country, country: v.countryLabel(p.country), language: p.language, share: r(p.share, 4), dr: r(p.meanDr, 4) }))
        .sort((a, b) => cmp(a.code, b.code));
      const corr = (name: string, sym: string, i: Interval) =>
        `${name} ${sym} = ${fmt(i.estimate)}${isNum(i.lo) && isNum(i.hi) ? ` [${fmt(i.lo)}, ${fmt(i.hi)}]` : ''}`;
      return {
        points,
        panel: {
          title: {
            text: `${corr('Pearson', 'r', w.pearson)} · ${corr('Spearman', 'ρ', w.spearman)}`,
            subtitle: `${w.measure} · condition ${w.condition} · n = ${w.n}`,
            fontSize: 13,
          },
          width: 420,
          height: 300,
          data: { values: points },
          layer: [
            {
              mark: { type: 'point', filled: true, size: 70, color: BLUE, opacity: 0.9 },
              encoding: {
                x: { field: 'share', type: 'quantitative', title: 'Share of web content (%, log scale)', scale: { type: 'log' }, axis: { format: '~g' } },
                y: { field: 'dr', type: 'quantitative', title: 'Mean deviation ratio', scale: { zero: false } },
                tooltip: [
                  { field: 'country', title: 'Country' },
                  { field: 'language', title: 'Language' },
                  { field: 'share', title: 'Web share (%)', type: 'quantitative', format: '.2f' },
                  { field: 'dr', title: 'Mean DR', type: 'quantitative', format: '.2f' },
                ],
              },
            },
            {
              transform: [{ joinaggregate: [{ op: 'mean', field: 'dr', as: 'meanAll' }] }, ...OUTLIERS('abs(datum.dr - datum.meanAll)', 4)],
              mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: MUTED },
              encoding: { x: { field: 'share', type: 'quantitative' }, y: { field: 'dr', type: 'quantitative' }, text: { field: 'language' } },
            },
            {
              data: { values: [{ one: 1 }] },
              mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT },
              encoding: { y: { field: 'one', type: 'quantitative' } },
            },
          ],
        },
      };
    })
    .filter((p) => p.points.length > 0);
  return {
    id: 'chart-web-content',
    title: 'Web content and alignment',
    description:
      'Each point is a country: the share of web content in its language against its mean deviation ratio. The title gives the correlation with its 95 % bootstrap interval.',
    spec: panels.length === 0 ? null : { ...base(), columns: 2, spacing: 40, concat: panels.map((p) => p.panel) },
  };
}
