/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Workspace packages are read from their TypeScript sources (exports condition "@culturebench/source").
  testEnvironmentOptions: { customExportConditions: ['@culturebench/source', 'node', 'node-addons'] },
  coverageProvider: 'v8',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // End-to-end suites (*.e2e.spec.ts) run in the e2e project of the root jest.config.mjs.
  testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.spec\\.ts$'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
};
