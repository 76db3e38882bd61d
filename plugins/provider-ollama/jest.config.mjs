/** @type {import('jest').Config} */
export default { displayName: 'provider-ollama', preset: '../../jest.preset.js' };
