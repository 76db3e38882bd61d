import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerRowsOf, datasetPath, datasetsDir, hashJson, type ResponseRecord } from '@culturebench/core';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { memoryIo } from './commands.js';

// Method × presentation over the OpenAI-compatible loopback server, through the real client: the
// questionnaire asked with n completions and with stated distributions, and the combinations that
// cannot work refused before anything is asked.
const KEY = 'loopback-mix-key-01234';
const instrument = JSON.parse(readFileSync(datasetPath('vsm2013', 'instrument.json'), 'utf8')) as { items: { id: string }[] };
const ITEMS = instrument.items.map((i) => i.id);
/** Item whose stated distribution sums to 0.7 (not a distribution), and item left out of the reply. */
const BAD = '5';
const MISSING = '12';

const capture = () => memoryIo({ LOOPBACK_KEY: KEY });

/** Weights over displayed codes 1..5 that depend on the persona and the item. */
function weights(req: Pick<ChatRequestInfo, 'messages'>, item: string): number[] {
  const persona = req.messages.find((m) => m.role === 'system')?.content ?? '';
  const w = [1, 2, 3, 4, 5].map((d) => 1 + (parseInt(hashJson({ persona, item, d }).slice(0, 6), 16) % 1000));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}
/** n completions: completion c answers item i with displayed code 1 + (c + i) mod 5. */
const chosen = (choice: number, index: number) => 1 + ((choice + index) % 5);

const turnOf = (req: Pick<ChatRequestInfo, 'messages'>) => req.messages.filter((m) => m.role === 'user').length;

function replyTo(req: ChatRequestInfo): string {
  const user = req.messages[req.messages.length - 1].content;
  // A conversation turn asking for a distribution: one object over the codes of this turn.
  if (/probabilit/i.test(user) && !user.includes('Question 1:'))
    return JSON.stringify(Object.fromEntries(weights(req, `turn ${turnOf(req)}`).map((p, d) => [String(d + 1), p])));
  if (/probabilit/i.test(user)) {
    const out: Record<string, Record<string, number>> = {};
    for (const id of ITEMS) {
      if (id === MISSING) continue;
      const w = weights(req, id).map((p) => (id === BAD ? p * 0.7 : p));
      out[id] = Object.fromEntries(w.map((p, d) => [String(d + 1), p]));
    }
    return `Here you are:\n${JSON.stringify(out)}`;
  }
  return JSON.stringify(Object.fromEntries(ITEMS.map((id, i) => [id, chosen(req.choice ?? 0, i)])));
}

function config(server: MockLlmServer, elicitation: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name: 'presentation-methods',
    survey: 'vsm2013',
    countries: ['US', 'DE'],
    conditions: ['english'],
    aggregates: [],
    headline: 'english',
    persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
    samples: 3,
    seed: 4,
    retry: { maxAttempts: 2, baseDelayMs: 10 },
    elicitation,
    models: [
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

const posts = (server: MockLlmServer) => server.requests.filter((r) => r.method === 'POST' && r.url === '/v1/chat/completions');

describe('method × presentation over the loopback server', () => {
  let server: MockLlmServer;
  let dir: string;

  async function runWith(name: string, cfg: unknown) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ ...(cfg as object), outDir: name }));
    const io = capture();
    const code = await main(['run', '--config', file, '--no-progress', '--no-cache', '--replicates', '0'], io);
    let records: ResponseRecord[] = [];
    try {
      const parent = join(dir, name);
      const runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]);
      records = readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    } catch {
      // No run directory: the run stopped before anything was written.
    }
    return { code, io, records };
  }

  beforeAll(async () => {
    server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], recordRequests: 2000, reply: replyTo });
    dir = mkdtempSync(join(tmpdir(), 'culturebench-mix-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  it('questionnaire + verbalized: one request per respondent, a distribution per item read back in original order; an invalid or missing item is that item’s non-answer', async () => {
    const { code, records } = await runWith(
      'qv',
      config(server, { methods: ['verbalized'], presentation: 'questionnaire' }, { grid: { optionOrder: ['original', 'reversed'] } }),
    );
    expect(code).toBe(0);
    // 2 countries × 3 respondents × 2 option orders, the whole questionnaire in each request
    const sent = posts(server);
    expect(sent).toHaveLength(12);
    expect(records).toHaveLength(12);
    const rows = answerRowsOf(records);
    expect(rows).toHaveLength(12 * ITEMS.length);
    for (const r of records) {
      const req = sent.find((s) => hashJson(s.body.messages) === r.promptHash)!;
      expect(req).toBeDefined();
      const reversed = r.variant!.optionOrder === 'reversed';
      for (const q of r.questionnaire!) {
        if (q.item === BAD || q.item === MISSING) {
          expect(q.parsed.kind).toBe('invalid');
          expect(q.distribution).toBeUndefined();
          continue;
        }
        // Displayed code d is original code d, or 6 − d when the options were reversed.
        const w = weights({ messages: req.body.messages }, q.item);
        const expected = reversed ? [...w].reverse() : w;
        q.distribution!.probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 12));
        const row = rows.find((x) => x.key === `${r.key}#${q.item}`)!;
        expect(row.value).toBeCloseTo(
          expected.reduce((a, p, i) => a + p * (i + 1), 0),
          9,
        );
      }
    }
    expect(
      rows.filter((x) => x.item === BAD || x.item === MISSING).every((x) => x.value === null || x.value === undefined || x.parsed?.kind !== 'answer'),
    ).toBe(true);
    expect(records[0].questionnaire!.find((q) => q.item === MISSING)!.parsed).toMatchObject({ kind: 'invalid', detail: 'item missing from the JSON reply' });
    expect(records[0].questionnaire!.find((q) => q.item === BAD)!.parsed).toMatchObject({
      kind: 'invalid',
      detail: expect.stringContaining('not a valid distribution'),
    });
  }, 60_000);

  it('questionnaire + n-completions: one request per persona with n = its respondents, one JSON reply per completion, per respondent', async () => {
    const { code, records } = await runWith('qn', config(server, { methods: ['n-completions'], presentation: 'questionnaire' }));
    expect(code).toBe(0);
    // 3 respondents, 2 personas: persona 0 answers respondents 0 and 2 in one request
    const sent = posts(server);
    expect(sent).toHaveLength(2 * 2);
    expect(sent.map((s) => s.body.n ?? 1).sort()).toEqual([1, 1, 2, 2]);
    const rows = answerRowsOf(records);
    expect(rows).toHaveLength(2 * 3 * ITEMS.length);
    for (const country of ['US', 'DE']) {
      const mine = rows.filter((x) => x.country === country);
      expect([...new Set(mine.map((x) => x.respondent))].sort()).toEqual([0, 1, 2]);
      for (const x of mine) {
        // respondent 2 is the second completion of persona 0's request
        const choice = x.respondent === 2 ? 1 : 0;
        expect(x.answer).toBe(chosen(choice, ITEMS.indexOf(x.item)));
      }
    }
    expect(new Set(rows.map((x) => x.key)).size).toBe(rows.length);
  }, 60_000);

  it('conversation + verbalized: a stated distribution per turn, and the reply goes into the next turn’s context', async () => {
    const { code, records } = await runWith('cv', config(server, { methods: ['verbalized'], presentation: 'conversation' }, { samples: 2 }));
    expect(code).toBe(0);
    const sent = posts(server);
    expect(sent).toHaveLength(2 * 2 * 24);
    expect(records).toHaveLength(2 * 2 * 24);
    for (const r of records) {
      const req = sent.find((s) => hashJson(s.body.messages) === r.promptHash)!;
      const w = weights({ messages: req.body.messages }, `turn ${r.conversation!.turn}`);
      r.distribution!.probs.forEach((p, i) => expect(p).toBeCloseTo(w[i], 12));
      // every earlier turn's stated distribution is in this turn's context, as the model wrote it
      const replies = req.body.messages.filter((m: { role: string }) => m.role === 'assistant').map((m: { content: string }) => m.content);
      expect(replies).toHaveLength(r.conversation!.turn - 1);
      replies.forEach((text: string, t: number) =>
        expect(text).toBe(JSON.stringify(Object.fromEntries(weights({ messages: req.body.messages }, `turn ${t + 1}`).map((p, d) => [String(d + 1), p])))),
      );
    }
  }, 60_000);

  it.each([
    ['questionnaire', 'logprobs', 'sample, n-completions, verbalized'],
    ['conversation', 'n-completions', 'sample, logprobs, verbalized'],
  ])(
    '%s + %s: exit 2 before anything is asked, naming the combination and the allowed methods',
    async (presentation, method, allowed) => {
      const { code, io, records } = await runWith(`no-${presentation}`, config(server, { methods: ['sample', method], presentation }));
      expect(code).toBe(2);
      expect(io.stderr).toContain(`presentation "${presentation}" cannot ask with method "${method}"`);
      expect(io.stderr).toContain(`with "${presentation}" use ${allowed}, or presentation "item" for "${method}"`);
      expect(posts(server)).toHaveLength(0);
      expect(records).toHaveLength(0);
    },
    30_000,
  );

  it('questionnaire + verbalized in a language without its instruction: exit 2 naming the file and the field', async () => {
    // Every shipped language has the instruction: a copy of the datasets with it removed from zh.
    const data = join(dir, 'datasets-without-zh-instruction');
    cpSync(datasetsDir(), data, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const zh = join(data, 'vsm2013', 'variants', 'zh.json');
    const { questionnaireDistributionInstruction: _, ...rest } = JSON.parse(readFileSync(zh, 'utf8'));
    writeFileSync(zh, JSON.stringify(rest, null, 2));
    const before = process.env.CULTUREBENCH_DATASETS;
    process.env.CULTUREBENCH_DATASETS = data;
    try {
      const { code, io } = await runWith(
        'qv-zh',
        config(server, { methods: ['verbalized'], presentation: 'questionnaire' }, { conditions: ['chinese'], headline: 'chinese' }),
      );
      expect(code).toBe(2);
      expect(io.stderr).toMatch(/variants[/\\]zh\.json: missing questionLabel or questionnaireDistributionInstruction/);
      expect(posts(server)).toHaveLength(0);
    } finally {
      if (before === undefined) delete process.env.CULTUREBENCH_DATASETS;
      else process.env.CULTUREBENCH_DATASETS = before;
    }
  }, 30_000);
});
