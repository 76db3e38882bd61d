/**
 * Experiment behind the disattenuated-correlation rows of the analysis README: coverage of the
 * 95 % interval of r* (the old median-centred bootstrap percentile interval and the delta-method
 * interval that replaced it) for simulated respondents with known true correlations.
 *   npx tsx --conditions=@culturebench/source packages/analysis/scripts/disattenuated-coverage.ts [RUNS] [REPLICATES]
 */
import { pearson } from '@culturebench/core';
import { simulationProcess } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { buildContext } from '../src/analyse-run.js';
import { disattenuatedStatistic, withinCorrelationRange } from '../src/analyses/disattenuated.js';
import { RespondentBootstrap } from '../src/bootstrap.js';
import { emptyRealisation } from '../src/context.js';
import { estimate } from '../src/estimate.js';
import { centredInterval } from '../src/quantile.js';
import { nativeStudy, processModel, simulatedManifest, simulateRecords, STUDY_COUNTRIES } from '../src/simulation.js';

/** Core's Pearson r of two complete profiles (never constant here). */
const truePearson = (x: number[], y: number[]): number => pearson(x, y).value!;

const RUNS = Number(process.argv[2] ?? 100);
const REPLICATES = Number(process.argv[3] ?? 200);
const survey = loadVsm2013();
const COUNTRIES = STUDY_COUNTRIES;
const dims = survey.scorer.dimensions;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const [label, opts] of [
  ['shrunk 50 %, 12-point country error, half random', { shrink: 0.5, jitter: 12, noise: 0.5 }],
  ['true r = 1: shrunk 20 %, 40 % random', { shrink: 0.2, jitter: 0, noise: 0.4 }],
] as const) {
  const proc = simulationProcess(survey, COUNTRIES, opts);
  const truth = dims.map((d, j) =>
    truePearson(
      COUNTRIES.map((c) => proc.truth(c)[j]!),
      COUNTRIES.map((c) => survey.groundTruth.countries[c]![d]!),
    ),
  );
  console.log(`${label}; true r ${truth.map((t) => t.toFixed(3)).join(', ')}`);
  for (const n of [10, 20, 40]) {
    const design = nativeStudy(survey, COUNTRIES, [processModel('sim', proc)], n);
    let cells = 0;
    let oldIn = 0;
    let newIn = 0;
    const oldW: number[] = [];
    const newW: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const seed = 9100 + 1000 * n + run;
      const records = simulateRecords(design, seed);
      const manifest = simulatedManifest(design, seed);
      const ctx = buildContext(manifest, survey, records, seed);
      const boot = new RespondentBootstrap(ctx, survey, records, manifest.config);
      const buffer = emptyRealisation(ctx);
      // the statistic's own slots: r, reliability, r*, n, SE; the old interval from the r* replicates
      const raw = { s: { ...disattenuatedStatistic(), assemble: (_c: unknown, est: import('../src/estimate.js').Estimates) => est } };
      const est = estimate(ctx, raw, boot.observed(), (rand) => boot.replicate(rand, buffer), REPLICATES, seed).s;
      dims.forEach((_, j) => {
        const o = j * 5; // model 0 (sim), condition 0
        const rs = est.point(o + 2);
        if (!Number.isFinite(rs)) return;
        cells++;
        const old = centredInterval(rs, est.column(o + 2));
        const { lo, hi } = withinCorrelationRange({ estimate: rs, lo: rs - 1.959964 * est.point(o + 4), hi: rs + 1.959964 * est.point(o + 4) }) as {
          lo: number;
          hi: number;
        };
        if (old.lo !== null && old.hi !== null) {
          if (old.lo <= truth[j]! && truth[j]! <= old.hi) oldIn++;
          oldW.push(old.hi - old.lo);
        }
        if (lo <= truth[j]! && truth[j]! <= hi) newIn++;
        newW.push(hi - lo);
      });
    }
    const pct = (x: number) => ((100 * x) / cells).toFixed(1);
    console.log(
      `  n=${n}: ${cells} dimension-runs; coverage old ${pct(oldIn)} % (median width ${med(oldW).toFixed(3)}), new ${pct(newIn)} % (median width ${med(newW).toFixed(3)})`,
    );
  }
}
