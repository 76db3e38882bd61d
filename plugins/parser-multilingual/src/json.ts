/**
 * JSON answers: `{"answer": 4}`, `{"answer":"4"}`, fenced ```json blocks, nested
 * `{"response": {"answer": 4}}`, arrays, and (when the JSON is malformed) a lenient
 * `"answer": 4` key-value scan.
 */
import { fold } from './fold.js';
import { JSON_ANSWER_KEYS } from './lexicon.js';

export type JsonValue = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'null' };

const KEYS = new Set(JSON_ANSWER_KEYS.map((k) => fold(k).replace(/[^a-z]/g, '')));

function isAnswerKey(key: string): boolean {
  const k = fold(key).replace(/[^a-z]/g, '');
  return KEYS.has(k) || (k.length > 6 && k.endsWith('answer'));
}

function collect(value: unknown, out: JsonValue[], depth: number): void {
  if (value === null || value === undefined) {
    out.push({ kind: 'null' });
  } else if (typeof value === 'number') {
    out.push({ kind: 'number', value });
  } else if (typeof value === 'string') {
    out.push({ kind: 'string', value });
  } else if (typeof value === 'boolean') {
    out.push({ kind: 'null' });
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.push({ kind: 'null' });
    for (const v of value) collect(v, out, depth + 1);
  } else if (typeof value === 'object' && depth < 3) {
    const found = answerValues(value as Record<string, unknown>, depth + 1);
    if (found.length) out.push(...found);
    else out.push({ kind: 'null' });
  }
}

function answerValues(obj: Record<string, unknown>, depth: number): JsonValue[] {
  const out: JsonValue[] = [];
  for (const [key, v] of Object.entries(obj)) {
    if (isAnswerKey(key)) collect(v, out, depth);
  }
  if (out.length === 0 && depth < 3) {
    // One level of wrapping: {"result": {"answer": 4}}
    for (const v of Object.values(obj)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...answerValues(v as Record<string, unknown>, depth + 1));
    }
  }
  return out;
}

function balancedObjects(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length && out.length < 20; i++) {
    if (text[i] !== '{') continue;
    let depth = 0;
    let inString = false;
    for (let j = i; j < text.length && j - i < 20000; j++) {
      const ch = text[j];
      if (inString) {
        if (ch === '\\') j++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          out.push(text.slice(i, j + 1));
          i = j;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Answer values found in JSON inside the reply, or null when the reply carries no JSON
 * object with an answer key.
 */
export function findJsonAnswers(reply: string): JsonValue[] | null {
  const normalized = reply.normalize('NFKC').replace(/[“”„]/g, '"');
  const candidates: string[] = [];
  for (const m of normalized.matchAll(/```[a-zA-Z]*\s*([\s\S]*?)```/g)) candidates.push(m[1]!.trim());
  candidates.push(...balancedObjects(normalized));
  const trimmed = normalized.trim();
  if (trimmed.startsWith('[')) candidates.push(trimmed);
  const values: JsonValue[] = [];
  let sawAnswerKey = false;
  for (const c of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(c);
    } catch {
      continue;
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of list) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const found = answerValues(item as Record<string, unknown>, 0);
        if (found.length) {
          sawAnswerKey = true;
          values.push(...found);
        }
      }
    }
    if (sawAnswerKey) break; // first JSON object with an answer wins (fenced block, then bare)
  }
  if (sawAnswerKey) return values;
  // Malformed JSON: {"answer": 4, "reason": "…"  (no closing brace), {'answer': '4'}.
  const lenient = [
    ...fold(normalized).matchAll(/["']([a-z_]*answer|choice|option|response|score|rating|selection)["']\s*:\s*["']?\s*(-?\d+(?:\.\d+)?)\s*["']?/g),
  ];
  if (lenient.length) return lenient.map((m) => ({ kind: 'number', value: Number(m[2]) }) as JsonValue);
  return null;
}
