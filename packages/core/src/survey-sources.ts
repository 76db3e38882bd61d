/** Where a run's survey comes from: the registry, plus the replacement texts and ground truth a config or manifest names. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BenchmarkConfig } from './config.js';
import { loadGroundTruthCsv } from './datasets.js';
import { InputError } from './errors.js';
import type { RunManifest } from './manifest.js';
import { getSurvey, type Registry } from './registry.js';
import type { Survey } from './survey.js';

/** The config's survey, with its text replacements and ground-truth table if it names any. */
export function loadConfiguredSurvey(config: BenchmarkConfig, registry: Registry): Survey {
  const here = dirname(config.file);
  const texts = config.texts
    ? Object.fromEntries(
        Object.entries(config.texts).map(([lang, p]) => {
          const path = resolve(here, p);
          if (!existsSync(path)) throw new InputError(`${config.file}: field "texts.${lang}": file not found: ${path}`);
          return [lang, path];
        }),
      )
    : undefined;
  const groundTruthFile = config.groundTruth ? resolve(here, config.groundTruth) : undefined;
  return loadSurveyWith(registry, config.survey, { texts, groundTruthFile }, `${config.file}: field "survey"`);
}

/** A survey with replacement texts and another ground-truth file, as a config or a manifest names them. */
export function loadSurveyWith(registry: Registry, id: string, sources: { texts?: Record<string, string>; groundTruthFile?: string }, where: string): Survey {
  const base = getSurvey(registry, id, where, { textOverrides: sources.texts });
  if (!sources.groundTruthFile) return base;
  return { ...base, groundTruth: loadGroundTruthCsv(sources.groundTruthFile, base.scorer.dimensions) };
}

/** The survey a run used, with the replacement texts and ground truth its manifest names. */
export function surveyForManifest(registry: Registry, manifest: RunManifest, where = 'manifest.json'): Survey {
  return loadSurveyWith(registry, manifest.config.survey, { texts: manifest.config.texts, groundTruthFile: manifest.config.groundTruthFile }, where);
}
