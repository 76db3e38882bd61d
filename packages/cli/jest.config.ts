import type { Config } from 'jest';
const config: Config = { displayName: 'cli', preset: '../../jest.preset.js' };
export default config;
