/**
 * A reader for the Python literals that GlobalOpinionQA stores in its CSV cells: the `repr` of a
 * list of strings (`options`) and of a `defaultdict(list)` (`selections`). It is not `eval`: only
 * strings, numbers (incl. nan/inf), True/False/None, lists, tuples and dicts are accepted, plus the
 * `defaultdict(<class 'list'>, {...})` wrapper, which is read as its dict.
 */

export type PyValue = string | number | boolean | null | PyValue[] | PyDict;
export interface PyDict {
  /** Keys in source order (a Python dict keeps insertion order). */
  entries: [PyValue, PyValue][];
}

export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1}`);
    this.name = 'PyLiteralError';
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\n': '',
};

export function isPyDict(v: PyValue): v is PyDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parsePyLiteral(text: string): PyValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (msg: string): never => {
    throw new PyLiteralError(msg, i);
  };
  const expect = (s: string) => {
    ws();
    if (!text.startsWith(s, i)) fail(`expected ${JSON.stringify(s)}, found ${JSON.stringify(text.slice(i, i + 12) || 'end of text')}`);
    i += s.length;
  };

  function str(): string {
    const quote = text[i];
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) throw new PyLiteralError('string is not closed', start);
      const c = text[i];
      if (c === quote) {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) throw new PyLiteralError('string is not closed', start);
        if (e in SIMPLE_ESCAPES) {
          out += SIMPLE_ESCAPES[e];
          i += 2;
          continue;
        }
        const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (width > 0) {
          const hex = text.slice(i + 2, i + 2 + width);
          if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail(`bad \\${e} escape`);
          out += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + width;
          continue;
        }
        // Python keeps an unknown escape as it is (backslash included).
        out += c + e;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  }

  function seq(close: string): PyValue[] {
    const items: PyValue[] = [];
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return items;
      }
      fail(`expected "," or "${close}"`);
    }
  }

  function dict(): PyDict {
    const entries: [PyValue, PyValue][] = [];
    for (;;) {
      ws();
      if (text[i] === '}') {
        i++;
        return { entries };
      }
      const k = value();
      expect(':');
      entries.push([k, value()]);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return { entries };
      }
      fail('expected "," or "}"');
    }
  }

  function value(): PyValue {
    ws();
    const c = text[i];
    if (c === undefined) return fail('unexpected end of text');
    if (c === "'" || c === '"') return str();
    if (c === '[') {
      i++;
      return seq(']');
    }
    if (c === '(') {
      i++;
      return seq(')');
    }
    if (c === '{') {
      i++;
      return dict();
    }
    if (text.startsWith('defaultdict(', i)) {
      i += 'defaultdict('.length;
      ws();
      // The factory prints as <class 'list'>; skip it (or a bare name such as list).
      const m = /^(<class '[A-Za-z_][\w.]*'>|[A-Za-z_][\w.]*)/.exec(text.slice(i));
      if (!m) fail('expected the default factory of defaultdict');
      i += m![0].length;
      expect(',');
      const inner = value();
      if (!isPyDict(inner)) fail('defaultdict holds no dict');
      expect(')');
      return inner;
    }
    const word = /^[A-Za-z_]\w*/.exec(text.slice(i))?.[0];
    if (word !== undefined) {
      i += word.length;
      switch (word) {
        case 'True':
          return true;
        case 'False':
          return false;
        case 'None':
          return null;
        case 'nan':
          return NaN;
        case 'inf':
          return Infinity;
        default:
          i -= word.length;
          return fail(`unsupported name ${JSON.stringify(word)}`);
      }
    }
    const num = /^[-+]?(?:(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|inf|nan)/.exec(text.slice(i))?.[0];
    if (num) {
      i += num.length;
      const n = Number(num.replace(/_/g, '').replace(/inf$/, 'Infinity').replace(/nan$/, 'NaN'));
      if (Number.isNaN(n) && !num.endsWith('nan')) fail(`bad number ${num}`);
      return n;
    }
    return fail(`unexpected ${JSON.stringify(c)}`);
  }

  const v = value();
  ws();
  if (i < text.length) fail(`unexpected ${JSON.stringify(text.slice(i, i + 12))} after the value`);
  return v;
}
