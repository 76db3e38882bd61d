/**
 * The simulated respondent as a chat model: it reads the country from the persona and the item
 * from the question (by their texts in any of the survey's languages), draws an answer from the
 * generating process, and replies in text that goes through the real parser.
 *
 * Client creation is this one function, so it adapts to a change of the provider contract.
 */
import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { hash32, type Survey } from '@culturebench/core';
import { drawCode, type SimulationProcess } from './process.js';

/** A reply the parser reads as a refusal. */
export const REFUSAL_TEXT = "I'm sorry, but I cannot provide a personal opinion on this statement.";

export interface SimulatedCallOptions extends BaseChatModelCallOptions {
  seed?: number;
}

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
    const country = countries.find(([n]) => system.includes(n))?.[1];
    return item && country ? { country, item } : null;
  };
}

const text = (m: BaseMessage | undefined) => (m === undefined ? '' : typeof m.content === 'string' ? m.content : JSON.stringify(m.content));

class SimulatedChatModel extends BaseChatModel<SimulatedCallOptions> {
  constructor(
    private readonly process: SimulationProcess,
    private readonly locate: (system: string, user: string) => Located | null,
    private readonly defaultSeed: number,
  ) {
    super({});
  }

  _llmType(): string {
    return 'culturebench-simulation';
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const system = text(messages.find((m) => m._getType() === 'system'));
    const user = text(messages[messages.length - 1]);
    const where = this.locate(system, user);
    const seed = options.seed ?? this.defaultSeed;
    let reply: string;
    if (!where) reply = 'I cannot tell which question this is.';
    else {
      const u1 = hash32(seed, 'refusal', system, user) / 2 ** 32;
      const u2 = hash32(seed, 'answer', system, user) / 2 ** 32;
      reply = u1 < this.process.refusal ? REFUSAL_TEXT : String(drawCode(this.process.cumulative(where.country, where.item), u2));
    }
    return { generations: [{ text: reply, message: new AIMessage(reply) }] };
  }
}

export function createSimulatedClient(process: SimulationProcess, survey: Survey, seed = 0): BaseChatModel {
  return new SimulatedChatModel(process, promptLocator(survey), seed);
}
