import type { Config } from 'jest';

// Global-only options (coverageProvider) are ignored in project configs under `projects`, so repeat them here.
const config: Config = {
  projects: ['<rootDir>/packages/*', '<rootDir>/plugins/*', '<rootDir>/benchmarks', '<rootDir>/tools/*'],
  coverageProvider: 'v8',
};
export default config;
