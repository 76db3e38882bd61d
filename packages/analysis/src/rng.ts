/** The project's seeded PRNG lives in core; re-exported here for the analysis modules. */
export { hashString, mixSeed, mulberry32 } from '@culturebench/core';
