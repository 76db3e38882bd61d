export { main, defaultIo } from './main.js';
export { builtInRegistry } from './registry.js';
export { CLI_OPTION_NAMES } from './commands.js';
export type { Io } from './commands.js';
