import type { Config } from 'jest';
const config: Config = { displayName: 'leaderboard', preset: '../../jest.preset.js' };
export default config;
