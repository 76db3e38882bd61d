import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { assertAbsent, coreVersion, generateFiles, names, validateName, type GeneratorCallback } from '../utils.js';

export interface ProviderGeneratorSchema {
  /** Provider id, kebab-case, without the `provider-` prefix. */
  name: string;
  /** Default endpoint when an entry has no baseUrl. */
  baseUrl?: string;
  /** Environment variable holding the key (default NAME_API_KEY). */
  keyEnv?: string;
}

/**
 * `nx g @culturebench/tools:provider NAME`: plugins/provider-NAME with a working provider for an
 * OpenAI-style endpoint (to adapt), its README and a spec against the mock-llm loopback server.
 */
export function providerGenerator(tree: Tree, schema: ProviderGeneratorSchema): GeneratorCallback {
  const name = validateName(schema.name, 'provider');
  const n = names(name);
  const keyEnv = schema.keyEnv ?? `${n.constantName}_API_KEY`;
  if (!/^[A-Z_][A-Z0-9_]*$/.test(keyEnv)) throw new Error(`keyEnv "${keyEnv}": the NAME of an environment variable, e.g. ACME_API_KEY`);
  const baseUrl = (schema.baseUrl ?? 'http://127.0.0.1:8080/v1').replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new Error(`baseUrl "${baseUrl}" is not a URL`);
  }
  const pluginDir = `plugins/provider-${name}`;
  assertAbsent(tree, pluginDir);
  const written = generateFiles(tree, join(__dirname, 'files'), '.', {
    name,
    coreVersion: coreVersion(tree),
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
    keyEnv,
    baseUrl,
    baseUrlLiteral: JSON.stringify(baseUrl),
    descriptionLiteral: JSON.stringify(`culturebench model provider "${name}": creates LangChain chat models for its API.`),
  });
  return () => {
    console.log(
      [
        `Created ${written.length} files in ${pluginDir}/. Next:`,
        `  npm install --no-audit --no-fund        # links @culturebench/provider-${name} into node_modules`,
        `  npx jest plugins/provider-${name}        # the generated spec passes against mock-llm as it is`,
        `  adapt src/index.ts to your API (wire format, key, checks, errors)`,
        `  register it in packages/cli/src/registry.ts (PROVIDERS): '${name}': async () => (await import('@culturebench/provider-${name}')).${n.propertyName}Provider`,
        `  npx culturebench doctor --config <your config>`,
        'Walk-through: docs/write-a-provider-plugin.md',
      ].join('\n'),
    );
  };
}

export default providerGenerator;
