/**
 * The whole questionnaire in one prompt, as the simulated respondent reads it: which items it
 * shows (by the survey's question label, "Question {id}:" in the prompt's language), whether each
 * item's options are listed last-to-first, whether a distribution per item is asked (the
 * questionnaire's distribution instruction) and who answers (the persona before the first item).
 */
import { fillTemplate, hash32, NO_PERSONA_COUNTRY, type Survey } from '@culturebench/core';
import { drawCode, type SimulationProcess } from './process.js';

export interface LocatedQuestionnaire {
  country: string;
  /** The text that introduces the persona: the system message, or the user message before the first item. */
  persona: string;
  /** A distribution per item is asked (the verbalized method), not one answer. */
  distribution: boolean;
  /** The items shown, in prompt order, each with whether its options are shown last-to-first. */
  items: { id: string; reversed: boolean }[];
}

interface LanguageCues {
  label: string;
  /** Fixed openings (before the first placeholder) of the choice and the distribution instruction. */
  choice: string | null;
  distribution: string | null;
  /** Per item: the option line that shows the scale's last label as code 1 (a reversed order). */
  lastFirst: Record<string, string | null>;
}

const opening = (s: string | undefined) => s?.split('{')[0]?.trim() || null;
const locators = new WeakMap<Survey, (system: string, user: string) => LocatedQuestionnaire | null>();

/** Finds a questionnaire prompt's items, order, format and persona from the texts the survey prints. */
export function questionnaireLocator(survey: Survey): (system: string, user: string) => LocatedQuestionnaire | null {
  const known = locators.get(survey);
  if (known) return known;
  const cues: LanguageCues[] = [];
  const countries: [string, string][] = [];
  for (const text of Object.values(survey.languages)) {
    for (const [code, name] of Object.entries(text.countries)) if (name) countries.push([name, code]);
    const label = text.variants?.questionLabel;
    if (!label) continue;
    const lastFirst = Object.fromEntries(
      survey.items.map((item) => {
        const labels = text.scales[item.scale] ?? [];
        return [item.id, labels.length > 1 ? fillTemplate(text.prompt.optionLine, { code: 1, label: labels[labels.length - 1]! }) : null];
      }),
    );
    cues.push({
      label,
      choice: opening(text.variants?.questionnaireInstruction),
      distribution: opening(text.variants?.questionnaireDistributionInstruction),
      lastFirst,
    });
  }
  countries.sort((a, b) => b[0].length - a[0].length);
  const locate = (system: string, user: string): LocatedQuestionnaire | null => {
    for (const cue of cues) {
      // The distribution instruction first: in some language its opening may contain the other's.
      const distribution = cue.distribution !== null && user.includes(cue.distribution);
      if (!distribution && !(cue.choice !== null && user.includes(cue.choice))) continue;
      const found = survey.items
        .map((item) => ({ id: item.id, at: user.indexOf(fillTemplate(cue.label, { id: item.id })) }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at);
      if (found.length === 0) continue;
      const persona = system || user.slice(0, found[0]!.at);
      // No system message and no country before the items: asked with no persona, the default profile answers.
      const country = countries.find(([n]) => persona.includes(n))?.[1] ?? (system === '' ? NO_PERSONA_COUNTRY : undefined);
      if (!country) return null;
      const items = found.map((x, i) => {
        const segment = user.slice(x.at, found[i + 1]?.at ?? user.length);
        const last = cue.lastFirst[x.id];
        return { id: x.id, reversed: last !== null && last !== undefined && segment.includes(last) };
      });
      return { country, persona, distribution, items };
    }
    return null;
  };
  locators.set(survey, locate);
  return locate;
}

/**
 * One completion's reply to a questionnaire: a JSON object keyed by item with, per item, a code
 * drawn from the process (in displayed codes) or the process's distribution (verbalized). An item
 * refused (with the process's refusal share, drawn per item) is left out: that item's non-answer.
 */
export function answerQuestionnaire(process: SimulationProcess, q: LocatedQuestionnaire, draw: (kind: string, item: string) => number): string {
  const out: Record<string, number | Record<string, number>> = {};
  for (const item of q.items) {
    if (draw('refusal', item.id) < process.refusal) continue;
    const probs = process.probabilities(q.country, item.id, q.persona);
    const size = probs.length;
    const shown = (d: number) => (item.reversed ? size + 1 - d : d);
    out[item.id] = q.distribution
      ? Object.fromEntries(Array.from({ length: size }, (_, i) => [String(i + 1), probs[shown(i + 1) - 1]!]))
      : shown(drawCode(process.cumulative(q.country, item.id, q.persona), draw('answer', item.id)));
  }
  return JSON.stringify(out);
}

/** Uniform draws in [0, 1) per (seed, prompt, completion, kind, item). */
export function questionnaireDraw(seed: number, system: string, user: string, completion: number) {
  const salt = completion === 0 ? [] : [completion];
  return (kind: string, item: string) => hash32(seed, kind, system, user, item, ...salt) / 2 ** 32;
}
