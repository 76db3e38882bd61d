import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashJson, type ResponseRecord } from '@culturebench/core';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { memoryIo } from './commands.js';

/** Run directories in a parent folder (the response cache lives beside them in .cache). */
function runDirsIn(parent: string): string[] {
  return readdirSync(parent).filter((d) => !d.startsWith('.'));
}

const KEY = 'loopback-secret-key-0123456789abcdefXYZ';

const capture = (env: Record<string, string | undefined>) => memoryIo(env);

/** Replies the way models really write, with an answer derived from the prompt and the seed. */
function scriptedReply(said: Map<string, number>) {
  const styles = [(n: number) => `${n}`, (n: number) => `Answer: ${n}`, (n: number) => `**${n}**`, (n: number) => `{"answer": ${n}}`];
  return (req: ChatRequestInfo) => {
    const promptHash = hashJson(req.messages.map((m) => ({ role: m.role, content: m.content })));
    const seed = req.protocol === 'openai' ? req.body.seed : req.body.options?.seed;
    const n = 1 + ((parseInt(promptHash.slice(0, 8), 16) + Number(seed)) % 5);
    said.set(`${req.model}|${promptHash}|${seed}`, n);
    if (req.model === 'qwen2.5:7b' && req.messages[1].content.includes('citizen')) return 'As an AI, I do not have a nationality or personal feelings.';
    return styles[n % styles.length](n);
  };
}

describe('a full run over the loopback server: two OpenAI-compatible and two Ollama models', () => {
  let server: MockLlmServer;
  let dir: string;
  let io: ReturnType<typeof capture>;
  let code: number;
  let records: ResponseRecord[];
  const said = new Map<string, number>();

  beforeAll(async () => {
    server = await startMockLlm({
      models: ['gpt-4o-mini', 'deepseek-chat', 'glm4:9b', 'qwen2.5:7b', 'yi:9b'],
      apiKeys: [KEY],
      reply: scriptedReply(said),
      recordRequests: 5000,
      // Every 50th request to deepseek fails with a 500 (retried), and yi always does (an error row).
      faults: (req) =>
        (req.model === 'deepseek-chat' && req.index % 50 === 7) || (req.model === 'yi:9b' && req.messages[1].content.includes('citizen'))
          ? { status: 500 }
          : undefined,
    });
    dir = mkdtempSync(join(tmpdir(), 'culturebench-loopback-'));
    const config = {
      name: 'loopback',
      survey: 'vsm2013',
      countries: ['US', 'CN'],
      conditions: ['native', 'english'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 2,
      seed: 11,
      temperature: 0.5,
      outDir: 'out',
      retry: { maxAttempts: 3, baseDelayMs: 20 },
      models: [
        {
          id: 'gpt-4o-mini',
          provider: 'openai',
          model: 'gpt-4o-mini',
          origin: 'US',
          baseUrl: `${server.url}/v1`,
          apiKeyEnv: 'LOOPBACK_KEY',
          price: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
        },
        { id: 'deepseek-chat', provider: 'openai', model: 'deepseek-chat', origin: 'CN', baseUrl: `${server.url}/v1`, apiKeyEnv: 'LOOPBACK_KEY' },
        { id: 'glm4-9b', provider: 'ollama', model: 'glm4:9b', origin: 'CN', baseUrl: server.url },
        { id: 'qwen2.5-7b', provider: 'ollama', model: 'qwen2.5:7b', origin: 'CN', baseUrl: server.url, params: { temperature: 0.2 } },
        { id: 'yi-9b', provider: 'ollama', model: 'yi:9b', origin: 'CN', baseUrl: server.url },
        { id: 'llama3.1-8b', provider: 'ollama', model: 'llama3.1:8b', origin: 'US', baseUrl: server.url },
        { id: 'gpt-4o', provider: 'openai', model: 'gpt-4o', origin: 'US', baseUrl: `${server.url}/v1`, apiKeyEnv: 'UNSET_KEY_VAR' },
      ],
    };
    writeFileSync(join(dir, 'loopback.json'), JSON.stringify(config));
    io = capture({ LOOPBACK_KEY: KEY });
    code = await main(['run', '--config', join(dir, 'loopback.json'), '--no-progress'], io);
    const runDir = join(dir, 'out', runDirsIn(join(dir, 'out'))[0]);
    records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 60_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes, asking only the available models and saying why the others were skipped', () => {
    expect(code).toBe(0);
    expect(io.stderr).toContain('skipped llama3.1-8b (ollama): model llama3.1:8b is not pulled on');
    expect(io.stderr).toMatch(/To enable: run `OLLAMA_HOST=http:\/\/127\.0\.0\.1:\d+ ollama pull llama3\.1:8b`/);
    expect(io.stderr).toContain('skipped gpt-4o (openai): UNSET_KEY_VAR is not set');
    expect(io.stdout).toContain('## Skipped models');
    // 5 models × (US: en; CN: zh, en) × 24 items × 2 respondents
    expect(records).toHaveLength(5 * 3 * 24 * 2);
  });

  it('sends the model, messages, temperature and a per-respondent seed', () => {
    const chats = server.requests.filter((r) => r.method === 'POST');
    const openai = chats.find((r) => r.url === '/v1/chat/completions' && r.body.model === 'gpt-4o-mini')!;
    expect(openai.body.temperature).toBe(0.5);
    expect(openai.body.messages[0].role).toBe('system');
    expect(openai.headers.authorization).toBe(`Bearer ${KEY}`);
    const qwen = chats.filter((r) => r.url === '/api/chat' && r.body.model === 'qwen2.5:7b');
    expect(qwen[0].body.options.temperature).toBe(0.2);
    expect(new Set(qwen.map((r) => r.body.options.seed))).toEqual(new Set([11, 12]));
  });

  it('stores what the server said, parsed: every answer matches the scripted one', () => {
    const answers = records.filter((r) => r.parsed?.kind === 'answer');
    expect(answers.length).toBeGreaterThan(150);
    for (const r of answers) {
      const model = ({ 'glm4-9b': 'glm4:9b', 'qwen2.5-7b': 'qwen2.5:7b', 'yi-9b': 'yi:9b' } as Record<string, string>)[r.model] ?? r.model;
      expect(r.answer).toBe(said.get(`${model}|${r.promptHash}|${r.seed}`));
    }
  });

  it('records refusals as refusals and failed requests as error rows, never as answers', () => {
    const refusals = records.filter((r) => r.parsed?.kind === 'refusal');
    // The script refuses item 19 when asked in English ("citizen"): US-en and CN-en × 2 respondents.
    expect(refusals.length).toBe(2 * 2);
    expect(refusals.every((r) => r.model === 'qwen2.5-7b' && r.item === '19' && r.answer === null)).toBe(true);
    // yi fails item 19 in English every time: after 3 attempts it is an error row, never an answer.
    const errors = records.filter((r) => r.error !== null);
    expect(errors).toHaveLength(2 * 2);
    for (const e of errors) {
      expect(e).toMatchObject({ model: 'yi-9b', item: '19', answer: null, parsed: null, attempts: 3 });
      expect(e.error).toMatch(/^model yi-9b \(yi:9b on Ollama at http:\/\/127\.0\.0\.1:\d+\): .*500/);
    }
    // deepseek's passing 500s were retried and answered.
    const retried = records.filter((r) => r.model === 'deepseek-chat' && r.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((r) => r.error === null && r.parsed?.kind === 'answer')).toBe(true);
  });

  it('records token counts, cost where priced, and latency', () => {
    const gpt = records.filter((r) => r.model === 'gpt-4o-mini');
    for (const r of gpt) {
      expect(r.tokens!.input).toBeGreaterThan(20);
      expect(r.tokens!.output).toBeGreaterThan(0);
      expect(r.costUsd).toBeCloseTo((r.tokens!.input * 0.15 + r.tokens!.output * 0.6) / 1e6, 12);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const glm = records.filter((r) => r.model === 'glm4-9b');
    expect(glm.every((r) => r.tokens !== null && r.tokens.input > 20)).toBe(true);
    expect(records.filter((r) => r.model === 'deepseek-chat' && !r.error).every((r) => r.costUsd === null)).toBe(true);
  });

  it('never writes or prints the API key', () => {
    const runDir = join(dir, 'out', runDirsIn(join(dir, 'out'))[0]);
    for (const f of readdirSync(runDir, { recursive: true }) as string[])
      if (statSync(join(runDir, f)).isFile()) expect(readFileSync(join(runDir, f), 'utf8')).not.toContain(KEY);
    expect(io.stdout + io.stderr).not.toContain(KEY);
  });
});

describe('doctor over the loopback server', () => {
  it('prints one line per model with the fix for what is missing, and exits 1 if any is missing', async () => {
    const server = await startMockLlm({ models: ['gpt-4o-mini', 'glm4:9b'], apiKeys: [KEY] });
    const dir = mkdtempSync(join(tmpdir(), 'culturebench-doctor-'));
    try {
      const models = [
        { id: 'ok-openai', provider: 'openai', model: 'gpt-4o-mini', baseUrl: `${server.url}/v1`, apiKeyEnv: 'LOOPBACK_KEY' },
        { id: 'bad-key', provider: 'openai', model: 'gpt-4o-mini', baseUrl: `${server.url}/v1`, apiKeyEnv: 'WRONG_KEY' },
        { id: 'no-model', provider: 'openai', model: 'gpt-5', baseUrl: `${server.url}/v1`, apiKeyEnv: 'LOOPBACK_KEY' },
        { id: 'ok-ollama', provider: 'ollama', model: 'glm4:9b', baseUrl: server.url },
        { id: 'not-pulled', provider: 'ollama', model: 'yi:9b', baseUrl: server.url },
        { id: 'no-server', provider: 'ollama', model: 'glm4:9b', baseUrl: 'http://127.0.0.1:1' },
      ];
      writeFileSync(
        join(dir, 'c.json'),
        JSON.stringify({
          name: 'd',
          survey: 'vsm2013',
          countries: ['US'],
          conditions: ['native'],
          persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
          samples: 1,
          models,
        }),
      );
      const wrong = 'wrong-key-abcdefghijklmnop0123';
      const io = capture({ LOOPBACK_KEY: KEY, WRONG_KEY: wrong });
      expect(await main(['doctor', '--config', join(dir, 'c.json')], io)).toBe(1);
      const lines = io.stdout.trim().split('\n');
      expect(lines).toHaveLength(7);
      expect(lines[0]).toMatch(/^ok\s+ok-openai.* · methods: sample, logprobs, n-completions, verbalized$/);
      expect(lines[1]).toMatch(/^missing\s+bad-key .*rejected.*Fix:/);
      expect(lines[2]).toMatch(/^missing\s+no-model .*gpt-5.*Fix:/);
      expect(lines[3]).toMatch(/^ok\s+ok-ollama/);
      expect(lines[4]).toMatch(
        /^missing\s+not-pulled .*model yi:9b is not pulled on http:\/\/127\.0\.0\.1:\d+.*Fix: run `OLLAMA_HOST=http:\/\/127\.0\.0\.1:\d+ ollama pull yi:9b`/,
      );
      expect(lines[5]).toMatch(/^missing\s+no-server .*Ollama is not reachable at http:\/\/127\.0\.0\.1:1.*ollama serve/);
      expect(lines[6]).toBe('2 of 6 models ready');
      expect(io.stdout + io.stderr).not.toContain(wrong);
      expect(io.stdout + io.stderr).not.toContain(KEY);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
