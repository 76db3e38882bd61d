import { loadBenchmarkCountries } from '@culturebench/core';
import { loadVsm2013 } from './survey.js';

const survey = loadVsm2013();
const en = survey.languages.en;
const languages = Object.values(survey.languages);
const BENCHMARK_LANGUAGES = ['en', 'zh', 'de', 'ja', 'hi', 'pt-BR', 'ru', 'fr', 'es', 'ko', 'tr', 'id', 'it', 'nl', 'sv', 'pl', 'vi', 'th', 'fa', 'ar'];

const keys = (o: object) => Object.keys(o).sort();

describe('questionnaire texts', () => {
  it('exist for every benchmark language and every benchmark country language', () => {
    expect(keys(survey.languages)).toEqual([...BENCHMARK_LANGUAGES].sort());
    for (const c of Object.values(loadBenchmarkCountries())) expect(survey.languages[c.language]).toBeDefined();
  });

  describe.each(languages.map((t) => [t.language, t] as const))('%s', (_lang, text) => {
    it('has every item, stem and scale of the instrument', () => {
      expect(keys(text.items)).toEqual(keys(en.items));
      expect(keys(text.stems)).toEqual(keys(en.stems));
      for (const item of survey.items) expect(text.items[item.id].trim()).not.toBe('');
    });

    it('has the same number of distinct option labels on every scale', () => {
      expect(keys(text.scales)).toEqual(keys(en.scales));
      for (const [scale, labels] of Object.entries(text.scales)) {
        expect({ scale, n: labels.length }).toEqual({ scale, n: survey.scales[scale].size });
        expect(new Set(labels.map((l) => l.trim().toLowerCase())).size).toBe(labels.length);
        for (const l of labels) expect(l.trim()).not.toBe('');
      }
    });

    it('keeps the placeholders of the instruction and the persona templates', () => {
      expect(text.prompt.answerInstruction).toContain('{k}');
      expect(text.prompt.optionLine).toContain('{code}');
      expect(text.prompt.optionLine).toContain('{label}');
      expect(keys(text.persona.templates)).toEqual(keys(en.persona.templates));
      for (const tpl of Object.values(text.persona.templates)) {
        for (const g of [tpl.female, tpl.male]) {
          for (const p of ['{country}', '{age}', '{education}', '{occupation}']) expect(g).toContain(p);
        }
      }
      for (const trait of ['age', 'education', 'occupation'] as const) {
        expect(keys(text.persona.traits[trait])).toEqual(keys(en.persona.traits[trait]));
      }
    });

    it('names all 20 benchmark countries and declares its direction and version', () => {
      expect(keys(text.countries)).toEqual(keys(en.countries));
      expect(text.direction).toBe(['ar', 'fa'].includes(text.language) ? 'rtl' : 'ltr');
      expect(text.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(text.rendering).toMatch(/not the official/);
    });
  });
});
