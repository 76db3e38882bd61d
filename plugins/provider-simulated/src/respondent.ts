/**
 * The simulated respondent as a model client (plain messages in, plain reply out): it reads the country from the persona (none:
 * its default profile) and the item from the question (by their texts in any of the survey's languages), draws an answer from the
 * generating process, and replies in text that goes through the real parser.
 *
 * Client creation is this one function, so it adapts to a change of the provider contract.
 */
import { assertSupported, hash32, NO_PERSONA_COUNTRY, type ChatMessage, type InvokeOptions, type ModelClient, type ModelReply, type Survey } from '@culturebench/core';
import { drawCode, type SimulationProcess } from './process.js';

/** A reply the parser reads as a refusal. */
export const REFUSAL_TEXT = "I'm sorry, but I cannot provide a personal opinion on this statement.";

interface Located {
  country: string;
  item: string;
}

/** Finds (country, item) of a prompt from the texts the survey prints; longest texts first. */
export function promptLocator(survey: Survey): (system: string, user: string) => Located | null {
  const items: [string, string][] = [];
  const countries: [string, string][] = [];
  for (const text of Object.values(survey.languages)) {
    for (const [id, t] of Object.entries(text.items)) if (t) items.push([t, id]);
    for (const [code, name] of Object.entries(text.countries)) if (name) countries.push([name, code]);
  }
  items.sort((a, b) => b[0].length - a[0].length);
  countries.sort((a, b) => b[0].length - a[0].length);
  return (system, user) => {
    const item = items.find(([t]) => user.includes(t))?.[1];
    // No system message: the persona may sit atop the question; none at all = the respondent's default profile.
    const country = countries.find(([n]) => system.includes(n))?.[1] ?? (system === '' ? (countries.find(([n]) => user.includes(n))?.[1] ?? NO_PERSONA_COUNTRY) : undefined);
    return item && country ? { country, item } : null;
  };
}

/** A simulated respondent behind the plain client contract; no library, no network. */
class SimulatedClient implements ModelClient {
  readonly capabilities = { seed: true, logprobs: false, n: false };

  constructor(
    private readonly process: SimulationProcess,
    private readonly locate: (system: string, user: string) => Located | null,
    private readonly defaultSeed: number,
  ) {}

  async invoke(messages: ChatMessage[], options: InvokeOptions = {}): Promise<ModelReply> {
    assertSupported('simulated', this.capabilities, options);
    const system = messages.find((m) => m.role === 'system')?.content ?? '';
    const user = messages[messages.length - 1]?.content ?? '';
    const where = this.locate(system, user);
    const seed = options.seed ?? this.defaultSeed;
    if (!where) return { text: 'I cannot tell which question this is.', usage: null };
    const u1 = hash32(seed, 'refusal', system, user) / 2 ** 32;
    const u2 = hash32(seed, 'answer', system, user) / 2 ** 32;
    const text = u1 < this.process.refusal ? REFUSAL_TEXT : String(drawCode(this.process.cumulative(where.country, where.item), u2));
    return { text, usage: null };
  }
}

export function createSimulatedClient(process: SimulationProcess, survey: Survey, seed = 0): ModelClient {
  return new SimulatedClient(process, promptLocator(survey), seed);
}
