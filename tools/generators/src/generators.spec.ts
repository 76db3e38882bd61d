import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { providerGenerator } from './provider/generator';
import { surveyGenerator } from './survey/generator';
import { names, renderTemplate, validateName } from './utils';

/** Every file the tree would write, with its text. */
function changes(tree: Tree): Record<string, string> {
  return Object.fromEntries(
    tree
      .listChanges()
      .filter((c) => c.type === 'CREATE')
      .map((c) => [c.path, c.content!.toString('utf8')]),
  );
}

describe('survey generator (in-memory tree)', () => {
  const tree = createTreeWithEmptyWorkspace();
  const before = new Set(tree.listChanges().map((c) => c.path));
  surveyGenerator(tree, { name: 'wvs-wave7', title: 'World Values Survey "wave 7" subset', dimension: 'TRUST' });
  const files = Object.fromEntries(Object.entries(changes(tree)).filter(([p]) => !before.has(p)));

  it('writes the plugin package and its data skeleton, nothing else', () => {
    expect(Object.keys(files).sort()).toEqual([
      'datasets/wvs-wave7/README.md',
      'datasets/wvs-wave7/ground-truth.csv',
      'datasets/wvs-wave7/instrument.json',
      'datasets/wvs-wave7/scoring.json',
      'datasets/wvs-wave7/text/en.json',
      'plugins/survey-wvs-wave7/README.md',
      'plugins/survey-wvs-wave7/jest.config.mjs',
      'plugins/survey-wvs-wave7/package.json',
      'plugins/survey-wvs-wave7/src/index.spec.ts',
      'plugins/survey-wvs-wave7/src/index.ts',
      'plugins/survey-wvs-wave7/tsconfig.build.json',
    ]);
  });

  it('fills in every placeholder, and the JSON files parse (a quote in the title included)', () => {
    for (const [path, text] of Object.entries(files)) {
      expect({ path, leftover: /<%|%>|__\w+__/.test(text) }).toEqual({ path, leftover: false });
      if (path.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
    }
    const pkg = JSON.parse(files['plugins/survey-wvs-wave7/package.json']);
    expect(pkg).toMatchObject({
      name: '@culturebench/survey-wvs-wave7',
      type: 'module',
      // The uniform package layout (README.md "Packages"): built to dist/, sources under a condition.
      exports: { '.': { '@culturebench/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
      files: expect.arrayContaining(['dist']),
      nx: { name: 'survey-wvs-wave7' },
      scripts: { build: 'node ../../scripts/build-package.mjs', test: 'jest', lint: 'biome lint .' },
      dependencies: { '@culturebench/core': '*' },
    });
    // The data ships in @culturebench/datasets, found through core's datasetPath.
    expect(files['plugins/survey-wvs-wave7/src/index.ts']).toContain("datasetPath('wvs-wave7')");
    expect(JSON.parse(files['datasets/wvs-wave7/instrument.json'])).toMatchObject({ id: 'wvs-wave7', title: 'World Values Survey "wave 7" subset' });
    expect(JSON.parse(files['datasets/wvs-wave7/scoring.json']).dimensions).toEqual(['TRUST']);
    expect(files['datasets/wvs-wave7/ground-truth.csv'].split('\n')[0]).toBe('country,TRUST');
    expect(files['plugins/survey-wvs-wave7/src/index.ts']).toContain('export function loadWvsWave7(');
    expect(files['plugins/survey-wvs-wave7/src/index.ts']).toContain("export const WVS_WAVE7_ID = 'wvs-wave7';");
    expect(files['plugins/survey-wvs-wave7/jest.config.mjs']).toContain("displayName: 'survey-wvs-wave7', preset: '../../jest.preset.js'");
  });

  it('copies the persona block of the VSM English text, so the default persona design works', () => {
    const en = JSON.parse(files['datasets/wvs-wave7/text/en.json']);
    expect(Object.keys(en.persona.templates)).toEqual(['first-person', 'interview']);
    expect(en.countries).toMatchObject({ US: 'the United States', CN: 'China' });
  });

  it('refuses bad names and existing packages', () => {
    expect(() => surveyGenerator(createTreeWithEmptyWorkspace(), { name: 'My Survey' })).toThrow(/kebab-case/);
    expect(() => surveyGenerator(createTreeWithEmptyWorkspace(), { name: 'survey-x' })).toThrow(/leave out the "survey-" prefix/);
    expect(() => surveyGenerator(createTreeWithEmptyWorkspace(), { name: 'x', dimension: 'Trust' })).toThrow(/upper-case letters/);
    expect(() => surveyGenerator(tree, { name: 'wvs-wave7' })).toThrow(/plugins\/survey-wvs-wave7 exists already/);
  });
});

describe('provider generator (in-memory tree)', () => {
  const tree = createTreeWithEmptyWorkspace();
  const callback = providerGenerator(tree, { name: 'acme-ai', baseUrl: 'https://api.acme.example/v1/' });
  const files = changes(tree);

  it('writes a provider package with a spec against mock-llm', () => {
    const paths = Object.keys(files).filter((p) => p.startsWith('plugins/'));
    expect(paths.sort()).toEqual([
      'plugins/provider-acme-ai/README.md',
      'plugins/provider-acme-ai/jest.config.mjs',
      'plugins/provider-acme-ai/package.json',
      'plugins/provider-acme-ai/src/index.spec.ts',
      'plugins/provider-acme-ai/src/index.ts',
      'plugins/provider-acme-ai/tsconfig.build.json',
    ]);
    expect(JSON.parse(files['plugins/provider-acme-ai/package.json'])).toMatchObject({
      name: '@culturebench/provider-acme-ai',
      nx: { name: 'provider-acme-ai' },
      devDependencies: { '@culturebench/mock-llm': '*' },
    });
    const src = files['plugins/provider-acme-ai/src/index.ts'];
    expect(src).toContain('export const acmeAiProvider: ModelProvider = {');
    expect(src).toContain('export const DEFAULT_BASE_URL = "https://api.acme.example/v1";');
    expect(src).toContain("export const DEFAULT_KEY_ENV = 'ACME_AI_API_KEY';");
    for (const text of Object.values(files)) expect(text).not.toMatch(/<%|%>|__\w+__/);
  });

  it('prints the next steps (install, test, register) when nx runs its callback', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    callback();
    expect(log.mock.calls[0][0]).toMatch(
      /npm install[\s\S]*npx jest plugins\/provider-acme-ai[\s\S]*'acme-ai': async \(\) => \(await import\('@culturebench\/provider-acme-ai'\)\)\.acmeAiProvider/,
    );
    log.mockRestore();
  });

  it('validates its options', () => {
    expect(() => providerGenerator(createTreeWithEmptyWorkspace(), { name: 'x', keyEnv: 'lower' })).toThrow(/NAME of an environment variable/);
    expect(() => providerGenerator(createTreeWithEmptyWorkspace(), { name: 'x', baseUrl: 'not a url' })).toThrow(/not a URL/);
  });
});

describe('helpers', () => {
  it('derives the identifiers from a kebab-case name', () => {
    expect(names('wvs-wave7')).toEqual({ fileName: 'wvs-wave7', className: 'WvsWave7', propertyName: 'wvsWave7', constantName: 'WVS_WAVE7' });
    expect(validateName('a1-b', 'survey')).toBe('a1-b');
    expect(() => validateName('-a', 'survey')).toThrow();
  });

  it('fills only known plain placeholders', () => {
    expect(renderTemplate('x <%= a %> y <%=b%>', { a: '1', b: '2' })).toBe('x 1 y 2');
    expect(() => renderTemplate('<%= c %>', {})).toThrow(/unknown placeholder <%= c %>/);
  });
});
