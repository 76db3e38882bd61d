import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, hashJson, itemMeansBySample, readAnswerRows, type ResponseRecord } from '@culturebench/core';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const KEY = 'loopback-elicitation-key-0123456789';

const capture = (env: Record<string, string | undefined> = { LOOPBACK_KEY: KEY }) => memoryIo(env);

// The English scales, read from the data file: the test's own map from a label to its original code.
const english = JSON.parse(readFileSync(datasetPath('vsm2013', 'text', 'en.json'), 'utf8')) as {
  scales: Record<string, string[]>;
  items: Record<string, string>;
};
const instrument = JSON.parse(readFileSync(datasetPath('vsm2013', 'instrument.json'), 'utf8')) as { items: { id: string; scale: string }[] };
const ITEMS = instrument.items.map((i) => i.id);

/** The original code of a label in the item the prompt asks (two scales share labels in opposite orders). */
function originalCode(req: ChatRequestInfo, label: string): number {
  const user = req.messages[req.messages.length - 1].content;
  const item = instrument.items.find((i) => user.includes(`\n${english.items[i.id]}\n`) || user.startsWith(`${english.items[i.id]}\n`))!;
  return english.scales[item.scale].indexOf(label) + 1;
}

/** The options as the prompt lists them: "3. of moderate importance" → displayed code and label. */
function optionsOf(req: ChatRequestInfo): { code: number; label: string }[] {
  const user = req.messages[req.messages.length - 1].content;
  return [...user.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ code: Number(m[1]), label: m[2] }));
}

/** A distribution over labels that depends on the persona and item, not on the order shown. */
function labelWeights(req: ChatRequestInfo, labels: string[]): number[] {
  const persona = req.messages.find((m) => m.role === 'system')?.content ?? '';
  const seed = hashJson({ persona, labels: [...labels].sort() });
  return labels.map((l) => 1 + (parseInt(hashJson({ seed, l }).slice(0, 6), 16) % 1000));
}

function config(server: MockLlmServer, extra: Record<string, unknown>, models?: unknown[]) {
  return {
    name: 'elicitation-loopback',
    survey: 'vsm2013',
    countries: ['US', 'CN'],
    conditions: ['english'],
    aggregates: [],
    headline: 'english',
    persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
    samples: 2,
    seed: 5,
    outDir: 'out',
    retry: { maxAttempts: 2, baseDelayMs: 10 },
    models: models ?? [
      {
        id: 'gpt-4o-mini',
        provider: 'openai',
        model: 'gpt-4o-mini',
        baseUrl: `${server.url}/v1`,
        apiKeyEnv: 'LOOPBACK_KEY',
        price: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
      },
    ],
    ...extra,
  };
}

async function runWith(dir: string, name: string, cfg: unknown, flags: string[] = [], io = capture()) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...(cfg as object), outDir: name }));
  const code = await main(['run', '--config', file, '--no-progress', '--no-cache', ...flags], io);
  const parent = join(dir, name);
  let runDir = '';
  let records: ResponseRecord[] = [];
  try {
    runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]);
    records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  } catch {
    // No run directory: the run stopped before anything was written.
  }
  return { code, io, runDir, records };
}

describe('elicitation methods over the OpenAI-compatible loopback server, through the real client', () => {
  let server: MockLlmServer;
  let dir: string;
  /** What the server returned: expected original code per request (persona + options text). */
  const expectations = new Map<string, number>();

  /** Option codes weighted per persona and label; 10 % of the mass off the codes. The expectation is kept per prompt. */
  const logprobScript = (req: ChatRequestInfo) => {
    const opts = optionsOf(req);
    const w = labelWeights(
      req,
      opts.map((o) => o.label),
    );
    // 10 % of the mass on a non-code token: the non-answer share.
    const total = w.reduce((a, b) => a + b, 0) / 0.9;
    const top = [...opts.map((o, i) => ({ token: String(o.code), logprob: Math.log(w[i] / total) })), { token: ' I', logprob: Math.log(0.1) }];
    top.sort((a, b) => b.logprob - a.logprob);
    let expected = 0;
    opts.forEach((o, i) => (expected += originalCode(req, o.label) * (w[i] / total / 0.9)));
    expectations.set(hashJson(req.messages), expected);
    return [{ token: top[0].token, logprob: top[0].logprob, top }];
  };

  beforeAll(async () => {
    server = await startMockLlm({
      models: ['gpt-4o-mini'],
      apiKeys: [KEY],
      recordRequests: 5000,
      reply: (req) => {
        if (req.body.n > 1) return String(1 + ((req.choice ?? 0) % 5));
        const user = req.messages[req.messages.length - 1].content;
        if (user.includes('JSON object')) {
          const opts = optionsOf(req);
          // Item 4's stated distribution sums to 0.7: not a distribution, so a non-answer.
          const bad = user.includes('secure job');
          const w = labelWeights(
            req,
            opts.map((o) => o.label),
          );
          const total = w.reduce((a, b) => a + b, 0) / (bad ? 0.7 : 1);
          return 'Here it is: ' + JSON.stringify(Object.fromEntries(opts.map((o, i) => [String(o.code), w[i] / total])));
        }
        return String(optionsOf(req)[0]?.code ?? 1);
      },
      logprobs: logprobScript,
    });
    dir = mkdtempSync(join(tmpdir(), 'culturebench-elicit-'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logprobs: item means equal the expectations of the returned distributions (1e-9), option order reversed or not', async () => {
    server.reset();
    expectations.clear();
    const { code, io, runDir, records } = await runWith(
      dir,
      'logprobs',
      config(server, { elicitation: { methods: ['logprobs'] }, grid: { optionOrder: ['original', 'reversed'] } }),
    );
    expect(io.stderr).not.toContain('Error');
    expect(code).toBe(0);
    // 2 countries × 2 orders × 24 items × 2 respondents, one request each.
    expect(records).toHaveLength(2 * 2 * 24 * 2);
    const chats = server.requests.filter((r) => r.url === '/v1/chat/completions');
    expect(chats.every((r) => r.body.logprobs === true && r.body.top_logprobs === 10)).toBe(true);
    for (const r of records) {
      expect(r.distribution!.nonAnswer).toBeCloseTo(0.1, 9);
      const expected = expectations.get(r.promptHash)!;
      expect(r.distribution!.probs.reduce((a, p, i) => a + (i + 1) * p, 0)).toBeCloseTo(expected, 9);
    }
    // Item means per country × variant, through the scorer's own input rows.
    const rows = readAnswerRows([join(runDir, 'responses.jsonl')], { variant: 'all' });
    for (const variant of ['reference', 'optionOrder=reversed']) {
      const mine = rows.filter((r) => r.variantId === variant);
      const means = itemMeansBySample(
        mine.map((r) => ({ sample: r.country, respondent: String(r.respondent), item: r.item, answer: r.value ?? null })),
        ITEMS,
      );
      for (const m of means) {
        for (const item of Object.keys(m.means)) {
          const own = records.filter((r) => (r.variant?.id ?? 'reference') === variant && r.country === m.sample && r.item === item);
          const truth = own.reduce((a, r) => a + expectations.get(r.promptHash)!, 0) / own.length;
          expect(Math.abs(m.means[item]! - truth)).toBeLessThan(1e-9);
        }
      }
    }
    // The server's distribution follows labels, not positions: reversing the order changes nothing.
    const key = (r: ResponseRecord) => `${r.country}|${r.item}|${r.respondent}`;
    const reversed = new Map(records.filter((r) => r.variant?.id === 'optionOrder=reversed').map((r) => [key(r), r]));
    for (const r of records.filter((x) => x.variant?.id === 'reference')) {
      const twin = reversed.get(key(r))!;
      r.distribution!.probs.forEach((p, i) => expect(Math.abs(p - twin.distribution!.probs[i])).toBeLessThan(1e-12));
    }
    expect(records.every((r) => r.variant?.method === 'logprobs' && r.variant.presentation === 'item')).toBe(true);
  }, 60_000);

  it('n-completions: one request per prompt (persona × item) with n = its respondents, and n answers recorded', async () => {
    server.reset();
    // 4 respondents, 2 personas (female, male): respondents 0 and 2 share a prompt, as do 1 and 3.
    const { code, runDir, records } = await runWith(dir, 'ncompl', config(server, { samples: 4, elicitation: { methods: ['n-completions'] } }));
    expect(code).toBe(0);
    const chats = server.requests.filter((r) => r.url === '/v1/chat/completions');
    expect(chats).toHaveLength(2 * 24 * 2);
    expect(chats.every((r) => r.body.n === 2)).toBe(true);
    // No two requests share a prompt.
    expect(new Set(chats.map((r) => JSON.stringify([r.body.messages, r.body.seed]))).size).toBe(chats.length);
    expect(records).toHaveLength(2 * 24 * 2);
    const rows = readAnswerRows([join(runDir, 'responses.jsonl')]);
    expect(rows).toHaveLength(2 * 24 * 4);
    // Choice i of the script said code i + 1: respondents 0, 1 (first of their prompt) answered 1; 2, 3 answered 2.
    for (const r of rows) expect(r.answer).toBe(1 + Math.floor(r.respondent / 2));
    expect(new Set(rows.map((r) => `${r.country}|${r.item}|${r.respondent}`)).size).toBe(rows.length);
    // One prompt's input tokens are billed once for its answers.
    expect(records[0].tokens!.input).toBeGreaterThan(0);
    expect(records[0].more).toHaveLength(1);
  }, 60_000);

  it('verbalized: a valid JSON distribution is scored by its expectation; one that is not a distribution is a non-answer', async () => {
    server.reset();
    const { code, records } = await runWith(dir, 'verbal', config(server, { elicitation: { methods: ['verbalized'] } }));
    expect(code).toBe(0);
    const bad = records.filter((r) => r.item === '4');
    expect(bad.length).toBe(4);
    for (const r of bad) {
      expect(r.parsed?.kind).toBe('invalid');
      expect(r.distribution).toBeUndefined();
      expect(r.answer).toBeNull();
    }
    const good = records.filter((r) => r.item !== '4');
    expect(good.every((r) => r.distribution && Math.abs(r.distribution.probs.reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
  }, 60_000);

  it('questionnaire: one request per respondent holds every item; answers parsed per item, a missing or invalid item a non-answer of that item only', async () => {
    server.reset();
    server.setReply((req) => {
      const user = req.messages[req.messages.length - 1].content;
      const ids = [...user.matchAll(/^Question (\d+):/gm)].map((m) => m[1]);
      // Option 2 as shown everywhere; item 5 left out, item 6 not a number, item 7 out of range.
      const answer: Record<string, unknown> = Object.fromEntries(ids.filter((id) => id !== '5').map((id) => [id, 2]));
      answer['6'] = 'often';
      answer['7'] = 9;
      return '```json\n' + JSON.stringify(answer) + '\n```';
    });
    const { code, runDir, records } = await runWith(
      dir,
      'questionnaire',
      config(server, { elicitation: { methods: ['sample'], presentation: 'questionnaire' }, grid: { optionOrder: ['original', 'reversed'] } }),
    );
    expect(code).toBe(0);
    const chats = server.requests.filter((r) => r.url === '/v1/chat/completions');
    // 2 countries × 2 variants × 2 respondents, every one with all 24 questions.
    expect(chats).toHaveLength(8);
    expect(chats.every((r) => (r.body.messages[1].content.match(/^Question \d+:/gm) ?? []).length === 24)).toBe(true);
    expect(records.every((r) => r.item === '*' && r.variant?.presentation === 'questionnaire' && r.questionnaire?.length === 24)).toBe(true);
    const rows = readAnswerRows([join(runDir, 'responses.jsonl')], { variant: 'all' });
    expect(rows).toHaveLength(8 * 24);
    for (const r of rows) {
      if (['5', '6', '7'].includes(r.item)) {
        expect(r.answer).toBeNull();
        expect(r.parsed?.kind).toBe('invalid');
      } else expect(r.answer).toBe(r.variantId === 'optionOrder=reversed' ? 4 : 2);
    }
  }, 60_000);

  it('logprobs through the Ollama provider on a server that has them (0.12.11): doctor lists the method, item means equal the expectations', async () => {
    const ollama = await startMockLlm({ models: ['llama3.1:8b'], ollamaVersion: '0.12.11', logprobs: logprobScript });
    try {
      expectations.clear();
      const models = [{ id: 'local-llama', provider: 'ollama', model: 'llama3.1:8b', baseUrl: ollama.url }];
      const cfg = config(server, { elicitation: { methods: ['logprobs'] } }, models);
      const doctorFile = join(dir, 'ollama-doctor.json');
      writeFileSync(doctorFile, JSON.stringify({ ...cfg, outDir: 'ollama-doctor' }));
      const doc = capture();
      await main(['doctor', '--config', doctorFile], doc);
      expect(doc.stdout).toMatch(/local-llama .*methods: sample, logprobs, verbalized/);
      const { code, records } = await runWith(dir, 'ollama-logprobs', cfg);
      expect(code).toBe(0);
      const chats = ollama.requests.filter((r) => r.url === '/api/chat');
      expect(chats).toHaveLength(2 * 24 * 2);
      expect(chats.every((r) => r.body.logprobs === true && r.body.top_logprobs === 10 && r.body.stream === false)).toBe(true);
      for (const r of records) {
        expect(r.distribution!.nonAnswer).toBeCloseTo(0.1, 9);
        expect(Math.abs(r.distribution!.probs.reduce((a, p, i) => a + (i + 1) * p, 0) - expectations.get(r.promptHash)!)).toBeLessThan(1e-9);
      }
    } finally {
      await ollama.close();
    }
  }, 60_000);

  it('a method the model cannot do: exit 2 before anything is asked, naming the model, the method and what it can do', async () => {
    server.reset();
    const cfg = config(server, { elicitation: { methods: ['sample', 'logprobs'] } }, [
      { id: 'local-llama', provider: 'ollama', model: 'gpt-4o-mini', baseUrl: server.url },
    ]);
    const { code, io } = await runWith(dir, 'unsupported', cfg);
    expect(code).toBe(2);
    expect(io.stderr).toContain('model "local-llama" cannot use elicitation method "logprobs"');
    expect(io.stderr).toContain('methods it can use: sample, verbalized');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  }, 30_000);

  it('the dry run shows the grid, requests, answers and tokens per method', async () => {
    const file = join(dir, 'dry.json');
    writeFileSync(
      file,
      JSON.stringify(
        config(server, { samples: 4, elicitation: { methods: ['sample', 'logprobs', 'n-completions'] }, grid: { optionOrder: ['original', 'reversed'] } }),
      ),
    );
    const io = capture();
    expect(await main(['run', '--config', file, '--dry-run'], io)).toBe(0);
    expect(io.stdout).toContain('grid: 4 variant(s): reference; method=logprobs; method=n-completions; optionOrder=reversed');
    const line = (m: string) =>
      io.stdout
        .split('\n')
        .find((l) => l.startsWith(`gpt-4o-mini\t${m}\t`))!
        .split('\t');
    // sample: 2 variants (reference, reversed) × 2 countries × 24 items × 4 respondents.
    expect(line('sample').slice(2, 5)).toEqual(['2', String(2 * 2 * 24 * 4), String(2 * 2 * 24 * 4)]);
    expect(line('n-completions').slice(2, 5)).toEqual(['1', String(2 * 24 * 2), String(2 * 24 * 4)]);
    // n-completions pays each persona's prompt once: half of sample's input per variant (2 personas, 4 respondents).
    expect((Number(line('n-completions')[6]) * 2 * 2) / Number(line('sample')[6])).toBeCloseTo(1, 2);
  });
});
