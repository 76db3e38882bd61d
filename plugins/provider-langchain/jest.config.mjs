/** @type {import('jest').Config} */
export default { displayName: 'provider-langchain', preset: '../../jest.preset.js' };
