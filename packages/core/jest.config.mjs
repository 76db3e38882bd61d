/** @type {import('jest').Config} */
export default { displayName: 'core', preset: '../../jest.preset.js' };
