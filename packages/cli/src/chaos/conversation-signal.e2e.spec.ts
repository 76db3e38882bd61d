// Chaos: Ctrl-C in the middle of a conversation. A turn still in flight when the grace time ends
// is cut off: no row, no cache entry, asked again on resume with exactly the same messages (its
// context is the stored earlier turns), and no stored turn is sent again.
import { jest } from '@jest/globals';
import { startMockLlm, type ChatRequestInfo, type MockLlmServer } from '@culturebench/mock-llm';
import { join } from 'node:path';
import { main } from '../main.js';
import { capture, chatPosts, cleanTempDirs, manifestOf, openaiModel, rows, runDirsIn, tempDir, writeConfig, KEY } from './kit.js';

jest.setTimeout(90_000);

const turnOf = (req: Pick<ChatRequestInfo, 'messages'>) => req.messages.filter((m) => m.role === 'user').length;
/** Turn t answers option 1 + (t − 1) mod 5: a stored reply is recognisable in the next turn's context. */
const replyTo = (req: Pick<ChatRequestInfo, 'messages'>) => String(1 + ((turnOf(req) - 1) % 5));
const HUNG_TURN = 6;

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ apiKeys: [KEY], recordRequests: 10_000, reply: replyTo });
});
afterAll(async () => {
  await server.close();
  cleanTempDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}
const chats = () =>
  server.requests
    .filter((r) => r.method === 'POST' && r.url.includes('/chat/completions'))
    .map((r) => ({ messages: r.body.messages as { role: string; content: string }[] }));

describe('SIGINT during a conversation', () => {
  it('cuts off the turn in flight, leaves the earlier turns stored, and the resume asks exactly the missing turns once', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [openaiModel(server, 'm1')], { elicitation: { methods: ['sample'], presentation: 'conversation' } });
    const planned = 2 * 24; // 2 respondents (one conversation each) × 24 turns
    // The first request of turn 6 hangs: it is in flight when Ctrl-C's grace time ends.
    let hung: string | null = null;
    server.setFaults((req) => {
      if (hung === null && turnOf(req) === HUNG_TURN) {
        hung = JSON.stringify(req.messages);
        return { kind: 'hang' };
      }
      return undefined;
    });
    const io0 = capture();
    const run = main(['run', '--config', config, '--no-progress', '--replicates', '0'], io0);
    // Wait until the other conversation has finished: the hung turn is then the only request in flight.
    await until(() => hung !== null && chats().length >= planned - 24 + HUNG_TURN);
    process.emit('SIGINT');
    expect(await run).toBe(130);
    expect(io0.stderr).toMatch(/1 request\(s\) cut off in flight are asked again/);
    server.setFaults(undefined);

    const runDir = runDirsIn(join(dir, 'out'))[0]!;
    expect(manifestOf(runDir).status).toBe('interrupted');
    const kept = rows(runDir);
    // The interrupted conversation kept turns 1–5; the cut-off turn left no row and no error.
    expect(kept.every((r) => r.error === null)).toBe(true);
    const byConversation = new Map<string, number[]>();
    for (const r of kept) byConversation.set(r.conversation!.id, [...(byConversation.get(r.conversation!.id) ?? []), r.conversation!.turn]);
    const turns = [...byConversation.values()].map((t) => t.sort((a, b) => a - b));
    expect(turns.map((t) => t.length).sort((a, b) => a - b)).toEqual([HUNG_TURN - 1, 24]);
    expect(turns.find((t) => t.length < 24)).toEqual([1, 2, 3, 4, 5]);
    const sentBefore = chatPosts(server);
    expect(sentBefore).toBe(kept.length + 1); // every stored turn once, plus the one cut off

    // Resume: turns 6–24 of the interrupted conversation, nothing else.
    const io = capture();
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], io)).toBe(0);
    const resumed = chats().slice(sentBefore);
    expect(resumed).toHaveLength(24 - (HUNG_TURN - 1));
    expect(resumed.map(turnOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 - HUNG_TURN + 1 }, (_, i) => HUNG_TURN + i));
    // The cut-off turn is asked again with exactly the context it had: the stored turns and their replies.
    const again = resumed.find((r) => turnOf(r) === HUNG_TURN)!;
    expect(JSON.stringify(again.messages)).toBe(hung);
    const all = rows(runDir);
    expect(all).toHaveLength(planned);
    expect(new Set(all.map((r) => r.key)).size).toBe(planned);
    expect(all.every((r) => r.error === null && r.answer === 1 + ((r.conversation!.turn - 1) % 5))).toBe(true);
    expect(manifestOf(runDir).status).toBe('complete');
    // Paid: every turn once; the one cut off reached the server once more without a reply.
    expect(chatPosts(server)).toBe(planned + 1);
    // A second resume (or re-run from the cache) sends nothing.
    expect(await main(['run', '--config', config, '--no-progress', '--replicates', '0', '--resume', runDir], capture())).toBe(0);
    expect(chatPosts(server)).toBe(planned + 1);
  });
});
