import { bdi, escapeHtml, fmt } from './html.js';
import { cell, numCell, renderTable } from './tables.js';
import type { DocView } from './view.js';

/** The reliability section's tables: perturbations, test-retest and method agreement, α, order effects. */
export function reliabilitySection(v: DocView, chartHtml: string): string {
  const rel = v.doc.reliability;
  if (!rel) return '<p class="empty">This run has no reliability report.</p>';
  const parts: string[] = [
    `<p class="lead">How stable the measurement is. A perturbation's movement of a country profile is compared with the human gap between that country and its nearest other benchmark country (median human between-country distance ${escapeHtml(fmt(rel.human.medianPairwise, 1))}).</p>`,
    chartHtml,
  ];
  if (rel.perturbations.length) {
    parts.push(
      renderTable(
        'table-reliability',
        'Movement of country profiles per model and perturbation',
        [
          { label: 'Model', type: 'text' },
          { label: 'Perturbation', type: 'text' },
          { label: 'Mean move', type: 'num' },
          { label: 'Median move ÷ gap', type: 'num' },
          { label: 'Countries past the gap', type: 'num' },
          { label: 'Mean DR (reference)', type: 'num' },
          { label: 'Mean DR (perturbed)', type: 'num' },
        ],
        rel.perturbations.map((p) => ({
          className: p.exceeded ? 'warn' : '',
          cells: [
            cell(bdi(p.model), p.model),
            cell(bdi(p.variant), p.variant),
            numCell(p.meanMovement, 1),
            numCell(p.medianRatio),
            numCell(p.exceeded, 0),
            numCell(p.meanDr.reference, 3),
            numCell(p.meanDr.variant, 3),
          ],
        })),
      ),
    );
  }
  const agreement = [...rel.testRetest.map((a) => ({ ...a, kind: 'test-retest' })), ...rel.methods.map((a) => ({ ...a, kind: 'method' }))];
  if (agreement.length) {
    parts.push(
      renderTable(
        'table-agreement',
        'Test-retest and method agreement (item means against the reference)',
        [
          { label: 'Model', type: 'text' },
          { label: 'Comparison', type: 'text' },
          { label: 'Item-mean r', type: 'num' },
          { label: 'Mean |Δ|', type: 'num' },
          { label: 'Identical answers', type: 'num' },
        ],
        agreement.map((a) => ({
          cells: [
            cell(bdi(a.model), a.model),
            cell(bdi(`${a.kind}: ${a.variant}`), a.variant),
            numCell(a.itemMeanCorrelation, 3),
            numCell(a.meanAbsDifference, 3),
            numCell(a.exactAgreement, 3),
          ],
        })),
      ),
    );
  }
  const dims = [...new Set(rel.alpha.map((a) => a.dimension))];
  const models = [...new Set(rel.alpha.map((a) => a.model))];
  if (models.length) {
    parts.push(
      renderTable(
        'table-alpha',
        "Cronbach's α of each dimension's items across country samples",
        [{ label: 'Model', type: 'text' }, ...dims.map((d) => ({ label: d, type: 'num' as const }))],
        models.map((m) => ({
          cells: [cell(bdi(m), m), ...dims.map((d) => numCell(rel.alpha.find((a) => a.model === m && a.dimension === d)?.alpha ?? null))],
        })),
      ),
    );
  }
  if (rel.order.length) {
    parts.push(
      renderTable(
        'table-order',
        'Order effects: share of answers on the first and last listed option (uniform = position-blind)',
        [
          { label: 'Model', type: 'text' },
          { label: 'Primacy', type: 'num' },
          { label: 'Recency', type: 'num' },
          { label: 'Uniform', type: 'num' },
          { label: 'Shift', type: 'num' },
        ],
        rel.order.map((o) => ({
          cells: [cell(bdi(o.model), o.model), numCell(o.primacy, 3), numCell(o.recency, 3), numCell(o.uniform, 3), numCell(o.shift, 3)],
        })),
      ),
    );
  }
  return parts.join('\n');
}
