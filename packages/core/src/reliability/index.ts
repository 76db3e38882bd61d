export * from './types.js';
export * from './compute.js';
export * from './markdown.js';
export { cronbachAlpha } from './stats.js';
