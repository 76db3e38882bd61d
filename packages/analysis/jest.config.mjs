/** @type {import('jest').Config} */
export default { displayName: 'analysis', preset: '../../jest.preset.js' };
