/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
 * same grouped by package / source folder.
 *
 *   tsx benchmarks/perf/profile.ts FILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  where: string;
  selfMs: number;
  selfPct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time in (idle): the event loop waiting. */
  idleMs: number;
  gcMs: number;
  functions: ProfileRow[];
  groups: ProfileRow[];
  /** Self time charged to the nearest caller frame outside Node's internals and V8 (who caused it). */
  attributed: ProfileRow[];
  /** The same, summed by the package / folder of that caller. */
  attributedGroups: ProfileRow[];
  /** Inclusive time of the project's own functions (packages/, plugins/), each sample counted once. */
  project: ProfileRow[];
}

/** Where a script lives, short: `packages/core/src/ask.ts`, `@langchain/core`, `node:internal/...`. */
export function shortUrl(url: string): string {
  if (!url) return '(native)';
  let u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}/${rest.slice(2).join('/')}` : `${rest[0]}/${rest.slice(1).join('/')}`;
  }
  const m = /\/(packages|plugins|benchmarks)\/(.*)$/.exec(u);
  if (m) u = `${m[1]}/${m[2]}`;
  return u;
}

/** The package or workspace folder a script belongs to. */
export function groupOf(url: string): string {
  if (!url) return '(native / V8)';
  const s = shortUrl(url);
  if (s.startsWith('node:')) return 'node: (built-ins)';
  if (s.startsWith('@')) return s.split('/').slice(0, 2).join('/');
  const m = /^(packages|plugins)\/([^/]+)\//.exec(s);
  if (m) return `${m[1]}/${m[2]}`;
  return s.split('/')[0];
}

/** file:line, plus the column where the line is 1 (tsx emits each module on one line). */
function at(cf: CallFrame): string {
  return `${shortUrl(cf.url)}:${cf.lineNumber + 1}${cf.lineNumber === 0 ? `:${cf.columnNumber + 1}` : ''}`;
}

export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const fn = new Map<string, ProfileRow>();
  const grp = new Map<string, ProfileRow>();
  let idleMs = 0;
  let gcMs = 0;
  for (const [id, ms] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    if (cf.functionName === '(garbage collector)') gcMs += ms;
    const name = cf.functionName || '(anonymous)';
    const where = cf.url ? at(cf) : '';
    const key = `${name}\t${where}`;
    const row = fn.get(key) ?? { name, where, selfMs: 0, selfPct: 0 };
    row.selfMs += ms;
    fn.set(key, row);
    const g = cf.url ? groupOf(cf.url) : name.startsWith('(') ? name : '(native / V8)';
    const grow = grp.get(g) ?? { name: g, where: '', selfMs: 0, selfPct: 0 };
    grow.selfMs += ms;
    grp.set(g, grow);
  }
  // Parents, for attribution and inclusive time.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isLibrary = (cf: CallFrame) => /^file:|^\//.test(cf.url);
  const isProject = (cf: CallFrame) => /\/(packages|plugins)\/[^/]+\/src\//.test(cf.url) && !cf.url.includes('/node_modules/');
  const attributed = new Map<string, ProfileRow>();
  const attributedGroups = new Map<string, ProfileRow>();
  const addTo = (map: Map<string, ProfileRow>, key: string, ms: number) => {
    const row = map.get(key) ?? { name: key, where: '', selfMs: 0, selfPct: 0 };
    row.selfMs += ms;
    map.set(key, row);
  };
  const project = new Map<string, ProfileRow>();
  for (const [id, ms] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') continue;
    let attributedTo: ProfileRow | undefined;
    let attributedGroup: string | undefined;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!attributedTo && isLibrary(f)) {
        const name = `${f.functionName || '(anonymous)'}`;
        const where = at(f);
        const key = `${name}\t${where}`;
        attributedTo = attributed.get(key) ?? { name, where, selfMs: 0, selfPct: 0 };
        attributed.set(key, attributedTo);
        attributedGroup = groupOf(f.url);
      }
      if (isProject(f) && f.functionName) {
        const key = `${f.functionName}\t${shortUrl(f.url)}`;
        if (!seen.has(key)) {
          seen.add(key);
          const row = project.get(key) ?? { name: f.functionName, where: shortUrl(f.url), selfMs: 0, selfPct: 0 };
          row.selfMs += ms;
          project.set(key, row);
        }
      }
    }
    if (attributedTo) {
      attributedTo.selfMs += ms;
      addTo(attributedGroups, attributedGroup!, ms);
    } else {
      const key = `${cf.functionName || '(anonymous)'} (no script frame)`;
      addTo(attributed, key, ms);
      addTo(attributedGroups, key, ms);
    }
  }
  const busy = totalMs - idleMs;
  const finish = (rows: Iterable<ProfileRow>) =>
    [...rows]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((r) => ({ ...r, selfPct: busy > 0 ? (100 * r.selfMs) / busy : 0 }));
  return {
    totalMs,
    idleMs,
    gcMs,
    functions: finish(fn.values()),
    groups: finish(grp.values()),
    attributed: finish(attributed.values()),
    attributedGroups: finish(attributedGroups.values()),
    project: finish(project.values()),
  };
}

export function profileMarkdown(s: ProfileSummary, title: string): string {
  const lines = [
    `#### ${title}`,
    '',
    `Profile length ${(s.totalMs / 1000).toFixed(2)} s; thread busy ${((s.totalMs - s.idleMs) / 1000).toFixed(2)} s (idle ${(s.idleMs / 1000).toFixed(2)} s), of which GC ${(s.gcMs / 1000).toFixed(2)} s. Percentages are of the busy time.`,
    '',
    '| self ms | % busy | function | where |',
    '| ---: | ---: | --- | --- |',
    ...s.functions.map((r) => `| ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} | \`${r.name}\` | ${r.where ? `\`${r.where}\`` : ''} |`),
    '',
    '| self ms | % busy | package / folder |',
    '| ---: | ---: | --- |',
    ...s.groups.map((r) => `| ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} | ${r.name} |`),
    '',
    'Self time charged to the nearest script frame (Node internals, V8 built-ins and native calls counted against the JS function that called them):',
    '',
    '| ms | % busy | caller | where |',
    '| ---: | ---: | --- | --- |',
    ...s.attributed.map((r) => `| ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} | \`${r.name}\` | ${r.where ? `\`${r.where}\`` : ''} |`),
    '',
    'The same by package / folder of that caller:',
    '',
    '| ms | % busy | package / folder |',
    '| ---: | ---: | --- |',
    ...s.attributedGroups.map((r) => `| ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} | ${r.name} |`),
    '',
    ...(s.project.length
      ? [
          "Inclusive time of the project's own functions (packages/, plugins/; synchronous stacks only: work resumed from a promise starts a new stack):",
          '',
          '| incl. ms | % busy | function | file |',
          '| ---: | ---: | --- | --- |',
          ...s.project.map((r) => `| ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} | \`${r.name}\` | \`${r.where}\` |`),
          '',
        ]
      : []),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) {
    const s = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top));
    process.stdout.write(profileMarkdown(s, file) + '\n');
  }
}
