/**
 * The response browser's data, beside report.html: responses.html (the page) and responses/ with
 * an index (one small code per row and facet: model, country, language, item, conditions, outcome)
 * and the replies in chunks of CHUNK rows, prompts in chunks of their own (a prompt is shared by
 * every model asked it). Chunks are small scripts, loaded on demand, so the page opens from
 * file:// with no server and never holds a paper-scale run (288,000 replies) at once.
 *
 * The rows are the records the report stage hands over (latest outcome per request key), read
 * once, in order. Memory does not grow with the rows beyond the facet codes (about a byte per row
 * and facet): replies and prompts are written as their chunks fill, and a prompt id is kept only
 * for recent prompts (a prompt seen again later is written again under a new id).
 */
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAll, writeFileAtomic, type Prompter, type Reporter, type ResponseRecord, type RunManifest, type Survey } from '@culturebench/core';
import { jsonForScript } from '../html.js';
import { renderResponsesPage } from './page.js';
import { FacetCodes, RecentPrompts } from './codes.js';

export const RESPONSES_PAGE = 'responses.html';
export const RESPONSES_DIR = 'responses';
export const CHUNK = 500;
export const PROMPT_CHUNK = 200;
/** Prompt ids remembered per generation (two generations): about 10 MB of hashes at most. */
export const PROMPT_MEMORY = 32_768;
/** Replies longer than this are cut in the browser data (the full text stays in responses.jsonl). */
const MAX_REPLY = 8000;

const FACETS = ['model', 'country', 'language', 'item', 'condition', 'outcome'] as const;
type Facet = (typeof FACETS)[number];

function outcomeOf(r: ResponseRecord): string {
  if (r.error !== null) return 'error';
  return r.parsed?.kind ?? 'invalid';
}

/** How the reply was read, in words. */
export function readingOf(r: ResponseRecord): string {
  if (r.error !== null) return `error: ${r.error}`;
  const p = r.parsed;
  if (!p) return 'not parsed';
  if (p.kind === 'answer') return `answer ${p.code} (read as a ${p.via})`;
  if (p.kind === 'refusal') return `refusal: ${p.reason}`;
  return `invalid (${p.reason}): ${p.detail}`;
}

class Dict {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(v: string): number {
    let i = this.ids.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.ids.set(v, i);
      this.values.push(v);
    }
    return i;
  }
}

/** Writes a script that hands its payload to the page: window.__cb(kind, n, data). */
function writeScript(path: string, kind: string, n: number, data: unknown): string {
  writeFileSync(path, `window.__cb(${JSON.stringify(kind)},${n},${jsonForScript(data)});\n`);
  return basename(path);
}

/**
 * index.js: the facets' dictionaries, and per facet its codes as base64 of Uint8, Uint16 or Uint32
 * arrays (`bytes` per code). Written in pieces, so a million rows' codes are never one string.
 */
function writeIndex(path: string, index: Record<string, unknown> & { codes: Record<Facet, FacetCodes> }): string {
  const { codes, ...head } = index;
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, `window.__cb("index",0,${jsonForScript(head).slice(0, -1)},"cols":{`);
    FACETS.forEach((f, i) => {
      const { width, data } = codes[f].bytes();
      writeAll(fd, `${i ? ',' : ''}${JSON.stringify(f)}:{"bytes":${width},"data":"`);
      // Pieces of a multiple of 3 bytes encode to base64 that concatenates to the whole's.
      const piece = 3 << 20;
      for (let at = 0; at < data.length; at += piece)
        writeAll(fd, Buffer.from(data.buffer, data.byteOffset + at, Math.min(piece, data.length - at)).toString('base64'));
      writeAll(fd, '"}');
    });
    writeAll(fd, '}});\n');
  } finally {
    closeSync(fd);
  }
  return basename(path);
}

export interface ResponseBrowserInput {
  runDir: string;
  manifest: RunManifest;
  survey: Survey;
  prompter: Prompter;
  /** The latest record per request key, as the report stage reads them; iterated once. */
  records: Iterable<ResponseRecord>;
  /** Prompt ids remembered per generation (default PROMPT_MEMORY; tests make it small). */
  promptMemory?: number;
}

/** Writes responses.html and responses/; returns the page, the folder, every chunk written and the row count. */
export function writeResponseBrowser({ runDir, manifest, survey, prompter, records, promptMemory = PROMPT_MEMORY }: ResponseBrowserInput): {
  page: string;
  files: string[];
  rows: number;
} {
  // Written into a fresh folder, then swapped in: a crash leaves the old browser or none, never a mix.
  const dir = join(runDir, RESPONSES_DIR);
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const written: string[] = [];

  const dicts = Object.fromEntries(FACETS.map((f) => [f, new Dict()])) as Record<Facet, Dict>;
  const codes = Object.fromEntries(FACETS.map((f) => [f, new FacetCodes()])) as Record<Facet, FacetCodes>;
  const items = new Map(survey.items.map((i) => [i.id, i]));
  const promptIds = new RecentPrompts(promptMemory);
  let prompts: string[][] = [];
  let promptChunks = 0;
  let promptCount = 0;
  let rows: unknown[] = [];
  let chunks = 0;
  let n = 0;
  const flushPrompts = (force: boolean) => {
    if (prompts.length === PROMPT_CHUNK || (force && prompts.length)) {
      written.push(writeScript(join(tmp, `prompts-${String(promptChunks).padStart(5, '0')}.js`), 'prompts', promptChunks, prompts));
      promptChunks++;
      prompts = [];
    }
  };
  const flushRows = (force: boolean) => {
    if (rows.length === CHUNK || (force && rows.length)) {
      written.push(writeScript(join(tmp, `chunk-${String(chunks).padStart(5, '0')}.js`), 'rows', chunks, rows));
      chunks++;
      rows = [];
    }
  };
  for (const r of records) {
    let pid = promptIds.get(r.promptHash);
    if (pid === undefined) {
      const item = items.get(r.item);
      let text = '(the survey has no item with this id)';
      if (item) {
        const rendered = prompter.render({
          survey,
          item,
          country: r.country,
          language: r.language,
          persona: r.persona,
          template: manifest.config.persona.template,
        });
        text = rendered.promptHash === r.promptHash ? '' : '(re-rendered: differs from the prompt that was sent; texts or prompter changed since the run)\n';
        text += rendered.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
      }
      pid = promptCount++;
      promptIds.set(r.promptHash, pid);
      prompts.push([r.promptHash, text]);
      flushPrompts(false);
    }
    const values: Record<Facet, string> = {
      model: r.model,
      country: r.country,
      language: r.language,
      item: r.item,
      condition: r.conditions.join(' · '),
      outcome: outcomeOf(r),
    };
    for (const f of FACETS) codes[f].push(dicts[f].id(values[f]));
    const raw =
      r.raw === null
        ? null
        : r.raw.length > MAX_REPLY
          ? `${r.raw.slice(0, MAX_REPLY)}… [${r.raw.length - MAX_REPLY} more characters in responses.jsonl]`
          : r.raw;
    rows.push([r.key, r.respondent, pid, raw, readingOf(r), r.answer, r.cached ? 1 : 0, r.attempts, Math.round(r.latencyMs), r.at]);
    n++;
    flushRows(false);
  }
  flushRows(true);
  flushPrompts(true);

  written.push(
    writeIndex(join(tmp, 'index.js'), {
      version: 1,
      runId: manifest.runId,
      total: n,
      chunk: CHUNK,
      promptChunk: PROMPT_CHUNK,
      facets: FACETS,
      dicts: Object.fromEntries(FACETS.map((f) => [f, dicts[f].values])),
      codes,
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  const page = join(runDir, RESPONSES_PAGE);
  writeFileAtomic(page, renderResponsesPage(manifest, n));
  return { page, files: [page, dir, ...written.map((f) => join(dir, f))], rows: n };
}

/** The response browser as a reporter of core's report stage, from the records the stage read. */
export const responseBrowserReporter: Reporter = {
  id: 'response-browser',
  files: [RESPONSES_PAGE, RESPONSES_DIR],
  report({ runDir, manifest, survey, prompter, records }) {
    return { files: writeResponseBrowser({ runDir, manifest, survey, prompter, records }).files };
  },
};

/** Files of the browser, for tests. */
export function responseBrowserFiles(runDir: string): string[] {
  return readdirSync(join(runDir, RESPONSES_DIR)).sort();
}
