export { main, defaultIo } from './main.js';
export { builtInRegistry } from './registry.js';
export { writeFullReport } from './report.js';
export type { Io } from './commands.js';
