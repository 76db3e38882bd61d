/** @type {import('jest').Config} */
export default { displayName: 'provider-openai', preset: '../../jest.preset.js' };
