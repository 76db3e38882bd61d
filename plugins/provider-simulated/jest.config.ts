import type { Config } from 'jest';
const config: Config = { displayName: 'provider-simulated', preset: '../../jest.preset.js' };
export default config;
