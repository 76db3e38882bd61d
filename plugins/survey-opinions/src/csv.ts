/**
 * RFC 4180 CSV, as pandas and Python's csv module write it: comma-separated, fields with commas,
 * quotes or line breaks wrapped in double quotes, a quote inside a quoted field doubled. Line
 * breaks may be LF or CRLF; a UTF-8 byte-order mark is dropped.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (records can span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    // A blank line (one empty field) is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < src.length) {
    const c = src[i];
    if (atFieldStart && c === '"') {
      // Quoted field: runs to the closing quote; "" is a literal quote.
      const start = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError('quoted field is not closed before the end of the file', start);
        const d = src[i];
        if (d === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\n') line++;
        field += d;
        i++;
      }
      atFieldStart = false;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(`unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field must be doubled)`, line);
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' && src[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    if (c === '"') throw new CsvSyntaxError('a quote inside an unquoted field (quote the whole field and double the quote)', line);
    field += c;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
