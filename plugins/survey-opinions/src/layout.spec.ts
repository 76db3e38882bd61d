import { InputError } from '@culturebench/core';
import { parseCsv } from './csv.js';
import { parseLayout } from './layout.js';
import { parsePyLiteral } from './pylit.js';

describe('CSV reader (RFC 4180 as pandas / csv.writer write it)', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields, and reports start lines', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",plain\n\nlast,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'plain'] },
      { line: 6, fields: ['last', ''] },
    ]);
  });

  it('drops a byte-order mark and reads a last line without a newline', () => {
    expect(parseCsv('\ufeffq,s\n1,2')).toEqual([
      { line: 1, fields: ['q', 's'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open\nnever closed')).toThrow(/line 2: quoted field is not closed/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
    expect(() => parseCsv('a\nx"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});

describe('Python literal reader', () => {
  it('reads the selections defaultdict with its class repr, keeping key order', () => {
    const v = parsePyLiteral("defaultdict(<class 'list'>, {'Nigeria': [0.2, 0.8], 'S. Korea': [1e-05, 0.99999], \"Cote d'Ivoire\": [0, 1]})");
    expect(v).toEqual({
      entries: [
        ['Nigeria', [0.2, 0.8]],
        ['S. Korea', [1e-5, 0.99999]],
        ["Cote d'Ivoire", [0, 1]],
      ],
    });
  });

  it('reads option lists in both quote styles with escapes, as repr() writes them', () => {
    expect(parsePyLiteral(`['Favor', "Don't know", 'The "right" one isn\\'t clear', 'tab\\there', 'caf\\xe9 \\u00e9']`)).toEqual([
      'Favor',
      "Don't know",
      `The "right" one isn't clear`,
      'tab\there',
      'café é',
    ]);
  });

  it('reads numbers, nan, None, tuples and a trailing comma', () => {
    const v = parsePyLiteral('[1, -0.5, 2.5e-3, nan, inf, None, True, (1, 2),]') as unknown[];
    expect(v.slice(0, 3)).toEqual([1, -0.5, 0.0025]);
    expect(Number.isNaN(v[3] as number)).toBe(true);
    expect(v.slice(4)).toEqual([Infinity, null, true, [1, 2]]);
  });

  it('rejects code and broken literals with the position', () => {
    expect(() => parsePyLiteral("__import__('os')")).toThrow(/unsupported name "__import__"/);
    expect(() => parsePyLiteral("['a', 'b'")).toThrow(/expected "," or "]"/);
    expect(() => parsePyLiteral("['a' 'b']")).toThrow(/at character 6/);
    expect(() => parsePyLiteral("'open")).toThrow(/string is not closed/);
  });
});

/** One CSV line in the GlobalOpinionQA layout, quoted the way csv.writer quotes. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function row(...cells: string[]): string {
  return cells.map(csvField).join(',');
}

describe('GlobalOpinionQA layout', () => {
  const header = 'question,selections,options,source';

  it('reads question, options and per-country shares, with tricky quoting in every column', () => {
    const text = [
      header,
      row(
        'Is it "fair", or not?\nPlease answer.',
        "defaultdict(<class 'list'>, {'United States': [0.6, 0.3, 0.1], 'Palest. ter.': [0.2, 0.7, 0.1]})",
        `['Fair, mostly', "Don't know", 'Say "no"']`,
        'GAS',
      ),
    ].join('\n');
    const { rows, issues } = parseLayout(text, 'goqa.csv');
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        index: 0,
        line: 2,
        question: 'Is it "fair", or not?\nPlease answer.',
        options: ['Fair, mostly', "Don't know", 'Say "no"'],
        selections: [
          { name: 'United States', shares: [0.6, 0.3, 0.1] },
          { name: 'Palest. ter.', shares: [0.2, 0.7, 0.1] },
        ],
        source: 'GAS',
      },
    ]);
  });

  it('finds columns by name (extra index column, any order) and numbers rows as pandas does', () => {
    const text = [
      ',source,options,selections,question',
      row('0', 'WVS', "['a', 'b']", "{'China': [0.5, 0.5]}", 'first'),
      row('1', 'WVS', '[]', "defaultdict(<class 'list'>, {})", ''),
      row('2', 'WVS', "['x', 'y']", "defaultdict(<class 'list'>, {'China': [0.1, 0.9]})", 'third'),
    ].join('\r\n');
    const { rows, issues } = parseLayout(text, 'goqa.csv');
    expect(rows.map((r) => [r.index, r.line, r.question])).toEqual([
      [0, 2, 'first'],
      [2, 4, 'third'],
    ]);
    expect(issues).toEqual([{ file: 'goqa.csv', line: 3, item: 'q1', message: 'empty question: row skipped' }]);
  });

  it('fails on a wrong header or a malformed literal, naming file, line, column and item', () => {
    expect(() => parseLayout('question,options\nq,[]\n', 'x.csv')).toThrow(/x\.csv:1: missing column\(s\) selections/);
    const bad = [header, row('q', "defaultdict(<class 'list'>, {'China': [0.5, 0.5]", "['a', 'b']", 'GAS')].join('\n');
    expect(() => parseLayout(bad, 'x.csv')).toThrow(InputError);
    expect(() => parseLayout(bad, 'x.csv')).toThrow(/x\.csv:2: column "selections" of q0: not a Python literal/);
    const notList = [header, row('q', '{}', "'a'", 'GAS')].join('\n');
    expect(() => parseLayout(notList, 'x.csv')).toThrow(/column "options" of q0: expected a list of option texts/);
  });
});
