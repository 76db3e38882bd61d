import type { Config } from 'jest';
const config: Config = { displayName: 'provider-ollama', preset: '../../jest.preset.js' };
export default config;
