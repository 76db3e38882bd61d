import type { Fault, MockLlmServer } from './types.js';

/** The faults the provider conformance suite of @culturebench/core/testing asks for. */
export type ConformanceFaultKind = 'rate-limit' | 'server-error' | 'bad-key' | 'hang';

const FAULTS: Record<ConformanceFaultKind, Fault> = {
  hang: { kind: 'hang' },
  'rate-limit': { status: 429, retryAfterSeconds: 1 },
  'server-error': { status: 500 },
  'bad-key': { status: 401 },
};

/** The suite's `fault(kind)` on this server: every request meets that fault until it is called with undefined. */
export function conformanceFault(server: MockLlmServer): (kind: ConformanceFaultKind | undefined) => void {
  return (kind) => server.setFaults(kind === undefined ? undefined : () => FAULTS[kind]);
}
