/**
 * 5. Prompt language: mean DR per model × condition (native, English, Chinese, the language
 * average, whatever the config declares), and over the LLMs (model id `all-llms`: the mean of the
 * LLMs' mean DRs, recomputed per replicate).
 */
import type { AnalysisModule } from '../analysis-module.js';
import { keyed, type Statistic } from '../estimate.js';
import { fmtInterval } from '../format.js';
import { iv, ivCols, kinds, label, mdTable } from '../output-kit.js';
import { modelSummaries } from '../summaries.js';
import { ALL_LLMS, type Interval } from '../results.js';

export interface LanguageResults {
  /** 5. Prompt language: mean DR per model × condition, and over the LLMs (model `all-llms`). */
  language: { model: string; condition: string; meanDr: Interval }[];
}
type Row = LanguageResults['language'][number];

// Globals bound once: in a vm context (Jest) every global lookup in a hot loop is slow.
const finite = Number.isFinite;

export const languageStatistic: Statistic<Row[]> = {
  id: 'language',
  size: (ctx) => ctx.conditions.length * (ctx.models.length + 1),
  stats(ctx, real, out) {
    const Mn = ctx.models.length;
    const per = Mn + 1;
    const s = modelSummaries(ctx, real);
    for (let k = 0; k < ctx.conditions.length; k++) {
      for (let m = 0; m < Mn; m++) out[k * per + m] = s.mean[k * Mn + m]!;
      // mean over the LLMs that have a mean DR, in model order
      let sum = 0;
      let n = 0;
      for (const m of ctx.llm) {
        const v = s.mean[k * Mn + m]!;
        if (finite(v)) {
          sum += v;
          n++;
        }
      }
      out[k * per + Mn] = n > 0 ? sum / n : NaN;
    }
  },
  assemble(ctx, est) {
    const per = ctx.models.length + 1;
    const rows: Row[] = [];
    ctx.models.forEach((model, m) => ctx.conditions.forEach((condition, k) => rows.push({ model: model.id, condition, meanDr: est.interval(k * per + m) })));
    if (ctx.llm.length > 0)
      ctx.conditions.forEach((condition, k) => rows.push({ model: ALL_LLMS, condition, meanDr: est.interval(k * per + ctx.models.length) }));
    return rows;
  },
};

export const languageAnalysis: AnalysisModule<LanguageResults> = {
  id: 'language',
  schema: {
    language: {
      type: 'array',
      description: "5. Mean DR per model × condition; model 'all-llms' = over the LLMs.",
      items: {
        type: 'object',
        required: ['model', 'condition', 'meanDr'],
        properties: {
          model: { type: 'string' },
          condition: { type: 'string' },
          meanDr: { $ref: '#/$defs/interval' },
        },
        additionalProperties: false,
      },
    },
  },
  statistic: () => keyed('language', languageStatistic),
  csv: [
    {
      file: 'language.csv',
      description: 'mean DR per prompt language',
      columns: ['model', 'kind', 'condition', ...ivCols('mean_dr')],
      rows: (doc) => {
        const kind = kinds(doc);
        return doc.language.map((r) => ({
          model: r.model,
          kind: r.model === ALL_LLMS ? 'all-llms' : kind.get(r.model),
          condition: r.condition,
          ...iv('mean_dr', r.meanDr),
        }));
      },
    },
  ],
  leaderboard(doc) {
    const kind = kinds(doc);
    const byModelCond = new Map(doc.language.map((r) => [`${r.model}\u0000${r.condition}`, r.meanDr]));
    const headline = doc.perModel.filter((r) => r.condition === doc.headline);
    const modelOrder = [...headline.map((r) => r.model), ...(doc.language.some((r) => r.model === ALL_LLMS) ? [ALL_LLMS] : [])];
    return [
      '## Mean DR by prompt condition',
      '',
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
    ];
  },
  findingsOrder: 40,
  findings(doc) {
    if (!doc.models.some((m) => m.kind === 'llm')) return [];
    const lang = doc.language.filter((r) => r.model === ALL_LLMS && r.meanDr.estimate !== null);
    if (lang.length <= 1) return [];
    const sorted = [...lang].sort((x, y) => y.meanDr.estimate! - x.meanDr.estimate!);
    const hi = sorted[0]!;
    const lo = sorted[sorted.length - 1]!;
    const overlap = hi.meanDr.lo !== null && lo.meanDr.hi !== null && hi.meanDr.lo <= lo.meanDr.hi;
    return [
      `Over the LLMs, mean DR is highest in the ${hi.condition} condition (${fmtInterval(hi.meanDr)}) and lowest in the ${lo.condition} condition (${fmtInterval(lo.meanDr)})${overlap ? '; the intervals overlap' : ''}.`,
    ];
  },
  charts: ['chart-language'],
};
