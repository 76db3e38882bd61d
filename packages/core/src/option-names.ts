/** How a caller names the run's options in messages; core's defaults are the option names. */
export interface OptionNames {
  models?: string;
  countries?: string;
  samples?: string;
  resume?: string;
  shard?: string;
  maxCost?: string;
  /** Parent folder of run directories. */
  out?: string;
  /** Consent to a plan above MAX_PLAN_REQUESTS. */
  allowLargePlan?: string;
  /** The command that validates a survey's texts (the CLI: `culturebench validate`). */
  validate?: string;
  /** The command that checks models (the CLI: `culturebench doctor`). */
  doctor?: string;
}

const DEFAULTS: Required<OptionNames> = {
  models: 'models',
  countries: 'countries',
  samples: 'samples',
  resume: 'resumeDir',
  shard: 'shard',
  maxCost: 'maxCostUsd',
  out: 'outDir',
  allowLargePlan: 'allowLargePlan',
  validate: 'validateSurvey()',
  doctor: "the provider's check",
};

/** A lookup of the caller's name for an option. */
export function optionName(names: OptionNames | undefined): (key: keyof OptionNames) => string {
  return (key) => names?.[key] ?? DEFAULTS[key];
}
