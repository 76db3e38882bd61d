/**
 * The response browser at paper scale: 292,320 generated replies (10 models × 20 countries × 3
 * conditions (2 languages where the native one is English or Chinese) × 24 items × 21 respondents;
 * synthetic, not from models; at least the paper's 288,000) → responses.html + chunks,
 * opened in headless Chromium from file://. Measures the time to write the browser, the time until
 * the first page of replies is on screen, and the time to apply a filter.
 *
 *   npx tsx benchmarks/perf/response-browser.ts [--keep]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { latestRecords, readResponses, surveyPrompter } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { writeResponseBrowser } from '@culturebench/report-html';
import { writeSyntheticRun } from '../../packages/report-html/src/testing/responses-fixture.js';
import { openBrowser } from '@culturebench/leaderboard/testing';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-browser-perf-'));
const survey = loadVsm2013();
let t = performance.now();
const { manifest, rows } = writeSyntheticRun(dir, survey, { models: 10, countries: 20, samples: 21 });
const generateS = (performance.now() - t) / 1000;
t = performance.now();
// As in the report stage: the records read once, then the browser written from them.
const records = latestRecords(readResponses(join(dir, 'responses.jsonl')).records);
writeResponseBrowser({ runDir: dir, manifest, survey, prompter: surveyPrompter, records });
const writeS = (performance.now() - t) / 1000;
const files = readdirSync(join(dir, 'responses'));
const bytes = (f: string) => statSync(join(dir, 'responses', f)).size;
const largest = Math.max(statSync(join(dir, 'responses.html')).size, ...files.map(bytes));

const b = await openBrowser({ width: 1280, height: 900 });
t = performance.now();
await b.page.goto(pathToFileURL(join(dir, 'responses.html')).href, { waitUntil: 'load' });
await b.page.waitForSelector('#rows li', { timeout: 30_000 });
const openS = (performance.now() - t) / 1000;
const status = await b.page.textContent('#status');
t = performance.now();
await b.page.selectOption('select[name=outcome]', 'refusal');
await b.page.selectOption('select[name=country]', 'JP');
await b.page.waitForFunction('document.getElementById("status").textContent.includes("filtered")', null, { timeout: 30_000 });
const filterS = (performance.now() - t) / 1000;
const filtered = await b.page.textContent('#status');
const pwned = await b.page.evaluate('window.__pwned');
await b.close();

console.log(`rows: ${rows}`);
console.log(
  `generate responses.jsonl: ${generateS.toFixed(1)} s; write the browser: ${writeS.toFixed(1)} s (${files.length} files, largest ${(largest / 1e6).toFixed(2)} MB, index ${(bytes('index.js') / 1e6).toFixed(2)} MB)`,
);
console.log(`Chromium: first page of replies in ${openS.toFixed(2)} s ("${status}"); filter country JP + refusals in ${filterS.toFixed(2)} s ("${filtered}")`);
console.log(`hostile replies inert: ${pwned === undefined}; console problems: ${b.problems.length ? b.problems.join('; ') : 'none'}`);
if (process.argv.includes('--keep')) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
if (openS > 5 || pwned !== undefined || b.problems.length) process.exitCode = 1;
