// Plain ESM (not jest.config.mjs): Node 20 loads it without a TypeScript loader, and Node 22+ with
// built-in type stripping would load a .ts config as ESM, where require() and __dirname do not exist.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preset from './jest.preset.js';

const root = dirname(fileURLToPath(import.meta.url));

// Unit suites live beside the code in each package's own project; the slow end-to-end suites
// (*.e2e.spec.ts: whole runs through the CLI, real clients against the loopback server, the
// browser, generated plugins) form projects of their own: `npx jest --selectProjects e2e e2e-tools`.
// Global-only options (coverageProvider) are ignored in project configs under `projects`, so repeat them here.
/** @type {import('jest').Config} */
const config = {
  projects: [
    '<rootDir>/packages/*',
    '<rootDir>/plugins/*',
    '<rootDir>/benchmarks',
    '<rootDir>/tools/*',
    {
      ...preset,
      displayName: 'e2e',
      rootDir: root,
      testMatch: ['<rootDir>/{packages,plugins,benchmarks,tools}/**/src/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tools/generators/'],
    },
    {
      ...preset,
      displayName: 'e2e-tools',
      rootDir: join(root, 'tools/generators'),
      testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
      // CommonJS, like tools/generators/jest.config.mjs.
      extensionsToTreatAsEsm: [],
      transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
    },
  ],
  coverageProvider: 'v8',
  // Jest's default (cores − 1) is one worker on a 2-core machine; the e2e suites spend much of their
  // time waiting on child processes, loopback latency and the browser, so two workers overlap that.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
export default config;
