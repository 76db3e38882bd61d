/**
 * The leaderboard across runs, as data: each model's newest run counts; every run a model
 * appears in is its history. Runs must be of one benchmark (checkCompatible).
 */
import type { Interval } from '@culturebench/analysis';
import { InputError } from '@culturebench/core';
import { headlineMetric, headlineRows, type HeadlineMetric } from './headline.js';
import { checkCompatible, runLabel, type LoadedRun } from './runs.js';

export interface BoardEntry {
  model: string;
  kind: 'llm' | 'baseline' | 'simulation' | 'reference';
  /** provider:model of the run that counts (the model version). */
  version: string;
  runId: string;
  date: string;
  value: Interval;
  nCountries: number;
  /** Position among entries of the same kind by point estimate (ties share); null without an estimate. */
  position: number | null;
  /** Per country, the alignment (DR) in the headline condition. */
  countries: Record<string, Interval>;
}

export interface HistoryPoint {
  runId: string;
  date: string;
  version: string;
  value: Interval;
  /** True for the run that counts on the board. */
  current: boolean;
}

export interface Board {
  name: string;
  survey: string;
  headline: string;
  metric: HeadlineMetric;
  countries: { code: string; name: string }[];
  /** LLMs first (best first), then baselines, then the reference. */
  entries: BoardEntry[];
  history: Record<string, HistoryPoint[]>;
  /** Every run used, oldest first. */
  runs: { runId: string; dir: string; date: string; status: string; models: string[]; replicates: number }[];
}

const KIND_ORDER = { llm: 0, simulation: 1, baseline: 2, reference: 3 } as const;

function versionOf(run: LoadedRun, model: string): string {
  const m = run.doc.manifest.models.find((x) => x.id === model);
  return m ? `${m.provider}:${m.model}` : model === 'human-global-average' ? 'analytic reference' : '–';
}

export function buildBoard(input: LoadedRun[]): Board {
  if (input.length === 0) throw new InputError('leaderboard: name at least one run directory');
  // The same run named twice counts once.
  const byId = new Map<string, LoadedRun>();
  for (const r of input) byId.set(runLabel(r), r);
  const runs = [...byId.values()]
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
    .map((x) => x.r);
  checkCompatible(runs);
  const metric = headlineMetric(runs[runs.length - 1].doc);
  for (const run of runs) {
    const m = headlineMetric(run.doc);
    if (m.field !== metric.field) {
      throw new InputError(
        `leaderboard: ${run.dir} has headline metric "${m.field}" but the newest run has "${metric.field}"; regenerate the older run's results with \`culturebench report DIR\``,
      );
    }
  }

  const history: Record<string, HistoryPoint[]> = {};
  const latest = new Map<string, { run: LoadedRun; row: ReturnType<typeof headlineRows>[number] }>();
  for (const run of runs) {
    for (const row of headlineRows(run.doc, metric)) {
      (history[row.model] ??= []).push({ runId: runLabel(run), date: run.date, version: versionOf(run, row.model), value: row.value, current: false });
      latest.set(row.model, { run, row }); // runs are oldest first: the last one wins
    }
  }
  const entries: BoardEntry[] = [...latest.entries()].map(([model, { run, row }]) => {
    const countries: Record<string, Interval> = {};
    for (const a of run.doc.alignment) if (a.model === model && a.condition === run.doc.headline) countries[a.country] = a.dr;
    for (const h of history[model]) h.current = h.runId === runLabel(run);
    return {
      model,
      kind: row.kind,
      version: versionOf(run, model),
      runId: runLabel(run),
      date: run.date,
      value: row.value,
      nCountries: row.nCountries,
      position: null,
      countries,
    };
  });
  const sign = metric.higherIsBetter ? -1 : 1;
  entries.sort((a, b) => {
    const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    if (k) return k;
    const x = a.value.estimate;
    const y = b.value.estimate;
    if (x === null || y === null) return x === y ? (a.model < b.model ? -1 : 1) : x === null ? 1 : -1;
    return sign * (x - y) || (a.model < b.model ? -1 : 1);
  });
  for (const e of entries) {
    if (e.value.estimate === null) continue;
    const better = entries.filter(
      (o) =>
        o.kind === e.kind && o.value.estimate !== null && (metric.higherIsBetter ? o.value.estimate > e.value.estimate! : o.value.estimate < e.value.estimate!),
    );
    e.position = better.length + 1;
  }
  const newest = runs[runs.length - 1].doc;
  return {
    name: newest.manifest.config.name,
    survey: `${newest.manifest.survey.id} ${newest.manifest.survey.version}`,
    headline: newest.headline,
    metric,
    countries: newest.countries.map((c) => ({ code: c.code, name: c.name })),
    entries,
    history,
    runs: runs.map((r) => ({
      runId: runLabel(r),
      dir: r.dir,
      date: r.date,
      status: r.doc.manifest.status,
      models: r.doc.models.map((m) => m.id),
      replicates: r.doc.bootstrap.replicates,
    })),
  };
}
