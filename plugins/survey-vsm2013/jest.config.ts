import type { Config } from 'jest';
const config: Config = { displayName: 'survey-vsm2013', preset: '../../jest.preset.js' };
export default config;
