/**
 * Writers: results.json (canonical, rounded), the registered analyses' CSVs, and leaderboard.md:
 * its frame (run, constants, uncertainty, findings, non-answers, reliability, skipped models)
 * around the registered analyses' sections. The same document gives the same bytes.
 */
import { join } from 'node:path';
import { escapeMarkdown as md, reliabilityMarkdown, writeFileAtomic } from '@culturebench/core';
import { canonicalJson } from './format.js';
import { kinds, label, mdTable, toCsv } from './output-kit.js';
import { ANALYSES, ANALYSIS_CSV_FILES } from './registry.js';
import type { ResultsDocument } from './results.js';
import { runTitle } from './run-title.js';

export { ANALYSIS_CSV_FILES };
export const RESULTS_FILE = 'results.json';
export const LEADERBOARD_FILE = 'leaderboard.md';

/** CSV text per file name, from every registered analysis. */
export function analysisCsvs(doc: ResultsDocument): Record<string, string> {
  return Object.fromEntries(ANALYSES.flatMap((m) => (m.csv ?? []).map((c) => [c.file, toCsv(c.rows(doc), c.columns)])));
}

/** leaderboard.md: the run, findings, every registered analysis' section, non-answers, reliability, skips. */
export function leaderboardMarkdown(doc: ResultsDocument): string {
  const m = doc.manifest;
  const c = m.config;
  const R = doc.bootstrap.replicates;
  const out: string[] = [];
  out.push(`# culturebench leaderboard: ${md(runTitle(c))}`, '');
  out.push(
    `Run \`${m.runId}\` (${m.status}) · survey ${md(m.survey.id)} ${md(m.survey.version)} · ground truth: ${md(m.survey.groundTruth.name)} (${md(m.survey.groundTruth.version)}) · ${c.countries.length} countries · ${c.samples} respondents per item · temperature ${c.temperature} · persona template "${md(c.persona.template)}"`,
    '',
  );
  const declared = c.benchmarkCountries ?? c.countries.map((x) => x.code);
  if (c.countries.length < declared.length) {
    // the config's name may say "(20 countries)": say which were run, and that G stays the benchmark's
    out.push(
      `**${c.countries.length} of ${declared.length} benchmark countries run: ${c.countries.map((x) => md(x.code)).join(', ')}** (G is the human average over all ${declared.length}).`,
      '',
    );
  }
  out.push(`Constants: ${doc.constants.description}.`, '');
  out.push(uncertaintyLine(R, doc.bootstrap.seed), '');
  if (doc.findings.length > 0) {
    out.push('## Key findings', '');
    for (const f of doc.findings) out.push(`- ${f}`);
    out.push('');
  }
  for (const a of ANALYSES) out.push(...(a.leaderboard?.(doc) ?? []));
  out.push(...nonAnswersByLanguage(doc), ...reliabilityMarkdown(doc.reliability));

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
  out.push(`Details: results.json (everything, with intervals), ${ANALYSIS_CSV_FILES.join(', ')}.`, '');
  return out.join('\n');
}

/** What each bracket of the leaderboard is: the skill's are analytic, the rest bootstrap (median-centred). */
export function uncertaintyLine(replicates: number, seed: number): string {
  const analytic =
    'alignment skill and calibrated skill_c: analytic, estimate ± 1.96 SE, the SE from each index’s sampling variance estimated from the respondents';
  if (replicates === 0) return `Uncertainty: no bootstrap replicates were drawn: ${analytic} (95 %); every other number is a point estimate.`;
  return (
    `Uncertainty: brackets are 95 % intervals. The ${analytic}. "Across countries": ${replicates} replicates with the countries resampled. ` +
    `Every other bracket: ${replicates} bootstrap replicates over respondents (seed ${seed}), the 2.5th–97.5th percentiles shifted to centre on the estimate (median-centred percentile interval); rank intervals: 2.5th–97.5th percentile of the rank.`
  );
}

/** Share of replies that were not an answer (refusal, invalid or error), per model × prompt language. */
function nonAnswersByLanguage(doc: ResultsDocument): string[] {
  if (doc.answers.length === 0) return [];
  const kind = kinds(doc);
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
    mdTable(
      ['model', ...languages],
      models.map((m) => [label(m, kind.get(m)), ...languages.map((l) => cell(m, l))]),
    ),
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
