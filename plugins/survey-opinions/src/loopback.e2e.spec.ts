import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, runBenchmark, surveyPrompter, type Registry } from '@culturebench/core';
import { multilingualParser } from '@culturebench/parser-multilingual';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { openaiProvider } from '@culturebench/provider-openai';
import { jsSimilarity } from './jsd.js';
import type { OpinionAlignmentRow } from './metric.js';
import { loadOpinionsExample, OPINIONS_EXAMPLE_ID } from './survey.js';

/**
 * The example through a real LLM client (ChatOpenAI via the openai provider) against the
 * loopback server: a scripted "model" that answers option 1 for personas from China and the last
 * option for everyone else, in the ways models write answers.
 */
const KEY = 'sk-opinions-loop-0123';

function scripted(req: ChatRequestInfo): string {
  const k = (req.messages[1].content.match(/^\d+\. /gm) ?? []).length;
  const code = req.messages[0].content.includes('from China') ? 1 : k;
  return req.index % 2 === 0 ? `${code}` : `Answer: ${code}`;
}

describe('the opinions example over the mock-llm loopback server', () => {
  let server: MockLlmServer;
  const dir = mkdtempSync(join(tmpdir(), 'culturebench-opinions-loopback-'));
  const survey = loadOpinionsExample();
  const registry: Registry = {
    surveys: { [OPINIONS_EXAMPLE_ID]: { title: 'example', load: (o) => loadOpinionsExample(o) } },
    providers: { openai: openaiProvider },
    prompter: surveyPrompter,
    parsers: { multilingual: multilingualParser },
  };

  beforeAll(async () => {
    server = await startMockLlm({ models: ['scripted'], apiKeys: [KEY], reply: scripted });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses every reply and scores the one-hot distributions exactly', async () => {
    const config = parseConfig(
      {
        name: 'opinions loopback',
        survey: OPINIONS_EXAMPLE_ID,
        countries: ['US', 'CN'],
        conditions: ['english'],
        persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: 2,
        constants: 0,
        outDir: 'out',
        retry: { maxAttempts: 2, baseDelayMs: 10 },
        models: [{ id: 'scripted', provider: 'openai', model: 'scripted', baseUrl: `${server.url}/v1`, apiKeyEnv: 'LOOPBACK_KEY' }],
      },
      join(dir, 'loopback.config.ts'),
    );
    const result = await runBenchmark({ config, registry, cache: false, env: { LOOPBACK_KEY: KEY } });
    expect(server.requests.filter((r) => r.url.endsWith('/chat/completions'))).toHaveLength(2 * 6 * 2);
    expect(result.analysis.answers).toEqual([expect.objectContaining({ model: 'scripted', total: 24, answers: 24 })]);

    const row = (country: string) =>
      (result.analysis.alignment as OpinionAlignmentRow[]).find((a) => a.model === 'scripted' && a.country === country && a.condition === 'english')!;
    for (const [country, first] of [
      ['CN', true],
      ['US', false],
    ] as const) {
      const h = survey.groundTruth.countries[country];
      const sims = survey.items
        .filter((it) => h[`${it.id}:1`] != null)
        .map((it) => {
          const k = survey.scales[it.scale].size;
          const model = Array.from({ length: k }, (_, j) => (j === (first ? 0 : k - 1) ? 1 : 0));
          return jsSimilarity(
            model,
            Array.from({ length: k }, (_, j) => h[`${it.id}:${j + 1}`]!),
          );
        });
      expect(row(country).similarity).toBeCloseTo(sims.reduce((a, b) => a + b, 0) / sims.length, 12);
    }
  }, 60_000);
});
