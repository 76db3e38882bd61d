/**
 * yargs without its text-width helpers at start-up. yargs's own entry imports cliui and two copies
 * of string-width, which build an `Intl.Segmenter` (ICU break data) and Unicode property regexes
 * at import: ≈ 75 ms of CPU before any command starts. They only lay out help text, so this entry
 * builds yargs from the same pinned package with a platform adapter that loads them on request;
 * `loadHelpLayout()` must have run before yargs renders help (`--help`).
 */
import { notStrictEqual, strictEqual } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { Argv } from 'yargs';

type Layout = { cliui: (opts: unknown) => unknown; stringWidth: (s: string) => number };

// yargs's entry file; its dependencies are resolved from there (they may be nested under it).
const entry = createRequire(import.meta.url).resolve('yargs');
const fromYargs = createRequire(entry);
const at = (path: string) => pathToFileURL(join(dirname(entry), path)).href;
let layout: Layout | undefined;

/** Imports cliui and string-width as yargs's entry would; call before yargs may render help. */
export async function loadHelpLayout(): Promise<void> {
  if (layout) return;
  const [cliui, stringWidth] = await Promise.all([
    import(pathToFileURL(fromYargs.resolve('cliui')).href),
    import(pathToFileURL(fromYargs.resolve('string-width')).href),
  ]);
  layout = { cliui: cliui.default, stringWidth: stringWidth.default };
}

function needLayout(): Layout {
  if (!layout) throw new Error('internal: yargs renders help before loadHelpLayout() ran');
  return layout;
}

/** The yargs factory (as `import yargs from 'yargs'` gives it), without cliui and string-width loaded. */
export async function loadYargs(): Promise<(argv: string[]) => Argv> {
  const [{ YargsFactory }, { getProcessArgvBin }, parser, y18n, escalade, callerFile] = await Promise.all([
    import(at('build/lib/yargs-factory.js')),
    import(at('build/lib/utils/process-argv.js')),
    import(pathToFileURL(fromYargs.resolve('yargs-parser')).href),
    import(pathToFileURL(fromYargs.resolve('y18n')).href),
    import(pathToFileURL(fromYargs.resolve('escalade/sync')).href),
    import(pathToFileURL(fromYargs.resolve('get-caller-file')).href),
  ]);
  const here = fileURLToPath(at('index.mjs'));
  const mainFilename = here.substring(0, here.lastIndexOf('node_modules'));
  const getCallerFile = callerFile.default as (position: number) => string;
  return YargsFactory({
    assert: { notStrictEqual, strictEqual },
    cliui: (opts: unknown) => needLayout().cliui(opts),
    findUp: escalade.default,
    getEnv: (key: string) => process.env[key],
    inspect,
    getProcessArgvBin,
    mainFilename: mainFilename || process.cwd(),
    Parser: parser.default,
    path: { basename, dirname, extname, relative, resolve, join },
    process: {
      argv: () => process.argv,
      cwd: process.cwd,
      emitWarning: (warning: string, type: string) => process.emitWarning(warning, type),
      execPath: () => process.execPath,
      exit: (code: number) => process.exit(code),
      nextTick: process.nextTick,
      stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null,
    },
    readFileSync,
    readdirSync,
    require: fromYargs,
    getCallerFile: () => {
      const file = getCallerFile(3);
      return file.startsWith('file://') ? fileURLToPath(file) : file;
    },
    stringWidth: (s: string) => needLayout().stringWidth(s),
    y18n: y18n.default({ directory: join(dirname(entry), 'locales'), updateFiles: false }),
  });
}
