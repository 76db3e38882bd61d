import { defaultPersonaDesign, personaForRespondent } from './persona.js';

describe('matched personas', () => {
  it('walks every trait combination once per cycle, alternating gender first', () => {
    const design = defaultPersonaDesign; // 2 genders × 2 ages × 1 education × 2 occupations = 8
    const seen = Array.from({ length: 8 }, (_, i) => JSON.stringify(personaForRespondent(design, i)));
    expect(new Set(seen).size).toBe(8);
    expect(personaForRespondent(design, 0).gender).toBe('female');
    expect(personaForRespondent(design, 1).gender).toBe('male');
    expect(personaForRespondent(design, 8)).toEqual(personaForRespondent(design, 0));
  });
});
