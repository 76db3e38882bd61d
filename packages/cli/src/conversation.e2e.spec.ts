import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, latestRecords, readAnswerRows, type ResponseRecord } from '@culturebench/core';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { main } from './main.js';
import { memoryIo } from './commands.js';

const KEY = 'loopback-conversation-key-0123456789';
const english = JSON.parse(readFileSync(datasetPath('vsm2013', 'text', 'en.json'), 'utf8')) as { items: Record<string, string> };
const REFUSAL = 'I would rather not answer that one.';

const capture = () => memoryIo({ LOOPBACK_KEY: KEY });

/** The server's script: item 3 is refused; otherwise turn t answers option 1 + (t − 1) mod 5, plus `shift`. */
let shift: (req: Pick<ChatRequestInfo, 'messages'>, turn: number) => number = () => 0;
function turnOf(req: Pick<ChatRequestInfo, 'messages'>): number {
  return req.messages.filter((m) => m.role === 'user').length;
}
function replyTo(req: Pick<ChatRequestInfo, 'messages'>): string {
  const user = req.messages[req.messages.length - 1].content;
  if (user.includes(`\n${english.items['3']}\n`)) return REFUSAL;
  const t = turnOf(req);
  return String(1 + ((t - 1 + shift(req, t)) % 5));
}

function config(server: MockLlmServer, name: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'conversation-loopback',
    survey: 'vsm2013',
    countries: ['US', 'CN'],
    conditions: ['english'],
    aggregates: [],
    headline: 'english',
    persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
    samples: 2,
    seed: 9,
    outDir: name,
    retry: { maxAttempts: 2, baseDelayMs: 10 },
    elicitation: { methods: ['sample'], presentation: 'conversation' },
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

type Sent = Pick<ChatRequestInfo, 'messages' | 'body'>;
const chats = (server: MockLlmServer): Sent[] =>
  server.requests.filter((r) => r.url === '/v1/chat/completions').map((r) => ({ body: r.body, messages: r.body.messages }));
const readRecords = (runDir: string): ResponseRecord[] =>
  readFileSync(join(runDir, 'responses.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const conversationOf = (body: { messages: { content: string }[]; seed: number }) => `${body.messages[0].content}|${body.seed}`;

describe('the conversation presentation over the OpenAI-compatible loopback server, through the real client', () => {
  let server: MockLlmServer;
  let dir: string;
  let runDir: string;
  let file: string;

  beforeAll(async () => {
    server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], recordRequests: 5000, reply: (req) => replyTo(req) });
    dir = mkdtempSync(join(tmpdir(), 'culturebench-conv-'));
    file = join(dir, 'conv.json');
    writeFileSync(file, JSON.stringify(config(server, 'out')));
    const io = capture();
    expect(await main(['run', '--config', file, '--no-progress', '--no-cache'], io)).toBe(0);
    const parent = join(dir, 'out');
    runDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]);
  }, 60_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends one request per item, each carrying every earlier turn with the reply the model gave', () => {
    const sent = chats(server);
    // 2 countries × 2 respondents × 24 items.
    expect(sent).toHaveLength(2 * 2 * 24);
    const byConversation = new Map<string, Sent[]>();
    for (const r of sent) byConversation.set(conversationOf(r.body), [...(byConversation.get(conversationOf(r.body)) ?? []), r]);
    expect(byConversation.size).toBe(4);
    for (const turns of byConversation.values()) {
      turns.sort((a, b) => a.messages.length - b.messages.length);
      turns.forEach((req, i) => {
        // system + t user messages + (t − 1) assistant replies.
        expect(req.messages.map((m) => m.role)).toEqual(['system', ...Array.from({ length: 2 * i + 1 }, (_, j) => (j % 2 ? 'assistant' : 'user'))]);
        // Every earlier request's messages are this one's prefix, followed by the reply the server gave it.
        if (i > 0) {
          const prev = turns[i - 1];
          expect(req.messages.slice(0, prev.messages.length)).toEqual(prev.messages);
          expect(req.messages[prev.messages.length]).toEqual({ role: 'assistant', content: replyTo(prev) });
        }
      });
      // The refusal of item 3 stays in the context of every later turn.
      expect(turns[23].messages.filter((m) => m.role === 'assistant' && m.content === REFUSAL)).toHaveLength(1);
    }
  });

  it('records every turn with its conversation and the presentation; a non-answer stays a non-answer', () => {
    const records = readRecords(runDir);
    expect(records).toHaveLength(96);
    expect(records.every((r) => r.variant?.presentation === 'conversation' && r.conversation && r.item === String(r.conversation.turn))).toBe(true);
    for (const r of records) {
      if (r.item === '3') {
        expect(r.answer).toBeNull();
        expect(r.parsed?.kind).not.toBe('answer');
      } else expect(r.answer).toBe(1 + ((r.conversation!.turn - 1) % 5));
    }
    expect(readAnswerRows([join(runDir, 'responses.jsonl')])).toHaveLength(96);
  });

  it('resume: an interrupted conversation continues from its first missing turn, stored turns are not asked again', async () => {
    const records = readRecords(runDir);
    const victim = records[0].conversation!.id;
    // Cut the conversation after turn 9, as a crash would.
    writeFileSync(
      join(runDir, 'responses.jsonl'),
      records
        .filter((r) => !(r.conversation!.id === victim && r.conversation!.turn >= 10))
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    server.reset();
    const io = capture();
    expect(await main(['run', '--config', file, '--no-progress', '--no-cache', '--resume', runDir], io)).toBe(0);
    const sent = chats(server);
    expect(sent).toHaveLength(15);
    // The first request asked is turn 10, with turns 1–9 and their stored replies in context.
    expect(Math.min(...sent.map(turnOf))).toBe(10);
    expect(sent.find((r) => turnOf(r) === 10)!.messages.filter((m) => m.role === 'assistant')).toHaveLength(9);
    expect(readAnswerRows([join(runDir, 'responses.jsonl')])).toHaveLength(96);
  }, 60_000);

  it('resume: a missing middle turn is asked again; later turns are asked again only if its reply changed', async () => {
    let records = readRecords(runDir);
    const ids = [...new Set(records.map((r) => r.conversation!.id))];
    // Same reply again: the later turns' keys are unchanged, so only turn 5 is paid.
    writeFileSync(
      join(runDir, 'responses.jsonl'),
      records
        .filter((r) => !(r.conversation!.id === ids[1] && r.conversation!.turn === 5))
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    server.reset();
    expect(await main(['run', '--config', file, '--no-progress', '--no-cache', '--resume', runDir], capture())).toBe(0);
    expect(chats(server).map(turnOf)).toEqual([5]);

    // Another reply this time: turn 5 and every turn after it are asked again with the new context.
    records = readRecords(runDir);
    writeFileSync(
      join(runDir, 'responses.jsonl'),
      records
        .filter((r) => !(r.conversation!.id === ids[2] && r.conversation!.turn === 5))
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    shift = (_req, t) => (t === 5 ? 1 : 0);
    server.reset();
    expect(await main(['run', '--config', file, '--no-progress', '--no-cache', '--resume', runDir], capture())).toBe(0);
    shift = () => 0;
    expect(
      chats(server)
        .map(turnOf)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    // Turns 6–24 now have two rows each (old context, new context); the latest row of a turn wins.
    const all = readRecords(runDir).filter((r) => r.conversation!.id === ids[2]);
    const turn6 = all.filter((r) => r.conversation!.turn === 6);
    expect(turn6).toHaveLength(2);
    expect(turn6[0].key).not.toBe(turn6[1].key);
    expect(all.filter((r) => r.conversation!.turn === 5).map((r) => r.answer)).toEqual([1]);
    const rows = readAnswerRows([join(runDir, 'responses.jsonl')]);
    expect(rows).toHaveLength(96);
    expect(rows.filter((r) => r.key === turn6[0].key)).toHaveLength(0);
    expect(rows.filter((r) => r.key === turn6[1].key)).toHaveLength(1);
    // The full records the analysis reads agree.
    const latest = latestRecords(readRecords(runDir));
    expect(latest).toHaveLength(96);
    expect(latest.some((r) => r.key === turn6[0].key)).toBe(false);
  }, 60_000);

  it('a turn that fails ends its conversation there; --retry-errors continues from it, earlier turns not paid again', async () => {
    const cfgFile = join(dir, 'faulty.json');
    writeFileSync(cfgFile, JSON.stringify(config(server, 'faulty', { countries: ['US'], samples: 1 })));
    server.reset();
    server.setFaults((req) => (turnOf(req) === 7 ? { status: 500 } : undefined));
    const first = capture();
    const code = await main(['run', '--config', cfgFile, '--no-progress', '--no-cache'], first);
    expect(code).not.toBe(2);
    // Turns 1–6 once, turn 7 twice (maxAttempts 2), nothing after it.
    expect(chats(server).map(turnOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 7]);
    const parent = join(dir, 'faulty');
    const faultyDir = join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]);
    const records = readRecords(faultyDir);
    expect(records.map((r) => r.conversation!.turn)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(records[6].error).toContain('500');
    expect(records[6].answer).toBeNull();

    server.setFaults(() => undefined);
    server.reset();
    expect(await main(['run', '--config', cfgFile, '--no-progress', '--no-cache', '--resume', faultyDir, '--retry-errors'], capture())).toBe(0);
    expect(chats(server).map(turnOf)).toEqual(Array.from({ length: 18 }, (_, i) => i + 7));
    const rows = readAnswerRows([join(faultyDir, 'responses.jsonl')]);
    expect(rows).toHaveLength(24);
    expect(rows.filter((r) => r.error !== null)).toEqual([]);
  }, 60_000);

  it('logprobs in a conversation: each turn carries a distribution, the reply text goes into the context', async () => {
    const lp = await startMockLlm({
      models: ['gpt-4o-mini'],
      apiKeys: [KEY],
      reply: (req) => replyTo(req),
      logprobs: () => [
        {
          token: '2',
          logprob: Math.log(0.8),
          top: [
            { token: '2', logprob: Math.log(0.8) },
            { token: '4', logprob: Math.log(0.2) },
          ],
        },
      ],
    });
    try {
      const cfgFile = join(dir, 'lp.json');
      writeFileSync(
        cfgFile,
        JSON.stringify({ ...config(lp, 'lp', { countries: ['US'], samples: 1, elicitation: { methods: ['logprobs'], presentation: 'conversation' } }) }),
      );
      expect(await main(['run', '--config', cfgFile, '--no-progress', '--no-cache'], capture())).toBe(0);
      const sent = lp.requests.filter((r) => r.url === '/v1/chat/completions');
      expect(sent).toHaveLength(24);
      expect(sent.every((r) => r.body.logprobs === true)).toBe(true);
      const last = sent.find((r) => r.body.messages.length === 48)!;
      expect(last.body.messages.filter((m: { role: string }) => m.role === 'assistant').map((m: { content: string }) => m.content)).toContain(REFUSAL);
      const parent = join(dir, 'lp');
      const records = readRecords(join(parent, readdirSync(parent).filter((d) => !d.startsWith('.'))[0]));
      expect(records).toHaveLength(24);
      for (const r of records) {
        expect(r.variant?.method).toBe('logprobs');
        expect(r.distribution!.probs[1]).toBeCloseTo(0.8, 9);
        expect(r.distribution!.probs[3]).toBeCloseTo(0.2, 9);
      }
    } finally {
      await lp.close();
    }
  }, 60_000);

  it('the cache: a second run pays for nothing, and the dry run counts growing context and cached turns', async () => {
    const cfgFile = join(dir, 'cached.json');
    writeFileSync(cfgFile, JSON.stringify(config(server, 'cached')));
    const dry = capture();
    expect(await main(['run', '--config', cfgFile, '--dry-run'], dry)).toBe(0);
    const line = (io: { stdout: string }) =>
      io.stdout
        .split('\n')
        .find((l) => l.startsWith('gpt-4o-mini\tsample\t'))!
        .split('\t');
    const before = line(dry);
    expect(before.slice(3, 6)).toEqual(['96', '96', '0']);

    server.reset();
    expect(await main(['run', '--config', cfgFile, '--no-progress'], capture())).toBe(0);
    const sent = chats(server);
    expect(sent).toHaveLength(96);
    // Input actually sent: every turn carries its whole context (≈ 4 characters a token).
    const actual = sent.reduce((a, r) => a + r.messages.reduce((b, m) => b + m.content.length, 0), 0) / 4;
    const estimate = Number(before[6]);
    expect(estimate).toBeGreaterThanOrEqual(actual * 0.98);
    expect(estimate).toBeLessThan(actual * 1.2);
    // Against one item per request: the conversation's input grows with the turns (≈ 8× for 24 items).
    const itemFile = join(dir, 'item.json');
    writeFileSync(itemFile, JSON.stringify(config(server, 'item', { elicitation: { methods: ['sample'], presentation: 'item' } })));
    const itemDry = capture();
    expect(await main(['run', '--config', itemFile, '--dry-run', '--no-cache'], itemDry)).toBe(0);
    expect(estimate / Number(line(itemDry)[6])).toBeGreaterThan(8);

    server.reset();
    expect(await main(['run', '--config', cfgFile, '--no-progress'], capture())).toBe(0);
    expect(chats(server)).toHaveLength(0);
    const after = capture();
    expect(await main(['run', '--config', cfgFile, '--dry-run'], after)).toBe(0);
    expect(line(after).slice(3, 7)).toEqual(['96', '96', '96', '0']);
  }, 90_000);
});
