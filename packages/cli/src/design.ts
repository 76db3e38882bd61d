/**
 * `culturebench design --config FILE`: how many respondents a study needs. Simulates R replicate
 * runs of a benchmark with known-truth respondents (the `simulated` provider's generating process,
 * drawn at the index level and analysed by the real estimators) at each respondents-per-item level,
 * and prints the expected interval width of the headline, its coverage, and how stable the
 * country ranking is from run to run.
 *
 * Design file (JSON, or a .ts/.js module with a default export):
 *   { "benchmark": "vsm.config.ts", "respondents": [10, 20, 40], "runs": 200, "seed": 1,
 *     "respondent": { "shrink": 0.5, "noise": 0.5, "refusal": 0.05 } }
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, LANGUAGE_AVERAGE, loadBenchmarkCountries, loadConfig, resolveConditions, spearman, type Registry } from '@culturebench/core';
import { analyseSimulated, simulateRecords, trueSkill, type SimulationDesign } from '@culturebench/analysis';
import { checkSpec, simulationProcess, type SimulationSpec } from '@culturebench/provider-simulated';

export interface DesignFile {
  /** Benchmark config (relative to the design file). */
  benchmark: string;
  respondents: number[];
  runs?: number;
  seed?: number;
  respondent?: SimulationSpec;
}

export interface DesignLevel {
  respondents: number;
  runs: number;
  trueSkill: number;
  meanSkill: number;
  coverage: number;
  meanWidth: number;
  /** The paper's mean DR (drifts with n) and the uncorrected skill, for comparison. */
  meanPaperDr: number;
  meanUncorrectedSkill: number;
  /** Run-to-run Spearman of the calibrated country ranking, and of the paper's DR ranking. */
  rankingSpearman: number;
  paperRankingSpearman: number;
  /** P(two runs name the same best-aligned country), calibrated and paper. */
  sameBest: number;
  paperSameBest: number;
  msPerRun: number;
}

async function readDesignFile(file: string): Promise<DesignFile> {
  let raw: unknown;
  try {
    raw = /\.(ts|js|mjs)$/.test(file)
      ? ((await import(pathToFileURL(resolve(file)).href)) as { default: unknown }).default
      : JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`--config ${file}: cannot read the design file (${(e as Error).message}); fix: give a JSON file or a module with a default export`);
  }
  const d = raw as Partial<DesignFile>;
  if (!d || typeof d !== 'object') throw new InputError(`${file}: the design must be an object`);
  if (typeof d.benchmark !== 'string') throw new InputError(`${file}: field "benchmark": the path of a benchmark config (e.g. "vsm.config.ts")`);
  if (!Array.isArray(d.respondents) || d.respondents.length === 0 || !d.respondents.every((n) => Number.isInteger(n) && n >= 2 && n <= 1000)) {
    throw new InputError(`${file}: field "respondents": a list of whole numbers from 2 to 1000, e.g. [10, 20, 40]`);
  }
  if (d.runs !== undefined && !(Number.isInteger(d.runs) && d.runs >= 2 && d.runs <= 100_000))
    throw new InputError(`${file}: field "runs": a whole number from 2 to 100000`);
  if (d.seed !== undefined && !Number.isInteger(d.seed)) throw new InputError(`${file}: field "seed": a whole number`);
  return d as DesignFile;
}

/** Pairs of consecutive runs: mean Spearman of their country orders and P(same best). */
function stability(orders: { country: string; value: number | null }[][]): { rho: number; sameBest: number } {
  let rho = 0;
  let same = 0;
  let pairs = 0;
  for (let i = 0; i + 1 < orders.length; i += 2) {
    const a = orders[i]!;
    const b = orders[i + 1]!;
    const byB = new Map(b.map((r) => [r.country, r.value]));
    rho +=
      spearman(
        a.map((r) => r.value),
        a.map((r) => byB.get(r.country) ?? null),
      ).value ?? 0;
    if (a[0]?.country === b[0]?.country) same++;
    pairs++;
  }
  return { rho: pairs ? rho / pairs : NaN, sameBest: pairs ? same / pairs : NaN };
}

export async function runDesign(
  registry: Registry,
  file: string,
  log: (line: string) => void = () => {},
): Promise<{ design: DesignFile; levels: DesignLevel[] }> {
  const design = await readDesignFile(file);
  const config = await loadConfig(resolve(dirname(file), design.benchmark));
  const entry = registry.surveys[config.survey];
  if (!entry) throw new InputError(`${design.benchmark}: unknown survey "${config.survey}"`);
  const survey = entry.load();
  // The study's measures are the alignment skill's; a survey scored on other units than its ground truth has none.
  const units = survey.alignmentMetric?.differentUnits;
  if (units)
    throw new InputError(
      `${design.benchmark}: survey "${survey.id}" has no alignment skill to design for (${units}); fix: run the design study on a survey whose scores and ground truth share units (e.g. vsm2013)`,
    );
  const spec = design.respondent ?? { shrink: 0.5 };
  const problem = checkSpec(spec, survey);
  if (problem) throw new InputError(`${file}: field "respondent": ${problem}`);
  const native = Object.fromEntries(Object.values(loadBenchmarkCountries()).map((c) => [c.iso2, c.language]));
  const countries = config.countries.map((c) => {
    const code = typeof c === 'string' ? c : c.code;
    const language = typeof c === 'string' ? native[c] : c.language;
    if (!language)
      throw new InputError(`${design.benchmark}: field "countries": no native language known for ${code}; write { code: '${code}', language: '<tag>' }`);
    return { code, language };
  });
  const codes = countries.map((c) => c.code);
  const proc = simulationProcess(survey, codes, spec);
  const truth = trueSkill(survey, codes, proc.truth);
  const runs = design.runs ?? 200;
  // The design study measures the shared-constants scheme unless the benchmark fixes constants.
  const constants = config.constants.mode === 'anchored' ? ({ mode: 'global' } as const) : config.constants;
  const levels: DesignLevel[] = [];
  for (const n of design.respondents) {
    const sim: SimulationDesign = {
      survey,
      countries,
      // the study simulates the country conditions; a no-persona sample is no country's
      conditions: resolveConditions(config).filter((c) => c.persona !== false),
      aggregates: config.aggregates,
      headline: config.headline,
      constants,
      models: [{ id: 'simulated', cumulative: (c, item) => proc.cumulative(c, item), refusal: proc.refusal }],
      respondents: n,
    };
    const t0 = performance.now();
    const skills: number[] = [];
    const raws: number[] = [];
    const drs: number[] = [];
    let covered = 0;
    let width = 0;
    const calibrated: { country: string; value: number | null }[][] = [];
    const paper: { country: string; value: number | null }[][] = [];
    for (let r = 0; r < runs; r++) {
      const seed = (design.seed ?? 1) * 1_000_003 + n * 10_007 + r;
      const a = analyseSimulated(sim, simulateRecords(sim, seed), 0, seed);
      const row = a.skill.find((s) => s.condition === config.headline)!;
      skills.push(row.skill.estimate ?? NaN);
      raws.push(row.skillUncorrected.estimate ?? NaN);
      drs.push(a.perModel.find((p) => p.condition === config.headline)?.meanDr.estimate ?? NaN);
      if (row.skill.lo !== null && row.skill.hi !== null) {
        if (row.skill.lo <= truth && truth <= row.skill.hi) covered++;
        width += row.skill.hi - row.skill.lo;
      }
      calibrated.push(a.countrySkill.filter((c) => c.condition === config.headline).map((c) => ({ country: c.country, value: c.skill.estimate })));
      paper.push(a.perCountry.filter((c) => c.condition === config.headline).map((c) => ({ country: c.country, value: c.meanDr.estimate })));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const cal = stability(calibrated);
    const pap = stability(paper);
    const level: DesignLevel = {
      respondents: n,
      runs,
      trueSkill: truth,
      meanSkill: mean(skills),
      coverage: covered / runs,
      meanWidth: width / runs,
      meanPaperDr: mean(drs),
      meanUncorrectedSkill: mean(raws),
      rankingSpearman: cal.rho,
      paperRankingSpearman: pap.rho,
      sameBest: cal.sameBest,
      paperSameBest: pap.sameBest,
      msPerRun: (performance.now() - t0) / runs,
    };
    levels.push(level);
    log(designRow(level));
  }
  return { design, levels };
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

export const DESIGN_HEADER = [
  '| respondents per item | runs | true skill | mean skill | 95 % CI coverage | mean CI width | uncorrected skill | paper mean DR | ranking ρ (calibrated / paper DR) | P(same best country) (calibrated / paper DR) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

export function designRow(l: DesignLevel): string {
  return `| ${l.respondents} | ${l.runs} | ${f(l.trueSkill, 3)} | ${f(l.meanSkill, 3)} | ${f(100 * l.coverage, 1)} % | ${f(l.meanWidth, 3)} | ${f(l.meanUncorrectedSkill, 3)} | ${f(l.meanPaperDr)} | ${f(l.rankingSpearman)} / ${f(l.paperRankingSpearman)} | ${f(l.sameBest)} / ${f(l.paperSameBest)} |`;
}

export { LANGUAGE_AVERAGE };
