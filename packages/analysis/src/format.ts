/** Deterministic formatting: rounding, canonical JSON, interval text. */
import type { Interval } from './results.js';

export const DIGITS = 6;

/** Rounds to `digits` decimals; non-finite → null; −0 → 0. */
export function round(v: number, digits = DIGITS): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

/** Every number in a JSON-like value rounded to `digits` decimals (a copy). */
export function roundDeep(value: unknown, digits = DIGITS): unknown {
  if (typeof value === 'number') return round(value, digits);
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v, digits)]));
  }
  return value;
}

/** JSON with object keys sorted at every level (arrays keep their order), two-space indent, final newline. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

export function fmt(v: number | null | undefined, digits = 2): string {
  return v == null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

/** "1.234 [1.100, 1.350]"; without an interval just the estimate. */
export function fmtInterval(i: Interval, digits = 2): string {
  if (i.estimate === null) return '–';
  if (i.lo === null || i.hi === null) return fmt(i.estimate, digits);
  return `${fmt(i.estimate, digits)} [${fmt(i.lo, digits)}, ${fmt(i.hi, digits)}]`;
}
