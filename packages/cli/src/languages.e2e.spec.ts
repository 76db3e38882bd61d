import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashJson, type ResponseRecord } from '@culturebench/core';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';

/**
 * The VSM benchmark's full design over the loopback server: 20 countries × native, English and
 * Chinese. The scripted model answers with the option's label in the prompt language (or its
 * number), so every language's labels must be read back exactly.
 */
describe('all 20 countries × all conditions over the loopback server', () => {
  let server: MockLlmServer;
  let dir: string;
  let records: ResponseRecord[];
  let code: number;
  const said = new Map<string, number>();

  beforeAll(async () => {
    server = await startMockLlm({
      models: ['polyglot'],
      recordRequests: false,
      reply: (req: ChatRequestInfo) => {
        const user = req.messages[1].content;
        const options = [...user.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => m[2]);
        const promptHash = hashJson(req.messages.map((m) => ({ role: m.role, content: m.content })));
        const n = 1 + (parseInt(promptHash.slice(0, 8), 16) % options.length);
        said.set(promptHash, n);
        // Half the replies name the option by its label, half by its number.
        return parseInt(promptHash.slice(8, 10), 16) % 2 === 0 ? options[n - 1] : `${n}`;
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'culturebench-languages-'));
    writeFileSync(
      join(dir, 'all.json'),
      JSON.stringify({
        name: 'all languages',
        survey: 'vsm2013',
        countries: ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'],
        conditions: ['native', 'english', 'chinese'],
        persona: { template: 'interview', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
        samples: 2,
        outDir: 'out',
        concurrency: 64,
        models: [{ id: 'polyglot', provider: 'openai', model: 'polyglot', baseUrl: `${server.url}/v1`, apiKeyEnv: 'POLYGLOT_KEY', concurrency: 64 }],
      }),
    );
    const io = { stdout: '', stderr: '', env: { POLYGLOT_KEY: 'sk-polyglot' }, interactive: false, out: () => {}, err: () => {} };
    code = await main(['run', '--config', join(dir, 'all.json'), '--no-progress', '--no-cache', '--replicates', '20'], io);
    const out = join(dir, 'out');
    const runDir = join(out, readdirSync(out).filter((d) => !d.startsWith('.'))[0]);
    records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 120_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks every country in its own language, in English and in Chinese', () => {
    expect(code).toBe(0);
    expect(records).toHaveLength(58 * 24 * 2);
    const languages = new Set(records.map((r) => r.language));
    expect(languages.size).toBe(20);
  });

  it('reads back every answer exactly, by number or by label, in all 20 languages', () => {
    const wrong = records.filter((r) => r.answer !== said.get(r.promptHash));
    expect(wrong.map((r) => `${r.language} item ${r.item}: ${JSON.stringify(r.raw)} → ${JSON.stringify(r.parsed)}`)).toEqual([]);
    const byLabel = records.filter((r) => r.parsed?.kind === 'answer' && r.parsed.via === 'label');
    expect(new Set(byLabel.map((r) => r.language)).size).toBe(20);
  });
});
