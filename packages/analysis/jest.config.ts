import type { Config } from 'jest';
const config: Config = { displayName: 'analysis', preset: '../../jest.preset.js' };
export default config;
