import { buildPlan, hashJson, parseConfig, surveyPrompter } from '@culturebench/core';
import { loadVsm2013 } from './survey.js';

// Request keys are content addresses: resume and the response cache find answers by them, so the
// way texts are loaded (lazily, one language at a time) and hashed must never change one. The
// values below were computed before texts were loaded lazily (commit 1134888).
const PINNED = {
  textHashes: {
    en: 'c15882fec9ebc4320af46c7c18d17ef9fe1a22e4c381679605867303c1548329',
    de: 'e75e46242b3b91b1d85b8f4595e6e6261196c3e1facc803ab68118e635379cde',
    zh: '8b5fb062e3de2d0cdcbbe23b4112c9ad130c717cc24bee28eaa3175d22189ea7',
  },
  variantHashes: {
    en: '85c1d55b707b1f7d4bd7dcd59eee4253049c9d2fd6c19b216a9841523d214b47',
    de: '7c2500c72aa349d11c28998ccca39723dfde725765b7a6a959a8cfec32a253b0',
  },
  firstKeys: [
    'dc0f4be2e20bd777ef248d3b54067cbda55919d8402bd0eecc7c5ca8b2669564',
    '06f899a3cfd1bdf1030ef26666633f09f720b3ed6c7135fdbb2b4a8307abe073',
    '03d471e73657725809a0750a6cc52df5af5ec961fe1821eb80f563b86b508a4e',
    '3a2a895c683a8595a55a2fdde6820eae83624cf1073c515995648f467dcf09f9',
  ],
  allKeys: '53094ecdf92af082e9fd80a3818037f18a4b258fc5ad4d7cdf512b186b20d2c8',
};

describe('request keys of a fixed config', () => {
  const config = parseConfig(
    {
      name: 'pinned',
      survey: 'vsm2013',
      countries: ['US', 'DE'],
      conditions: ['native', 'chinese'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 2,
      models: [{ id: 'm', provider: 'openai', model: 'gpt-test', baseUrl: 'http://127.0.0.1:1/v1', params: { seed: 7 } }],
    },
    'pinned.config.ts',
  );
  const plan = () => buildPlan({ config, survey: loadVsm2013(), prompter: surveyPrompter, nativeLanguages: { US: 'en', DE: 'de' }, models: config.models });

  it('are unchanged, and so are the hashes of the texts they were rendered from', () => {
    const survey = loadVsm2013();
    const reqs = [...plan().requests()];
    const actual = {
      textHashes: { en: survey.languages.en.hash, de: survey.languages.de.hash, zh: survey.languages.zh.hash },
      variantHashes: { en: survey.languages.en.variants?.hash, de: survey.languages.de.variants?.hash },
      firstKeys: plan().cells.map((c) => reqs.find((r) => r.cell.country === c.country && r.cell.language === c.language)?.key),
      allKeys: hashJson(reqs.map((r) => r.key)),
    };
    if (process.env.PRINT_PINNED) console.log(JSON.stringify(actual, null, 2));
    expect(reqs).toHaveLength(4 * 24 * 2);
    expect(actual).toEqual(PINNED);
  });

  it('reads only the languages a plan renders', () => {
    const survey = loadVsm2013();
    const read = () => Object.keys(survey.languages).filter((l) => Object.getOwnPropertyDescriptor(survey.languages, l)?.get === undefined);
    expect(Object.keys(survey.languages)).toHaveLength(20);
    expect(read()).toEqual([]);
    [...buildPlan({ config, survey, prompter: surveyPrompter, nativeLanguages: { US: 'en', DE: 'de' }, models: config.models }).requests()];
    expect(read().sort()).toEqual(['de', 'en', 'zh']);
  });
});
