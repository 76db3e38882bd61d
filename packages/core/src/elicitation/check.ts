import { InputError } from '../errors.js';
import type { Plan } from '../plan.js';
import type { Prompter } from '../prompter.js';
import type { ModelCapabilities } from '../provider.js';
import { assertMethodSupported, builtInMethods } from './method.js';
import { renderQuestionnaire } from './questionnaire.js';

/**
 * Bad input before anything is asked: every model can use every method of the design, and every
 * language can render every variant (paraphrases, the distribution instruction).
 */
export function checkDesign(where: string, plan: Plan, models: { id: string; capabilities: ModelCapabilities }[], prompter: Prompter): void {
  for (const m of models) for (const v of plan.variants) assertMethodSupported(where, m.id, m.capabilities, v.method);
  const languages = [...new Set(plan.cells.map((c) => c.language))];
  const country = plan.cells[0]?.country;
  const persona = firstPersona(plan);
  if (!country || !persona) return;
  const whole = plan.variants[0]?.presentation === 'questionnaire';
  for (const v of plan.variants) {
    if (v.presentation === 'conversation' && builtInMethods[v.method].sharesPrompt) {
      throw new InputError(`${where}: field "elicitation.presentation": the conversation presentation cannot use method "${v.method}" (its n replies would fork the conversation); use sample, logprobs or verbalized`);
    }
  }
  for (const language of languages) {
    for (const v of plan.variants) {
      const method = builtInMethods[v.method];
      const variant = { optionOrder: v.optionOrder, labels: v.labels, personaPlacement: v.personaPlacement, wording: v.wording, answerFormat: method.prompt };
      if (whole) {
        if (v.method !== 'sample') throw new InputError(`${where}: field "elicitation.presentation": the questionnaire presentation asks with method "sample" only, not "${v.method}" (use presentation "item" for it)`);
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
