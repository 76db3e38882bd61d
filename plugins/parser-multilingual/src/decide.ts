/**
 * The decisions: candidates of a stage → one answer or a typed non-answer, and the staged
 * pipeline over a reply (JSON, markers, positions, refusal, free text).
 */
import type { ParseContext, ParsedAnswer } from '@culturebench/core';
import { fold } from './fold.js';
import { findJsonAnswers, type JsonValue } from './json.js';
import { type Cand, REFUSAL_RE, compile, ensurePatterns } from './patterns.js';
import { Analysis } from './candidates.js';

export function decide(cands: Cand[], k: number, stage: string, viaOverride?: 'json'): ParsedAnswer | null {
  if (cands.length === 0) return null;
  const keys = new Map<string, Cand[]>();
  for (const c of cands) {
    const key = c.fractional ? `f${c.code}` : `${c.code}`;
    const list = keys.get(key) ?? [];
    list.push(c);
    keys.set(key, list);
  }
  if (keys.size > 1) {
    const values = [...keys.values()].map((l) => String(l[0]!.code));
    return { kind: 'invalid', reason: 'ambiguous', detail: `${stage}: more than one candidate answer (${values.join(', ')})` };
  }
  const [list] = [...keys.values()];
  const c = list![0]!;
  if (c.fractional) {
    const inside = c.code > 1 && c.code < k;
    return inside
      ? { kind: 'invalid', reason: 'ambiguous', detail: `${stage}: fractional answer ${c.code} lies between two options` }
      : { kind: 'invalid', reason: 'out-of-range', detail: `${stage}: answer ${c.code} is not an option 1..${k}` };
  }
  if (!Number.isInteger(c.code) || c.code < 1 || c.code > k) {
    const shown = Number.isSafeInteger(c.code) ? String(c.code) : 'a very large number';
    return { kind: 'invalid', reason: 'out-of-range', detail: `${stage}: answer ${shown} is outside 1..${k}` };
  }
  const via = viaOverride ?? (list!.some((x) => x.via === 'number') ? 'number' : 'label');
  return { kind: 'answer', code: c.code, via };
}

function coversAllCodes(cands: Cand[], k: number): boolean {
  if (k < 3) return false;
  const codes = new Set(cands.filter((c) => !c.fractional).map((c) => c.code));
  for (let i = 1; i <= k; i++) if (!codes.has(i)) return false;
  return true;
}

export function validateContext(ctx: ParseContext): void {
  if (!Number.isInteger(ctx.scaleSize) || ctx.scaleSize < 2) {
    throw new Error(`ParseContext.scaleSize must be an integer ≥ 2 (got ${String(ctx.scaleSize)})`);
  }
  if (!Array.isArray(ctx.optionLabels)) throw new Error('ParseContext.optionLabels must be an array');
}

function parseJsonValues(values: JsonValue[], reply: string, ctx: ParseContext): ParsedAnswer {
  const cands: Cand[] = [];
  const inner: ParsedAnswer[] = [];
  for (const v of values) {
    if (v.kind === 'number') {
      cands.push({ code: v.value, via: 'number', fractional: !Number.isInteger(v.value), start: 0, end: 0 });
    } else if (v.kind === 'string') {
      const r = parseText(v.value, ctx, false);
      inner.push(r);
      if (r.kind === 'answer') cands.push({ code: r.code, via: 'number', start: 0, end: 0 });
      else if (r.kind === 'invalid' && r.reason === 'out-of-range') {
        const n = Number(fold(v.value).replace(/[^\d.-]/g, ''));
        if (Number.isFinite(n)) cands.push({ code: n, via: 'number', fractional: !Number.isInteger(n), start: 0, end: 0 });
      } else if (r.kind === 'invalid' && r.reason === 'ambiguous') {
        return { kind: 'invalid', reason: 'ambiguous', detail: `json: ${r.detail}` };
      }
    }
  }
  const decided = decide(cands, ctx.scaleSize, 'json', 'json');
  if (decided) return decided;
  if (REFUSAL_RE.test(fold(reply))) return refusal(fold(reply));
  const innerRefusal = inner.find((r) => r.kind === 'refusal');
  if (innerRefusal) return innerRefusal;
  return { kind: 'invalid', reason: 'no-answer', detail: 'json: answer field holds no option' };
}

function refusal(c: string): ParsedAnswer {
  const m = REFUSAL_RE.exec(c);
  const phrase = m ? m[0].trim() : '';
  return { kind: 'refusal', reason: `declined to answer${phrase ? ` ("${phrase}")` : ''}` };
}

export function parseText(reply: string, ctx: ParseContext, withJson: boolean): ParsedAnswer {
  ensurePatterns();
  if (!/[\p{L}\p{N}]/u.test(reply)) {
    return { kind: 'invalid', reason: 'empty', detail: reply.trim() ? 'reply has no letters or digits' : 'reply is empty' };
  }
  if (withJson) {
    const json = findJsonAnswers(reply);
    if (json) return parseJsonValues(json, reply, ctx);
  }
  const comp = compile(ctx);
  const a = new Analysis(reply, comp);
  const k = comp.k;

  const markers = a.markerCandidates();
  const byMarker = decide(markers.cands, k, 'answer marker');
  const positional = a.positionalCandidates();
  if (byMarker) {
    // "4 (I'd say very important)": an answer position that the marked answer contradicts.
    if (byMarker.kind === 'answer' && !coversAllCodes(positional, k)) {
      const other = positional.find((c) => !c.fractional && c.code !== byMarker.code && c.code >= 1 && c.code <= k);
      if (other) return { kind: 'invalid', reason: 'ambiguous', detail: `answer marker (${byMarker.code}) and answer position (${other.code}) disagree` };
    }
    return byMarker;
  }

  if (positional.length && !coversAllCodes(positional, k)) {
    const byPosition = decide(positional, k, 'answer position');
    if (byPosition) return byPosition;
  }

  if (REFUSAL_RE.test(a.c)) return refusal(a.c);

  const free = a.freeCandidates();
  if (coversAllCodes(free, k) || (positional.length && coversAllCodes(positional, k)) || (a.echoed && free.length === 0)) {
    return { kind: 'invalid', reason: 'no-answer', detail: 'reply lists all options without choosing one' };
  }
  const byText = decide(free, k, 'free text');
  if (byText) return byText;
  return {
    kind: 'invalid',
    reason: 'no-answer',
    detail: markers.markers ? 'answer marker not followed by a recognisable option' : 'no option number or label found',
  };
}
