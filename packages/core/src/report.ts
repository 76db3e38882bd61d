import { writeFileAtomic } from './atomic-write.js';
import { escapeMarkdown as md } from './safe-text.js';
import { join } from 'node:path';
import * as aq from 'arquero';
import { HUMAN_GLOBAL_AVERAGE, type Analysis } from './analyse.js';
import { describeConstants } from './constants.js';
import type { RunManifest } from './manifest.js';
import { answerTotalsByModel } from './score.js';

/** Fixed rounding so that regenerating a report gives the same bytes. */
export function round(v: number | null | undefined, digits = 4): number | null {
  if (v == null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v == null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return columns.join(',') + '\n';
  const clean = rows.map((r) =>
    Object.fromEntries(columns.map((c) => [c, Array.isArray(r[c]) ? (r[c] as unknown[]).join(' ') : typeof r[c] === 'number' ? round(r[c] as number, 6) : r[c]])),
  );
  return aq.from(clean).toCSV({ columns });
}

function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function label(id: string, kind: string | undefined): string {
  if (kind === 'baseline') return `${id} (baseline)`;
  if (kind === 'reference') return `${id} (reference)`;
  return id;
}

/** leaderboard.md: the headline ranking, conditions side by side, countries, non-answers, skips. */
export function leaderboardMarkdown(analysis: Analysis, manifest: RunManifest): string {
  const c = manifest.config;
  const headline = analysis.models.filter((m) => m.condition === c.headline);
  const conditionIds = [...c.conditions.map((x) => x.id), ...c.aggregates];
  const origin = Object.fromEntries(manifest.models.map((m) => [m.id, m.origin ?? '–']));
  const answered = answerTotalsByModel(analysis.answers);
  const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
  const out: string[] = [];
  out.push(`# culturebench leaderboard: ${md(c.name)}`);
  out.push('');
  out.push(
    `Run \`${manifest.runId}\` · survey ${md(manifest.survey.id)} ${md(manifest.survey.version)} · ground truth: ${md(manifest.survey.groundTruth.name)} (${md(manifest.survey.groundTruth.version)}) · ${c.countries.length} countries · ${c.samples} respondents per item · temperature ${c.temperature} · persona template "${md(c.persona.template)}"`,
  );
  out.push('');
  out.push(`Constants: ${describeConstants(c.constants)}.`);
  out.push('');
  out.push(`## Models (condition: ${c.headline})`);
  out.push('');
  out.push(
    manifest.survey.metric && manifest.survey.metric.id !== 'deviation-ratio'
      ? `Metric (${manifest.survey.metric.id}): ${manifest.survey.metric.description}. The "DR" columns hold this metric's value.`
      : 'Deviation ratio DR_c = d(G, H_c) / d(M_c, H_c): above 1 the model is closer to country c than the human global average G is; 1 is no better than answering G for every country.',
  );
  out.push('');
  out.push(
    mdTable(
      ['rank', 'model', 'origin', 'mean DR', 'median DR', 'countries', 'answered', 'refused', 'invalid', 'errors'],
      headline.map((m, i) => {
        const t = answered.get(m.model);
        return [
          String(i + 1),
          label(m.model, m.kind),
          m.model === HUMAN_GLOBAL_AVERAGE ? '–' : origin[m.model] ?? '–',
          fmt(m.mean_dr, 3),
          fmt(m.median_dr, 3),
          String(m.n_countries),
          t ? pct(t.answers, t.total) : '–',
          t ? pct(t.refusals, t.total) : '–',
          t ? pct(t.invalid, t.total) : '–',
          t ? pct(t.errors, t.total) : '–',
        ];
      }),
    ),
  );
  out.push('');
  out.push('## Mean DR by prompt condition');
  out.push('');
  const byModelCond = new Map(analysis.models.map((m) => [`${m.model}\u0000${m.condition}`, m.mean_dr]));
  out.push(
    mdTable(
      ['model', ...conditionIds],
      headline.map((m) => [label(m.model, m.kind), ...conditionIds.map((cond) => fmt(byModelCond.get(`${m.model}\u0000${cond}`), 3))]),
    ),
  );
  out.push('');
  const llms = manifest.models.filter((m) => m.kind === 'llm').length;
  out.push(`## Countries (condition: ${c.headline}; mean DR over ${llms > 0 ? 'the LLMs' : 'the baselines: no LLM was run'})`);
  out.push('');
  const humanDist = new Map(
    analysis.alignment.filter((a) => a.model === HUMAN_GLOBAL_AVERAGE && a.condition === c.headline).map((a) => [a.country, a.baseline_distance]),
  );
  out.push(
    mdTable(
      ['rank', 'country', 'language', 'd(G, H)', 'mean DR', 'median DR', 'models'],
      analysis.countries
        .filter((r) => r.condition === c.headline)
        .map((r, i) => [
          String(i + 1),
          r.country,
          c.countries.find((x) => x.code === r.country)?.language ?? '–',
          fmt(humanDist.get(r.country), 1),
          fmt(r.mean_dr, 3),
          fmt(r.median_dr, 3),
          String(r.n_models),
        ]),
    ),
  );
  if (manifest.skipped.length > 0) {
    out.push('');
    out.push('## Skipped models');
    out.push('');
    for (const s of manifest.skipped) out.push(`- **${md(s.id)}** (${md(s.provider)}): ${md(s.reason)}. To enable: ${md(s.fix)}`);
  }
  out.push('');
  return out.join('\n');
}

export const REPORT_FILES = ['scores.csv', 'alignment.csv', 'agreement.csv', 'answers.csv', 'leaderboard.md'] as const;

/** Writes every derived output of a run directory; the same inputs give the same bytes. */
export function writeReport(runDir: string, analysis: Analysis, manifest: RunManifest): string {
  writeFileAtomic(join(runDir, 'scores.csv'), toCsv(analysis.scores as never, ['model', 'country', 'condition', 'dimension', 'score']));
  writeFileAtomic(
    join(runDir, 'alignment.csv'),
    toCsv(analysis.alignment as never, ['model', 'country', 'condition', 'deviation_ratio', 'distance', 'baseline_distance', 'dims']),
  );
  writeFileAtomic(
    join(runDir, 'agreement.csv'),
    toCsv(analysis.agreement as never, ['model', 'condition', 'dimension', 'n', 'pearson', 'spearman', 'kendall', 'spread_ratio', 'mean_abs_error']),
  );
  writeFileAtomic(
    join(runDir, 'answers.csv'),
    toCsv(analysis.answers as never, ['model', 'language', 'total', 'answers', 'refusals', 'invalid', 'errors']),
  );
  const md = leaderboardMarkdown(analysis, manifest);
  writeFileAtomic(join(runDir, 'leaderboard.md'), md);
  return md;
}
