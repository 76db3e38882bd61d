import type { Config } from 'jest';
const config: Config = { displayName: 'report-html', preset: '../../jest.preset.js' };
export default config;
