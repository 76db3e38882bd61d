import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
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
