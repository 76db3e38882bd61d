import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { assertAbsent, coreVersion, generateFiles, names, validateName, type GeneratorCallback } from '../utils.js';

export interface SurveyGeneratorSchema {
  /** Survey id, kebab-case, without the `survey-` prefix. */
  name: string;
  title?: string;
  /** Name of the example index (upper case). */
  dimension?: string;
}

/**
 * `nx g @culturebench/tools:survey NAME`: plugins/survey-NAME (package, jest config, loader,
 * README, passing spec) and datasets/NAME (instrument, scoring rules, English text, ground truth).
 * It lands under plugins/, so the npm workspaces glob and the root Jest projects pick it up.
 */
export function surveyGenerator(tree: Tree, schema: SurveyGeneratorSchema): GeneratorCallback {
  const name = validateName(schema.name, 'survey');
  const dimension = schema.dimension ?? 'IDX';
  if (!/^[A-Z]+$/.test(dimension)) throw new Error(`dimension "${dimension}": use upper-case letters only (benchmark configs name constants as DIM=NUMBER)`);
  const n = names(name);
  const title = schema.title?.trim() || `${n.className} survey`;
  if (/[\r\n]|\*\//.test(title)) throw new Error('title: one line, without "*/" (it goes into a doc comment)');
  const pluginDir = `plugins/survey-${name}`;
  const dataDir = `datasets/${name}`;
  assertAbsent(tree, pluginDir, dataDir);
  const written = generateFiles(tree, join(__dirname, 'files'), '.', {
    name,
    coreVersion: coreVersion(tree),
    className: n.className,
    constantName: n.constantName,
    title,
    titleLiteral: JSON.stringify(title),
    descriptionLiteral: JSON.stringify(`${title} as a culturebench survey: items, texts, scoring rules, ground truth.`),
    groundTruthNameLiteral: JSON.stringify(`${title} ground truth (PLACEHOLDER values)`),
    dimension,
    dimensionLower: dimension.toLowerCase(),
  });
  // The data ships in @culturebench/datasets: the new folder joins that package's `files`.
  if (tree.exists('datasets/package.json')) {
    const datasets = JSON.parse(tree.read('datasets/package.json', 'utf-8')!) as { files?: string[] };
    if (datasets.files && !datasets.files.includes(name)) {
      datasets.files.push(name);
      tree.write('datasets/package.json', JSON.stringify(datasets, null, 2) + '\n');
    }
  }
  return () => {
    console.log(
      [
        `Created ${written.length} files in ${pluginDir}/ and ${dataDir}/. Next:`,
        `  npm install --no-audit --no-fund            # links @culturebench/survey-${name} into node_modules`,
        `  npx jest plugins/survey-${name}              # the generated spec passes as it is`,
        `  fill in ${dataDir}/ (items, texts, formulas, ground truth) and its README (provenance)`,
        `  register it in packages/cli/src/registry.ts: [${n.constantName}_ID]: { title: ${JSON.stringify(title)}, load: (options) => load${n.className}(options) }`,
        `  npx culturebench validate --survey ${name}`,
        'Walk-through: docs/write-a-survey-plugin.md',
      ].join('\n'),
    );
  };
}

export default surveyGenerator;
