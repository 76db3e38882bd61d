import { hashJson } from './hash.js';
import type { PersonaTraits } from './persona.js';
import { scaleOf, type LanguageText, type Survey, type SurveyItem } from './survey.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptInput {
  survey: Survey;
  item: SurveyItem;
  /** ISO 3166-1 alpha-2 code of the persona's country. */
  country: string;
  /** Language of the prompt. */
  language: string;
  /** The respondent's traits; null = no persona (a no-persona condition: the item asked plainly). */
  persona: PersonaTraits | null;
  /** Persona template key. */
  template: string;
  /** Perturbations and answer format; absent = the questionnaire as written, one answer asked. */
  variant?: PromptVariant;
}

/** How a prompt departs from the questionnaire as written. */
export interface PromptVariant {
  optionOrder: 'original' | 'reversed';
  labels: 'labelled' | 'numbers';
  personaPlacement: 'system' | 'user';
  wording: 'original' | 'paraphrase-1' | 'paraphrase-2';
  /** choice: one answer; distribution: a JSON distribution over the codes (verbalized). */
  answerFormat: 'choice' | 'distribution';
}

export interface RenderedPrompt {
  messages: ChatMessage[];
  /** Option labels as shown, index 0 = code 1: what the parser matches label answers against. */
  optionLabels: string[];
  scaleSize: number;
  /** Displayed code i + 1 → original code; absent = identity. */
  codeMap?: number[];
  /** sha256 of the messages: identifies the exact prompt in responses.jsonl. */
  promptHash: string;
}

/** Prompter extension point: (item, persona, language) → chat messages. */
export interface Prompter {
  readonly id: string;
  render(input: PromptInput): RenderedPrompt;
}

export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

function textFor(survey: Survey, language: string): LanguageText {
  const text = survey.languages[language];
  if (!text) {
    throw new Error(`survey ${survey.id} has no text in language "${language}" (available: ${Object.keys(survey.languages).sort().join(', ')})`);
  }
  return text;
}

function required<T>(value: T | undefined, what: string, text: LanguageText): T {
  if (value === undefined || value === null) {
    throw new Error(`${text.origin ?? `language file ${text.language}`}: missing ${what}`);
  }
  return value;
}

/** The persona sentence in the prompt language. */
export function renderPersona(text: LanguageText, country: string, persona: PersonaTraits, template: string): string {
  const tpl = required(text.persona.templates[template], `persona.templates.${template}`, text);
  const occupation = required(text.persona.traits.occupation[persona.occupation], `persona.traits.occupation.${persona.occupation}`, text);
  return fillTemplate(tpl[persona.gender], {
    country: required(text.countries[country], `countries.${country}`, text),
    age: required(text.persona.traits.age[persona.age], `persona.traits.age.${persona.age}`, text),
    education: required(text.persona.traits.education[persona.education], `persona.traits.education.${persona.education}`, text),
    occupation: typeof occupation === 'string' ? occupation : occupation[persona.gender],
  });
}

/** The item text in the variant's wording. */
function wordingOf(text: LanguageText, item: SurveyItem, wording: PromptVariant['wording']): string {
  if (wording === 'original') return required(text.items[item.id], `items.${item.id}`, text);
  const where = text.variants?.origin ?? `variants/${text.language}.json`;
  const p = text.variants?.paraphrases[item.id]?.[wording === 'paraphrase-1' ? 0 : 1];
  if (!p) throw new Error(`${where}: missing paraphrases.${item.id}[${wording === 'paraphrase-1' ? 0 : 1}]`);
  return p;
}

/**
 * The default prompter: persona as the system message (or atop the user message); the block's
 * stem, the item, the numbered options and the answer-format instruction as the user message, all
 * in the prompt language. A variant may reverse the options (renumbered from 1, mapped back by
 * `codeMap`), label only the end points, use a paraphrase, or ask for a distribution.
 */
export const surveyPrompter: Prompter = {
  id: 'survey-prompter-v1',
  render({ survey, item, country, language, persona, template, variant }) {
    const text = textFor(survey, language);
    const scale = scaleOf(survey, item);
    const original = required(text.scales[item.scale], `scales.${item.scale}`, text);
    const codeMap = Array.from({ length: original.length }, (_, i) => (variant?.optionOrder === 'reversed' ? original.length - i : i + 1));
    const labels = codeMap.map((c) => original[c - 1]);
    const itemText = wordingOf(text, item, variant?.wording ?? 'original');
    const stem = text.stems[item.block] ?? '';
    const numbersOnly = variant?.labels === 'numbers';
    const options = labels.map((label, i) =>
      numbersOnly && i > 0 && i < labels.length - 1 ? String(i + 1) : fillTemplate(text.prompt.optionLine, { code: i + 1, label }),
    );
    let instruction = fillTemplate(text.prompt.answerInstruction, { k: scale.size });
    if (variant?.answerFormat === 'distribution') {
      const tpl = text.variants?.distributionInstruction;
      if (!tpl) throw new Error(`${text.variants?.origin ?? `variants/${language}.json`}: missing distributionInstruction (needed by the verbalized method)`);
      instruction = fillTemplate(tpl, { k: scale.size, codes: labels.map((_, i) => `"${i + 1}"`).join(', ') });
    }
    const body = [stem, itemText, '', ...options, '', instruction].filter((line, i) => !(i === 0 && line === '')).join('\n');
    const personaText = persona ? renderPersona(text, country, persona, template) : null;
    const messages: ChatMessage[] =
      personaText === null
        ? [{ role: 'user', content: body }]
        : variant?.personaPlacement === 'user'
          ? [{ role: 'user', content: `${personaText}\n\n${body}` }]
          : [
              { role: 'system', content: personaText },
              { role: 'user', content: body },
            ];
    const out: RenderedPrompt = { messages, optionLabels: labels, scaleSize: scale.size, promptHash: hashJson(messages) };
    if (variant?.optionOrder === 'reversed') out.codeMap = codeMap;
    return out;
  },
};
