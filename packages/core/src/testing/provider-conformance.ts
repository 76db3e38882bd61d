/**
 * The shared conformance suite for model-provider plugins, in the spirit of LangChain's
 * standard-tests: every provider runs it against its loopback server through its real client
 * library, instead of copying the same checks per plugin. Import from '@culturebench/core/testing'
 * in a spec file (it calls Jest's describe/it).
 */
import { describe, expect, it } from '@jest/globals';
import type { ChatMessage } from '../prompter.js';
import type { ModelEntry, ModelProvider, ProviderContext } from '../provider.js';

/** A fault the loopback server can be told to answer with. */
export type ConformanceFault = 'rate-limit' | 'server-error' | 'bad-key' | 'hang';

export interface ProviderConformanceSetup {
  /** An entry the server answers, with the reply text `reply`. */
  entry: ModelEntry;
  ctx: ProviderContext;
  /** The reply text the server sends. */
  reply: string;
  /** The JSON body of the last chat request the server received (undefined if none). */
  lastBody(): Record<string, unknown> | undefined;
  /** How many chat requests the server received since the last reset. */
  requestCount(): number;
  /** Where the seed travels in the request body (e.g. body.seed, body.options.seed). */
  seedOf(body: Record<string, unknown>): unknown;
  /** Make every following request fail this way, or answer normally again (undefined). */
  fault(kind: ConformanceFault | undefined): void;
  /** Secret strings that must never appear in an explained error (API keys). */
  secrets: string[];
}

export interface ProviderConformanceOptions {
  provider: ModelProvider;
  /** Called before every test (servers are usually started in beforeAll and reset here). */
  setup: () => ProviderConformanceSetup | Promise<ProviderConformanceSetup>;
  /** Which faults the protocol has (an API without keys has no 'bad-key'). Default: all. */
  faults?: ConformanceFault[];
  /** Skip the provider-level checks for baselines that have no server. */
  offline?: boolean;
}

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You answer surveys.' },
  { role: 'user', content: 'How important is family?\n\n1. Very important\n2. Quite important\n\nReply with the number.' },
];

/** The shared checks of a ModelProvider: declaration, the plain reply, capabilities on the wire, signals, errors. */
export function describeProviderConformance(name: string, opts: ProviderConformanceOptions): void {
  const { provider } = opts;
  const faults = opts.faults ?? ['rate-limit', 'server-error', 'bad-key', 'hang'];
  const fresh = async () => {
    const s = await opts.setup();
    s.fault(undefined);
    return s;
  };

  describe(`${name}: provider conformance`, () => {
    it('declares id, kind and a default concurrency', () => {
      expect(typeof provider.id).toBe('string');
      expect(['llm', 'baseline', 'simulation']).toContain(provider.kind);
      expect(Number.isInteger(provider.defaultConcurrency) && provider.defaultConcurrency > 0).toBe(true);
    });

    it('check() says ok for a usable entry', async () => {
      const s = await fresh();
      const a = await provider.check(s.entry, s.ctx);
      expect(a).toMatchObject({ ok: true });
    });

    it('create() gives a client with boolean capabilities whose reply is plain: text and usage', async () => {
      const s = await fresh();
      const client = provider.create(s.entry, s.ctx);
      expect(Object.keys(client.capabilities).sort()).toEqual(['logprobs', 'n', 'seed']);
      for (const v of Object.values(client.capabilities)) expect(typeof v).toBe('boolean');
      const reply = await client.invoke(MESSAGES, { signal: AbortSignal.timeout(10_000) });
      expect(reply.text).toBe(s.reply);
      if (reply.usage !== null) {
        expect(Number.isInteger(reply.usage.input) && reply.usage.input >= 0).toBe(true);
        expect(Number.isInteger(reply.usage.output) && reply.usage.output >= 0).toBe(true);
      }
      expect(reply.completions).toBeUndefined();
    });

    it('a declared seed reaches the wire; an undeclared option is refused before anything is sent', async () => {
      const s = await fresh();
      const client = provider.create(s.entry, s.ctx);
      if (client.capabilities.seed) {
        await client.invoke(MESSAGES, { seed: 4321 });
        if (!opts.offline) expect(s.seedOf(s.lastBody()!)).toBe(4321);
      } else {
        const before = s.requestCount();
        await expect(client.invoke(MESSAGES, { seed: 1 })).rejects.toThrow(/cannot honour seed/);
        expect(s.requestCount()).toBe(before);
      }
      const before = s.requestCount();
      if (!client.capabilities.n) await expect(client.invoke(MESSAGES, { n: 3 })).rejects.toThrow(/cannot honour n/);
      if (!client.capabilities.logprobs) await expect(client.invoke(MESSAGES, { logprobs: { top: 5 } })).rejects.toThrow(/cannot honour logprobs/);
      expect(s.requestCount()).toBe(before);
    });

    if (opts.offline) return;

    it('sends the messages as given', async () => {
      const s = await fresh();
      await provider.create(s.entry, s.ctx).invoke(MESSAGES);
      expect(JSON.stringify(s.lastBody())).toContain(JSON.stringify(MESSAGES[1].content));
    });

    if (faults.includes('hang')) {
      it("the runner's signal ends a request the server never answers", async () => {
        const s = await fresh();
        s.fault('hang');
        const started = Date.now();
        const err = await provider
          .create(s.entry, s.ctx)
          .invoke(MESSAGES, { signal: AbortSignal.timeout(200) })
          .catch((e: unknown) => e);
        expect(err).toBeDefined();
        expect(Date.now() - started).toBeLessThan(5000);
        expect(provider.explainError?.(err, s.entry).retryable ?? true).toBe(true);
        s.fault(undefined);
      });
    }

    const explained = async (s: ProviderConformanceSetup, kind: ConformanceFault) => {
      s.fault(kind);
      const err = await provider
        .create(s.entry, s.ctx)
        .invoke(MESSAGES, { signal: AbortSignal.timeout(10_000) })
        .then(
          () => {
            throw new Error(`expected the ${kind} fault to fail the call`);
          },
          (e: unknown) => e,
        );
      s.fault(undefined);
      expect(provider.explainError).toBeDefined();
      const x = provider.explainError!(err, s.entry);
      for (const secret of s.secrets) expect(x.message).not.toContain(secret);
      return x;
    };
    if (faults.includes('rate-limit')) {
      it('explainError(): 429 is retryable, with its status', async () => {
        expect(await explained(await fresh(), 'rate-limit')).toMatchObject({ retryable: true, status: 429 });
      });
    }
    if (faults.includes('server-error')) {
      it('explainError(): 5xx is retryable', async () => {
        const x = await explained(await fresh(), 'server-error');
        expect(x.retryable).toBe(true);
        expect(x.status).toBeGreaterThanOrEqual(500);
      });
    }
    if (faults.includes('bad-key')) {
      it('explainError(): a rejected key stops the model, and no key is ever shown', async () => {
        expect(await explained(await fresh(), 'bad-key')).toMatchObject({ retryable: false, status: 401 });
      });
    }
  });
}
