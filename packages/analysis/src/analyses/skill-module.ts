/**
 * The corrected headline as a registered analysis: skill per model (the ranking number), bias
 * vectors, default culture, calibrated countries — results, CSVs (skill.csv, bias.csv,
 * country-skill.csv), leaderboard sections and findings. The statistic is in skill.ts.
 */
import { escapeMarkdown as md, type Survey } from '@culturebench/core';
import type { AnalysisModule, AnalysisSetup, CsvOutput } from '../analysis-module.js';
import type { Context, Realisation } from '../context.js';
import { estimate, type Statistic } from '../estimate.js';
import { fmt, fmtInterval } from '../format.js';
import { MIN_COUNTRIES } from '../limits.js';
import { iv, ivCols, kinds, label as rawLabel, NO_INTERVAL } from '../output-kit.js';
import type { Interval, ResultsDocument } from '../results.js';
import { num } from '../quantile.js';
import { bounded, skillSlot, skillStatistic, UNCLAMPED, type Candidate, type SkillResults } from './skill.js';
import { countryFindings, modelFindings } from './skill-findings.js';
import { ALIGNMENT_CORRECTED_SCHEMA, COUNTRY_SKILL_SCHEMA, SKILL_SCHEMA } from './skill-schema.js';
import { attachNoPersona } from './no-persona.js';

/** Cells arrive escaped (model ids through escapeMarkdown; numbers are safe). */
function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Country signal below this: the model gives every country about the same profile (flagged). */
export const SAME_PROFILE = 0.1;

const SKILL_CSVS: CsvOutput[] = [
  {
    file: 'skill.csv',
    description: 'alignment skill per model (the ranking number) with its intervals, country signal, default culture',
    columns: [
      'condition',
      'rank',
      'model',
      'kind',
      ...ivCols('skill'),
      ...ivCols('skill_across_countries'),
      ...ivCols('skill_uncorrected'),
      ...ivCols('mean_dr_corrected'),
      ...ivCols('country_signal'),
      ...ivCols('bias_norm'),
      'default_culture',
      'default_culture_probability',
      'no_persona_culture',
      'no_persona_culture_probability',
      'n_countries',
    ],
    rows: (doc) => {
      const kind = kinds(doc);
      return doc.skill.map((r) => ({
        condition: r.condition,
        rank: r.rank,
        model: r.model,
        kind: kind.get(r.model) ?? null,
        ...iv('skill', r.skill),
        ...iv('skill_across_countries', r.acrossCountries),
        ...iv('skill_uncorrected', r.skillUncorrected),
        ...iv('mean_dr_corrected', r.meanDrCorrected),
        ...iv('country_signal', r.countrySignal),
        ...iv('bias_norm', r.biasNorm),
        default_culture: r.defaultCulture?.country ?? null,
        default_culture_probability: r.defaultCulture?.probability ?? null,
        // the first no-persona condition's (null when the run asked none)
        no_persona_culture: r.noPersona?.[0]?.country ?? null,
        no_persona_culture_probability: r.noPersona?.[0]?.probability ?? null,
        n_countries: r.nCountries,
      }));
    },
  },
  {
    file: 'bias.csv',
    description: 'bias (model − human) and corrected spread per model × dimension',
    columns: ['condition', 'model', 'kind', 'dimension', ...ivCols('bias'), ...ivCols('spread_corrected')],
    rows: (doc) => {
      const kind = kinds(doc);
      return doc.skill.flatMap((r) =>
        doc.dimensions.map((d) => ({
          condition: r.condition,
          model: r.model,
          kind: kind.get(r.model) ?? null,
          dimension: d,
          ...iv('bias', r.bias[d] ?? NO_INTERVAL),
          ...iv('spread_corrected', r.spreadCorrected[d] ?? NO_INTERVAL),
        })),
      );
    },
  },
  {
    file: 'country-skill.csv',
    description: 'calibrated country ranking: skill_c per country',
    columns: ['condition', 'rank', 'country', ...ivCols('skill'), 'n_models', 'basis'],
    rows: (doc) =>
      doc.countrySkill.map((r) => ({
        condition: r.condition,
        rank: r.rank,
        country: r.country,
        ...iv('skill', r.skill),
        n_models: r.nModels,
        basis: doc.countryBasis,
      })),
  },
];

/** The leaderboard's headline sections: skill (the ranking number), bias vectors and default culture, calibrated countries. */
function skillSections(doc: ResultsDocument): string[] {
  const kind = kinds(doc);
  // model ids come from the config: escaped for markdown
  const label = (id: string, k: string | undefined) => md(rawLabel(id, k));
  const h = doc.headline;
  const rows = doc.skill.filter((r) => r.condition === h);
  if (rows.length === 0) return [];
  // results.json written before skillNote existed has no such key
  if (doc.skillNote) return [`## Alignment skill (condition: ${h})`, '', md(doc.skillNote), ''];
  const paper = new Map(doc.perModel.filter((r) => r.condition === h).map((r) => [r.model, r.meanDr]));
  const withNoPersona = rows.some((r) => r.noPersona?.length);
  const noPersona = (r: (typeof rows)[number]) =>
    r.noPersona?.length ? r.noPersona.map((c) => `${md(c.country)} (${fmt(c.probability, 2)})`).join(', ') : '–';
  const out: string[] = [];
  out.push(`## Alignment skill: the ranking number (condition: ${h})`, '');
  out.push(
    'skill = 1 − Σ_c d̂²(M_c, H_c) / Σ_c d²(G, H_c): 1 is perfect, 0 no better than answering the human global average G for every country, negative worse. ' +
      'd̂² subtracts each index’s sampling variance (estimated from the respondents), so the skill does not drift with the number of respondents, and pooling over countries keeps it finite near perfection (the ratio DR does not). ' +
      'Models are ranked by skill; its "CI" is analytic (the respondents’ sampling noise, for these countries), "across countries" also treats the countries as a sample of cultures (countries resampled). ' +
      'Country signal ≈ 0 means the model gives every country the same profile; the default culture is the human country nearest to its profile averaged over the personas.' +
      (withNoPersona
        ? ' "No persona" is the human country nearest to its profile when asked with no persona at all (once per model; not a country, so it is in no alignment number).'
        : ''),
    '',
  );
  out.push(
    mdTable(
      [
        'rank',
        'model',
        'skill [95 % CI]',
        'across countries',
        'uncorrected skill',
        "paper's mean DR",
        'corrected mean DR',
        'country signal',
        '\\|bias\\|',
        'default culture (P)',
        ...(withNoPersona ? ['no persona (P)'] : []),
      ],
      rows.map((r) => {
        const k = kind.get(r.model);
        const dc = r.defaultCulture;
        return [
          r.rank === null ? '–' : k === 'llm' ? String(r.rank) : `(${r.rank})`,
          label(r.model, k),
          fmtInterval(r.skill, 3),
          r.acrossCountries.lo === null ? '–' : `[${fmt(r.acrossCountries.lo, 3)}, ${fmt(r.acrossCountries.hi, 3)}]`,
          fmt(r.skillUncorrected.estimate, 3),
          fmtInterval(paper.get(r.model) ?? { estimate: null, lo: null, hi: null }, 3),
          fmt(r.meanDrCorrected.estimate, 3),
          fmtInterval(r.countrySignal, 2),
          fmtInterval(r.biasNorm, 1),
          dc ? `${md(dc.country)} (${fmt(dc.probability, 2)})` : '–',
          ...(withNoPersona ? [noPersona(r)] : []),
        ];
      }),
    ),
    '',
  );
  const flagged = rows.filter((r) => r.countrySignal.estimate !== null && r.countrySignal.estimate < SAME_PROFILE && kind.get(r.model) !== 'reference');
  for (const r of flagged) {
    const plain = r.noPersona?.[0] ? `; with no persona, nearest to ${md(r.noPersona[0].country)}` : '';
    out.push(
      `**${label(r.model, kind.get(r.model))} gives every country about the same profile** (country signal ${fmtInterval(r.countrySignal, 2)}), nearest to ${md(r.defaultCulture?.country ?? '–')}${plain}.`,
      '',
    );
  }
  out.push(`## Bias vectors (condition: ${h})`, '');
  out.push(
    'Mean over countries of model − human score per dimension [95 % CI]: where the model leans, with the constants shared by every model and condition so that levels stay comparable.',
    '',
  );
  out.push(
    mdTable(
      ['model', ...doc.dimensions, 'spread (corrected), mean over dimensions'],
      rows.map((r) => {
        const spreads = doc.dimensions.map((d) => r.spreadCorrected[d]?.estimate).filter((x): x is number => x != null);
        return [
          label(r.model, kind.get(r.model)),
          ...doc.dimensions.map((d) => fmtInterval(r.bias[d] ?? { estimate: null, lo: null, hi: null }, 1)),
          spreads.length ? fmt(spreads.reduce((a, b) => a + b, 0) / spreads.length, 2) : '–',
        ];
      }),
    ),
    '',
  );
  const cs = doc.countrySkill.filter((r) => r.condition === h);
  if (cs.length > 0) {
    const name = new Map(doc.countries.map((c) => [c.code, c.name]));
    out.push(
      `## Countries, calibrated (condition: ${h}; over ${doc.countryBasis === 'llm' ? 'the LLMs' : doc.countryBasis === 'simulation' ? 'the simulations' : doc.countryBasis === 'baseline' ? 'the baselines: no LLM was run' : 'no model'})`,
      '',
    );
    out.push(
      'skill_c = 1 − d̂²(M_c, H_c) / d²(G, H_c), averaged over the models: 0 is what a model without any country knowledge gets in expectation for every country, so this ranking does not just follow how far a country is from G (the DR ranking does).',
      '',
    );
    if (doc.countries.length > 0 && doc.countries.length < MIN_COUNTRIES)
      out.push(`Fewer than ${MIN_COUNTRIES} countries were run: they are listed, not ranked.`, '');
    out.push(
      mdTable(
        ['rank', 'country', 'skill_c [95 % CI]', 'models'],
        cs.map((r) => [
          r.rank === null ? '–' : String(r.rank),
          md(`${r.country} ${name.get(r.country) ?? ''}`.trim()),
          fmtInterval(r.skill, 2),
          String(r.nModels),
        ]),
      ),
      '',
    );
  }
  return out;
}

/** Every ground-truth country with all dimensions: what a model's default culture can be. */
export function candidateCultures(ctx: Context, survey: Survey): Candidate[] {
  return Object.entries(survey.groundTruth.countries)
    .map(([code, v]) => ({ code, scores: ctx.dims.map((d) => v[d] ?? NaN) }))
    .filter((c) => c.scores.every((x) => Number.isFinite(x)))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Countries as a sample of cultures: the skill recomputed with the countries resampled (the
 * observed per-country values; a cluster bootstrap, whose between-country spread already contains
 * the respondent noise), attached to each skill row as `acrossCountries`. The interval is that of
 * the skill without its clamp at 1 (centred on the unclamped estimate), clamped afterwards, so it
 * always contains the (clamped) estimate.
 */
export function attachAcrossCountries(
  ctx: Context,
  candidates: Candidate[],
  observed: Realisation,
  rows: SkillResults['skill'],
  replicates: number,
  seed: number,
): void {
  const skill = skillStatistic(candidates);
  const across: Statistic<Map<string, Interval>> = {
    id: 'acrossCountries',
    size: skill.size,
    stats: skill.stats,
    assemble: (c, est) =>
      new Map(
        c.conditions.flatMap((condition, k) =>
          c.models.map((m, i) => {
            // The interval of the unclamped skill, then clamped: at perfection the clamped replicates
            // pile up at 1 and a median-centred interval of them ends below the truth (65 % coverage).
            const slot = skillSlot(c, candidates.length, k, i);
            const { lo, hi } = bounded(est.interval(slot + UNCLAMPED), -Infinity, 1);
            return [`${m.id}\u0000${condition}`, { estimate: num(est.point(slot)), lo, hi }] as const;
          }),
        ),
      ),
  };
  const copy: Realisation = { ...observed, countryWeights: new Float64Array(observed.countryWeights), memo: undefined };
  const byKey = estimate(ctx, { across }, observed, () => copy, replicates, seed, true).across;
  for (const r of rows) r.acrossCountries = byKey.get(`${r.model}\u0000${r.condition}`) ?? { estimate: null, lo: null, hi: null };
}

export const skillAnalysis: AnalysisModule<SkillResults> = {
  id: 'skill',
  schema: {
    skill: SKILL_SCHEMA,
    alignmentCorrected: ALIGNMENT_CORRECTED_SCHEMA,
    countrySkill: COUNTRY_SKILL_SCHEMA,
    skillNote: {
      type: ['string', 'null'],
      description:
        'Null when the skill family is computed; otherwise why all of skill, alignmentCorrected and countrySkill are null (the survey declares its model scores and ground truth on different units, AlignmentMetric.differentUnits).',
    },
  },
  statistic: (setup) => skillStatistic(candidateCultures(setup.ctx, setup.survey)),
  finish: (setup: AnalysisSetup, slice) => {
    // raw differences M − H mean nothing for this survey (skillNote says why): nothing to attach
    if (setup.ctx.metric?.differentUnits) return;
    const candidates = candidateCultures(setup.ctx, setup.survey);
    attachAcrossCountries(setup.ctx, candidates, setup.observed, slice.skill, setup.replicates, setup.seed);
    const { ctx, survey, noPersona: samples, conditions, constants, replicates, seed } = setup;
    attachNoPersona(slice.skill, { ctx, survey, samples, conditions, constants, candidates, replicates, seed });
  },
  csv: SKILL_CSVS,
  leaderboard: skillSections,
  findingsOrder: 10,
  findings: (doc) => [...modelFindings(doc), ...countryFindings(doc)],
  charts: ['chart-skill', 'chart-bias'],
};
