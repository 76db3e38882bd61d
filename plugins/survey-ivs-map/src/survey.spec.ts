import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, loadBenchmarkCountries, surveyPrompter, validateSurvey } from '@culturebench/core';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { loadIvsLanguageText, loadIvsMap, type IvsItem } from './survey.js';

const survey = loadIvsMap();
const items = survey.items as IvsItem[];
const en = survey.languages.en;
const languages = Object.values(survey.languages);
const BENCHMARK_LANGUAGES = ['en', 'zh', 'de', 'ja', 'hi', 'pt-BR', 'ru', 'fr', 'es', 'ko', 'tr', 'id', 'it', 'nl', 'sv', 'pl', 'vi', 'th', 'fa', 'ar'];
const keys = (o: object) => Object.keys(o).sort();
const persona = { gender: 'female' as const, age: '30-34', education: '16', occupation: 'professional' };
const item = (id: string) => items.find((i) => i.id === id)!;

describe('IVS map instrument', () => {
  it('asks the ten IVS items, Y003 through the four child qualities it is built from', () => {
    expect(items.map((i) => i.id)).toEqual(['A008', 'A165', 'E018', 'E025', 'F063', 'F118', 'F120', 'G006', 'Y002', 'A029', 'A039', 'A040', 'A042']);
    const direct = ['A008', 'A165', 'E018', 'E025', 'F063', 'F118', 'F120', 'G006', 'Y002'];
    for (const id of direct) expect(item(id).wvs.startsWith(id)).toBe(true);
    for (const id of ['A029', 'A039', 'A040', 'A042']) expect(item(id).wvs).toBe(`${id} (input of Y003)`);
    expect(item('Y002').wvs).toBe('Y002 (from E003 + E004)');
  });

  it('uses the WVS answer codes, 1 = first listed option', () => {
    const expected: Record<string, [string, number]> = {
      A008: ['happy4', 4], // 1 very happy … 4 not at all happy
      A165: ['trust2', 2], // 1 most people can be trusted, 2 need to be very careful
      E018: ['change3', 3], // 1 good, 2 don't mind, 3 bad
      E025: ['action3', 3], // 1 have done, 2 might do, 3 would never do
      F063: ['important10', 10], // 1 not at all … 10 very important
      F118: ['justifiable10', 10], // 1 never … 10 always justifiable
      F120: ['justifiable10', 10],
      G006: ['proud4', 4], // 1 very proud … 4 not at all proud
      Y002: ['goalpairs6', 6],
      A029: ['chosen2', 2], // 1 chosen, 2 not chosen
      A039: ['chosen2', 2],
      A040: ['chosen2', 2],
      A042: ['chosen2', 2],
    };
    for (const i of items) {
      const [scale, size] = expected[i.id];
      expect({ id: i.id, scale: i.scale, size: survey.scales[i.scale].size }).toEqual({ id: i.id, scale, size });
      expect(survey.scales[i.scale].midpoint).toBe((size + 1) / 2);
      expect(i.coding).not.toBe('');
    }
    expect(en.scales.happy4).toEqual(['very happy', 'rather happy', 'not very happy', 'not at all happy']);
    expect(en.scales.trust2[0]).toBe('most people can be trusted');
    expect(en.scales.change3).toEqual(['a good thing', 'I would not mind', 'a bad thing']);
    expect(en.scales.action3).toEqual(['I have done it', 'I might do it', 'I would never do it']);
    expect([en.scales.important10[0], en.scales.important10[9]]).toEqual(['not at all important', 'very important']);
    expect([en.scales.justifiable10[0], en.scales.justifiable10[9]]).toEqual(['never justifiable', 'always justifiable']);
    expect(en.scales.proud4).toEqual(['very proud', 'quite proud', 'not very proud', 'not at all proud']);
    expect(en.scales.chosen2).toEqual(['yes', 'no']);
  });

  it('lists the goal pairs materialist first, the four mixed pairs, then post-materialist', () => {
    const [order, say, prices, speech] = [
      'maintaining order in the country',
      'giving people more say in important government decisions',
      'fighting rising prices',
      'protecting freedom of speech',
    ];
    expect(en.scales.goalpairs6).toEqual([
      `${order} and ${prices}`,
      `${order} and ${say}`,
      `${order} and ${speech}`,
      `${prices} and ${say}`,
      `${prices} and ${speech}`,
      `${say} and ${speech}`,
    ]);
  });

  it('passes the core survey validation', () => {
    expect(validateSurvey(survey)).toEqual([]);
  });
});

describe('IVS map texts', () => {
  it('exist for every benchmark language and every benchmark country language', () => {
    expect(keys(survey.languages)).toEqual([...BENCHMARK_LANGUAGES].sort());
    for (const c of Object.values(loadBenchmarkCountries())) expect(survey.languages[c.language]).toBeDefined();
  });

  describe.each(languages.map((t) => [t.language, t] as const))('%s', (lang, text) => {
    const vsm = loadIvsLanguageText(datasetPath('vsm2013', 'text', `${lang}.json`));

    it('has every item, stem and scale, with distinct non-empty labels', () => {
      expect(keys(text.items)).toEqual(keys(en.items));
      expect(keys(text.stems)).toEqual(keys(en.stems));
      expect(keys(text.scales)).toEqual(keys(en.scales));
      for (const i of items) expect(text.items[i.id].trim()).not.toBe('');
      for (const [scale, labels] of Object.entries(text.scales)) {
        expect({ scale, n: labels.length }).toEqual({ scale, n: survey.scales[scale].size });
        expect(new Set(labels.map((l) => l.trim().toLowerCase())).size).toBe(labels.length);
      }
      // The inner points of the 1–10 scales are the numbers themselves, only the ends are worded.
      for (const scale of ['important10', 'justifiable10']) expect(text.scales[scale].slice(1, 9)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
    });

    it('parses every option label, number and "number. label" reply to its own code', () => {
      for (const [scale, labels] of Object.entries(text.scales)) {
        labels.forEach((label, i) => {
          for (const reply of [label, String(i + 1), `${i + 1}. ${label}`]) {
            const parsed = multilingualParser.parse(reply, { scaleSize: labels.length, optionLabels: labels, language: lang });
            expect({ scale, reply, parsed }).toEqual({ scale, reply, parsed: expect.objectContaining({ kind: 'answer', code: i + 1 }) });
          }
        });
      }
    });

    it('reuses the VSM persona templates, traits, country names and answer instruction verbatim', () => {
      expect(text.persona).toEqual(vsm.persona);
      expect(text.countries).toEqual(vsm.countries);
      expect(text.prompt).toEqual(vsm.prompt);
      expect([text.languageName, text.direction]).toEqual([vsm.languageName, vsm.direction]);
      expect(text.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(text.rendering).toMatch(/not the official WVS\/EVS wording/);
    });
  });
});

describe('prompts', () => {
  it('renders a 1–10 item with its block stem and worded ends', () => {
    const p = surveyPrompter.render({ survey, item: item('F118'), country: 'SE', language: 'en', persona, template: 'first-person' });
    expect(p.messages[0].content).toMatch(/^You are a woman from Sweden\./);
    expect(p.messages[1].content).toBe(
      [
        'For each of the following, tell us how far you think it can be justified, on a scale from 1 to 10: 1 means it can never be justified, 10 means it can always be justified, and the numbers in between stand for views in between.',
        'Homosexuality',
        '',
        '1. never justifiable',
        ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${n}. ${n}`),
        '10. always justifiable',
        '',
        'Reply with the number of the one option you choose (1 to 10) and nothing else.',
      ].join('\n'),
    );
    expect(p.scaleSize).toBe(10);
  });

  it('renders a single question without a stem line, in Chinese too', () => {
    const p = surveyPrompter.render({ survey, item: item('G006'), country: 'CN', language: 'zh', persona, template: 'interview' });
    expect(p.messages[1].content.split('\n')).toEqual([
      '您对自己的国籍感到有多自豪？',
      '',
      '1. 非常自豪',
      '2. 比较自豪',
      '3. 不太自豪',
      '4. 一点也不自豪',
      '',
      '请只回复您所选的那一个选项的编号（1 到 4），不要写任何其他内容。',
    ]);
  });

  it('states the five-quality limit of the child-qualities list with every one of its four questions', () => {
    for (const id of ['A029', 'A039', 'A040', 'A042']) {
      const p = surveyPrompter.render({ survey, item: item(id), country: 'US', language: 'en', persona, template: 'first-person' });
      expect(p.messages[1].content).toContain('Suppose you could pick at most five of them');
      expect(p.optionLabels).toEqual(['yes', 'no']);
    }
  });
});

describe('loader options', () => {
  it('replaces a language with an override file and checks its language tag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivs-text-'));
    const file = join(dir, 'de.json');
    const de = { ...survey.languages.de, rendering: 'official translation' } as Record<string, unknown>;
    delete de.hash;
    delete de.origin;
    writeFileSync(file, JSON.stringify(de));
    const s = loadIvsMap({ textOverrides: { de: file } });
    expect(s.languages.de.rendering).toBe('official translation');
    expect(s.languages.de.hash).not.toBe(survey.languages.de.hash);
    expect(() => loadIvsMap({ textOverrides: { fr: file } })).toThrow(/field "language" is "de", expected "fr"/);
  });

  it('takes another ground-truth table', () => {
    const table = { ...survey.groundTruth, name: 'other', countries: { US: { TRADSEC: 0, SURVSELF: 0 } } };
    expect(loadIvsMap({ groundTruth: table }).groundTruth.name).toBe('other');
  });
});
