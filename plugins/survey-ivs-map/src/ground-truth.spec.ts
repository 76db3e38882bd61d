import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, loadBenchmarkCountries, readSimpleCsv, sha256 } from '@culturebench/core';
import { loadIvsGroundTruth } from './ground-truth.js';
import { loadIvsMapGroundTruth } from './survey.js';

// Pinned by hand from datasets/ivs/ddf--datapoints--{tradagg,survsagg}--by--geo--year.csv:
// the latest year per country, [geo slug, year, tradagg, survsagg] as printed in the files.
const PINNED: Record<string, [string, number, number, number]> = {
  US: ['united_states', 2017, 0.29759553778014186, -1.205566941859276],
  CN: ['china', 2018, 0.3686429654833824, 0.41955662999320276],
  DE: ['germany', 2018, 1.0620404477031615, -1.8793692019701123],
  JP: ['japan', 2019, 1.644660896473506, -0.9248332998811482],
  IN: ['india', 2023, -0.5691363009906205, 0.4379711014989493],
  BR: ['brazil', 2018, -0.12453137952626975, 0.17578228908233476],
  RU: ['russia', 2017, 0.24046791493878378, 0.7070996943665134],
  FR: ['france', 2018, 0.5313340511638212, -1.9548606607144685],
  ES: ['spain', 2017, 0.6997464726632922, -1.5057540083449712],
  IR: ['iran', 2020, -0.5942128372383068, 1.07469248567363],
  KR: ['south_korea', 2018, 1.3311116216632786, 0.8221078290186977],
  TR: ['turkey', 2018, -0.4556570748958062, 0.8287479072917718],
  ID: ['indonesia', 2018, -1.237007929784065, 0.9201956682155108],
  IT: ['italy', 2018, 0.33061259221354794, -0.8421145508868165],
  NL: ['netherlands', 2022, 1.4607303991978189, -2.1716662627368475],
  SE: ['sweden', 2017, 1.2085731678446998, -3.1101189179860063],
  PL: ['poland', 2017, -0.4250452861021258, -0.6864351296462762],
  VN: ['vietnam', 2020, -0.41841668572643803, -0.4446625674231989],
  TH: ['thailand', 2018, 0.2077421485491573, 0.16925954755915135],
  MA: ['morocco', 2021, -0.22881922034908073, 0.9007878789659128],
};

const dir = datasetPath('ivs');
const { table, points, latest } = loadIvsMapGroundTruth();

describe('IVS ground truth', () => {
  it('pins the latest wave of every benchmark country, with survsagg negated into SURVSELF', () => {
    expect(Object.keys(PINNED).sort()).toEqual(Object.keys(loadBenchmarkCountries()).sort());
    for (const [iso, [geo, year, tradagg, survsagg]] of Object.entries(PINNED)) {
      expect({ iso, geo: latest[iso].geo, year: latest[iso].year }).toEqual({ iso, geo, year });
      expect({ iso, ...table.countries[iso] }).toEqual({ iso, TRADSEC: tradagg, SURVSELF: -survsagg });
    }
  });

  it('orients the axes as on the published map: Sweden most self-expressive, Zimbabwe most survival-minded, Japan secular', () => {
    const by = (dim: string) => Object.entries(table.countries).sort((a, b) => (b[1][dim] as number) - (a[1][dim] as number));
    expect(by('SURVSELF')[0][0]).toBe('SE');
    expect(by('SURVSELF').at(-1)![0]).toBe('ZW');
    expect(table.countries.SE.SURVSELF).toBeCloseTo(3.11, 2);
    expect(table.countries.JP.TRADSEC).toBeGreaterThan(table.countries.NG.TRADSEC!);
  });

  it('takes the latest year over every slug of a country, alias slugs included', () => {
    // russia 2017 beats russian_federation 2008; germany 2018 (WVS) beats germany 2017 (EVS) and germany_west 1981.
    expect(points.filter((p) => p.iso2 === 'RU').map((p) => `${p.geo} ${p.year}`)).toContain('russian_federation 2008');
    expect(latest.RU.geo).toBe('russia');
    expect(points.filter((p) => p.geo === 'germany').map((p) => p.year)).toEqual(expect.arrayContaining([2017, 2018]));
    expect(latest.DE.year).toBe(2018);
    expect(points.find((p) => p.geo === 'germany_west')!.iso2).toBeNull();
    expect(latest.MK.geo).toBe('north_macedonia'); // 2019 beats macedonia 2008
  });

  it('reads all 408 points of 118 slugs and maps every slug (108 ISO countries)', () => {
    expect(points).toHaveLength(408);
    const mapping = readSimpleCsv(join(dir, 'geo-iso2.csv'));
    expect(mapping).toHaveLength(118);
    const entities = readFileSync(join(dir, 'ddf--entities--geo--country.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(mapping.map((r) => r.geo)).toEqual(entities);
    expect(
      mapping
        .filter((r) => r.iso2 === '')
        .map((r) => r.geo)
        .sort(),
    ).toEqual(['germany_west', 'kosovo', 'northern_cyprus', 'northern_ireland']);
    expect(Object.keys(table.countries)).toHaveLength(108);
  });

  it('names its sources and hashes the three files it reads', () => {
    expect(table.dimensions).toEqual(['TRADSEC', 'SURVSELF']);
    expect(sha256(readFileSync(join(dir, 'ddf--datapoints--tradagg--by--geo--year.csv')))).toBe(
      '3443fa4d20839fdbaef0b6d42cdeb72dd89cebbe4e68357a972aa2f10ee4771e',
    );
    expect(sha256(readFileSync(join(dir, 'ddf--datapoints--survsagg--by--geo--year.csv')))).toBe(
      '0a64c75de5492fc7552aa38b7ab993afd5e30b5b7a864e47e3bff242a136e00b',
    );
    expect(table.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(table.version).toContain('4cfde16');
  });

  describe('bad input', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ivs-gt-'));
    const write = (name: string, text: string) => {
      const p = join(tmp, name);
      writeFileSync(p, text);
      return p;
    };
    const mapping = write('map.csv', 'geo,iso2,note\na,AA,\nb,AA,alias\nc,,not a country\n');

    it('refuses two slugs of one country in the same latest year', () => {
      const tradagg = write('t.csv', 'geo,year,tradagg\na,2010,1\nb,2010,2\n');
      const survsagg = write('s.csv', 'geo,year,survsagg\na,2010,1\nb,2010,2\n');
      expect(() => loadIvsGroundTruth({ tradagg, survsagg, mapping })).toThrow(/AA has two latest points in 2010 \(slugs a and b\)/);
    });

    it('refuses a slug without a mapping row and a point missing from one of the two series', () => {
      const survsagg = write('s2.csv', 'geo,year,survsagg\nz,2010,1\n');
      expect(() => loadIvsGroundTruth({ tradagg: write('t2.csv', 'geo,year,tradagg\nz,2010,1\n'), survsagg, mapping })).toThrow(/no row for slug "z"/);
      expect(() => loadIvsGroundTruth({ tradagg: write('t3.csv', 'geo,year,tradagg\nz,2011,1\n'), survsagg, mapping })).toThrow(/no row for z 2011/);
    });

    it('refuses a wrong header or a non-number', () => {
      const survsagg = write('s4.csv', 'geo,year,survsagg\na,2010,1\n');
      expect(() => loadIvsGroundTruth({ tradagg: write('t4.csv', 'geo,year,value\na,2010,1\n'), survsagg, mapping })).toThrow(/header is "geo,year,value"/);
      expect(() => loadIvsGroundTruth({ tradagg: write('t5.csv', 'geo,year,tradagg\na,2010,x\n'), survsagg, mapping })).toThrow(/line 2/);
    });

    it('leaves non-countries out of the table and keeps the rest', () => {
      const tradagg = write('t6.csv', 'geo,year,tradagg\na,2010,1\nb,2012,2\nc,2012,3\n');
      const survsagg = write('s6.csv', 'geo,year,survsagg\na,2010,-1\nb,2012,0.5\nc,2012,3\n');
      const r = loadIvsGroundTruth({ tradagg, survsagg, mapping });
      expect(r.table.countries).toEqual({ AA: { TRADSEC: 2, SURVSELF: -0.5 } });
      expect(r.points.find((p) => p.geo === 'c')!.iso2).toBeNull();
    });
  });
});
