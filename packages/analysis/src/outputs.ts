/**
 * Writers: results.json (canonical, rounded), one CSV per analysis, and leaderboard.md (replaces
 * core's). The same document gives the same bytes.
 */
import { join } from 'node:path';
import { answerTotalsByModel, escapeMarkdown as md, toCsv as coreToCsv, writeFileAtomic } from '@culturebench/core';
import { canonicalJson, fmt, fmtInterval } from './format.js';
import { skillCsvs, skillSections } from './skill-outputs.js';
import { webSection } from './web-outputs.js';
import { languageAverageNote } from './language-note.js';
import { MIN_COUNTRIES } from './findings.js';
import { ALL_LLMS, type Interval, type ResultsDocument } from './results.js';

export const RESULTS_FILE = 'results.json';
export const LEADERBOARD_FILE = 'leaderboard.md';

/** The CSV files and their columns, in writing order. */
export const ANALYSIS_CSV_FILES = [
  'per-country.csv',
  'per-model.csv',
  'middle-ground.csv',
  'middle-ground-distance.csv',
  'origin.csv',
  'language.csv',
  'dimensions.csv',
  'web-content.csv',
  'web-content-points.csv',
  'skill.csv',
  'bias.csv',
  'country-skill.csv',
] as const;

/** core's toCsv (quoting, 6-decimal rounding), with exactly one final newline (core's ends in a blank line). */
function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return coreToCsv(rows, columns).replace(/\n+$/, '\n');
}

/** Interval → three columns `<name>`, `<name>_lo`, `<name>_hi`. */
function iv(name: string, i: Interval): Record<string, number | null> {
  return { [name]: i.estimate, [`${name}_lo`]: i.lo, [`${name}_hi`]: i.hi };
}
const ivCols = (name: string) => [name, `${name}_lo`, `${name}_hi`];

function kinds(doc: ResultsDocument): Map<string, string> {
  return new Map(doc.models.map((m) => [m.id, m.kind]));
}

/** CSV text per file name. */
export function analysisCsvs(doc: ResultsDocument): Record<(typeof ANALYSIS_CSV_FILES)[number], string> {
  const kind = kinds(doc);
  const origin = new Map(doc.models.map((m) => [m.id, m.origin]));
  const lang = new Map(doc.countries.map((c) => [c.code, c]));
  return {
    ...skillCsvs(doc, kind),
    'per-country.csv': toCsv(
      doc.perCountry.map((r) => ({
        condition: r.condition,
        rank: r.rank,
        country: r.country,
        name: lang.get(r.country)?.name ?? r.country,
        language: lang.get(r.country)?.language ?? null,
        ...iv('mean_dr', r.meanDr),
        median_dr: r.medianDr,
        n_models: r.nModels,
        basis: doc.countryBasis,
        baseline_distance: r.baselineDistance,
      })),
      ['condition', 'rank', 'country', 'name', 'language', ...ivCols('mean_dr'), 'median_dr', 'n_models', 'basis', 'baseline_distance'],
    ),
    'per-model.csv': toCsv(
      doc.perModel.map((r) => ({
        condition: r.condition,
        rank: r.rank,
        model: r.model,
        kind: kind.get(r.model),
        origin: origin.get(r.model) ?? null,
        ...iv('mean_dr', r.meanDr),
        ...iv('median_dr', r.medianDr),
        n_countries: r.nCountries,
        rank_lo: r.rankInterval?.lo ?? null,
        rank_hi: r.rankInterval?.hi ?? null,
        rank_probabilities: r.rankProbabilities,
      })),
      ['condition', 'rank', 'model', 'kind', 'origin', ...ivCols('mean_dr'), ...ivCols('median_dr'), 'n_countries', 'rank_lo', 'rank_hi', 'rank_probabilities'],
    ),
    'middle-ground.csv': toCsv(
      doc.middleGround.map((r) => ({
        model: r.model,
        kind: kind.get(r.model),
        condition: r.condition,
        dimension: r.dimension,
        ...iv('spread_ratio', r.spreadRatio),
        model_sd: r.modelSd,
        human_sd: r.humanSd,
      })),
      ['model', 'kind', 'condition', 'dimension', ...ivCols('spread_ratio'), 'model_sd', 'human_sd'],
    ),
    'middle-ground-distance.csv': toCsv(
      doc.middleGroundDistance.map((r) => ({
        model: r.model,
        kind: kind.get(r.model),
        condition: r.condition,
        ...iv('to_global', r.toGlobal),
        ...iv('to_country', r.toCountry),
        human_to_global: r.humanToGlobal,
        n_countries: r.nCountries,
      })),
      ['model', 'kind', 'condition', ...ivCols('to_global'), ...ivCols('to_country'), 'human_to_global', 'n_countries'],
    ),
    'origin.csv': toCsv(
      doc.origin.flatMap((o) =>
        o.tests.map((t) => {
          const g = o.groups.find((x) => x.origin === t.origin)!;
          return {
            first: o.pair[0],
            second: o.pair[1],
            condition: o.condition,
            origin: t.origin,
            models: g.models,
            n: t.n,
            ...iv('dr_first', g.dr[o.pair[0]]!),
            ...iv('dr_second', g.dr[o.pair[1]]!),
            ...iv('mean_difference', t.meanDifference),
            p_value: t.pValue,
            test: t.test,
            note: t.note,
          };
        }),
      ),
      ['first', 'second', 'condition', 'origin', 'models', 'n', ...ivCols('dr_first'), ...ivCols('dr_second'), ...ivCols('mean_difference'), 'p_value', 'test', 'note'],
    ),
    'language.csv': toCsv(
      doc.language.map((r) => ({ model: r.model, kind: r.model === ALL_LLMS ? 'all-llms' : kind.get(r.model), condition: r.condition, ...iv('mean_dr', r.meanDr) })),
      ['model', 'kind', 'condition', ...ivCols('mean_dr')],
    ),
    'dimensions.csv': toCsv(
      doc.dimensionAgreement.map((r) => ({
        model: r.model,
        kind: kind.get(r.model),
        condition: r.condition,
        dimension: r.dimension,
        n: r.n,
        ...iv('pearson', r.pearson),
        ...iv('spearman', r.spearman),
        ...iv('kendall', r.kendall),
        ...iv('mean_abs_error', r.meanAbsError),
        note: r.n < MIN_COUNTRIES ? `n < ${MIN_COUNTRIES}: no correlation` : '',
      })),
      ['model', 'kind', 'condition', 'dimension', 'n', ...ivCols('pearson'), ...ivCols('spearman'), ...ivCols('kendall'), ...ivCols('mean_abs_error'), 'note'],
    ),
    'web-content.csv': toCsv(
      doc.webContent.map((w) => ({
        measure: w.measure,
        condition: w.condition,
        basis: doc.countryBasis,
        n: w.n,
        ...iv('pearson', w.pearson),
        ...iv('spearman', w.spearman),
        permutation_p: w.inference.pValue,
        permutations: w.inference.permutations,
        permutation_seed: w.inference.seed,
        carried_by: w.inference.carriedBy.join(' '),
        direction_supported: w.inference.supported,
        note: w.n < MIN_COUNTRIES ? `n < ${MIN_COUNTRIES}: no correlation` : '',
      })),
      ['measure', 'condition', 'basis', 'n', ...ivCols('pearson'), ...ivCols('spearman'), 'permutation_p', 'permutations', 'permutation_seed', 'carried_by', 'direction_supported', 'note'],
    ),
    'web-content-points.csv': toCsv(
      doc.webContent.flatMap((w) =>
        w.points.map((p) => {
          const loo = w.inference.leaveOneOut.find((l) => l.country === p.country);
          return {
            measure: w.measure,
            condition: w.condition,
            country: p.country,
            language: p.language,
            share: p.share,
            mean_dr: p.meanDr,
            pearson_without: loo?.pearson ?? null,
            permutation_p_without: loo?.pValue ?? null,
            sign_changes_without: loo?.signChanges ?? null,
            significance_changes_without: loo?.significanceChanges ?? null,
          };
        }),
      ),
      ['measure', 'condition', 'country', 'language', 'share', 'mean_dr', 'pearson_without', 'permutation_p_without', 'sign_changes_without', 'significance_changes_without'],
    ),
  };
}

function mdTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const line = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function label(id: string, kind: string | undefined): string {
  if (kind === 'baseline') return `${id} (baseline)`;
  if (kind === 'simulation') return `${id} (simulation)`;
  if (kind === 'reference') return `${id} (reference)`;
  return id;
}

/** leaderboard.md: findings, the headline table with intervals, conditions, countries, skips. */
export function leaderboardMarkdown(doc: ResultsDocument): string {
  const m = doc.manifest;
  const c = m.config;
  const kind = kinds(doc);
  const origin = new Map(doc.models.map((x) => [x.id, x.origin]));
  const h = doc.headline;
  const totals = answerTotalsByModel(doc.answers);
  const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
  const R = doc.bootstrap.replicates;
  const out: string[] = [];
  out.push(`# culturebench leaderboard: ${md(c.name)}`, '');
  out.push(
    `Run \`${m.runId}\` (${m.status}) · survey ${md(m.survey.id)} ${md(m.survey.version)} · ground truth: ${md(m.survey.groundTruth.name)} (${md(m.survey.groundTruth.version)}) · ${c.countries.length} countries · ${c.samples} respondents per item · temperature ${c.temperature} · persona template "${md(c.persona.template)}"`,
    '',
  );
  const declared = c.benchmarkCountries ?? c.countries.map((x) => x.code);
  if (c.countries.length < declared.length) {
    // the config's name may say "(20 countries)": say which were run, and that G stays the benchmark's
    out.push(`**${c.countries.length} of ${declared.length} benchmark countries run: ${c.countries.map((x) => md(x.code)).join(', ')}** (G is the human average over all ${declared.length}).`, '');
  }
  out.push(`Constants: ${doc.constants.description}.`, '');
  out.push(
    R > 0
      ? `Uncertainty: ${R} bootstrap replicates over respondents (seed ${doc.bootstrap.seed}); brackets are 95 % percentile intervals.`
      : 'Uncertainty: no bootstrap replicates were drawn; point estimates only.',
    '',
  );
  if (doc.findings.length > 0) {
    out.push('## Key findings', '');
    for (const f of doc.findings) out.push(`- ${f}`);
    out.push('');
  }
  out.push(...skillSections(doc, kind, label));

  out.push(`## The paper's deviation ratio (reproduction; condition: ${h})`, '');
  const metric = m.survey.metric;
  out.push(
    (metric && metric.id !== 'deviation-ratio'
      ? `Metric (${metric.id}): ${metric.description}. The "DR" columns hold this metric's value.`
      : "Deviation ratio DR_c = d(G, H_c) / d(M_c, H_c), the paper's formula, kept so that the reproduction stays visible: above 1 the model is closer to country c than the human global average G is. It is not the ranking number: sampling noise inflates d(M, H), so DR grows with the number of respondents, rewards low-variance answering, and its intervals do not cover the noise-free value.") +
      ' LLMs are ranked among the LLMs; a baseline’s or the reference’s rank (in parentheses) is its place among all rows.',
    '',
  );
  const headline = doc.perModel.filter((r) => r.condition === h);
  out.push(
    mdTable(
      ['rank', 'model', 'origin', 'mean DR [95 % CI]', 'median DR [95 % CI]', 'rank interval', 'countries', 'answered', 'refused', 'invalid', 'errors'],
      headline.map((r) => {
        const k = kind.get(r.model);
        const t = totals.get(r.model);
        const rank = r.rank === null ? '–' : k === 'llm' ? String(r.rank) : `(${r.rank})`;
        const ri = r.rankInterval ? (r.rankInterval.lo === r.rankInterval.hi ? String(r.rankInterval.lo) : `${r.rankInterval.lo}–${r.rankInterval.hi}`) : '–';
        return [
          rank,
          label(r.model, k),
          origin.get(r.model) ?? '–',
          fmtInterval(r.meanDr, 3),
          fmtInterval(r.medianDr, 3),
          ri,
          String(r.nCountries),
          t ? pct(t.answers, t.total) : '–',
          t ? pct(t.refusals, t.total) : '–',
          t ? pct(t.invalid, t.total) : '–',
          t ? pct(t.errors, t.total) : '–',
        ];
      }),
    ),
    '',
  );

  out.push('## Mean DR by prompt condition', '');
  const byModelCond = new Map(doc.language.map((r) => [`${r.model}\u0000${r.condition}`, r.meanDr]));
  const modelOrder = [...headline.map((r) => r.model), ...(doc.language.some((r) => r.model === ALL_LLMS) ? [ALL_LLMS] : [])];
  out.push(
    mdTable(
      ['model', ...doc.conditions],
      modelOrder.map((id) => [
        id === ALL_LLMS ? 'all LLMs (mean)' : label(id, kind.get(id)),
        ...doc.conditions.map((cond) => {
          const i = byModelCond.get(`${id}\u0000${cond}`);
          return i ? fmtInterval(i, 3) : '–';
        }),
      ]),
    ),
    '',
  );

  const basis = doc.countryBasis === 'llm' ? 'the LLMs' : doc.countryBasis === 'baseline' ? 'the baselines: no LLM was run' : 'no model';
  out.push(`## Countries (condition: ${h}; mean DR over ${basis})`, '');
  const country = new Map(doc.countries.map((x) => [x.code, x]));
  out.push(
    mdTable(
      ['rank', 'country', 'language', 'd(G, H)', 'mean DR [95 % CI]', 'median DR', 'models'],
      doc.perCountry
        .filter((r) => r.condition === h)
        .map((r) => [
          r.rank === null ? '–' : String(r.rank),
          `${r.country} ${country.get(r.country)?.name ?? ''}`.trim(),
          country.get(r.country)?.language ?? '–',
          fmt(r.baselineDistance, 1),
          fmtInterval(r.meanDr, 3),
          fmt(r.medianDr, 3),
          String(r.nModels),
        ]),
    ),
    '',
  );

  out.push(...languageAverageNote(doc), ...webSection(doc, MIN_COUNTRIES), ...scoresByCondition(doc, kind), ...nonAnswersByLanguage(doc, kind));

  if (m.skipped.length > 0) {
    out.push('## Skipped models', '');
    for (const s of m.skipped) out.push(`- **${md(s.id)}** (${md(s.provider)}): ${md(s.reason)}. To enable: ${md(s.fix)}`);
    out.push('');
  }
  if (m.stopped && m.stopped.length > 0) {
    out.push('## Stopped models', '', 'These models were stopped during the run; their results cover only what they answered before.', '');
    for (const s of m.stopped) out.push(`- **${md(s.id)}**: ${md(s.reason)}`);
    out.push('');
  }
  out.push('Details: results.json (everything, with intervals), per-country.csv, per-model.csv, middle-ground.csv, origin.csv, language.csv, dimensions.csv, web-content.csv.', '');
  return out.join('\n');
}

/**
 * Per model, each country's scores under every condition side by side (dimensions in the
 * survey's order), folded so that the leaderboard stays short.
 */
function scoresByCondition(doc: ResultsDocument, kind: Map<string, string>): string[] {
  const dims = doc.dimensions;
  const score = new Map(doc.scores.map((r) => [`${r.model}\u0000${r.country}\u0000${r.condition}\u0000${r.dimension}`, r.score.estimate]));
  const models = doc.models.filter((x) => x.kind !== 'reference').map((x) => x.id);
  if (models.length === 0) return [];
  const out = ['## Scores by condition', '', `Each cell: ${dims.join(' · ')} (human scores in the last column).`, ''];
  for (const id of models) {
    const cell = (country: string, condition: string) =>
      dims.map((d) => fmt(score.get(`${id}\u0000${country}\u0000${condition}\u0000${d}`) ?? null, 0)).join(' · ');
    out.push(`<details><summary>${label(id, kind.get(id))}</summary>`, '');
    out.push(
      mdTable(
        ['country', ...doc.conditions, 'human'],
        doc.countries.map((c) => [
          c.code,
          ...doc.conditions.map((cond) => cell(c.code, cond)),
          dims.map((d) => fmt(doc.human.countries[c.code]?.[d] ?? null, 0)).join(' · '),
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

/** Share of replies that were not an answer (refusal, invalid or error), per model × prompt language. */
function nonAnswersByLanguage(doc: ResultsDocument, kind: Map<string, string>): string[] {
  if (doc.answers.length === 0) return [];
  const languages = [...new Set(doc.answers.map((a) => a.language))].sort();
  const models = [...new Set(doc.answers.map((a) => a.model))];
  const byKey = new Map(doc.answers.map((a) => [`${a.model}\u0000${a.language}`, a]));
  const cell = (model: string, lang: string) => {
    const a = byKey.get(`${model}\u0000${lang}`);
    if (!a || a.total === 0) return '–';
    const pct = (n: number) => `${((100 * n) / a.total).toFixed(1)}`;
    return a.answers === a.total ? '0' : `${pct(a.total - a.answers)} (r ${pct(a.refusals)}, i ${pct(a.invalid)}, e ${pct(a.errors)})`;
  };
  return [
    '## Non-answers by prompt language',
    '',
    'Percent of replies that were not an answer: r = refused, i = invalid (no answer, ambiguous, out of range), e = request failed. Non-answers are left out of the scores, never imputed.',
    '',
    mdTable(['model', ...languages], models.map((m) => [label(m, kind.get(m)), ...languages.map((l) => cell(m, l))])),
    '',
  ];
}

/** Writes results.json, the CSVs and leaderboard.md into the run directory; returns the leaderboard. */
export function writeAnalysisOutputs(runDir: string, doc: ResultsDocument): string {
  writeFileAtomic(join(runDir, RESULTS_FILE), canonicalJson(doc));
  for (const [file, text] of Object.entries(analysisCsvs(doc))) writeFileAtomic(join(runDir, file), text);
  const md = leaderboardMarkdown(doc);
  writeFileAtomic(join(runDir, LEADERBOARD_FILE), md);
  return md;
}
