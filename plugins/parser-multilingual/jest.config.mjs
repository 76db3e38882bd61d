/** @type {import('jest').Config} */
export default { displayName: 'parser-multilingual', preset: '../../jest.preset.js' };
