import { datasetPath } from '@culturebench/core';
import { loadHofstedeMatrix } from './hofstede.js';

const csv = datasetPath('hofstede', '6-dimensions-for-website-2015-08-16.csv');
const codes = datasetPath('hofstede', 'hofstede-codes.csv');

// Pinned by hand from datasets/hofstede/6-dimensions-for-website-2015-08-16.csv
// (columns pdi;idv;mas;uai;ltowvs;ivr), keyed by ISO 3166-1 alpha-2.
const PINNED: Record<string, [number, number, number, number, number, number]> = {
  US: [40, 91, 62, 46, 26, 68],
  CN: [80, 20, 66, 30, 87, 24],
  DE: [35, 67, 66, 65, 83, 40],
  JP: [54, 46, 95, 92, 88, 42],
  IN: [77, 48, 56, 40, 51, 26],
  BR: [69, 38, 49, 76, 44, 59],
  RU: [93, 39, 36, 95, 81, 20],
  FR: [68, 71, 43, 86, 63, 48],
  ES: [57, 51, 42, 86, 48, 44],
  IR: [58, 41, 43, 59, 14, 40],
  KR: [60, 18, 39, 85, 100, 29],
  TR: [66, 37, 45, 85, 46, 49],
  ID: [78, 14, 46, 48, 62, 38],
  IT: [50, 76, 70, 75, 61, 30],
  NL: [38, 80, 14, 53, 67, 68],
  SE: [31, 71, 5, 29, 53, 78],
  PL: [68, 60, 64, 93, 38, 29],
  VN: [70, 20, 40, 30, 57, 35],
  TH: [64, 20, 34, 64, 32, 45],
  MA: [70, 46, 53, 68, 14, 25],
};

describe('Hofstede 2015-08-16 matrix', () => {
  const { table, rows } = loadHofstedeMatrix(csv, codes);

  it('pins every value of the 20 benchmark countries to the file', () => {
    for (const [iso, values] of Object.entries(PINNED)) {
      const [PDI, IDV, MAS, UAI, LTO, IVR] = values;
      expect({ iso, ...table.countries[iso] }).toEqual({ iso, PDI, IDV, MAS, UAI, LTO, IVR });
    }
  });

  it('reads all 111 rows, 65 of them complete, keeping #NULL! as missing', () => {
    expect(rows).toHaveLength(111);
    expect(rows.filter((r) => Object.values(r.values).every((v) => v !== null))).toHaveLength(65);
    const albania = rows.find((r) => r.ctr === 'ALB')!;
    expect(albania.values).toEqual({ PDI: null, IDV: null, MAS: null, UAI: null, LTO: 61, IVR: 15 });
    expect(table.countries.AL).toEqual(albania.values);
  });

  it('keeps values above 100 unclipped', () => {
    expect(table.countries.GR.UAI).toBe(112);
    expect(table.countries.SK.MAS).toBe(110);
  });

  it('maps Hofstede codes to ISO and leaves regions and sub-national samples out of the table', () => {
    expect(table.countries.CN.PDI).toBe(80); // CHI
    expect(table.countries.NL.MAS).toBe(14); // NET
    expect(rows.find((r) => r.ctr === 'ARA')!.iso2).toBeNull();
    expect(rows.find((r) => r.ctr === 'GEE')!.iso2).toBeNull();
    expect(Object.keys(table.countries)).toHaveLength(101);
  });

  it('names its source and hash', () => {
    expect(table.version).toBe('6-dimensions-for-website-2015-08-16');
    expect(table.hash).toBe('71bff58cf610ec44b870d5aa4b06bb36e3a573860d513ff802488764d6e029a6');
    expect(table.dimensions).toEqual(['PDI', 'IDV', 'MAS', 'UAI', 'LTO', 'IVR']);
  });
});
