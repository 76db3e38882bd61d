import { compile } from 'vega-lite';
import * as vega from 'vega';
import { ANALYSES } from '@culturebench/analysis';
import { buildChartSpecs, type VlSpec } from './index.js';
import { makeView } from '../view.js';
import { makeFixture } from '../testing/fixture.js';

const doc = makeFixture();
const defs = buildChartSpecs(makeView(doc));
const byId = Object.fromEntries(defs.map((d) => [d.id, d]));

/** Every mark item of a rendered scenegraph. */
function countItems(node: unknown): number {
  const n = node as { marktype?: string; items?: unknown[] };
  if (!n || !n.items) return 0;
  let count = n.marktype && n.marktype !== 'group' ? n.items.length : 0;
  for (const item of n.items) count += countItems(item);
  return count;
}

describe('chart specs', () => {
  it('builds the eleven charts and the analysis modules’ own, all with data for a full run', () => {
    expect(defs.map((d) => d.id)).toEqual([
      'chart-skill',
      'chart-bias',
      'chart-dr-model',
      'chart-dr-country',
      'chart-heatmap',
      'chart-scatter',
      'chart-middle-ground',
      'chart-middle-distance',
      'chart-language',
      'chart-web-content',
      'chart-reliability',
      'chart-disattenuated',
    ]);
    for (const d of defs) expect(d.spec).not.toBeNull();
  });

  it('has every chart that a registered analysis references, and themes the charts modules declare', () => {
    const ids = new Set(defs.map((d) => d.id));
    for (const m of ANALYSES) for (const id of m.charts ?? []) expect(ids.has(id) ? id : `${m.id} references missing ${id}`).toBe(id);
    expect(byId['chart-disattenuated']!.spec!.config).toBeDefined();
  });

  it('uses inline data only (nothing to fetch)', () => {
    expect(JSON.stringify(defs)).not.toMatch(/"url"\s*:/);
  });

  it.each(defs.map((d) => [d.id, d.spec as VlSpec]))('%s compiles without warnings and draws marks in vega', async (_id, spec) => {
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...a: unknown[]) => {
        throw new Error(a.join(' '));
      },
      warn: (...a: unknown[]) => {
        warnings.push(a.join(' '));
        return logger;
      },
      info: () => logger,
      debug: () => logger,
    };
    const compiled = compile(spec as never, { logger: logger as never }).spec;
    expect(warnings).toEqual([]);
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    await view.runAsync();
    expect(countItems((view.scenegraph() as unknown as { root: unknown }).root)).toBeGreaterThan(0);
    view.finalize();
  });

  it('shows the headline condition with DR = 1 marked in the per-model chart', () => {
    const layers = (byId['chart-dr-model'].spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;
    const points = layers[1].data.values;
    expect(points.map((p) => p.model)).toEqual(expect.arrayContaining(['gpt-4o', 'baseline-middle', 'human-global-average']));
    expect(new Set(points.map((p) => p.kind))).toEqual(new Set(['LLM', 'Baseline', 'Reference (human global average)']));
    expect(points).toHaveLength(4);
    expect(layers.some((l) => l.data.values.length === 1 && l.data.values[0].one === 1)).toBe(true);
    // Best first on the axis.
    const sort = (layers[1] as unknown as { encoding: { y: { sort: string[] } } }).encoding.y.sort;
    expect(sort[0]).toBe('gpt-4o');
    expect(sort.at(-1)).toBe('human-global-average');
  });

  it('puts the correlation in the web-content titles', () => {
    const panels = (byId['chart-web-content'].spec as { concat: { title: { text: string; subtitle: string } }[] }).concat;
    expect(panels).toHaveLength(2);
    const w = doc.webContent[0];
    expect(panels[0].title.text).toContain(`Pearson r = ${w.pearson.estimate!.toFixed(2).replace('-', '−')}`);
    expect(panels[0].title.text).toContain('Spearman ρ');
    expect(panels[0].title.subtitle).toContain('w3techs_2022_pct');
  });

  it('gives the heatmap a symmetric colour scale and dropdowns for model and condition', () => {
    const spec = byId['chart-heatmap'].spec as {
      params: { name: string; value: string; bind: { options: string[] } }[];
      layer: { encoding: { color?: { scale?: { domain: number[] } } } }[];
    };
    const [lo, hi] = spec.layer[0].encoding.color!.scale!.domain;
    expect(lo).toBe(-hi);
    expect(spec.params.map((p) => p.name)).toEqual(['heatModel', 'heatCondition']);
    expect(spec.params[0].value).toBe('gpt-4o');
    expect(spec.params[1].value).toBe('language-average');
    expect(spec.params[1].bind.options).toEqual(['native', 'english', 'chinese', 'language-average']);
  });

  it('returns null specs, not broken charts, for a run without data', () => {
    const noModels = {
      ...doc,
      scores: [],
      perModel: [],
      perCountry: [],
      middleGround: [],
      middleGroundDistance: [],
      language: [],
      webContent: [],
      dimensionAgreement: [],
      disattenuatedCorrelation: [],
      skill: [],
      reliability: undefined,
    };
    const defs = buildChartSpecs(makeView(noModels));
    // The human spread and G are still worth showing.
    expect(defs.filter((d) => d.spec !== null).map((d) => d.id)).toEqual(['chart-middle-ground']);
    const nothing = { ...noModels, human: { countries: {}, global: {} } };
    for (const d of buildChartSpecs(makeView(nothing))) expect(d.spec).toBeNull();
  });
});
