// This package is CommonJS (Nx 23 loads generators with require() on Node 20; see README), so
// its tests run in Jest's CommonJS mode: no `.ts` as ESM, and swc emits CommonJS.
/** @type {import('jest').Config} */
export default {
  displayName: 'tools',
  preset: '../../jest.preset.js',
  extensionsToTreatAsEsm: [],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
};
