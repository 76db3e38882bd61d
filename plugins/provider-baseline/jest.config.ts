import type { Config } from 'jest';
const config: Config = { displayName: 'provider-baseline', preset: '../../jest.preset.js' };
export default config;
