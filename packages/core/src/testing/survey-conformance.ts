/**
 * The shared conformance suite for survey plugins: the checks every survey must pass, run by each
 * survey plugin and by the survey generator's template instead of copied specs. Import from
 * '@culturebench/core/testing' in a spec file (it calls Jest's describe/it).
 */
import { describe, expect, it } from '@jest/globals';
import type { AnswerParser } from '../answer-parser.js';
import { surveyPrompter } from '../prompter.js';
import { scaleOf, type Survey } from '../survey.js';
import { validateSurvey } from '../validate.js';

export interface SurveyConformanceOptions {
  /** Loads the survey as the registry would. */
  load: () => Survey;
  /** The parser the survey is asked with (the registry's). */
  parser: AnswerParser;
  /** A country every language text names (default: the first ground-truth country). */
  country?: string;
  /** The persona template to render with (default 'first-person'). */
  template?: string;
}

const PERSONA = { gender: 'female' as const, age: '30-34', education: '16', occupation: 'professional' };

/** validateSurvey clean; every item renders in every language; each option code parses back; scores are computable. */
export function describeSurveyConformance(name: string, opts: SurveyConformanceOptions): void {
  const survey = opts.load();
  // A country every language names (US when it is one of them).
  const named = Object.keys(survey.groundTruth.countries).filter((c) => Object.values(survey.languages).every((t) => t.countries[c]));
  const country = opts.country ?? (named.includes('US') ? 'US' : named[0]);
  const template = opts.template ?? 'first-person';

  describe(`${name}: survey conformance`, () => {
    it('passes core validation (texts, scales, ground truth, scoring rules)', () => {
      expect(validateSurvey(survey)).toEqual([]);
    });

    it('has items, dimensions and ground truth keyed by ISO 3166-1 alpha-2', () => {
      expect(survey.items.length).toBeGreaterThan(0);
      expect(survey.scorer.dimensions.length).toBeGreaterThan(0);
      const codes = Object.keys(survey.groundTruth.countries);
      expect(codes.length).toBeGreaterThan(1);
      expect(country).toBeDefined();
      for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
      expect(survey.groundTruth.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('renders every item in every language, with the options as shown and a stable hash', () => {
      for (const language of Object.keys(survey.languages)) {
        for (const item of survey.items) {
          const input = { survey, item, country, language, persona: PERSONA, template };
          const p = surveyPrompter.render(input);
          expect(p.optionLabels).toHaveLength(scaleOf(survey, item).size);
          expect(p.scaleSize).toBe(scaleOf(survey, item).size);
          expect(p.messages.some((m) => m.role === 'user' && m.content.includes(survey.languages[language].items[item.id]))).toBe(true);
          expect(surveyPrompter.render(input).promptHash).toBe(p.promptHash);
        }
      }
    });

    it('the parser reads every option code back, by number and by label, in every language', () => {
      for (const [language, text] of Object.entries(survey.languages)) {
        for (const [scaleId, scale] of Object.entries(survey.scales)) {
          const labels = text.scales[scaleId];
          for (let code = 1; code <= scale.size; code++) {
            const ctx = { scaleSize: scale.size, optionLabels: labels, language };
            expect({ language, scaleId, code, parsed: opts.parser.parse(String(code), ctx) }).toMatchObject({ parsed: { kind: 'answer', code } });
            expect({ language, scaleId, code, parsed: opts.parser.parse(labels[code - 1], ctx) }).toMatchObject({ parsed: { kind: 'answer', code } });
          }
        }
      }
    });

    it('scores every dimension from respondents spread over the whole scale, and a dimension without answers is null', () => {
      // Every code answered once: item means at mid-scale, the codes for scorers that need distributions.
      const codes = Object.fromEntries(survey.items.map((i) => [i.id, Array.from({ length: scaleOf(survey, i).size }, (_, k) => k + 1)]));
      const mid = Object.fromEntries(survey.items.map((i) => [i.id, (scaleOf(survey, i).size + 1) / 2]));
      const scores = survey.scorer.rawScores(mid, codes);
      for (const d of survey.scorer.dimensions) expect({ d, finite: Number.isFinite(scores[d]) }).toEqual({ d, finite: true });
      const none = survey.scorer.rawScores(Object.fromEntries(survey.items.map((i) => [i.id, null])), Object.fromEntries(survey.items.map((i) => [i.id, []])));
      for (const d of survey.scorer.dimensions) expect(none[d]).toBeNull();
      const described = survey.scorer.describe();
      for (const d of survey.scorer.dimensions) expect(typeof described[d]).toBe('string');
    });
  });
}
