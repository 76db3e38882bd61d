/** The registry of analyses: unique ids, keys and files; results.schema.json generated from it and current. */
import { readFileSync } from 'node:fs';
import type { AnalysisModule } from './analysis-module.js';
import { ANALYSES, ANALYSIS_CSV_FILES } from './registry.js';
import { buildResultsSchema, RESULTS_SCHEMA_PATH, resultsSchemaText } from './schema.js';

describe('the analysis registry', () => {
  it('has unique module ids, results.json keys and CSV file names', () => {
    const ids = ANALYSES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = ANALYSES.flatMap((m) => Object.keys(m.schema));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ANALYSIS_CSV_FILES).size).toBe(ANALYSIS_CSV_FILES.length);
    expect(ANALYSIS_CSV_FILES).toContain('dimensions-disattenuated.csv');
  });

  it('results.schema.json is the frame plus every module’s keys (regenerate: npm run schema -w @culturebench/analysis)', () => {
    expect(readFileSync(RESULTS_SCHEMA_PATH, 'utf8')).toBe(resultsSchemaText());
    const schema = buildResultsSchema() as { required: string[]; properties: Record<string, unknown> };
    for (const m of ANALYSES) for (const key of Object.keys(m.schema)) expect(schema.required).toContain(key);
  });

  it('a results.json key declared by two modules is an error naming it', () => {
    const twice: AnalysisModule<object> = { ...(ANALYSES[0] as AnalysisModule<object>), id: 'copy' };
    expect(() => buildResultsSchema([...(ANALYSES as readonly AnalysisModule<object>[]), twice])).toThrow(
      'results.json key "skill" of analysis "copy" is declared twice',
    );
  });
});
