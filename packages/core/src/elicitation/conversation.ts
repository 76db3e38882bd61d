import { hashJson } from '../hash.js';
import type { ChatMessage, RenderedPrompt } from '../prompter.js';
import type { SurveyItem } from '../survey.js';

/**
 * The conversation presentation: the items in sequence in one conversation, each turn a request
 * that carries every earlier turn with the model's own reply. A turn's messages (and so its
 * content address) depend on the earlier replies, so turn keys are computed as the replies come
 * in, from the stored run, the cache, or the network.
 */
export interface ConversationTurn {
  item: SurveyItem;
  /** The item asked on its own ([system persona, user]): scale, labels and code map of the turn. */
  prompt: RenderedPrompt;
}

export interface PlannedConversation {
  /** Persona placement of the variant: the system message, or atop the first user message. */
  personaPlacement: 'system' | 'user';
  turns: ConversationTurn[];
}

/** What a turn's address is made of besides its messages (provider, endpoint, model, params, respondent, seed). */
export type TurnAddress = Record<string, unknown>;

function userText(p: RenderedPrompt): string {
  return p.messages[p.messages.length - 1].content;
}

/** The messages of turn `t` (0-based) given the replies to turns 0 … t−1. */
export function turnMessages(conv: PlannedConversation, replies: string[], t: number): ChatMessage[] {
  const first = conv.turns[0].prompt.messages;
  const persona = first.find((m) => m.role === 'system')?.content;
  const out: ChatMessage[] =
    persona === undefined
      ? [{ role: 'user', content: userText(conv.turns[0].prompt) }]
      : conv.personaPlacement === 'user'
        ? [{ role: 'user', content: `${persona}\n\n${userText(conv.turns[0].prompt)}` }]
        : [
            { role: 'system', content: persona },
            { role: 'user', content: userText(conv.turns[0].prompt) },
          ];
  for (let i = 1; i <= t; i++) {
    out.push({ role: 'assistant', content: replies[i - 1] }, { role: 'user', content: userText(conv.turns[i].prompt) });
  }
  return out;
}

/** Content address of a turn: the same earlier replies give the same key, so a stored turn is never paid twice. */
export function turnKey(address: TurnAddress, messages: ChatMessage[]): string {
  return hashJson({ ...address, messages });
}

/**
 * Input characters of a whole conversation, each turn paying for all earlier ones; replies not
 * known yet count `replyChars` each.
 */
export function conversationInputChars(conv: PlannedConversation, replyChars: number): number {
  let context = 0;
  let total = 0;
  conv.turns.forEach((turn, t) => {
    const own = t === 0 ? turn.prompt.messages.reduce((a, m) => a + m.content.length, 0) : userText(turn.prompt).length + replyChars;
    context += own;
    total += context;
  });
  return total;
}
