import { fileURLToPath } from 'node:url';

/**
 * The folder holding this package's data: `<root>/countries/`, `<root>/hofstede/`, `<root>/vsm2013/` …
 * The package root is one level above this module both from source (src/) and built (dist/), so the
 * same path works in a checkout and in an installed tarball.
 */
export const DATASETS_ROOT: string = fileURLToPath(new URL('../', import.meta.url));
