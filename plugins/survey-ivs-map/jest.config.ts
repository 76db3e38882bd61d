import type { Config } from 'jest';
const config: Config = { displayName: 'survey-ivs-map', preset: '../../jest.preset.js' };
export default config;
