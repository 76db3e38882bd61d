/**
 * What a run would ask and roughly cost, per model and elicitation method, from the rendered
 * prompts; nothing is asked or written.
 */
import { ResponseCache } from './cache.js';
import { turnKey, turnMessages } from './elicitation/conversation.js';
import type { Plan, PlannedRequest } from './plan.js';
import { cacheDirOf, prepareRun } from './prepare.js';
import type { RunOptions } from './run-options.js';

export interface DryRunRow {
  model: string;
  /** Elicitation method of these requests. */
  method: string;
  /** Grid variants asked with this method. */
  variants: number;
  requests: number;
  /** Respondent answers these requests yield (n-completions: n per request). */
  answers: number;
  alreadyCached: number;
  inputTokens: number;
  outputTokens: number;
  /** null when the model has no price. */
  costUsd: number | null;
}

/** Output tokens one completion is expected to use: a code, or a JSON distribution over k options. */
function outputTokensOf(method: string, maxTokens: number | undefined, scaleSize: number): number {
  if (method === 'verbalized') return maxTokens ?? 6 * scaleSize + 4;
  return maxTokens ?? 8;
}

/**
 * A conversation's share of the dry run: turns whose earlier replies are all cached are replayed
 * (walked through the cache, turn by turn); every other turn pays for its whole context, earlier
 * replies estimated at `replyTokens` each.
 */
function conversationEstimate(req: PlannedRequest, cache: ResponseCache | null, ns: string, replyTokens: number) {
  const conv = req.conversation!;
  const replies: string[] = [];
  let cached = 0;
  for (; cached < conv.turns.length; cached++) {
    const hit = cache?.get(ns, turnKey(req.turnAddress!, turnMessages(conv, replies, cached)));
    if (!hit) break;
    replies.push(hit.raw);
  }
  let inputTokens = 0;
  for (let t = cached; t < conv.turns.length; t++) {
    const known = turnMessages(conv, replies, Math.min(t, cached)).reduce((a, m) => a + m.content.length, 0) / 4;
    // Turns after the first uncached one: their user messages and estimated replies on top.
    let extra = 0;
    for (let u = cached + 1; u <= t; u++) extra += conv.turns[u].prompt.messages[conv.turns[u].prompt.messages.length - 1].content.length / 4 + replyTokens;
    inputTokens += Math.ceil(known + extra);
  }
  return { turns: conv.turns.length, cached, inputTokens, outputTokens: (conv.turns.length - cached) * replyTokens };
}

/** What a run would ask and roughly cost per model and method, from the rendered prompts (≈ 4 characters a token). */
export async function dryRun(opts: RunOptions): Promise<{ rows: DryRunRow[]; plan: Plan }> {
  const prepared = await prepareRun(opts);
  const cache = opts.cache === false ? null : new ResponseCache(cacheDirOf(prepared, opts));
  const rows: DryRunRow[] = [];
  for (const [id, ready] of prepared.ready) {
    const ns = ResponseCache.namespaceOf(ready.entry, ready.provider.cacheIdentity?.(ready.entry));
    const byMethod = new Map<string, DryRunRow & { seen: Set<string> }>();
    for (const req of prepared.plan.requests({ model: id, shard: opts.shard })) {
      const method = req.variant.method;
      let row = byMethod.get(method);
      if (!row)
        byMethod.set(
          method,
          (row = {
            model: id,
            method,
            variants: 0,
            requests: 0,
            answers: 0,
            alreadyCached: 0,
            inputTokens: 0,
            outputTokens: 0,
            costUsd: null,
            seen: new Set(),
          }),
        );
      row.seen.add(req.variant.id);
      if (req.conversation) {
        const c = conversationEstimate(req, ns === null ? null : cache, ns ?? '', outputTokensOf(method, ready.entry.params?.maxTokens, 5));
        row.requests += c.turns;
        row.answers += c.turns;
        row.alreadyCached += c.cached;
        row.inputTokens += c.inputTokens;
        row.outputTokens += c.outputTokens;
        continue;
      }
      row.requests++;
      row.answers += req.group.length * (req.questionnaire?.length ?? 1);
      if (cache?.get(ns, req.key)) {
        row.alreadyCached++;
        continue;
      }
      // n completions share one prompt: its input tokens are paid once.
      row.inputTokens += Math.ceil(req.prompt.messages.reduce((a, m) => a + m.content.length, 0) / 4);
      // A questionnaire reply is a JSON object of about 5 tokens per item (a stated distribution: 6k + 4 more per item).
      const perItem = (q: { scaleSize: number }) => 5 + (method === 'verbalized' ? 6 * q.scaleSize + 4 : 0);
      row.outputTokens += req.questionnaire
        ? req.questionnaire.reduce((a, q) => a + perItem(q), 0) * req.group.length
        : outputTokensOf(method, ready.entry.params?.maxTokens, req.prompt.scaleSize) * req.group.length;
    }
    const price = ready.entry.price;
    for (const { seen, ...row } of byMethod.values()) {
      row.variants = seen.size;
      if (ready.provider.kind !== 'llm') row.costUsd = 0;
      else if (price) row.costUsd = (row.inputTokens * price.inputPerMillion + row.outputTokens * price.outputPerMillion) / 1e6;
      rows.push(row);
    }
  }
  return { rows, plan: prepared.plan };
}
