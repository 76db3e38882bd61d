/**
 * Small helpers with the shape of @nx/devkit's (`names`, `generateFiles`), built on the `Tree` that
 * nx itself exports: the workspace has nx but not @nx/devkit, and nx's own devkit exports have no
 * file templating. Switching to @nx/devkit later means changing the imports, not the generators.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Tree } from '@nx/devkit';

/** What a generator returns: run after the files are written (nx: `GeneratorCallback`). */
export type GeneratorCallback = () => void | Promise<void>;

export interface Names {
  /** kebab-case, as given: `wvs-wave7` */
  fileName: string;
  /** PascalCase: `WvsWave7` */
  className: string;
  /** camelCase: `wvsWave7` */
  propertyName: string;
  /** CONSTANT_CASE: `WVS_WAVE7` */
  constantName: string;
}

export function names(name: string): Names {
  const parts = name.split('-');
  const className = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return {
    fileName: name,
    className,
    propertyName: className[0].toLowerCase() + className.slice(1),
    constantName: parts.map((p) => p.toUpperCase()).join('_'),
  };
}

/** A plugin name: lower-case kebab-case, starting with a letter, without the kind prefix. */
export function validateName(name: unknown, kind: 'survey' | 'provider'): string {
  if (typeof name !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(`${kind} name ${JSON.stringify(name)}: use lower-case kebab-case starting with a letter, e.g. "wvs-wave7"`);
  }
  if (name.startsWith(`${kind}-`)) {
    throw new Error(`${kind} name "${name}": leave out the "${kind}-" prefix (the package becomes ${kind}-${name.slice(kind.length + 1)})`);
  }
  return name;
}

/** `<%= key %>` → substitutions[key]. Only plain keys: templates hold no code. */
export function renderTemplate(text: string, substitutions: Record<string, string>, where = 'template'): string {
  return text.replace(/<%=\s*([A-Za-z_]\w*)\s*%>/g, (_m, key: string) => {
    if (!(key in substitutions)) throw new Error(`${where}: unknown placeholder <%= ${key} %>`);
    return substitutions[key];
  });
}

/**
 * Copies a template folder into the tree, like @nx/devkit's generateFiles: `__key__` in a path is
 * replaced by substitutions[key], a trailing `.template` is dropped, and `<%= key %>` in the
 * content is filled in. Returns the written paths (workspace-relative, sorted).
 */
export function generateFiles(tree: Tree, srcFolder: string, target: string, substitutions: Record<string, string>): string[] {
  const written: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      const relPath = rel ? `${rel}/${entry}` : entry;
      if (statSync(full).isDirectory()) {
        walk(full, relPath);
        continue;
      }
      const outRel = relPath
        .replace(/__([A-Za-z_]\w*?)__/g, (m, key: string) => {
          if (!(key in substitutions)) throw new Error(`${full}: unknown path placeholder ${m}`);
          return substitutions[key];
        })
        .replace(/\.template$/, '');
      const out = posix.join(target, outRel);
      tree.write(out, renderTemplate(readFileSync(full, 'utf8'), substitutions, full));
      written.push(out);
    }
  };
  walk(srcFolder, '');
  return written.sort();
}

/** Refuses to overwrite: a generator only creates new packages. */
export function assertAbsent(tree: Tree, ...paths: string[]): void {
  for (const p of paths) {
    if (tree.exists(p)) throw new Error(`${p} exists already; pick another name or remove it first`);
  }
}

/** The version of @culturebench/core in the workspace: new plugins are versioned with it ("*" if absent). */
export function coreVersion(tree: Tree): string {
  const text = tree.read('packages/core/package.json', 'utf-8');
  return text ? (JSON.parse(text) as { version: string }).version : '*';
}
