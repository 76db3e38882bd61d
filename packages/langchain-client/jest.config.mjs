/** @type {import('jest').Config} */
export default { displayName: 'langchain-client', preset: '../../jest.preset.js' };
