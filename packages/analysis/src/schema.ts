/**
 * A tiny JSON Schema (draft 2020-12) validator for the subset results.schema.json uses. An
 * unsupported keyword is an error, so the schema cannot silently say more than is checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnalysisModule } from './analysis-module.js';
import { ANALYSES } from './registry.js';

export interface SchemaError {
  /** JSON Pointer of the offending value. */
  path: string;
  message: string;
}

type Schema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', '$defs', 'examples', 'default']);
const SUPPORTED = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'minimum',
  'maximum',
  'anyOf',
  'pattern',
]);

/** The path of results.schema.json (next to the package's README). */
export const RESULTS_SCHEMA_PATH = fileURLToPath(new URL('../results.schema.json', import.meta.url));

export function loadResultsSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(RESULTS_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

/** The frame of results.json (everything but the analyses' keys): the source of results.schema.json with the registry. */
export const RESULTS_FRAME_SCHEMA_PATH = fileURLToPath(new URL('../results.frame.schema.json', import.meta.url));

/**
 * results.schema.json as generated: the frame plus, for every registered analysis, its keys with
 * their schema (all required). A key declared twice is an error.
 */
export function buildResultsSchema(modules: readonly AnalysisModule<object>[] = ANALYSES as readonly AnalysisModule<object>[]): Record<string, unknown> {
  const { $comment: _frameNote, ...frame } = JSON.parse(readFileSync(RESULTS_FRAME_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const properties = { ...(frame.properties as Record<string, unknown>) };
  const required = [...(frame.required as string[])];
  for (const m of modules) {
    for (const [key, schema] of Object.entries(m.schema)) {
      if (key in properties) throw new Error(`results.json key "${key}" of analysis "${m.id}" is declared twice`);
      properties[key] = schema;
      required.push(key);
    }
  }
  return {
    ...frame,
    $comment: 'Generated from results.frame.schema.json and the analyses in src/registry.ts (npm run schema -w @culturebench/analysis); do not edit.',
    required,
    properties,
  };
}

/** The text of results.schema.json. */
export function resultsSchemaText(): string {
  return `${JSON.stringify(buildResultsSchema(), null, 2)}\n`;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `schema`; returns every error (empty = valid). */
export function validateJsonSchema(schema: Schema, value: unknown, root: Schema = schema): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`schema: only local $ref is supported, got ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`schema: unresolved $ref ${ref}`);
    return node as Schema;
  };
  const walk = (s: Schema, v: unknown, path: string): void => {
    if (s === true) return;
    if (s === false) {
      errors.push({ path, message: 'no value is allowed here' });
      return;
    }
    for (const k of Object.keys(s)) if (!SUPPORTED.has(k)) throw new Error(`schema: keyword "${k}" at ${path || '/'} is not supported by this validator`);
    if (typeof s.$ref === 'string') walk(resolve(s.$ref), v, path);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(v, t))) {
        errors.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(v)}` });
        return;
      }
    }
    if (s.const !== undefined && !deepEqual(s.const, v)) errors.push({ path, message: `expected ${JSON.stringify(s.const)}` });
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, v)))
      errors.push({ path, message: `expected one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(v)}` });
    if (Array.isArray(s.anyOf)) {
      const ok = (s.anyOf as Schema[]).some((sub) => validateJsonSchema(sub, v, root).length === 0);
      if (!ok) errors.push({ path, message: 'matches none of anyOf' });
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push({ path, message: `below minimum ${s.minimum}` });
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push({ path, message: `above maximum ${s.maximum}` });
    }
    if (typeof v === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
      errors.push({ path, message: `does not match ${s.pattern}` });
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) errors.push({ path, message: `fewer than ${s.minItems} items` });
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) errors.push({ path, message: `more than ${s.maxItems} items` });
      const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
      v.forEach((item, i) => {
        if (i < prefix.length) walk(prefix[i]!, item, `${path}/${i}`);
        else if (s.items !== undefined) walk(s.items as Schema, item, `${path}/${i}`);
      });
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in obj)) errors.push({ path, message: `missing required property "${r}"` });
      for (const [k, val] of Object.entries(obj)) {
        const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (k in props) walk(props[k]!, val, p);
        else if (s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) errors.push({ path: p, message: 'property not allowed by the schema' });
          else walk(s.additionalProperties as Schema, val, p);
        }
      }
    }
  };
  walk(schema, value, '');
  return errors;
}
