import { describe, expect, it } from '@jest/globals';
import { assertSupported, unsupportedOptions } from './provider.js';

describe('provider contract: capabilities', () => {
  const none = { seed: false, logprobs: false, n: false };
  it('lists the options a client cannot honour', () => {
    expect(unsupportedOptions(none, { seed: 1, logprobs: { top: 5 }, n: 3 })).toEqual(['seed', 'logprobs', 'n']);
    expect(unsupportedOptions(none, { n: 1, signal: AbortSignal.timeout(1000) })).toEqual([]);
    expect(unsupportedOptions({ seed: true, logprobs: true, n: true }, { seed: 1, logprobs: { top: 0 }, n: 4 })).toEqual([]);
  });
  it('refuses them with the model and what it can do', () => {
    expect(() => assertSupported('m1', { ...none, seed: true }, { n: 2 })).toThrow('model m1 cannot honour n (it supports: seed)');
    expect(() => assertSupported('m2', none, { seed: 2 })).toThrow('model m2 cannot honour seed (it supports: none of seed, logprobs, n)');
  });
});
