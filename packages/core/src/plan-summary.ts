import type { BenchmarkConfig } from './config.js';
import { builtInMethods } from './elicitation/method.js';
import type { Plan } from './plan.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the plan's requests are made of and what one request covers, for the "requests planned"
 * line: with the questionnaire presentation one request asks every item, and with n-completions
 * one request answers every respondent who shares a persona, so "items × respondents" alone
 * would overstate the number of requests.
 */
export function describePlan(plan: Plan, config: Pick<BenchmarkConfig, 'persona' | 'elicitation'>): string {
  const models = new Set(plan.cells.map((c) => c.model.id)).size;
  const items = plan.survey.items.length;
  const samples = plan.samples;
  const personas = Object.values(config.persona.traits).reduce((a, v) => a * v.length, 1);
  const presentation = config.elicitation.presentation;
  const variants = new Map<string, number>();
  for (const v of plan.variants) variants.set(v.method, (variants.get(v.method) ?? 0) + 1);
  const parts = [...variants].map(([method, count]) => {
    const shares = builtInMethods[method as keyof typeof builtInMethods]?.sharesPrompt ?? false;
    const who = shares ? plural(Math.min(personas, samples), 'persona prompt') : plural(samples, 'respondent');
    const grid = count > 1 ? [plural(count, 'variant')] : [];
    const nCompletions = 'its n completions answering the respondents who share it';
    if (presentation === 'questionnaire')
      return {
        method,
        units: [...grid, who],
        covers: shares ? `one request asks all ${items} items of one persona, ${nCompletions}` : `one request asks all ${items} items of one respondent`,
      };
    if (presentation === 'conversation')
      return {
        method,
        units: [...grid, plural(samples, 'respondent'), plural(items, 'turn')],
        covers: "one request is one turn (one item) of a respondent's conversation, earlier answers in context",
      };
    return {
      method,
      units: [...grid, plural(items, 'item'), who],
      covers: shares ? `one request asks one item of one persona, ${nCompletions}` : 'one request asks one item of one respondent',
    };
  });
  const head = `${plural(models, 'model')} × ${plural(plan.cells.length / Math.max(1, models), 'country-language sample')}`;
  if (parts.length === 1) return `${head} × ${parts[0]!.units.join(' × ')}; ${parts[0]!.covers}`;
  return `${head}; ${parts.map((p) => `${p.method}: ${p.units.join(' × ')}, ${p.covers}`).join('; ')}`;
}
