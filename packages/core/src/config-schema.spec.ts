import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import jsonService from 'vscode-json-languageservice';
import { parseConfig } from './config.js';

// The shipped JSON Schema as an editor reads it: VS Code's own JSON language service (the YAML
// language server validates with a fork of it) flags what the config parser refuses, and only that.
const schema = JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8'));
const service = jsonService.getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: 'https://culturebench.invalid/config.schema.json', fileMatch: ['*.json'], schema }] });

async function editorProblems(config: unknown): Promise<{ message: string; line: number }[]> {
  const text = JSON.stringify(config, null, 2);
  const doc = jsonService.TextDocument.create('file:///work/bench.json', 'json', 1, text);
  const problems = await service.doValidation(doc, service.parseJSONDocument(doc));
  return problems.map((p) => ({ message: typeof p.message === 'string' ? p.message : p.message.value, line: p.range.start.line }));
}

function parserError(config: unknown): string | null {
  try {
    parseConfig(config, 'bench.json');
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const config = (model: Record<string, unknown>) => ({
  name: 'schema spec',
  survey: 'vsm2013',
  countries: ['US'],
  conditions: ['native'],
  persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
  samples: 1,
  models: [{ id: 'm', provider: 'openai', model: 'llama', ...model }],
});

describe('baseUrl, apiKeyEnv and endpoints in the JSON Schema', () => {
  it.each([
    ['one server', { baseUrl: 'http://gpu-1:8000/v1', apiKeyEnv: 'VLLM_KEY' }],
    ['several servers, a key variable on each', { endpoints: [{ baseUrl: 'http://gpu-1:8000/v1', apiKeyEnv: 'KEY_1' }, { baseUrl: 'http://gpu-2:8000/v1' }] }],
  ])('accepts %s, as the parser does', async (_, model) => {
    expect(await editorProblems(config(model))).toEqual([]);
    expect(parserError(config(model))).toBeNull();
  });

  it.each([
    [
      'baseUrl and endpoints',
      { baseUrl: 'http://gpu-1:8000/v1', endpoints: [{ baseUrl: 'http://gpu-2:8000/v1' }] },
      /either "baseUrl" \(one server\) or "endpoints"/,
    ],
    ['a model-wide apiKeyEnv with endpoints', { apiKeyEnv: 'KEY', endpoints: [{ baseUrl: 'http://gpu-2:8000/v1' }] }, /name the key variable on each endpoint/],
  ])('flags %s on the model entry, with the fix, as the parser refuses it', async (_, model, message) => {
    const problems = await editorProblems(config(model));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
    // On the model entry (the line of its opening brace, after "models": [).
    const lines = JSON.stringify(config(model), null, 2).split('\n');
    expect(lines[problems[0].line]).toMatch(/^ {4}\{$/);
    expect(lines[problems[0].line - 1]).toMatch(/"models": \[$/);
    expect(parserError(config(model))).toMatch(message);
  });
});
