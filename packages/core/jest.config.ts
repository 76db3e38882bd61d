import type { Config } from 'jest';
const config: Config = { displayName: 'core', preset: '../../jest.preset.js' };
export default config;
