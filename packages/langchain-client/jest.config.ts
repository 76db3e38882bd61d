import type { Config } from 'jest';
const config: Config = { displayName: 'langchain-client', preset: '../../jest.preset.js' };
export default config;
