/** @type {import('jest').Config} */
export default { displayName: 'provider-simulated', preset: '../../jest.preset.js' };
