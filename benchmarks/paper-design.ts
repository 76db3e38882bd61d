import type { BenchmarkConfigInput } from '@culturebench/core';

/*
 * The paper's design as data (Sukiennik et al. 2025; see shared docs vsm2013.md §1, §5), shared by
 * the VSM benchmark (vsm.config.ts) and the IVS cultural map (ivs.config.ts) so that the two stay
 * comparable. Choices the paper leaves open are declared here.
 */

type Design = Required<Pick<BenchmarkConfigInput, 'countries' | 'conditions' | 'aggregates' | 'headline' | 'persona' | 'samples' | 'seed' | 'temperature'>>;

/** The 20 countries (ISO 3166-1 alpha-2), each asked in its own language. */
export const PAPER_COUNTRIES: Design['countries'] = [
  'US',
  'CN',
  'DE',
  'JP',
  'IN',
  'BR',
  'RU',
  'FR',
  'ES',
  'IR',
  'KR',
  'TR',
  'ID',
  'IT',
  'NL',
  'SE',
  'PL',
  'VN',
  'TH',
  'MA',
];

/** Each country asked in its own language, in English and in Chinese. */
export const PAPER_CONDITIONS: Design['conditions'] = ['native', 'english', 'chinese'];

/** The average over the languages asked, which is also the leaderboard's headline. */
export const PAPER_AGGREGATES: Design['aggregates'] = ['language-average'];
export const PAPER_HEADLINE: Design['headline'] = 'language-average';

/** Matched samples: respondent i has the same traits in every country (VSM manual). */
export const PAPER_PERSONA: Design['persona'] = {
  template: 'first-person',
  traits: { gender: ['female', 'male'], age: ['30-34', '40-49'], education: ['16'], occupation: ['professional', 'office'] },
};

/** The VSM manual asks for at least 20 respondents per sample; one reply is one respondent. */
export const PAPER_SAMPLES: Design['samples'] = 20;

/** Sampling seed and temperature of every request. */
export const PAPER_SEED: Design['seed'] = 2025;
export const PAPER_TEMPERATURE: Design['temperature'] = 0.7;

/** All of the above, to spread into a benchmark config. */
export const paperDesign: Design = {
  countries: PAPER_COUNTRIES,
  conditions: PAPER_CONDITIONS,
  aggregates: PAPER_AGGREGATES,
  headline: PAPER_HEADLINE,
  persona: PAPER_PERSONA,
  samples: PAPER_SAMPLES,
  seed: PAPER_SEED,
  temperature: PAPER_TEMPERATURE,
};
