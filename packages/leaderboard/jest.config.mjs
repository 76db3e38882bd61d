/** @type {import('jest').Config} */
export default { displayName: 'leaderboard', preset: '../../jest.preset.js' };
