/**
 * Cost per precision (issue 12): tokens each elicitation method needs for a country's index to
 * reach the interval width of the default design (`sample`, 20 respondents per item), measured
 * through the known-truth simulator (plugins/provider-simulated), the same generating process a
 * user configures with `provider: 'simulated'`:
 *   - each prompt's answer distribution is a discretised normal of spread τ (`spec.tau`, in answer
 *     codes: a temperature-like sharpness) around the item mean the true profile implies;
 *   - each persona moves each item mean by its own N(0, s²) draw (`spec.personaSpread` = s); a
 *     replicate draws new persona shifts (`spec.personaSeed`) and new sampling seeds;
 *   - respondents cycle through the 8 personas of the default design (US, English prompts).
 * Each method runs as the pipeline runs it: the simulated client is invoked with the method's own
 * options (n, logprobs) and its reply read by core's method readers and the real parser.
 * `sample`: one request per respondent; `n-completions`: one per persona with n = its respondents;
 * `logprobs`: one per respondent, the expectation of the code probabilities enters the item mean;
 * `verbalized`: one per respondent, the stated distribution's expectation (optimistic: here a
 * model states exactly the distribution it samples from).
 * PDI = 35(m07 − m02) + 25(m20 − m23) through the survey's scorer; its 95 % interval width is
 * 3.92 × its standard deviation over replicates. Tokens: input ≈ 4 characters a token of the
 * prompts actually sent (once per request), output 1 token per code and 6k + 4 per stated
 * distribution over k options (what a model writes, not the simulator's full-precision JSON).
 */
import {
  builtInMethods,
  defaultPersonaDesign,
  distributionMoments,
  personaForRespondent,
  surveyPrompter,
  type ModelClient,
  type RenderedPrompt,
} from '@culturebench/core';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { createSimulatedClient, simulationProcess, type SimulationProcess } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

type Method = 'sample' | 'n-completions' | 'logprobs' | 'verbalized';
export const METHODS: Method[] = ['sample', 'n-completions', 'logprobs', 'verbalized'];
const PDI_ITEMS = ['2', '7', '20', '23'];
// Up to 24: `sample` reaches its own target at 20, and a method that needs more saves nothing.
const GRID = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24];
const MAX_N = GRID[GRID.length - 1];
const K = 5;

const survey = loadVsm2013();
const COUNTRIES = Object.keys(survey.groundTruth.countries);
const PERSONAS = Object.values(defaultPersonaDesign.traits).reduce((a, v) => a * v.length, 1);

/** The prompts of the default design: [persona][item], as one answer and as a stated distribution. */
function prompts(answerFormat: 'choice' | 'distribution'): RenderedPrompt[][] {
  return Array.from({ length: PERSONAS }, (_, p) =>
    PDI_ITEMS.map((id) =>
      surveyPrompter.render({
        survey,
        item: survey.items.find((i) => i.id === id)!,
        country: 'US',
        language: 'en',
        persona: personaForRespondent(defaultPersonaDesign, p),
        template: defaultPersonaDesign.template,
        variant:
          answerFormat === 'choice'
            ? undefined
            : { optionOrder: 'original', labels: 'labelled', personaPlacement: 'system', wording: 'original', answerFormat },
      }),
    ),
  );
}
const CHOICE = prompts('choice');
const STATED = prompts('distribution');
const inputTokens = (p: RenderedPrompt) => p.messages.reduce((a, m) => a + m.content.length, 0) / 4;

/** Tokens to ask the 24 items of one country sample with n respondents per item (PDI prompts stand for all 24). */
export function tokensFor(method: Method, n: number): number {
  const table = method === 'verbalized' ? STATED : CHOICE;
  let perItemSet = 0;
  const requests = method === 'n-completions' ? Math.min(PERSONAS, n) : n;
  for (let r = 0; r < requests; r++) for (const p of table[r % PERSONAS]) perItemSet += inputTokens(p);
  const output = (method === 'verbalized' ? 6 * K + 4 : 1) * n * PDI_ITEMS.length;
  return ((perItemSet + output) * survey.items.length) / PDI_ITEMS.length;
}

const ctx = (p: RenderedPrompt) => ({
  scaleSize: p.scaleSize,
  optionLabels: p.optionLabels,
  codeMap: p.codeMap ?? [1, 2, 3, 4, 5],
  language: 'en',
  parser: multilingualParser,
});

/** PDI from item means in PDI_ITEMS order, through the survey's own scorer. */
function pdi(means: number[]): number {
  return survey.scorer.rawScores(Object.fromEntries(PDI_ITEMS.map((id, i) => [id, means[i]])))['PDI'] as number;
}

/** Item means of the first n respondents for every n of the grid (NaN when no answer). */
function fromValues(values: (number | null)[][]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const n of GRID) {
    out.set(
      n,
      values.map((v) => {
        const got = v.slice(0, n).filter((x): x is number => x !== null);
        return got.length ? got.reduce((a, b) => a + b, 0) / got.length : NaN;
      }),
    );
  }
  return out;
}

/** One replicate: PDI per method and n, and the within/between variance the logprobs replies show. */
async function replicate(
  process: SimulationProcess,
  client: ModelClient,
  base: number,
): Promise<{ pdi: Record<Method, Map<number, number>>; within: number; between: number }> {
  const pdiOf = (m: Map<number, number[]>) => new Map([...m].map(([n, means]) => [n, pdi(means)]));
  const perRespondent = async (method: 'sample' | 'logprobs' | 'verbalized') => {
    const m = builtInMethods[method];
    const table = method === 'verbalized' ? STATED : CHOICE;
    const values: (number | null)[][] = PDI_ITEMS.map(() => []);
    for (let r = 0; r < MAX_N; r++) {
      for (let i = 0; i < PDI_ITEMS.length; i++) {
        const p = table[r % PERSONAS][i];
        const reply = await client.invoke(p.messages, { seed: base + r, ...m.invokeOptions(1) });
        const [a] = m.interpret({ raw: reply.text, logprobs: reply.logprobs }, ctx(p), 1);
        values[i].push(a.distribution ? distributionMoments(a.distribution).mean : a.answer);
      }
    }
    return values;
  };
  const sample = await perRespondent('sample');
  const logprobs = await perRespondent('logprobs');
  const verbalized = await perRespondent('verbalized');
  // n-completions: per n, one request per persona answering every respondent who has it.
  const nc = builtInMethods['n-completions'];
  const ncMeans = new Map<number, number[]>();
  for (const n of GRID) {
    ncMeans.set(
      n,
      await Promise.all(
        PDI_ITEMS.map(async (_, i) => {
          let sum = 0;
          let count = 0;
          for (let p = 0; p < Math.min(PERSONAS, n); p++) {
            const size = Math.ceil((n - p) / PERSONAS);
            const prompt = CHOICE[p][i];
            const reply = await client.invoke(prompt.messages, { seed: base + p, ...nc.invokeOptions(size) });
            for (const a of nc.interpret({ raw: reply.text, completions: reply.completions?.map((c) => c.text) }, ctx(prompt), size)) {
              if (a.answer !== null) (sum += a.answer), count++;
            }
          }
          return count ? sum / count : NaN;
        }),
      ),
    );
  }
  // What a logprobs run shows of the model: within-persona answer variance vs spread of persona means.
  let within = 0;
  let between = 0;
  for (let i = 0; i < PDI_ITEMS.length; i++) {
    const moments = CHOICE.map((row) => distributionMoments({ probs: [...process.probabilities('US', PDI_ITEMS[i], row[i].messages[0].content)] }));
    const mean = moments.reduce((a, m) => a + m.mean, 0) / PERSONAS;
    within += moments.reduce((a, m) => a + m.variance, 0) / PERSONAS / PDI_ITEMS.length;
    between += moments.reduce((a, m) => a + (m.mean - mean) ** 2, 0) / (PERSONAS - 1) / PDI_ITEMS.length;
  }
  return {
    pdi: {
      sample: pdiOf(fromValues(sample)),
      logprobs: pdiOf(fromValues(logprobs)),
      verbalized: pdiOf(fromValues(verbalized)),
      'n-completions': pdiOf(ncMeans),
    },
    within,
    between,
  };
}

export interface CostRow {
  tau: number;
  spread: number;
  method: Method;
  /** Respondents per item needed to reach the target width (null: not within the searched range). */
  n: number | null;
  width: number | null;
  tokens: number | null;
  /** Tokens of `sample` at the default design divided by this method's. */
  saving: number | null;
}

export interface CostResult {
  rows: CostRow[];
  /** logprobs with one respondent per persona (n = 8, the whole persona design): its width / the target. */
  fullDesign: Record<string, number>;
  /** Target width per (τ, s): `sample` at the default design. */
  target: Record<string, number>;
  /** Mean within-persona answer variance / variance of persona means, per (τ, s), as a logprobs run shows it. */
  ratio: Record<string, number>;
  replicates: number;
  defaultN: number;
}

const cellKey = (tau: number, spread: number) => `${tau}/${spread}`;

export async function costPerPrecision(opts: { taus?: number[]; spreads?: number[]; replicates?: number; defaultN?: number } = {}): Promise<CostResult> {
  const taus = opts.taus ?? [0.3, 0.5, 0.7, 1, 1.5, 2];
  const spreads = opts.spreads ?? [0.15, 0.3];
  const R = opts.replicates ?? 400;
  const defaultN = opts.defaultN ?? 20;
  const rows: CostRow[] = [];
  const target: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  const fullDesign: Record<string, number> = {};
  for (const spread of spreads) {
    for (const tau of taus) {
      const sums = Object.fromEntries(METHODS.map((m) => [m, new Map(GRID.map((n) => [n, [0, 0]]))])) as Record<Method, Map<number, number[]>>;
      let within = 0;
      let between = 0;
      for (let r = 0; r < R; r++) {
        const process = simulationProcess(survey, COUNTRIES, { tau, noise: 0, personaSpread: spread, personaSeed: r });
        const client = createSimulatedClient(process, survey);
        const out = await replicate(process, client, 1_000_003 * (r + 1));
        within += out.within / R;
        between += out.between / R;
        for (const m of METHODS) {
          for (const [n, v] of out.pdi[m]) {
            const s = sums[m].get(n)!;
            s[0] += v;
            s[1] += v * v;
          }
        }
      }
      const sd = (m: Method, n: number) => {
        const [s, s2] = sums[m].get(n)!;
        const mean = s / R;
        return Math.sqrt(Math.max(0, s2 / R - mean * mean) * (R / (R - 1)));
      };
      const goal = 3.92 * sd('sample', defaultN);
      target[cellKey(tau, spread)] = goal;
      ratio[cellKey(tau, spread)] = within / between;
      fullDesign[cellKey(tau, spread)] = (3.92 * sd('logprobs', PERSONAS)) / goal;
      const reference = tokensFor('sample', defaultN);
      for (const method of METHODS) {
        let found: CostRow = { tau, spread, method, n: null, width: null, tokens: null, saving: null };
        for (const n of GRID) {
          const width = 3.92 * sd(method, n);
          // 2 % slack: the target itself is a Monte Carlo estimate.
          if (width <= goal * 1.02) {
            const tokens = tokensFor(method, n);
            found = { tau, spread, method, n, width, tokens, saving: reference / tokens };
            break;
          }
        }
        rows.push(found);
      }
    }
  }
  return { rows, fullDesign, target, ratio, replicates: R, defaultN };
}

export function costPerPrecisionMarkdown(result: CostResult): string {
  const f = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));
  const cell = (tau: number, spread: number, m: Method) => {
    const r = result.rows.find((x) => x.tau === tau && x.spread === spread && x.method === m)!;
    return r.n === null ? `none (n > ${MAX_N})` : `${f(r.saving)}× (n = ${r.n})`;
  };
  const taus = [...new Set(result.rows.map((r) => r.tau))];
  const spreads = [...new Set(result.rows.map((r) => r.spread))];
  const lines = [
    '## Cost per precision (issue 12)',
    '',
    `Tokens saved against \`sample\` at the default design (${result.defaultN} respondents per item) when each method asks just enough respondents for US PDI to reach the same 95 % interval width, through the known-truth simulator (\`plugins/provider-simulated\`: \`tau\` = τ, \`personaSpread\` = s, \`noise\` 0, 8 personas; ${result.replicates} replicates per cell, each with new persona shifts and seeds; \`perf/cost-per-precision.ts\`). τ is the spread of one prompt's answer distribution in answer codes (small: the model nearly always gives one code; large: flat); s is how much personas move an item mean. within/between is the mean within-persona answer variance over the variance of the persona means: what a \`logprobs\` run on a real model shows (\`itemMoments\`), and what decides the saving.`,
    '',
    '| s | τ | within/between | target width | n-completions | logprobs | verbalized | logprobs at n = 8: width / target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...spreads.flatMap((s) =>
      taus.map(
        (t) =>
          `| ${s} | ${t} | ${f(result.ratio[cellKey(t, s)])} | ${f(result.target[cellKey(t, s)])} | ${cell(t, s, 'n-completions')} | ${cell(t, s, 'logprobs')} | ${cell(t, s, 'verbalized')} | ${f(result.fullDesign[cellKey(t, s)], 2)} |`,
      ),
    ),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('cost-per-precision.ts')) {
  const replicates = Number(process.env.REPLICATES ?? 400);
  costPerPrecision({ replicates }).then((r) => process.stdout.write(costPerPrecisionMarkdown(r) + '\n'));
}
