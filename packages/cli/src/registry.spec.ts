import { loadReporters, runReporters } from '@culturebench/core';
import { OPINIONS_EXAMPLE_ID, OPINIONS_ID } from '@culturebench/survey-opinions';
import { BUILT_IN_SURVEYS, loadRegistry } from './registry.js';

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

  it("lists every survey but imports only the named ones; the ids are the plugins' own", async () => {
    expect(BUILT_IN_SURVEYS).toEqual(['vsm2013', 'ivs-map', OPINIONS_ID, OPINIONS_EXAMPLE_ID]);
    const registry = await loadRegistry(['baseline'], ['vsm2013']);
    expect(Object.keys(registry.surveys)).toEqual(BUILT_IN_SURVEYS);
    expect(registry.surveys.vsm2013.load().id).toBe('vsm2013');
    expect(() => registry.surveys['ivs-map'].load()).toThrow(/not imported/);
    const all = await loadRegistry(['baseline']);
    for (const id of ['vsm2013', 'ivs-map', OPINIONS_EXAMPLE_ID]) expect(all.surveys[id].load().id).toBe(id);
    // The opinions survey reads its CSV from the environment: imported, it asks for that, not for an import.
    expect(() => all.surveys[OPINIONS_ID].load()).not.toThrow(/not imported/);
  });
});
