/** @type {import('jest').Config} */
export default { displayName: 'mock-llm', preset: '../../jest.preset.js' };
