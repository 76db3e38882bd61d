/**
 * A synthetic run for the response browser: manifest.json and responses.jsonl with replies of
 * every outcome (answers, refusals, invalid, errors), some hostile (markup, script, terminal
 * escapes), for any number of rows up to paper scale (10 models × 20 countries × 3 languages ×
 * 24 items × 20 respondents = 288,000). The replies are generated, not from any model.
 */
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import {
  hashJson,
  loadBenchmarkCountries,
  personaForRespondent,
  surveyPrompter,
  type PersonaDesign,
  type ResponseRecord,
  type RunManifest,
  type Survey,
} from '@culturebench/core';

export const HOSTILE_REPLY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u001b[2J 3';

export const PERSONA: PersonaDesign = {
  template: 'first-person',
  traits: { gender: ['female', 'male'], age: ['30-34', '50-59'], education: ['12', '16'], occupation: ['professional'] },
};

export interface SyntheticRunOptions {
  models: number;
  countries: number;
  samples: number;
}

/** Writes the run into dir; returns the manifest and the number of rows. */
export function writeSyntheticRun(dir: string, survey: Survey, opts: SyntheticRunOptions): { manifest: RunManifest; rows: number } {
  mkdirSync(dir, { recursive: true });
  const known = loadBenchmarkCountries();
  const countries = Object.values(known)
    .slice(0, opts.countries)
    .map((c) => ({ code: c.iso2, language: c.language }));
  const models = Array.from({ length: opts.models }, (_, i) => (i === 1 ? 'model-<b>bold</b>' : `sim-model-${i}`));
  const manifest = {
    tool: 'culturebench',
    runId: '20261205T000000Z-synthetic',
    startedAt: '2026-12-05T00:00:00.000Z',
    finishedAt: '2026-12-05T01:00:00.000Z',
    status: 'complete',
    config: {
      file: 'synthetic.json',
      hash: 'synthetic',
      name: 'synthetic replies (generated, not from models)',
      survey: survey.id,
      countries,
      conditions: [
        { id: 'native', language: 'native' },
        { id: 'english', language: 'en' },
        { id: 'chinese', language: 'zh' },
      ],
      aggregates: [],
      headline: 'native',
      samples: opts.samples,
      seed: 1,
      temperature: 0.7,
      persona: PERSONA,
      constants: { mode: 'fixed', values: {} },
    },
    models: models.map((id) => ({ id, provider: 'simulated', model: id, kind: 'llm', origin: null, params: {}, price: null, baseUrl: null })),
    skipped: [],
    survey: { id: survey.id, version: survey.version, texts: {}, formulas: {}, groundTruth: { name: 'x', version: '1', hash: 'x', source: 'x' } },
    plan: { requests: 0, cells: 0, items: survey.items.length },
    prompter: surveyPrompter.id,
    parser: 'default',
    software: { node: process.version, culturebench: '0.0.0', packages: {} },
    git: { commit: null, dirty: null },
  } as unknown as RunManifest;
  const fd = openSync(join(dir, 'responses.jsonl'), 'w');
  let rows = 0;
  let buf: string[] = [];
  const prompts = new Map<string, string>();
  try {
    for (const model of models) {
      for (const c of countries) {
        const langs = new Map<string, string[]>();
        for (const [cond, lang] of [
          ['native', c.language],
          ['english', 'en'],
          ['chinese', 'zh'],
        ])
          langs.set(lang, [...(langs.get(lang) ?? []), cond]);
        for (const [language, conditions] of langs) {
          for (const item of survey.items) {
            for (let respondent = 0; respondent < opts.samples; respondent++) {
              const persona = personaForRespondent(PERSONA, respondent);
              const pk = `${c.code}|${language}|${item.id}|${respondent % 8}`;
              let promptHash = prompts.get(pk);
              if (!promptHash) {
                promptHash = surveyPrompter.render({ survey, item, country: c.code, language, persona, template: PERSONA.template }).promptHash;
                prompts.set(pk, promptHash);
              }
              const k = rows % 97;
              const outcome = k === 0 ? 'error' : k === 1 ? 'refusal' : k === 2 ? 'invalid' : 'answer';
              const code = 1 + ((rows * 7) % 5);
              const raw =
                outcome === 'error'
                  ? null
                  : k === 3
                    ? HOSTILE_REPLY
                    : outcome === 'refusal'
                      ? 'I would rather not say.'
                      : outcome === 'invalid'
                        ? 'Hmm, hard to tell.'
                        : `I would answer ${code}.`;
              const record: ResponseRecord = {
                key: hashJson({ model, c: c.code, language, item: item.id, respondent }),
                promptHash,
                model,
                provider: 'simulated',
                kind: 'llm',
                country: c.code,
                language,
                conditions,
                item: item.id,
                respondent,
                persona: personaForRespondent(PERSONA, respondent % 8),
                seed: 1 + respondent,
                raw,
                parsed:
                  outcome === 'error'
                    ? null
                    : outcome === 'answer'
                      ? { kind: 'answer', code: k === 3 ? 3 : code, via: 'number' }
                      : outcome === 'refusal'
                        ? { kind: 'refusal', reason: 'declined' }
                        : { kind: 'invalid', reason: 'no-answer', detail: 'no number found' },
                answer: outcome === 'answer' ? (k === 3 ? 3 : code) : null,
                tokens: { input: 200, output: 5 },
                costUsd: null,
                latencyMs: 120,
                attempts: 1,
                cached: false,
                error: outcome === 'error' ? 'HTTP 500 <server error>' : null,
                at: '2026-12-05T00:30:00.000Z',
              };
              buf.push(JSON.stringify(record));
              rows++;
              if (buf.length >= 5000) {
                writeSync(fd, buf.join('\n') + '\n');
                buf = [];
              }
            }
          }
        }
      }
    }
    if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { manifest, rows };
}
