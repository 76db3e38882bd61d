/** Writes results.schema.json from the frame and the registered analyses (a spec checks it is current). */
import { writeFileSync } from 'node:fs';
import { RESULTS_SCHEMA_PATH, resultsSchemaText } from '../src/schema.js';

writeFileSync(RESULTS_SCHEMA_PATH, resultsSchemaText());
console.log(`wrote ${RESULTS_SCHEMA_PATH}`);
