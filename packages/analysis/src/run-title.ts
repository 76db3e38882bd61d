import type { RunManifest } from '@culturebench/core';

/**
 * The run's title: the config's name, or on a run of some of the benchmark's countries, the name
 * with the countries actually run ("VSM 2013 (3 of 20 countries: US, CN, JP)"), so a name like
 * "… (20 countries)" does not claim all of them. The same wording as report.html's title.
 */
export function runTitle(c: Pick<RunManifest['config'], 'name' | 'countries' | 'benchmarkCountries'> | undefined): string {
  const name = c?.name ?? 'culturebench run';
  const run = (c?.countries ?? []).map((x) => x.code);
  const declared = c?.benchmarkCountries ?? run;
  if (run.length === 0 || run.length >= declared.length) return name;
  const subset = `${run.length} of ${declared.length} countries: ${run.join(', ')}`;
  return /\(\d+ countries\)/.test(name) ? name.replace(/\(\d+ countries\)/, `(${subset})`) : `${name} (${subset})`;
}
