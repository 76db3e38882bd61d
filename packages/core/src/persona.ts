/**
 * Personas for matched samples (VSM manual: compare samples alike in all but nationality).
 * The traits of respondent i are the same in every country; only the country changes.
 */
export type Gender = 'female' | 'male';

export interface PersonaTraits {
  gender: Gender;
  /** Key of an age band in the language file's persona.traits.age (e.g. "30-34"). */
  age: string;
  /** Key of persona.traits.education (years of formal education, e.g. "16"). */
  education: string;
  /** Key of persona.traits.occupation (e.g. "professional"). */
  occupation: string;
}

export interface PersonaDesign {
  /** Key of the persona template in the language files (e.g. "first-person", "interview"). */
  template: string;
  /** The values each trait cycles through; respondent i gets the i-th combination. */
  traits: { gender: Gender[]; age: string[]; education: string[]; occupation: string[] };
}

export const defaultPersonaDesign: PersonaDesign = {
  template: 'first-person',
  traits: { gender: ['female', 'male'], age: ['30-34', '40-49'], education: ['16'], occupation: ['professional', 'office'] },
};

/**
 * Mixed-radix walk over the trait lists: with 2 genders the sample alternates women and men,
 * and every full cycle holds each combination once, identically for every country.
 */
export function personaForRespondent(design: PersonaDesign, respondent: number): PersonaTraits {
  const order = ['gender', 'age', 'education', 'occupation'] as const;
  let rest = respondent;
  const picked: Record<string, string> = {};
  for (const key of order) {
    const values = design.traits[key];
    picked[key] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return picked as unknown as PersonaTraits;
}
