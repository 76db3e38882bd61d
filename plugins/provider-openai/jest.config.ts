import type { Config } from 'jest';
const config: Config = { displayName: 'provider-openai', preset: '../../jest.preset.js' };
export default config;
