import type { ParsedAnswer } from '../answer-parser.js';
import { hashJson } from '../hash.js';
import { fillTemplate, renderPersona, type ChatMessage, type PromptVariant } from '../prompter.js';
import { scaleOf, type LanguageText, type Survey } from '../survey.js';
import type { PersonaTraits } from '../persona.js';
import { firstJsonObject } from './verbalized.js';

/** One item of a whole-questionnaire prompt, as shown. */
export interface ShownItem {
  id: string;
  scaleSize: number;
  optionLabels: string[];
  /** Displayed code i + 1 → original code. */
  codeMap: number[];
}

export interface RenderedQuestionnaire {
  messages: ChatMessage[];
  items: ShownItem[];
  promptHash: string;
}

function itemText(text: LanguageText, id: string, wording: PromptVariant['wording']): string {
  const t = wording === 'original' ? text.items[id] : text.variants?.paraphrases[id]?.[wording === 'paraphrase-1' ? 0 : 1];
  if (!t) throw new Error(`${wording === 'original' ? text.origin : text.variants?.origin ?? `variants/${text.language}.json`}: missing text of item ${id} (${wording})`);
  return t;
}

/**
 * The whole questionnaire in one request: the persona, then every block's stem and items with
 * their options, then the instruction to answer with one JSON object keyed by item id.
 */
export function renderQuestionnaire(input: { survey: Survey; country: string; language: string; persona: PersonaTraits | null; template: string; variant: PromptVariant }): RenderedQuestionnaire {
  const { survey, language, variant } = input;
  const text = survey.languages[language];
  if (!text) throw new Error(`survey ${survey.id} has no text in language "${language}"`);
  const label = text.variants?.questionLabel;
  const instruction = text.variants?.questionnaireInstruction;
  if (!label || !instruction) throw new Error(`${text.variants?.origin ?? `variants/${language}.json`}: missing questionLabel or questionnaireInstruction (needed by the questionnaire presentation)`);
  const lines: string[] = [];
  const items: ShownItem[] = [];
  let block: string | null = null;
  for (const item of survey.items) {
    const size = scaleOf(survey, item).size;
    const original = text.scales[item.scale];
    if (!original) throw new Error(`${text.origin}: missing scales.${item.scale}`);
    const codeMap = Array.from({ length: size }, (_, i) => (variant.optionOrder === 'reversed' ? size - i : i + 1));
    const labels = codeMap.map((c) => original[c - 1]);
    if (item.block !== block) {
      block = item.block;
      const stem = text.stems[item.block];
      if (stem) lines.push('', stem);
    }
    lines.push('', `${fillTemplate(label, { id: item.id })} ${itemText(text, item.id, variant.wording)}`);
    labels.forEach((l, i) => lines.push(variant.labels === 'numbers' && i > 0 && i < labels.length - 1 ? String(i + 1) : fillTemplate(text.prompt.optionLine, { code: i + 1, label: l })));
    items.push({ id: item.id, scaleSize: size, optionLabels: labels, codeMap });
  }
  lines.push('', fillTemplate(instruction, { ids: survey.items.map((i) => `"${i.id}"`).join(', ') }));
  const body = lines.join('\n').trim();
  // No persona (a no-persona condition): the questionnaire alone.
  const persona = input.persona ? renderPersona(text, input.country, input.persona, input.template) : null;
  const messages: ChatMessage[] =
    persona === null
      ? [{ role: 'user', content: body }]
      : variant.personaPlacement === 'user'
      ? [{ role: 'user', content: `${persona}\n\n${body}` }]
      : [
          { role: 'system', content: persona },
          { role: 'user', content: body },
        ];
  return { messages, items, promptHash: hashJson(messages) };
}

/** One item's outcome from a questionnaire reply. */
export interface QuestionnaireAnswer {
  item: string;
  parsed: ParsedAnswer;
  answer: number | null;
}

/**
 * A questionnaire reply → one outcome per item: the JSON object's value for the item must be a
 * whole number (or a string of digits) among the shown codes; a missing or other value is a
 * non-answer of that item only. Codes are mapped back to the original order.
 */
export function parseQuestionnaire(raw: string, items: ShownItem[]): QuestionnaireAnswer[] {
  const invalid = (item: string, detail: string): QuestionnaireAnswer => ({ item, parsed: { kind: 'invalid', reason: 'no-answer', detail }, answer: null });
  const json = firstJsonObject(raw);
  let value: unknown = null;
  try {
    value = json ? JSON.parse(json) : null;
  } catch {
    value = null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return items.map((i) => invalid(i.id, 'no JSON object keyed by item in the reply'));
  const obj = value as Record<string, unknown>;
  return items.map((i) => {
    if (!(i.id in obj)) return invalid(i.id, 'item missing from the JSON reply');
    const v = obj[i.id];
    const code = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(code)) return invalid(i.id, 'value is not an option number');
    if (code < 1 || code > i.scaleSize) return { item: i.id, parsed: { kind: 'invalid', reason: 'out-of-range', detail: `${code} is not between 1 and ${i.scaleSize}` }, answer: null };
    const original = i.codeMap[code - 1];
    return { item: i.id, parsed: { kind: 'answer', code: original, via: 'json' }, answer: original };
  });
}
