import type { Config } from 'jest';
const config: Config = { displayName: 'benchmarks', preset: '../jest.preset.js' };
export default config;
