/** @type {import('jest').Config} */
export default { displayName: 'provider-baseline', preset: '../../jest.preset.js' };
