import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal data always hashes equally. Request keys and text hashes
 * are hashes of this string, so it must never change by a byte: it is JSON.stringify with every
 * plain object's own keys sorted (array-index keys first, in numeric order, as an object rebuilt
 * from sorted entries has them). Plain data (objects, arrays, strings, numbers, booleans, null)
 * is written directly (≈ 3× faster than a replacer rebuilding each object); a value with a
 * `toJSON`, a class instance or a bigint goes through the replacer, the definition.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const text = plain(value);
    if (text !== undefined) return text;
  }
  return canonicalByReplacer(value);
}

function canonicalByReplacer(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 4294967295;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical JSON of plain data; undefined at anything else (then the replacer decides). */
function plain(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      const t = e === undefined || typeof e === 'function' || typeof e === 'symbol' ? 'null' : plain(e);
      if (t === undefined) return undefined;
      text += i ? `,${t}` : t;
    }
    return `${text}]`;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(v);
  // Own keys list array indices first, ascending; the others are sorted.
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices])) indices++;
  const sorted = indices ? keys.slice(0, indices).concat(keys.slice(indices).sort(byCodeUnits)) : keys.sort(byCodeUnits);
  let text = '{';
  for (const k of sorted) {
    const e = (v as Record<string, unknown>)[k];
    if (e === undefined || typeof e === 'function' || typeof e === 'symbol') continue;
    const t = plain(e);
    if (t === undefined) return undefined;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(k)}:${t}`;
  }
  return `${text}}`;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hashJson(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** A 32-bit unsigned integer derived from any strings; used to seed per-request randomness. */
export function hash32(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u241f')).digest().readUInt32BE(0);
}
