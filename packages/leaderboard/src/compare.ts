/**
 * `culturebench compare A B`: two runs (one model each, or the model named with --model-a/-b), or
 * two models of one run. Reads each run's manifest, results.json and responses.jsonl through
 * core's and analysis' public readers, then runs the paired bootstrap.
 */
import { join } from 'node:path';
import { InputError, readAnswerRows, surveyForManifest, type AnswerRow, type Registry } from '@culturebench/core';
import { pairedBootstrap, type PairedResult } from './paired.js';
import { checkCompatible, loadRun, runLabel, type LoadedRun } from './runs.js';

export interface CompareArgs {
  a: string;
  /** Second run directory; omitted = two models of run A. */
  b?: string;
  modelA?: string;
  modelB?: string;
  condition?: string;
  replicates?: number;
  seed?: number;
}

export interface Comparison extends PairedResult {
  a: { run: string; dir: string; model: string; kind: string };
  b: { run: string; dir: string; model: string; kind: string };
  metric: string;
  survey: string;
  dimensions: PairedResult['dimensions'];
  countryNames: Record<string, string>;
}

function pickModel(run: LoadedRun, wanted: string | undefined, flag: string, exclude?: string): string {
  const ids = run.doc.manifest.models.map((m) => m.id);
  if (wanted !== undefined) {
    if (!ids.includes(wanted)) throw new InputError(`${flag}: model "${wanted}" is not in run ${run.dir} (its models: ${ids.join(', ') || 'none'})`);
    return wanted;
  }
  const llms = run.doc.manifest.models.filter((m) => m.kind === 'llm' && m.id !== exclude).map((m) => m.id);
  const candidates = llms.length ? llms : ids.filter((id) => id !== exclude);
  if (candidates.length === 1) return candidates[0];
  throw new InputError(`${flag}: run ${run.dir} has ${candidates.length} candidate models (${candidates.join(', ')}); name one with ${flag} ID`);
}

function rowsOf(run: LoadedRun, model: string): AnswerRow[] {
  return readAnswerRows([join(run.dir, 'responses.jsonl')]).filter((r) => r.model === model && r.error === null);
}

export function compareRuns(registry: Registry, args: CompareArgs): Comparison {
  const runA = loadRun(args.a, 'compare A');
  const runB = args.b === undefined ? runA : loadRun(args.b, 'compare B');
  if (runB !== runA) checkCompatible([runA, runB], 'compare');
  const modelA = pickModel(runA, args.modelA, '--model-a');
  const modelB = pickModel(runB, args.modelB, '--model-b', runB === runA ? modelA : undefined);
  if (runA === runB && modelA === modelB)
    throw new InputError(`compare: --model-a and --model-b are both "${modelA}"; name two different models of the run, or two runs`);
  const condition = args.condition ?? runA.doc.headline;
  if (!runA.doc.conditions.includes(condition))
    throw new InputError(`--condition: "${condition}" is not a condition of run ${runA.dir} (its conditions: ${runA.doc.conditions.join(', ')})`);
  const replicates = args.replicates ?? 1000;
  if (!(Number.isInteger(replicates) && replicates >= 0)) throw new InputError(`--replicates: must be a whole number ≥ 0, got ${replicates}`);
  const manifest = runA.doc.manifest;
  const survey = surveyForManifest(registry, manifest, join(runA.dir, 'manifest.json'));
  const a = rowsOf(runA, modelA);
  const b = rowsOf(runB, modelB);
  for (const [rows, run, model] of [
    [a, runA, modelA],
    [b, runB, modelB],
  ] as const) {
    if (rows.length === 0) throw new InputError(`compare: model "${model}" has no answered requests in ${join(run.dir, 'responses.jsonl')}`);
  }
  const result = pairedBootstrap({ manifest, survey, a, b, condition, replicates, seed: args.seed ?? manifest.config.seed });
  const kind = (run: LoadedRun, id: string) => run.doc.manifest.models.find((m) => m.id === id)?.kind ?? 'llm';
  return {
    ...result,
    a: { run: runLabel(runA), dir: runA.dir, model: modelA, kind: kind(runA, modelA) },
    b: { run: runLabel(runB), dir: runB.dir, model: modelB, kind: kind(runB, modelB) },
    metric: manifest.survey.metric?.id ?? 'deviation-ratio',
    survey: `${manifest.survey.id} ${manifest.survey.version}`,
    countryNames: Object.fromEntries(runA.doc.countries.map((c) => [c.code, c.name])),
  };
}
