/**
 * Human ground truth: each country's position on the Inglehart–Welzel map in its latest IVS wave,
 * from the open-numbers DDF copy of the IVS aggregates (datasets/ivs/PROVENANCE.md).
 *
 * - `tradagg` is traditional (−) vs secular-rational (+): used as is for TRADSEC.
 * - `survsagg` is survival (+) vs self-expression (−), the opposite of the usual map orientation
 *   (and of the source repo's own README): negated for SURVSELF, so + = self-expression.
 * - `geo` is a name slug; `geo-iso2.csv` maps it to ISO 3166-1 alpha-2. Several slugs can name one
 *   country (e.g. `russia` and `russian_federation`); the latest year over all of them wins, and a
 *   tie between two slugs is an error rather than a silent pick.
 * - The scores are on the source's own factor scaling, not the official WVS map coordinates; the
 *   metric compares them with model scores only after standardising (see metric.ts).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { hashJson, InputError, sha256, type GroundTruthTable } from '@culturebench/core';

export const IVS_DIMENSIONS = ['TRADSEC', 'SURVSELF'] as const;

export interface IvsPoint {
  geo: string;
  /** ISO 3166-1 alpha-2, or null for slugs that are not a current ISO country (e.g. germany_west). */
  iso2: string | null;
  year: number;
  tradagg: number;
  survsagg: number;
}

export interface IvsGroundTruthFiles {
  /** `geo,year,tradagg` */
  tradagg: string;
  /** `geo,year,survsagg` */
  survsagg: string;
  /** `geo,iso2,note` */
  mapping: string;
}

function lines(path: string, bytes: Buffer, header: string): string[][] {
  const rows = bytes
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (rows[0] !== header) throw new InputError(`${path}: header is "${rows[0] ?? ''}", expected "${header}"`);
  return rows.slice(1).map((l) => l.split(','));
}

function readSeries(path: string, column: string): { bytes: Buffer; values: Map<string, number> } {
  const bytes = readFileSync(path);
  const values = new Map<string, number>();
  lines(path, bytes, `geo,year,${column}`).forEach((cells, i) => {
    const [geo, year, v] = cells;
    const n = Number(v);
    if (cells.length !== 3 || !/^[a-z_]+$/.test(geo) || !/^\d{4}$/.test(year) || v === '' || !Number.isFinite(n)) {
      throw new InputError(`${path}: line ${i + 2}: expected geo,year,${column} with a slug, a year and a number, got "${cells.join(',')}"`);
    }
    const key = `${geo},${year}`;
    if (values.has(key)) throw new InputError(`${path}: line ${i + 2}: ${geo} ${year} appears twice`);
    values.set(key, n);
  });
  return { bytes, values };
}

/** All country-year points of the source with their ISO code, and the latest point per ISO code. */
export function loadIvsGroundTruth(files: IvsGroundTruthFiles): { table: GroundTruthTable; points: IvsPoint[]; latest: Record<string, IvsPoint> } {
  const trad = readSeries(files.tradagg, 'tradagg');
  const surv = readSeries(files.survsagg, 'survsagg');
  const mapBytes = readFileSync(files.mapping);
  const iso = new Map<string, string | null>();
  lines(files.mapping, mapBytes, 'geo,iso2,note').forEach((cells, i) => {
    const [geo, code] = cells;
    if (code !== '' && !/^[A-Z]{2}$/.test(code))
      throw new InputError(`${files.mapping}: line ${i + 2}: "${code}" is not an ISO 3166-1 alpha-2 code (leave it empty for a non-country)`);
    if (iso.has(geo)) throw new InputError(`${files.mapping}: line ${i + 2}: slug ${geo} appears twice`);
    iso.set(geo, code || null);
  });
  for (const key of trad.values.keys()) {
    if (!surv.values.has(key)) throw new InputError(`${files.survsagg}: no row for ${key.replace(',', ' ')}, which ${basename(files.tradagg)} has`);
  }
  for (const key of surv.values.keys()) {
    if (!trad.values.has(key)) throw new InputError(`${files.tradagg}: no row for ${key.replace(',', ' ')}, which ${basename(files.survsagg)} has`);
  }
  const points: IvsPoint[] = [...trad.values.entries()].map(([key, t]) => {
    const [geo, year] = key.split(',');
    if (!iso.has(geo))
      throw new InputError(
        `${files.mapping}: no row for slug "${geo}" (used in ${basename(files.tradagg)}); add it, with an empty iso2 if it is not a country`,
      );
    return { geo, iso2: iso.get(geo) ?? null, year: Number(year), tradagg: t, survsagg: surv.values.get(key)! };
  });
  const latest: Record<string, IvsPoint> = {};
  for (const p of points) {
    if (!p.iso2) continue;
    const prev = latest[p.iso2];
    if (prev && prev.year === p.year) {
      throw new InputError(
        `${files.tradagg}: ${p.iso2} has two latest points in ${p.year} (slugs ${prev.geo} and ${p.geo}); drop one in ${basename(files.mapping)}`,
      );
    }
    if (!prev || p.year > prev.year) latest[p.iso2] = p;
  }
  const countries: GroundTruthTable['countries'] = {};
  for (const code of Object.keys(latest).sort()) {
    const p = latest[code];
    // survsagg is survival (+) / self-expression (−): negate it so that + is self-expression.
    countries[code] = { TRADSEC: p.tradagg, SURVSELF: -p.survsagg };
  }
  return {
    points,
    latest,
    table: {
      name: 'Inglehart–Welzel map positions (IVS, latest wave per country)',
      version: 'open-numbers ddf--open_numbers--integrated_values_surveys_indicators@4cfde16',
      source:
        'EVS Trend File 1981–2017 + WVS Trend File 1981–2022 country aggregates (tradagg, −survsagg) via github.com/open-numbers/ddf--open_numbers--integrated_values_surveys_indicators; see datasets/ivs/PROVENANCE.md',
      // Three files make the table: hash their hashes, so any change to any of them shows.
      hash: hashJson({ tradagg: sha256(trad.bytes), survsagg: sha256(surv.bytes), mapping: sha256(mapBytes) }),
      dimensions: [...IVS_DIMENSIONS],
      countries,
    },
  };
}
