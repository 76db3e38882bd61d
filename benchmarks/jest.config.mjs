/** @type {import('jest').Config} */
export default { displayName: 'benchmarks', preset: '../jest.preset.js' };
