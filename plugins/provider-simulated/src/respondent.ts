/**
 * The simulated respondent as a model client (plain messages in, plain reply out): it reads the
 * country from the persona (no persona at all: its default profile) and the item from the question (by their texts in any of the survey's
 * languages), draws an answer from the generating process, and replies in text that goes through
 * the real parser. It declares what an OpenAI-compatible server offers, so every elicitation
 * method runs against a known truth: `n` completions (independent draws of one prompt), `logprobs`
 * (the process's own probabilities of the option codes at the answer position, the refusal share
 * outside them) and, when the prompt asks for a distribution, that distribution as JSON. Asked the
 * whole questionnaire in one prompt, it answers every item shown as one JSON object keyed by item.
 *
 * Client creation is this one function, so it adapts to a change of the provider contract.
 */
import {
  assertSupported,
  fillTemplate,
  hash32,
  NO_PERSONA_COUNTRY,
  type ChatMessage,
  type InvokeOptions,
  type ModelClient,
  type ModelCompletion,
  type ModelReply,
  type Survey,
  type TokenLogprob,
} from '@culturebench/core';
import { drawCode, type SimulationProcess } from './process.js';
import { answerQuestionnaire, questionnaireDraw, questionnaireLocator, type LocatedQuestionnaire } from './questionnaire.js';

/** A reply the parser reads as a refusal. */
export const REFUSAL_TEXT = "I'm sorry, but I cannot provide a personal opinion on this statement.";

interface Located {
  country: string;
  item: string;
  /** Options shown last-to-first (renumbered from 1): answers are given in displayed codes. */
  reversed: boolean;
  /** The prompt asks for a stated distribution (the verbalized method), not one answer. */
  distribution: boolean;
  /** The text that introduces the persona: the system message, or the user message before the question. */
  persona: string;
}

const locators = new WeakMap<Survey, (system: string, user: string) => Located | null>();

/** Finds (country, item, how it is shown) of a prompt from the texts the survey prints; longest texts first. */
export function promptLocator(survey: Survey): (system: string, user: string) => Located | null {
  const known = locators.get(survey);
  if (known) return known;
  const items: [string, string, string][] = [];
  const countries: [string, string][] = [];
  const asks: string[] = [];
  for (const [language, text] of Object.entries(survey.languages)) {
    for (const [id, t] of Object.entries(text.items)) if (t) items.push([t, id, language]);
    for (const [id, pair] of Object.entries(text.variants?.paraphrases ?? {})) for (const t of pair ?? []) if (t) items.push([t, id, language]);
    for (const [code, name] of Object.entries(text.countries)) if (name) countries.push([name, code]);
    // The fixed opening of the distribution instruction identifies a verbalized prompt.
    const ask = text.variants?.distributionInstruction?.split('{')[0]?.trim();
    if (ask) asks.push(ask);
  }
  items.sort((a, b) => b[0].length - a[0].length);
  countries.sort((a, b) => b[0].length - a[0].length);
  const seen = new Map<string, Located | null>();
  const locate = (system: string, user: string): Located | null => {
    const memo = `${system}\u0000${user}`;
    if (seen.has(memo)) return seen.get(memo)!;
    const hit = items.find(([t]) => user.includes(t));
    // No system message and no country in the question: asked with no persona, the default profile answers.
    const country = countries.find(([n]) => (system || user).includes(n))?.[1] ?? (system === '' ? NO_PERSONA_COUNTRY : undefined);
    let found: Located | null = null;
    if (hit && country) {
      const [itemText, item, language] = hit;
      const text = survey.languages[language]!;
      const scale = survey.items.find((i) => i.id === item)?.scale;
      const labels = (scale && text.scales[scale]) || [];
      const lastFirst = labels.length > 1 ? fillTemplate(text.prompt.optionLine, { code: 1, label: labels[labels.length - 1]! }) : null;
      const persona = system || user.slice(0, Math.max(0, user.indexOf(itemText)));
      found = { country, item, reversed: lastFirst !== null && user.includes(lastFirst), distribution: asks.some((a) => user.includes(a)), persona };
    }
    if (seen.size > 50_000) seen.clear();
    seen.set(memo, found);
    return found;
  };
  locators.set(survey, locate);
  return locate;
}

/** A simulated respondent behind the plain client contract; no library, no network. */
class SimulatedClient implements ModelClient {
  readonly capabilities = { seed: true, logprobs: true, n: true };

  constructor(
    private readonly process: SimulationProcess,
    private readonly locate: (system: string, user: string) => Located | null,
    private readonly defaultSeed: number,
    private readonly locateQuestionnaire: (system: string, user: string) => LocatedQuestionnaire | null,
  ) {}

  async invoke(messages: ChatMessage[], options: InvokeOptions = {}): Promise<ModelReply> {
    assertSupported('simulated', this.capabilities, options);
    const system = messages.find((m) => m.role === 'system')?.content ?? '';
    const user = messages[messages.length - 1]?.content ?? '';
    const seed = options.seed ?? this.defaultSeed;
    // The whole questionnaire in one prompt: one JSON object keyed by item per completion.
    const whole = this.locateQuestionnaire(system, user);
    if (whole) {
      const texts = Array.from({ length: options.n ?? 1 }, (_, c) => answerQuestionnaire(this.process, whole, questionnaireDraw(seed, system, user, c)));
      return { text: texts[0]!, usage: null, ...(texts.length > 1 ? { completions: texts.map((text) => ({ text })) } : {}) };
    }
    const where = this.locate(system, user);
    if (!where) return { text: 'I cannot tell which question this is.', usage: null };
    const probs = this.process.probabilities(where.country, where.item, where.persona);
    const cum = this.process.cumulative(where.country, where.item, where.persona);
    const size = probs.length;
    // Displayed code d shows original code shown(d).
    const shown = (d: number) => (where.reversed ? size + 1 - d : d);
    const completion = (c: number): ModelCompletion => {
      // Completion 0 draws exactly as a one-completion request does.
      const salt = c === 0 ? [] : [c];
      const u1 = hash32(seed, 'refusal', system, user, ...salt) / 2 ** 32;
      const u2 = hash32(seed, 'answer', system, user, ...salt) / 2 ** 32;
      if (u1 < this.process.refusal) return { text: REFUSAL_TEXT };
      if (where.distribution)
        return { text: JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [String(i + 1), probs[shown(i + 1) - 1]]))) };
      return { text: String(shown(drawCode(cum, u2))) };
    };
    const n = options.n ?? 1;
    const completions = Array.from({ length: n }, (_, c) => completion(c));
    const first = completions[0]!;
    const reply: ModelReply = { ...first, usage: null };
    if (options.logprobs && !where.distribution) reply.logprobs = this.answerLogprobs(first.text, probs, shown);
    if (n > 1) reply.completions = completions;
    return reply;
  }

  /** The answer position's alternatives: every code with its probability; the refusal share is outside them. */
  private answerLogprobs(text: string, probs: Float64Array, shown: (d: number) => number): TokenLogprob[] {
    const keep = 1 - this.process.refusal;
    const top = Array.from(probs, (_, i) => ({ token: String(i + 1), logprob: Math.log(keep * probs[shown(i + 1) - 1]!) }))
      .filter((t) => Number.isFinite(t.logprob))
      .sort((a, b) => b.logprob - a.logprob);
    const token = text === REFUSAL_TEXT ? "I'm" : text;
    const own = top.find((t) => t.token === token)?.logprob ?? Math.log(Math.max(this.process.refusal, Number.MIN_VALUE));
    return [{ token, logprob: own, top }];
  }
}

export function createSimulatedClient(process: SimulationProcess, survey: Survey, seed = 0): ModelClient {
  return new SimulatedClient(process, promptLocator(survey), seed, questionnaireLocator(survey));
}
