export { main, defaultIo, runProcess } from './main.js';
export { builtInRegistry, loadRegistry, BUILT_IN_PROVIDERS } from './registry.js';
export { CLI_OPTION_NAMES, memoryIo } from './commands.js';
export type { Io } from './commands.js';
