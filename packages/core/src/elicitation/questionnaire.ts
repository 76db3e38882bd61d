import type { ParsedAnswer } from '../answer-parser.js';
import { hashJson } from '../hash.js';
import { fillTemplate, renderPersona, type ChatMessage, type PromptVariant } from '../prompter.js';
import { scaleOf, type LanguageText, type Survey } from '../survey.js';
import type { PersonaTraits } from '../persona.js';
import type { AnswerDistribution } from './distribution.js';
import type { ElicitedReply } from './method.js';
import { firstJsonObject, parseVerbalized } from './verbalized.js';

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
  if (!t)
    throw new Error(
      `${wording === 'original' ? text.origin : (text.variants?.origin ?? `variants/${text.language}.json`)}: missing text of item ${id} (${wording})`,
    );
  return t;
}

/**
 * The whole questionnaire in one request: the persona, then every block's stem and items with
 * their options, then the instruction to answer with one JSON object keyed by item id.
 */
export function renderQuestionnaire(input: {
  survey: Survey;
  country: string;
  language: string;
  persona: PersonaTraits | null;
  template: string;
  variant: PromptVariant;
}): RenderedQuestionnaire {
  const { survey, language, variant } = input;
  const text = survey.languages[language];
  if (!text) throw new Error(`survey ${survey.id} has no text in language "${language}"`);
  const label = text.variants?.questionLabel;
  const stated = variant.answerFormat === 'distribution';
  const instruction = stated ? text.variants?.questionnaireDistributionInstruction : text.variants?.questionnaireInstruction;
  const field = stated
    ? 'questionnaireDistributionInstruction (needed by the questionnaire presentation with method verbalized)'
    : 'questionnaireInstruction (needed by the questionnaire presentation)';
  if (!label || !instruction) throw new Error(`${text.variants?.origin ?? `variants/${language}.json`}: missing questionLabel or ${field}`);
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
    labels.forEach((l, i) =>
      lines.push(
        variant.labels === 'numbers' && i > 0 && i < labels.length - 1 ? String(i + 1) : fillTemplate(text.prompt.optionLine, { code: i + 1, label: l }),
      ),
    );
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
  /** verbalized: the stated distribution over the item's original codes. */
  distribution?: AnswerDistribution;
  /** n-completions: the respondent of this completion, when it is not the request's first. */
  respondent?: number;
}

const invalid = (item: string, detail: string): QuestionnaireAnswer => ({ item, parsed: { kind: 'invalid', reason: 'no-answer', detail }, answer: null });

/** The reply's first JSON object, each shown item's value read by `read`; no object or a missing item is that item's non-answer. */
function perItem(raw: string, items: ShownItem[], read: (item: ShownItem, value: unknown) => QuestionnaireAnswer): QuestionnaireAnswer[] {
  const json = firstJsonObject(raw);
  let value: unknown = null;
  try {
    value = json ? JSON.parse(json) : null;
  } catch {
    value = null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return items.map((i) => invalid(i.id, 'no JSON object keyed by item in the reply'));
  const obj = value as Record<string, unknown>;
  return items.map((i) => (i.id in obj ? read(i, obj[i.id]) : invalid(i.id, 'item missing from the JSON reply')));
}

/**
 * A questionnaire reply → one outcome per item: the JSON object's value for the item must be a
 * whole number (or a string of digits) among the shown codes; a missing or other value is a
 * non-answer of that item only. Codes are mapped back to the original order.
 */
export function parseQuestionnaire(raw: string, items: ShownItem[]): QuestionnaireAnswer[] {
  return perItem(raw, items, (i, v) => {
    const code = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(code)) return invalid(i.id, 'value is not an option number');
    if (code < 1 || code > i.scaleSize)
      return { item: i.id, parsed: { kind: 'invalid', reason: 'out-of-range', detail: `${code} is not between 1 and ${i.scaleSize}` }, answer: null };
    const original = i.codeMap[code - 1];
    return { item: i.id, parsed: { kind: 'answer', code: original, via: 'json' }, answer: original };
  });
}

/**
 * A verbalized questionnaire reply → one stated distribution per item: the JSON object's value
 * for an item must itself be a valid distribution over the item's shown codes (the verbalized
 * method's rules: exactly the codes, summing to 1 or 100 ±2 %); anything else is a non-answer of
 * that item only, never repaired. Distributions are mapped back to the original code order.
 */
export function parseQuestionnaireDistributions(raw: string, items: ShownItem[]): QuestionnaireAnswer[] {
  return perItem(raw, items, (i, v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return invalid(i.id, 'value is not a distribution over the options');
    const r = parseVerbalized(JSON.stringify(v), i.scaleSize, i.codeMap);
    if (!r.ok) return invalid(i.id, `not a valid distribution: ${r.reason}`);
    const probs = r.distribution.probs;
    // The modal code stands as the parse; scoring uses the distribution's expectation.
    const mode = probs.indexOf(Math.max(...probs)) + 1;
    return { item: i.id, parsed: { kind: 'answer', code: mode, via: 'json' }, answer: null, distribution: r.distribution };
  });
}

/**
 * A questionnaire reply as the method reads it: `sample` one JSON answer per item; `verbalized`
 * one stated distribution per item; `n-completions` one JSON answer per item from each completion,
 * completion i answering respondent `group[i]` (a completion the server did not return leaves
 * that respondent's items as non-answers).
 */
export function interpretQuestionnaire(reply: ElicitedReply, items: ShownItem[], methodId: string, group: number[]): QuestionnaireAnswer[] {
  if (methodId === 'verbalized') return parseQuestionnaireDistributions(reply.raw, items);
  if (methodId !== 'n-completions' || group.length <= 1) return parseQuestionnaire(reply.raw, items);
  const texts = reply.completions ?? [reply.raw];
  return group.flatMap((respondent, c) => {
    const answers =
      c < texts.length
        ? parseQuestionnaire(texts[c], items)
        : items.map(
            (i): QuestionnaireAnswer => ({
              item: i.id,
              parsed: { kind: 'invalid', reason: 'empty', detail: `the server returned ${texts.length} of ${group.length} completions` },
              answer: null,
            }),
          );
    return c === 0 ? answers : answers.map((a) => ({ ...a, respondent }));
  });
}
