import type { Survey } from './survey.js';

export interface SurveyProblem {
  /** Where: a file path and a key inside it, or a part of the survey. */
  location: string;
  problem: string;
}

const PLACEHOLDERS = ['{country}', '{age}', '{education}', '{occupation}'];

/**
 * Checks a survey plugin's data: every item and scale in every declared language, scales
 * consistent, persona templates complete, ground-truth keys valid, scoring rules referring to
 * existing items. Returns every problem with its location; an empty list means valid.
 */
export function validateSurvey(survey: Survey): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const add = (location: string, problem: string) => problems.push({ location, problem });
  const itemIds = new Set(survey.items.map((i) => i.id));
  if (itemIds.size !== survey.items.length) add(`survey ${survey.id}: items`, 'item ids are not unique');
  for (const item of survey.items) {
    if (!survey.scales[item.scale]) add(`survey ${survey.id}: item ${item.id}`, `uses unknown scale "${item.scale}"`);
  }
  const languages = Object.values(survey.languages);
  if (languages.length === 0) add(`survey ${survey.id}`, 'has no language texts');
  const reference = languages.find((t) => t.language === 'en') ?? languages[0];
  for (const text of languages) {
    const where = text.origin ?? `survey ${survey.id}: language ${text.language}`;
    for (const item of survey.items) {
      if (!text.items[item.id]?.trim()) add(`${where}: items.${item.id}`, 'missing or empty');
      if (item.block && text.stems[item.block] === undefined) add(`${where}: stems.${item.block}`, `missing (item ${item.id} is in block "${item.block}")`);
    }
    for (const extra of Object.keys(text.items)) if (!itemIds.has(extra)) add(`${where}: items.${extra}`, 'not an item of the survey');
    for (const [id, scale] of Object.entries(survey.scales)) {
      const labels = text.scales[id];
      if (!labels) {
        add(`${where}: scales.${id}`, 'missing');
        continue;
      }
      if (labels.length !== scale.size) add(`${where}: scales.${id}`, `has ${labels.length} labels; the scale has ${scale.size} options`);
      if (new Set(labels.map((l) => l.trim().toLowerCase())).size !== labels.length) add(`${where}: scales.${id}`, 'labels are not distinct');
      labels.forEach((l, i) => {
        if (!l.trim()) add(`${where}: scales.${id}[${i}]`, 'empty label');
      });
    }
    if (!text.prompt?.answerInstruction?.includes('{k}')) add(`${where}: prompt.answerInstruction`, 'must contain {k} (the number of options)');
    if (!text.prompt?.optionLine?.includes('{code}') || !text.prompt?.optionLine?.includes('{label}')) {
      add(`${where}: prompt.optionLine`, 'must contain {code} and {label}');
    }
    for (const [name, tpl] of Object.entries(text.persona?.templates ?? {})) {
      for (const g of ['female', 'male'] as const) {
        for (const p of PLACEHOLDERS) if (!tpl[g]?.includes(p)) add(`${where}: persona.templates.${name}.${g}`, `missing placeholder ${p}`);
      }
    }
    if (reference && text !== reference) {
      for (const name of Object.keys(reference.persona.templates)) {
        if (!text.persona.templates[name]) add(`${where}: persona.templates.${name}`, `missing (${reference.language} has it)`);
      }
      for (const trait of ['age', 'education', 'occupation'] as const) {
        for (const key of Object.keys(reference.persona.traits[trait])) {
          if (!(key in text.persona.traits[trait])) add(`${where}: persona.traits.${trait}.${key}`, `missing (${reference.language} has it)`);
        }
      }
      for (const code of Object.keys(reference.countries)) {
        if (!text.countries[code]) add(`${where}: countries.${code}`, `missing (${reference.language} has it)`);
      }
    }
  }
  const gt = survey.groundTruth;
  const gtWhere = `ground truth ${gt.name} (${gt.version})`;
  for (const d of survey.scorer.dimensions) if (!gt.dimensions.includes(d)) add(gtWhere, `has no column for dimension ${d}`);
  for (const [code, values] of Object.entries(gt.countries)) {
    if (!/^[A-Z]{2}$/.test(code)) add(`${gtWhere}: ${code}`, 'key is not an ISO 3166-1 alpha-2 code');
    for (const [dim, v] of Object.entries(values)) {
      if (v !== null && !Number.isFinite(v)) add(`${gtWhere}: ${code}.${dim}`, `value ${v} is not a number`);
    }
  }
  for (const ref of survey.scorer.referencedItems?.() ?? []) {
    if (!itemIds.has(ref)) add(`survey ${survey.id}: scoring rules`, `refer to item "${ref}", which the survey does not have`);
  }
  return problems;
}
