/**
 * The headline number of a run, read from results.json. The analysis may declare which per-model
 * field is its headline (`headlineMetric: { field, label, higherIsBetter }`); without such a
 * declaration it is the noise-corrected skill score (`skill[].skill`) where the run has one, else the
 * mean deviation ratio over countries (`perModel[].meanDr`).
 */
import type { Interval, ResultsDocument } from '@culturebench/analysis';

export interface HeadlineMetric {
  /** perModel field holding the Interval. */
  field: string;
  label: string;
  higherIsBetter: boolean;
}

interface Declared {
  headlineMetric?: { field?: unknown; label?: unknown; higherIsBetter?: unknown };
}

export function headlineMetric(doc: ResultsDocument): HeadlineMetric {
  const declared = (doc as ResultsDocument & Declared).headlineMetric;
  if (declared && typeof declared.field === 'string') {
    return {
      field: declared.field,
      label: typeof declared.label === 'string' ? declared.label : declared.field,
      higherIsBetter: declared.higherIsBetter !== false,
    };
  }
  // The analysis's noise-corrected skill score ranks models when the run has it (issue 10).
  if (Array.isArray(doc.skill) && doc.skill.some((r) => r.condition === doc.headline && r.skill.estimate !== null)) {
    return { field: 'skill', label: 'skill (noise-corrected)', higherIsBetter: true };
  }
  const metric = doc.manifest.survey.metric?.id;
  return { field: 'meanDr', label: metric && metric !== 'deviation-ratio' ? `mean ${metric}` : 'mean DR', higherIsBetter: true };
}

function isInterval(v: unknown): v is Interval {
  return typeof v === 'object' && v !== null && 'estimate' in v && 'lo' in v && 'hi' in v;
}

/** One model's headline in the headline condition, with rank and rank interval where the analysis gives them. */
export interface HeadlineRow {
  model: string;
  kind: 'llm' | 'baseline' | 'simulation' | 'reference';
  value: Interval;
  rank: number | null;
  rankInterval: { lo: number; hi: number } | null;
  nCountries: number;
}

export function headlineRows(doc: ResultsDocument, metric = headlineMetric(doc)): HeadlineRow[] {
  const kinds = new Map(doc.models.map((m) => [m.id, m.kind]));
  if (metric.field === 'skill' && Array.isArray(doc.skill)) {
    return doc.skill
      .filter((r) => r.condition === doc.headline && kinds.has(r.model))
      .map((r) => ({ model: r.model, kind: kinds.get(r.model)!, value: r.skill, rank: r.rank, rankInterval: r.rankInterval, nCountries: r.nCountries }));
  }
  return doc.perModel
    .filter((p) => p.condition === doc.headline && kinds.has(p.model))
    .map((p) => {
      const v = (p as unknown as Record<string, unknown>)[metric.field];
      return {
        model: p.model,
        kind: kinds.get(p.model)!,
        value: isInterval(v) ? v : { estimate: null, lo: null, hi: null },
        rank: p.rank ?? null,
        rankInterval: p.rankInterval ?? null,
        nCountries: p.nCountries,
      };
    });
}
