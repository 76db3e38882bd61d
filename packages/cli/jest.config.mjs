/** @type {import('jest').Config} */
export default { displayName: 'cli', preset: '../../jest.preset.js' };
