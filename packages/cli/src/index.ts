export { main, defaultIo, runProcess } from './main.js';
export { builtInRegistry, loadRegistry, BUILT_IN_PROVIDERS } from './registry.js';
export { writeFullReport } from './report.js';
export type { Io } from './commands.js';
