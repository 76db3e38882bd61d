/** The web-content correlation across countries in words (key findings and leaderboard.md). */
import { escapeMarkdown as md } from '@culturebench/core';
import { fmt, fmtInterval } from './format.js';
import type { ResultsDocument } from './results.js';

type Web = ResultsDocument['webContent'][number];

export const MEASURE_LABELS: Record<string, string> = {
  w3techs_2022_pct: 'W3Techs 2022',
  obslc_2022_pct: 'OBSLC 2022',
  w3techs_2024_09_pct: 'W3Techs 2024-09',
};

/** What the permutation test and the leave-one-out check allow one to say about one measure. */
export function webVerdict(w: Web): string {
  const inf = w.inference;
  const p =
    inf.pValue === null
      ? 'no permutation p (fewer than 3 usable countries)'
      : `permutation p = ${fmt(inf.pValue, 4)} (${inf.permutations} permutations of the shares over countries, seed ${inf.seed})`;
  const r = w.pearson.estimate;
  if (inf.supported && r !== null) return `${r > 0 ? 'positive' : 'negative'} across countries, ${p}, and no single country carries it`;
  const carried = inf.leaveOneOut.filter((l) => l.signChanges || l.significanceChanges);
  const detail = carried
    .map(
      (l) =>
        `without ${md(l.country)} r = ${fmt(l.pearson, 2)}, p = ${fmt(l.pValue, 3)}${l.signChanges ? ' (sign flips)' : ''}${l.significanceChanges ? ' (significance changes)' : ''}`,
    )
    .join('; ');
  if (carried.length > 0)
    return `no direction stated: carried by ${carried.length === 1 ? 'one country' : `${carried.length} single countries`} — ${detail}; ${p}`;
  return `no direction stated: ${p}`;
}

/** leaderboard.md section: per measure, r, the permutation p and the influential countries (headline condition). */
export function webSection(doc: ResultsDocument, minCountries: number): string[] {
  const rows = doc.webContent.filter((w) => w.condition === doc.headline);
  if (rows.length === 0) return [];
  const out = ['## Web content across countries', ''];
  for (const w of rows) {
    const label = md(MEASURE_LABELS[w.measure] ?? w.measure);
    if (w.n < minCountries) {
      out.push(`- ${label}: n < ${minCountries} countries, no correlation reported.`);
      continue;
    }
    out.push(`- ${label}: Pearson r = ${fmtInterval(w.pearson, 2)} (n = ${w.n}); ${webVerdict(w)}.`);
  }
  out.push(
    '',
    'The bracket resamples respondents with the shares fixed; the permutation p asks whether the relation holds across countries. Leave-one-out r and p per country are in web-content-points.csv.',
    '',
  );
  return out;
}
