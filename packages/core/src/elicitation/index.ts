export * from './distribution.js';
export * from './logprobs.js';
export * from './verbalized.js';
export * from './method.js';
export * from './check.js';
export * from './questionnaire.js';
export * from './conversation.js';
