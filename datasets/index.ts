import { fileURLToPath } from 'node:url';

/** The folder holding this package's data: `<root>/countries/`, `<root>/hofstede/`, `<root>/vsm2013/` … */
export const DATASETS_ROOT: string = fileURLToPath(new URL('./', import.meta.url));
