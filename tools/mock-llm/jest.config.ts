import type { Config } from 'jest';
const config: Config = { displayName: 'mock-llm', preset: '../../jest.preset.js' };
export default config;
