/**
 * leaderboard.md: how countries asked in fewer distinct languages compare in the language average
 * (US and CN have English or Chinese as their native language, so they pool 2 samples, not 3).
 */
import { escapeMarkdown as md, LANGUAGE_AVERAGE } from '@culturebench/core';
import { fmt } from './format.js';
import type { ResultsDocument } from './results.js';

/** Distinct prompt languages per country over the run's conditions ('native' = the country's own). */
export function distinctLanguages(doc: ResultsDocument): Map<string, number> {
  const c = doc.manifest.config;
  return new Map(
    c.countries.map((x) => [
      x.code,
      new Set(c.conditions.map((k) => (k.language === 'native' ? x.language : k.language).split(/[-_]/)[0]!.toLowerCase())).size,
    ]),
  );
}

export function languageAverageNote(doc: ResultsDocument): string[] {
  if (!doc.manifest.config.aggregates.includes(LANGUAGE_AVERAGE)) return [];
  const langs = distinctLanguages(doc);
  const counts = [...new Set(langs.values())].sort((a, b) => a - b);
  if (counts.length < 2) return [];
  const rows = doc.perCountry.filter((r) => r.condition === LANGUAGE_AVERAGE);
  const groups = counts.map((k) => {
    const cs = [...langs].filter(([, n]) => n === k).map(([c]) => c);
    const drs = rows.filter((r) => cs.includes(r.country) && r.meanDr.estimate !== null).map((r) => r.meanDr.estimate!);
    const mean = drs.length ? drs.reduce((a, b) => a + b, 0) / drs.length : null;
    const names = cs.length <= 4 ? ` (${cs.map(md).join(', ')})` : '';
    return `${cs.length} countr${cs.length === 1 ? 'y' : 'ies'} in ${k} language${k === 1 ? '' : 's'}${names}: mean DR ${fmt(mean, 3)}`;
  });
  return [
    `Language average: each country's distinct prompt languages weigh equally, so countries whose native language is also a fixed condition pool fewer languages — ${groups.join('; ')}. ` +
      'Fewer languages mean fewer respondents in the average (noisier, and the uncorrected DR is biased by noise); the group means are descriptive, not a test.',
    '',
  ];
}
