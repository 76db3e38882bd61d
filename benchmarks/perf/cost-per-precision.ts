/**
 * Cost per precision (issue 12): tokens each elicitation method needs for a country's index to
 * reach the interval width of the default design (`sample`, 20 respondents per item).
 *
 * The simulator of the validity issue (plugins/provider-simulated) had not landed when this was
 * written, so the generating process is declared here, in code:
 *   - a country sample has P = 8 personas (the default persona design: 2 genders × 2 ages × 2
 *     occupations); respondent r is persona r mod P;
 *   - persona j's answer distribution on item i is a discretised normal on 1..5 with mean
 *     μ_i + δ_ij (δ_ij ~ N(0, τ²): how much personas differ) and spread σ = 0.9 (how much one
 *     persona's sampled answers vary);
 *   - `sample` draws one code per respondent; `n-completions` draws the same codes with one request
 *     per persona; `logprobs` returns each persona's distribution (its expectation enters the item
 *     mean); `verbalized` states the same distribution as JSON (optimistic: a model's stated
 *     distribution is assumed to equal the one it samples from).
 * The index is VSM's PDI = 35(m07 − m02) + 25(m20 − m23); its 95 % interval width is 3.92 × its
 * standard deviation over replicates. Tokens: input from the rendered English VSM prompts (≈ 4
 * characters a token), output 1 token per code and 6k + 4 for a stated distribution over k options.
 */
import { surveyPrompter, personaForRespondent, defaultPersonaDesign } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';

const SIGMA = 0.9;
const PERSONAS = 8;
const K = 5;
const PDI = [
  { weight: 35, plus: '7', minus: '2' },
  { weight: 25, plus: '20', minus: '23' },
];
const MU: Record<string, number> = { '7': 3.1, '2': 2.2, '20': 3.4, '23': 2.9 };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function probs(mean: number): number[] {
  const w = Array.from({ length: K }, (_, k) => Math.exp(-((k + 1 - mean) ** 2) / (2 * SIGMA * SIGMA)));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

type Method = 'sample' | 'n-completions' | 'logprobs' | 'verbalized';
export const METHODS: Method[] = ['sample', 'n-completions', 'logprobs', 'verbalized'];

/** Standard deviation of the PDI estimate of one country sample with n respondents per item. */
function pdiSd(method: Method, n: number, tau: number, replicates: number, seed: number): number {
  const rand = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const draw = (p: number[]) => {
    let u = rand();
    for (let k = 0; k < K; k++) if ((u -= p[k]) < 0) return k + 1;
    return K;
  };
  const distribution = method === 'logprobs' || method === 'verbalized';
  let sum = 0;
  let sum2 = 0;
  for (let r = 0; r < replicates; r++) {
    const mean = (item: string) => {
      const ps = Array.from({ length: Math.min(PERSONAS, n) }, () => probs(MU[item] + tau * normal()));
      let total = 0;
      for (let i = 0; i < n; i++) {
        const p = ps[i % ps.length];
        total += distribution ? p.reduce((a, q, k) => a + (k + 1) * q, 0) : draw(p);
      }
      return total / n;
    };
    const pdi = PDI.reduce((a, t) => a + t.weight * (mean(t.plus) - mean(t.minus)), 0);
    sum += pdi;
    sum2 += pdi * pdi;
  }
  const m = sum / replicates;
  return Math.sqrt(Math.max(0, sum2 / replicates - m * m) * (replicates / (replicates - 1)));
}

/** Mean input tokens of one VSM item prompt (English, ≈ 4 characters a token). */
export function promptTokens(): number {
  const survey = loadVsm2013();
  const persona = personaForRespondent(defaultPersonaDesign, 0);
  const chars = survey.items.map((item) =>
    surveyPrompter.render({ survey, item, country: 'US', language: 'en', persona, template: 'first-person' }).messages.reduce((a, m) => a + m.content.length, 0),
  );
  return chars.reduce((a, b) => a + b, 0) / chars.length / 4;
}

/** Tokens to ask the 24 items of one country sample with n respondents per item. */
function tokensFor(method: Method, n: number, input: number, items = 24): number {
  const requests = method === 'n-completions' ? Math.min(PERSONAS, n) : n;
  const output = method === 'verbalized' ? 6 * K + 4 : 1;
  return items * (requests * input + n * output);
}

export interface CostRow {
  tau: number;
  method: Method;
  /** Respondents per item needed to reach the target width (null: not within the searched range). */
  n: number | null;
  width: number | null;
  tokens: number | null;
  /** Tokens of `sample` at the default design divided by this method's. */
  saving: number | null;
}

const GRID = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 60, 80];

export function costPerPrecision(opts: { taus?: number[]; replicates?: number; defaultN?: number } = {}): { rows: CostRow[]; input: number; target: Record<number, number> } {
  const taus = opts.taus ?? [0.1, 0.2, 0.3, 0.5];
  const R = opts.replicates ?? 3000;
  const defaultN = opts.defaultN ?? 20;
  const input = promptTokens();
  const rows: CostRow[] = [];
  const target: Record<number, number> = {};
  for (const tau of taus) {
    const goal = 3.92 * pdiSd('sample', defaultN, tau, R, 1);
    target[tau] = goal;
    const reference = tokensFor('sample', defaultN, input);
    for (const method of METHODS) {
      let found: CostRow = { tau, method, n: null, width: null, tokens: null, saving: null };
      for (const n of GRID) {
        // Common random numbers per n: the same seed for every method.
        const width = 3.92 * pdiSd(method, n, tau, R, 1000 + n);
        // 2 % slack: the target itself is a Monte Carlo estimate.
        if (width <= goal * 1.02) {
          const tokens = tokensFor(method, n, input);
          found = { tau, method, n, width, tokens, saving: reference / tokens };
          break;
        }
      }
      rows.push(found);
    }
  }
  return { rows, input, target };
}

export function costPerPrecisionMarkdown(result = costPerPrecision()): string {
  const f = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));
  const lines = [
    '## Cost per precision (issue 12)',
    '',
    `Tokens to ask one country sample (24 items) so that its PDI reaches the 95 % interval width of the default design (\`sample\`, 20 respondents per item), per elicitation method, under the generating process declared in \`perf/cost-per-precision.ts\` (8 personas, persona spread τ, within-persona spread σ = ${SIGMA}; prompts ≈ ${result.input.toFixed(0)} input tokens). τ is how much personas differ: the smaller it is, the more of an answer's variance is sampling noise that a distribution removes.`,
    '',
    '| τ | target width | method | respondents per item | width | tokens | tokens saved vs sample (n = 20) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...result.rows.map((r) => `| ${r.tau} | ${result.target[r.tau].toFixed(1)} | ${r.method} | ${r.n ?? '> 80'} | ${f(r.width)} | ${r.tokens === null ? '–' : Math.round(r.tokens)} | ${r.saving === null ? '–' : `${r.saving.toFixed(1)}×`} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('cost-per-precision.ts')) process.stdout.write(costPerPrecisionMarkdown() + '\n');
