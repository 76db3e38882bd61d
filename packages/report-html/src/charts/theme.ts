/**
 * The shared theme of the report's charts: fonts, colours, the vega-lite config, and the marks and
 * encodings several charts use. One chart per file in this folder; each imports what it needs here.
 */
import type { Interval } from '@culturebench/analysis';
import { fmt, isNum, r } from '../html.js';

/** The marks of an interval-with-estimate chart: a thick translucent rule for the 95 % interval, a dot on top. */
export const INTERVAL_RULE = { type: 'rule', strokeWidth: 2.5, opacity: 0.5 } as const;
export const ESTIMATE_DOT = { type: 'point', filled: true, size: 90, opacity: 1, stroke: '#ffffff', strokeWidth: 1 } as const;

export type VlSpec = Record<string, unknown>;

export interface ChartDef {
  id: string;
  title: string;
  /** One or two sentences under the chart's heading: how to read it. */
  description: string;
  /** Null when the run has no data for this chart. */
  spec: VlSpec | null;
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const BLUE = '#2f6db3';
export const ACCENT = '#c8641e';

export const KIND_COLORS: Record<string, string> = {
  LLM: BLUE,
  Baseline: '#8a949e',
  'Simulation (known truth, not an LLM)': '#3a9e6f',
  'Reference (human global average)': ACCENT,
  'All LLMs (mean)': '#5b3f8c',
};
export const KIND_SHAPES: Record<string, string> = {
  LLM: 'circle',
  Baseline: 'square',
  'Simulation (known truth, not an LLM)': 'triangle-down',
  'Reference (human global average)': 'diamond',
  'All LLMs (mean)': 'triangle-up',
};
/** Categorical colours for prompt-language conditions (colour-blind-safe Tableau-like set). */
export const CONDITION_COLORS = ['#2f6db3', '#e07b39', '#3a9e6f', '#8c5fb8', '#c44e52', '#937860', '#da8bc3', '#8c8c8c', '#ccb974', '#64b5cd'];

export const VEGA_CONFIG = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: '#e4e7eb' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: INK,
    titleColor: INK,
    gridColor: '#edf0f3',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    labelLimit: 260,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, labelColor: INK, titleColor: INK, labelLimit: 260, symbolOpacity: 1 },
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: INK, subtitleColor: MUTED, subtitleFontSize: 12, offset: 10 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  text: { font: FONT },
  tick: { thickness: 2 },
};

export function base(): VlSpec {
  return { config: VEGA_CONFIG };
}

export function iv(i: Interval | undefined): { est: number | null; lo: number | null; hi: number | null } {
  return { est: r(i?.estimate ?? null), lo: r(i?.lo ?? null), hi: r(i?.hi ?? null) };
}

export function ciText(i: Interval, digits = 2): string {
  return isNum(i.lo) && isNum(i.hi) ? `${fmt(i.estimate, digits)} [${fmt(i.lo, digits)}, ${fmt(i.hi, digits)}]` : fmt(i.estimate, digits);
}

/** A vega expression string literal (JSON's quoting is valid in vega expressions). */
export function lit(s: string): string {
  return JSON.stringify(s);
}

export function kindEncoding(present: string[]) {
  const domain = Object.keys(KIND_COLORS).filter((k) => present.includes(k));
  return {
    color: {
      field: 'kind',
      type: 'nominal',
      title: null,
      scale: { domain, range: domain.map((k) => KIND_COLORS[k]) },
      legend: { orient: 'bottom', direction: 'horizontal' },
    },
    shape: {
      field: 'kind',
      type: 'nominal',
      title: null,
      scale: { domain, range: domain.map((k) => KIND_SHAPES[k]) },
      legend: { orient: 'bottom', direction: 'horizontal' },
    },
  };
}

/** Vertical dashed rule at DR = 1 with a small label above the plot. */
export function drOneLayers(): VlSpec[] {
  const values = [{ one: 1, label: 'DR = 1 (human global average)' }];
  return [
    { data: { values }, mark: { type: 'rule', strokeDash: [5, 4], color: ACCENT, strokeWidth: 1.5 }, encoding: { x: { field: 'one', type: 'quantitative' } } },
    {
      data: { values },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10, color: ACCENT },
      encoding: { x: { field: 'one', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

export const X_DR = (title: string) => ({ type: 'quantitative', title, scale: { zero: false, nice: true } });
