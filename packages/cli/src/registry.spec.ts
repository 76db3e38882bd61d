import { loadReporters, runReporters } from '@culturebench/core';
import { loadRegistry } from './registry.js';

describe('the built-in registry', () => {
  it('loads only the named providers, and its reporters only when the report stage asks for them', async () => {
    const registry = await loadRegistry(['baseline']);
    expect(Object.keys(registry.providers)).toEqual(['baseline']);
    expect(registry.reporters).toBeUndefined();
    expect(() => runReporters('/nonexistent-run-dir', registry)).toThrow(/loadReporters/);
    await loadReporters(registry);
    expect(registry.reporters!.map((r) => r.id)).toEqual(['analysis', 'arrow', 'response-browser', 'report-html']);
  });

  it('falls back to every provider when one is unknown, so the error can list them', async () => {
    const registry = await loadRegistry(['no-such-provider']);
    expect(Object.keys(registry.providers).sort()).toEqual(['baseline', 'langchain', 'ollama', 'openai', 'simulated']);
  });
});
