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
  persona: PersonaTraits;
  /** Persona template key. */
  template: string;
}

export interface RenderedPrompt {
  messages: ChatMessage[];
  /** Option labels as shown, index 0 = code 1: what the parser matches label answers against. */
  optionLabels: string[];
  scaleSize: number;
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
    throw new Error(
      `survey ${survey.id} has no text in language "${language}" (available: ${Object.keys(survey.languages).sort().join(', ')})`,
    );
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

/**
 * The default prompter: persona as the system message; the block's stem, the item, the numbered
 * options and the answer-format instruction as the user message, all in the prompt language.
 */
export const surveyPrompter: Prompter = {
  id: 'survey-prompter-v1',
  render({ survey, item, country, language, persona, template }) {
    const text = textFor(survey, language);
    const scale = scaleOf(survey, item);
    const labels = required(text.scales[item.scale], `scales.${item.scale}`, text);
    const itemText = required(text.items[item.id], `items.${item.id}`, text);
    const stem = text.stems[item.block] ?? '';
    const options = labels.map((label, i) => fillTemplate(text.prompt.optionLine, { code: i + 1, label }));
    const user = [stem, itemText, '', ...options, '', fillTemplate(text.prompt.answerInstruction, { k: scale.size })]
      .filter((line, i) => !(i === 0 && line === ''))
      .join('\n');
    const messages: ChatMessage[] = [
      { role: 'system', content: renderPersona(text, country, persona, template) },
      { role: 'user', content: user },
    ];
    return { messages, optionLabels: labels, scaleSize: scale.size, promptHash: hashJson(messages) };
  },
};
