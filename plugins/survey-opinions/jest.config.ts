import type { Config } from 'jest';
const config: Config = { displayName: 'survey-opinions', preset: '../../jest.preset.js' };
export default config;
