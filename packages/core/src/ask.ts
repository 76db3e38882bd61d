import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { redactSecrets } from './errors.js';
import type { AnswerParser } from './parser.js';
import type { Plan, PlannedRequest } from './plan.js';
import type { ChatMessage } from './prompter.js';
import type { ModelEntry, ModelProvider } from './provider.js';
import type { JsonlAppender, ResponseRecord } from './responses.js';

export interface ReadyModel {
  entry: ModelEntry;
  provider: ModelProvider;
  chat: BaseChatModel;
  /** Strings to redact from error messages (API keys). */
  secrets: string[];
  /** What the availability check said (e.g. "offline baseline"). */
  detail?: string;
}

export interface AskProgress {
  model: string;
  done: number;
  total: number;
  errors: number;
  costUsd: number;
}

export interface AskOptions {
  plan: Plan;
  models: Map<string, ReadyModel>;
  parser: AnswerParser;
  log: JsonlAppender;
  /** Keys already answered in this run directory: not asked again. */
  done?: Set<string>;
  /** Global cap on requests in flight. */
  concurrency: number;
  timeoutMs?: number;
  onRecord?: (record: ResponseRecord, progress: AskProgress) => void;
  signal?: AbortSignal;
}

export interface AskSummary {
  asked: number;
  skipped: number;
  errors: number;
  byModel: Record<string, AskProgress>;
}

export function toLangChain(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) =>
    m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
  );
}

function usageOf(message: AIMessage): { input: number; output: number } | null {
  const u = message.usage_metadata;
  return u ? { input: u.input_tokens, output: u.output_tokens } : null;
}

function textOf(message: AIMessage): string {
  const c = message.content;
  if (typeof c === 'string') return c;
  return c.map((part) => (typeof part === 'string' ? part : 'text' in part ? String(part.text) : '')).join('');
}

/** ask → parse: sends every planned request not yet done and appends each reply as it arrives. */
export async function ask(opts: AskOptions): Promise<AskSummary> {
  const { plan, models, parser, log, done = new Set<string>() } = opts;
  const byModel: Record<string, AskProgress> = {};
  for (const [id] of models) {
    byModel[id] = { model: id, done: 0, total: plan.size / Math.max(1, models.size), errors: 0, costUsd: 0 };
  }
  let skipped = 0;
  let asked = 0;
  let errors = 0;

  const askOne = async (req: PlannedRequest, ready: ReadyModel): Promise<void> => {
    const started = performance.now();
    const record: ResponseRecord = {
      key: req.key,
      promptHash: req.prompt.promptHash,
      model: ready.entry.id,
      provider: ready.entry.provider,
      kind: ready.provider.kind,
      country: req.cell.country,
      language: req.cell.language,
      conditions: req.cell.conditions,
      item: req.item.id,
      respondent: req.respondent,
      persona: req.persona,
      seed: req.seed,
      raw: null,
      parsed: null,
      answer: null,
      tokens: null,
      costUsd: null,
      latencyMs: 0,
      error: null,
      at: '',
    };
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 120_000), ...(opts.signal ? [opts.signal] : [])]);
      const callOptions: Record<string, unknown> = { signal };
      if (ready.provider.supportsSeed) callOptions.seed = req.seed;
      const reply = (await ready.chat.invoke(toLangChain(req.prompt.messages), callOptions)) as AIMessage;
      record.raw = textOf(reply);
      record.tokens = usageOf(reply);
      const parsed = parser.parse(record.raw, {
        scaleSize: req.prompt.scaleSize,
        optionLabels: req.prompt.optionLabels,
        language: req.cell.language,
      });
      record.parsed = parsed;
      record.answer = parsed.kind === 'answer' ? parsed.code : null;
      const price = ready.entry.price;
      // Baselines cost nothing; an LLM without usage or without a price has an unknown cost.
      if (ready.provider.kind === 'baseline') record.costUsd = 0;
      else if (record.tokens && price) {
        record.costUsd = (record.tokens.input * price.inputPerMillion + record.tokens.output * price.outputPerMillion) / 1e6;
      }
    } catch (err) {
      const explained = ready.provider.explainError?.(err, ready.entry);
      record.error = redactSecrets(explained?.message ?? ((err as Error).message || String(err)), ready.secrets);
    }
    record.latencyMs = Math.round(performance.now() - started);
    record.at = new Date().toISOString();
    log.append(record);
    const p = byModel[ready.entry.id];
    p.done++;
    asked++;
    if (record.error) {
      p.errors++;
      errors++;
    }
    p.costUsd += record.costUsd ?? 0;
    opts.onRecord?.(record, p);
  };

  // Per-model totals are exact: count the cells of each model.
  for (const id of Object.keys(byModel)) {
    byModel[id].total = plan.cells.filter((c) => c.model.id === id).length * plan.survey.items.length * plan.samples;
  }

  const iterator = plan.requests();
  const inFlight = new Set<Promise<void>>();
  const perModel = new Map<string, number>();
  const waiting: PlannedRequest[] = [];
  const limitOf = (r: ReadyModel) => r.entry.concurrency ?? r.provider.defaultConcurrency;

  const launch = (req: PlannedRequest, ready: ReadyModel) => {
    perModel.set(ready.entry.id, (perModel.get(ready.entry.id) ?? 0) + 1);
    const p = askOne(req, ready).finally(() => {
      perModel.set(ready.entry.id, (perModel.get(ready.entry.id) ?? 1) - 1);
      inFlight.delete(p);
    });
    inFlight.add(p);
  };

  let exhausted = false;
  let lastYield = performance.now();
  while (!opts.signal?.aborted) {
    // Fast (cached, baseline) replies resolve as microtasks only; give timers and signals a turn.
    if (performance.now() - lastYield > 50) {
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    // Fill free slots, honouring both the global cap and each model's own limit.
    let launched = false;
    for (let i = 0; i < waiting.length && inFlight.size < opts.concurrency; i++) {
      const ready = models.get(waiting[i].cell.model.id)!;
      if ((perModel.get(ready.entry.id) ?? 0) < limitOf(ready)) {
        launch(waiting[i], ready);
        waiting.splice(i--, 1);
        launched = true;
      }
    }
    while (!exhausted && inFlight.size < opts.concurrency && waiting.length < opts.concurrency * 4) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const req = next.value;
      if (done.has(req.key)) {
        skipped++;
        byModel[req.cell.model.id].done++;
        continue;
      }
      const ready = models.get(req.cell.model.id);
      if (!ready) continue;
      if ((perModel.get(ready.entry.id) ?? 0) < limitOf(ready)) {
        launch(req, ready);
        launched = true;
      } else waiting.push(req);
    }
    if (inFlight.size === 0 && exhausted && waiting.length === 0) break;
    if (inFlight.size > 0 && !launched) await Promise.race(inFlight);
    else if (inFlight.size > 0 && (inFlight.size >= opts.concurrency || exhausted)) await Promise.race(inFlight);
  }
  await Promise.allSettled([...inFlight]);
  log.flush();
  return { asked, skipped, errors, byModel };
}
