import type { Config } from 'jest';
const config: Config = { displayName: 'provider-langchain', preset: '../../jest.preset.js' };
export default config;
