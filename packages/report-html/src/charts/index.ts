/**
 * The report's charts as vega-lite specs, built from a ResultsDocument, one chart per file with a
 * shared theme (theme.ts). Data is inlined (no URLs); the large score table is a named dataset so
 * the page can share one copy between charts. A new chart: a file exporting `(v: DocView) =>
 * ChartDef`, added to CHARTS below in page order — or, for a new analysis, a `chart` in its
 * module (@culturebench/analysis, registry.ts), which the page picks up through the registry.
 */
import { ANALYSES } from '@culturebench/analysis';
import type { DocView } from '../view.js';
import { skillChart } from './skill.js';
import { biasChart } from './bias.js';
import { drPerModel } from './dr-per-model.js';
import { drPerCountry } from './dr-per-country.js';
import { heatmap } from './heatmap.js';
import { scatter } from './scatter.js';
import { middleGround } from './middle-ground.js';
import { middleGroundDistance } from './middle-ground-distance.js';
import { languageComparison } from './language.js';
import { webContent } from './web-content.js';
import { reliabilityMovement } from './reliability.js';
import { VEGA_CONFIG, type ChartDef, type VlSpec } from './theme.js';

export { VEGA_CONFIG, FONT, type ChartDef, type VlSpec } from './theme.js';
export { scoresDataset, countryNamesDataset } from './data.js';

/** Every chart in page order. */
export const CHARTS: ((v: DocView) => ChartDef)[] = [
  skillChart,
  biasChart,
  drPerModel,
  drPerCountry,
  heatmap,
  scatter,
  middleGround,
  middleGroundDistance,
  languageComparison,
  webContent,
  reliabilityMovement,
];

/** Charts that registered analysis modules declare themselves (plain vega-lite), with the report's theme. */
export function moduleCharts(v: DocView): ChartDef[] {
  return ANALYSES.flatMap((m) => {
    const def = m.chart?.(v.doc);
    if (!def) return [];
    const spec = def.spec ? ({ config: VEGA_CONFIG, ...def.spec } as VlSpec) : null;
    return [{ id: def.id, title: def.title, description: def.description, spec }];
  });
}

/** All charts in page order (a chart without data has spec null): the report's own, then the modules'. */
export function buildChartSpecs(v: DocView): ChartDef[] {
  return [...CHARTS.map((chart) => chart(v)), ...moduleCharts(v)];
}
