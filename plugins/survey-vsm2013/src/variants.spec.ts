import { loadVsm2013 } from './survey.js';

const survey = loadVsm2013();
const BENCHMARK_LANGUAGES = ['en', 'zh', 'de', 'ja', 'hi', 'pt-BR', 'ru', 'fr', 'es', 'ko', 'tr', 'id', 'it', 'nl', 'sv', 'pl', 'vi', 'th', 'fa', 'ar'];
const norm = (s: string) => s.trim().toLowerCase();

/** The perturbation texts (variants/<lang>.json): the project's renderings, one file per benchmark language. */
describe('variant texts (paraphrases, distribution and questionnaire instructions)', () => {
  it('exist for every benchmark language', () => {
    expect(BENCHMARK_LANGUAGES.filter((l) => !survey.languages[l]?.variants)).toEqual([]);
  });

  describe.each(BENCHMARK_LANGUAGES)('%s', (lang) => {
    const text = survey.languages[lang];
    const v = text.variants!;

    it('is marked as the project rendering', () => {
      expect(v.language).toBe(lang);
      expect(v.rendering).toMatch(/culturebench project rendering/);
      expect(v.rendering).toMatch(/not VSM 2013 wording/);
    });

    it('has two non-empty paraphrases of every item, distinct from the reference text and from each other', () => {
      expect(Object.keys(v.paraphrases).sort()).toEqual(survey.items.map((i) => i.id).sort());
      for (const item of survey.items) {
        const pair = v.paraphrases[item.id];
        expect({ item: item.id, n: pair.length }).toEqual({ item: item.id, n: 2 });
        const [a, b] = pair.map(norm);
        const ref = norm(text.items[item.id]);
        expect({ item: item.id, emptyA: a === '', emptyB: b === '' }).toEqual({ item: item.id, emptyA: false, emptyB: false });
        expect({ item: item.id, sameAsReference: a === ref || b === ref, sameAsEachOther: a === b }).toEqual({
          item: item.id,
          sameAsReference: false,
          sameAsEachOther: false,
        });
      }
    });

    it('has the distribution and questionnaire instructions with their placeholders', () => {
      expect(v.distributionInstruction).toContain('{codes}');
      expect(v.distributionInstruction).toContain('JSON');
      expect(v.questionLabel).toContain('{id}');
      expect(v.questionnaireInstruction).toContain('{ids}');
      expect(v.questionnaireInstruction).toContain('JSON');
      expect(v.questionnaireDistributionInstruction).toContain('{ids}');
      expect(v.questionnaireDistributionInstruction).toContain('JSON');
    });
  });
});
