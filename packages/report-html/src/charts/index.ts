/**
 * The report's charts as vega-lite specs, built from a ResultsDocument, one chart per file with a
 * shared theme (theme.ts). Data is inlined (no URLs); the large score table is a named dataset so
 * the page can share one copy between charts. A new chart: a file exporting `(v: DocView) =>
 * ChartDef`, added to CHARTS below in page order.
 */
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
import type { ChartDef } from './theme.js';

export { VEGA_CONFIG, FONT, type ChartDef, type VlSpec } from './theme.js';
export { scoresDataset, countryNamesDataset } from './data.js';

/** Every chart in page order. */
export const CHARTS: ((v: DocView) => ChartDef)[] = [skillChart, biasChart, drPerModel, drPerCountry, heatmap, scatter, middleGround, middleGroundDistance, languageComparison, webContent];

/** All charts in page order (a chart without data has spec null). */
export function buildChartSpecs(v: DocView): ChartDef[] {
  return CHARTS.map((chart) => chart(v));
}
