import type { ReliabilityReport } from './types.js';

function fmt(v: number | null | undefined, digits = 2): string {
  return v == null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** Model ids and variant ids come from config files: keep them from breaking a markdown table. */
function cell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** The stability column's text for one model: moves past the nearest-country gap, and the median ratio. */
export function stabilityCell(report: ReliabilityReport | undefined, model: string): string {
  const s = report?.stability.find((x) => x.model === model);
  if (!s) return '–';
  return `${s.exceeded}/${s.moves} > gap · ${fmt(s.medianRatio)}×`;
}

/** The reliability section of leaderboard.md (empty when the run has nothing to report). */
export function reliabilityMarkdown(r: ReliabilityReport | undefined): string[] {
  if (!r) return [];
  const out: string[] = ['## Reliability', ''];
  out.push(
    `Noise band: a country's profile moves by the distance (index points over all dimensions) between its scores under a perturbation and under the reference. It is compared with the gap between that country and its nearest other benchmark country in the human data (median human between-country distance ${fmt(r.human.medianPairwise, 1)}). **A move larger than that gap could turn the country into another one.** Stability column: moves past the gap / all moves · median move ÷ gap.`,
    '',
  );
  if (r.perturbations.length) {
    out.push(
      ...table(
        ['model', 'variant', 'mean move', 'median move ÷ gap', 'countries moved past the gap', 'mean DR ref → variant'],
        r.perturbations.map((p) => [
          cell(p.model),
          cell(p.variant),
          fmt(p.meanMovement, 1),
          fmt(p.medianRatio),
          p.exceeded
            ? `**${p.exceeded}**: ${p.countries
                .filter((c) => c.exceeds)
                .map((c) => c.country)
                .join(', ')}`
            : '0',
          `${fmt(p.meanDr.reference, 3)} → ${fmt(p.meanDr.variant, 3)}`,
        ]),
      ),
      '',
    );
  } else out.push('No perturbation was asked (declare a `grid` in the config).', '');
  const agreementTable = (title: string, rows: ReliabilityReport['testRetest']) => {
    if (!rows.length) return;
    out.push(`### ${title}`, '');
    out.push(
      ...table(
        ['model', 'variant', 'item-mean r', 'mean |Δ item mean|', 'identical answers', 'pairs'],
        rows.map((a) => [
          cell(a.model),
          cell(a.variant),
          fmt(a.itemMeanCorrelation, 3),
          fmt(a.meanAbsDifference, 3),
          a.exactAgreement == null ? '–' : `${(100 * a.exactAgreement).toFixed(1)}%`,
          String(a.pairs),
        ]),
      ),
      '',
    );
  };
  agreementTable('Test-retest (another seed)', r.testRetest);
  agreementTable('Agreement between elicitation methods', r.methods);
  if (r.order.length) {
    out.push(
      '### Order effects',
      '',
      'Share of answers on the first and the last listed option, written and reversed order pooled; a position-blind respondent gives the uniform share. Shift: mean item-mean change (original codes) when the order is reversed.',
      '',
    );
    out.push(
      ...table(
        ['model', 'primacy', 'recency', 'uniform', 'shift'],
        r.order.map((o) => [cell(o.model), fmt(o.primacy, 3), fmt(o.recency, 3), fmt(o.uniform, 3), fmt(o.shift, 3)]),
      ),
      '',
    );
  }
  const models = [...new Set(r.alpha.map((a) => a.model))];
  const dims = [...new Set(r.alpha.map((a) => a.dimension))];
  if (models.length) {
    out.push("### Internal consistency (Cronbach's α over each dimension's items, across country samples)", '');
    const alpha = new Map(r.alpha.map((a) => [`${a.model}\u0000${a.dimension}`, a.alpha]));
    out.push(
      ...table(
        ['model', ...dims],
        models.map((m) => [cell(m), ...dims.map((d) => fmt(alpha.get(`${m}\u0000${d}`)))]),
      ),
      '',
    );
  }
  return out;
}
