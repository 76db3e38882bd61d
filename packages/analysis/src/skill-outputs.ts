/** The corrected headline in leaderboard.md and its CSVs (skill.csv, bias.csv, country-skill.csv). */
import { escapeMarkdown as md, toCsv as coreToCsv } from '@culturebench/core';
import { fmt, fmtInterval } from './format.js';
import type { Interval, ResultsDocument } from './results.js';

const toCsv = (rows: Record<string, unknown>[]) => coreToCsv(rows, rows.length ? Object.keys(rows[0]!) : []).replace(/\n+$/, '\n');
const iv = (name: string, i: Interval) => ({ [name]: i.estimate, [`${name}_lo`]: i.lo, [`${name}_hi`]: i.hi });

/** Cells arrive escaped (model ids through escapeMarkdown; numbers are safe). */
function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Country signal below this: the model gives every country about the same profile (flagged). */
export const SAME_PROFILE = 0.1;

export function skillCsvs(doc: ResultsDocument, kind: Map<string, string>): Record<'skill.csv' | 'bias.csv' | 'country-skill.csv', string> {
  const withNoPersona = doc.skill.some((r) => r.noPersona?.length);
  return {
    'skill.csv': toCsv(
      doc.skill.map((r) => ({
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
        // Only a run with a no-persona condition has these columns.
        ...(withNoPersona ? { no_persona_culture: r.noPersona?.[0]?.country ?? null, no_persona_culture_probability: r.noPersona?.[0]?.probability ?? null } : {}),
        n_countries: r.nCountries,
      })),
    ),
    'bias.csv': toCsv(
      doc.skill.flatMap((r) =>
        doc.dimensions.map((d) => ({
          condition: r.condition,
          model: r.model,
          kind: kind.get(r.model) ?? null,
          dimension: d,
          ...iv('bias', r.bias[d] ?? { estimate: null, lo: null, hi: null }),
          ...iv('spread_corrected', r.spreadCorrected[d] ?? { estimate: null, lo: null, hi: null }),
        })),
      ),
    ),
    'country-skill.csv': toCsv(doc.countrySkill.map((r) => ({ condition: r.condition, rank: r.rank, country: r.country, ...iv('skill', r.skill), n_models: r.nModels, basis: doc.countryBasis }))),
  };
}

/** The leaderboard's headline sections: skill (the ranking number), bias vectors and default culture, calibrated countries. */
export function skillSections(doc: ResultsDocument, kind: Map<string, string>, rawLabel: (id: string, kind: string | undefined) => string): string[] {
  // model ids come from the config: escaped for markdown
  const label = (id: string, k: string | undefined) => md(rawLabel(id, k));
  const h = doc.headline;
  const rows = doc.skill.filter((r) => r.condition === h);
  if (rows.length === 0) return [];
  const paper = new Map(doc.perModel.filter((r) => r.condition === h).map((r) => [r.model, r.meanDr]));
  const withNoPersona = rows.some((r) => r.noPersona?.length);
  const noPersona = (r: (typeof rows)[number]) => (r.noPersona?.length ? r.noPersona.map((c) => `${md(c.country)} (${fmt(c.probability, 2)})`).join(', ') : '–');
  const out: string[] = [];
  out.push(`## Alignment skill: the ranking number (condition: ${h})`, '');
  out.push(
    'skill = 1 − Σ_c d̂²(M_c, H_c) / Σ_c d²(G, H_c): 1 is perfect, 0 no better than answering the human global average G for every country, negative worse. ' +
      'd̂² subtracts each index’s sampling variance (estimated from the respondents), so the skill does not drift with the number of respondents, and pooling over countries keeps it finite near perfection (the ratio DR does not). ' +
      'Models are ranked by skill; "CI" resamples respondents for these countries, "across countries" also treats the countries as a sample of cultures. ' +
      'Country signal ≈ 0 means the model gives every country the same profile; the default culture is the human country nearest to its profile averaged over the personas.' +
      (withNoPersona ? ' "No persona" is the human country nearest to its profile when asked with no persona at all (once per model; not a country, so it is in no alignment number).' : ''),
    '',
  );
  out.push(
    mdTable(
      ['rank', 'model', 'skill [95 % CI]', 'across countries', 'uncorrected skill', "paper's mean DR", 'corrected mean DR', 'country signal', '\\|bias\\|', 'default culture (P)', ...(withNoPersona ? ['no persona (P)'] : [])],
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
    out.push(`**${label(r.model, kind.get(r.model))} gives every country about the same profile** (country signal ${fmtInterval(r.countrySignal, 2)}), nearest to ${md(r.defaultCulture?.country ?? '–')}${plain}.`, '');
  }
  out.push(`## Bias vectors (condition: ${h})`, '');
  out.push('Mean over countries of model − human score per dimension [95 % CI]: where the model leans, with the constants shared by every model and condition so that levels stay comparable.', '');
  out.push(
    mdTable(
      ['model', ...doc.dimensions, 'spread (corrected), mean over dimensions'],
      rows.map((r) => {
        const spreads = doc.dimensions.map((d) => r.spreadCorrected[d]?.estimate).filter((x): x is number => x != null);
        return [label(r.model, kind.get(r.model)), ...doc.dimensions.map((d) => fmtInterval(r.bias[d] ?? { estimate: null, lo: null, hi: null }, 1)), spreads.length ? fmt(spreads.reduce((a, b) => a + b, 0) / spreads.length, 2) : '–'];
      }),
    ),
    '',
  );
  const cs = doc.countrySkill.filter((r) => r.condition === h);
  if (cs.length > 0) {
    const name = new Map(doc.countries.map((c) => [c.code, c.name]));
    out.push(`## Countries, calibrated (condition: ${h}; over ${doc.countryBasis === 'llm' ? 'the LLMs' : doc.countryBasis === 'simulation' ? 'the simulations' : doc.countryBasis === 'baseline' ? 'the baselines: no LLM was run' : 'no model'})`, '');
    out.push('skill_c = 1 − d̂²(M_c, H_c) / d²(G, H_c), averaged over the models: 0 is what a model without any country knowledge gets in expectation for every country, so this ranking does not just follow how far a country is from G (the DR ranking does).', '');
    out.push(mdTable(['rank', 'country', 'skill_c [95 % CI]', 'models'], cs.map((r) => [r.rank === null ? '–' : String(r.rank), md(`${r.country} ${name.get(r.country) ?? ''}`.trim()), fmtInterval(r.skill, 2), String(r.nModels)])), '');
  }
  return out;
}
