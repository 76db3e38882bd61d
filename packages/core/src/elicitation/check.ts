import { InputError } from '../errors.js';
import type { Plan } from '../plan.js';
import type { Prompter } from '../prompter.js';
import type { ModelCapabilities } from '../provider.js';
import { assertMethodSupported, builtInMethods } from './method.js';
import { renderQuestionnaire } from './questionnaire.js';

/**
 * Which methods each presentation can ask with. A questionnaire reply holds one answer per item,
 * so `logprobs` (one answer position per reply) cannot read it; a conversation's n completions
 * would fork it into n different contexts.
 */
export const PRESENTATION_METHODS: Record<string, { allowed: string[]; why: Record<string, string> }> = {
  item: { allowed: ['sample', 'logprobs', 'n-completions', 'verbalized'], why: {} },
  questionnaire: {
    allowed: ['sample', 'n-completions', 'verbalized'],
    why: { logprobs: 'log-probabilities are read at one answer position per reply, and a questionnaire reply holds one answer per item' },
  },
  conversation: {
    allowed: ['sample', 'logprobs', 'verbalized'],
    why: { 'n-completions': 'its n replies would fork the conversation into n different contexts' },
  },
};

/** Bad input: a method the presentation cannot ask with, naming the combination and the allowed methods. */
export function assertPresentationMethod(where: string, presentation: string, method: string): void {
  const rule = PRESENTATION_METHODS[presentation];
  if (!rule || rule.allowed.includes(method)) return;
  throw new InputError(
    `${where}: field "elicitation": presentation "${presentation}" cannot ask with method "${method}" (${rule.why[method] ?? 'not supported'}); with "${presentation}" use ${rule.allowed.join(', ')}, or presentation "item" for "${method}"`,
  );
}

/**
 * Bad input before anything is asked: every model can use every method of the design, and every
 * language can render every variant (paraphrases, the distribution instruction).
 */
export function checkDesign(where: string, plan: Plan, models: { id: string; capabilities: ModelCapabilities }[], prompter: Prompter): void {
  for (const m of models) for (const v of plan.variants) assertMethodSupported(where, m.id, m.capabilities, v.method);
  const languages = [...new Set(plan.cells.map((c) => c.language))];
  const country = plan.cells[0]?.country;
  let persona: ReturnType<typeof firstPersona>;
  try {
    persona = firstPersona(plan);
  } catch (err) {
    // The first request renders its prompt: a text the design needs may be missing.
    throw new InputError(`${where}: the design cannot be asked: ${(err as Error).message}`);
  }
  if (!country || !persona) return;
  const whole = plan.variants[0]?.presentation === 'questionnaire';
  for (const v of plan.variants) assertPresentationMethod(where, v.presentation, v.method);
  for (const language of languages) {
    for (const v of plan.variants) {
      const method = builtInMethods[v.method];
      const variant = { optionOrder: v.optionOrder, labels: v.labels, personaPlacement: v.personaPlacement, wording: v.wording, answerFormat: method.prompt };
      if (whole) {
        try {
          renderQuestionnaire({ survey: plan.survey, country, language, persona, template: v.personaTemplate, variant });
        } catch (err) {
          throw new InputError(`${where}: variant "${v.id}" cannot be asked in language "${language}": ${(err as Error).message}`);
        }
        continue;
      }
      for (const item of plan.survey.items) {
        try {
          prompter.render({
            survey: plan.survey,
            item,
            country,
            language,
            persona,
            template: v.personaTemplate,
            variant: { optionOrder: v.optionOrder, labels: v.labels, personaPlacement: v.personaPlacement, wording: v.wording, answerFormat: method.prompt },
          });
        } catch (err) {
          throw new InputError(`${where}: variant "${v.id}" cannot be asked in language "${language}": ${(err as Error).message}`);
        }
      }
    }
  }
}

function firstPersona(plan: Plan) {
  const first = plan.requests().next();
  return first.done ? undefined : first.value.persona;
}
