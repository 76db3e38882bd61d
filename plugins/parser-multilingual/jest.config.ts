import type { Config } from 'jest';
const config: Config = { displayName: 'parser-multilingual', preset: '../../jest.preset.js' };
export default config;
