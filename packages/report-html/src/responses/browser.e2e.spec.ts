/**
 * The response browser in headless Chromium, from file://: filters by every facet, pages, shows
 * the prompt on demand, keeps hostile reply text inert, fits a 375 px screen. Paper-scale timing
 * lives in benchmarks/perf/response-browser.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { latestRecords, readResponses, surveyPrompter } from '@culturebench/core';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { horizontalOverflow, openBrowser, type OpenBrowser } from '@culturebench/leaderboard/testing';
import { writeResponseBrowser, CHUNK } from './write.js';
import { writeSyntheticRun, HOSTILE_REPLY } from '../testing/responses-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'culturebench-responses-'));
let rows = 0;
let b: OpenBrowser;
/** The status line once the current page is drawn. */
async function status(): Promise<string> {
  await b.page.waitForFunction('!/Loading/.test(document.getElementById("status").textContent)');
  return (await b.page.textContent('#status')) ?? '';
}

beforeAll(async () => {
  const survey = loadVsm2013();
  const run = writeSyntheticRun(dir, survey, { models: 3, countries: 4, samples: 3 });
  const records = latestRecords(readResponses(join(dir, 'responses.jsonl')).records);
  const out = writeResponseBrowser({ runDir: dir, manifest: run.manifest, survey, prompter: surveyPrompter, records });
  rows = out.rows;
  expect(rows).toBe(run.rows);
  b = await openBrowser({ width: 375, height: 800 });
  await b.page.goto(pathToFileURL(out.page).href, { waitUntil: 'load' });
  await b.page.waitForSelector('#rows li');
}, 60_000);
afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('response browser', () => {
  it('writes no page that embeds the replies: an index and chunks of at most CHUNK rows', () => {
    const files = readdirSync(join(dir, 'responses'));
    expect(files).toContain('index.js');
    expect(files.filter((f) => f.startsWith('chunk-'))).toHaveLength(Math.ceil(rows / CHUNK));
    expect(readFileSync(join(dir, 'responses.html'), 'utf8')).not.toContain('I would answer');
    expect(existsSync(join(dir, 'responses.tmp'))).toBe(false);
  });

  it('opens on the first page of all replies', async () => {
    expect(await status()).toBe(`Replies 1–50 of ${rows} · page 1 of ${Math.ceil(rows / 50)}`);
    expect(await b.page.locator('#rows li').count()).toBe(50);
  });

  it('filters by model, country, language, item, condition and outcome', async () => {
    const count = async () => {
      const s = await status();
      return /No replies/.test(s) ? 0 : Number(/of (\d+)/.exec(s)?.[1]);
    };
    await b.page.selectOption('select[name=model]', 'model-<b>bold</b>');
    expect(await count()).toBe(rows / 3);
    await b.page.selectOption('select[name=country]', 'JP');
    expect(await count()).toBe(3 * 24 * 3); // 3 prompt languages × 24 items × 3 respondents
    await b.page.selectOption('select[name=condition]', 'chinese');
    await b.page.selectOption('select[name=language]', 'zh');
    expect(await count()).toBe(24 * 3);
    await b.page.selectOption('select[name=item]', '7');
    expect(await count()).toBe(3);
    const facts = await b.page.locator('#rows li .facts').first().textContent();
    expect(facts).toContain('model-<b>bold</b>');
    expect(facts).toMatch(/country JP.*language zh.*item 7/);
    for (const f of ['item', 'language', 'condition', 'country', 'model']) await b.page.selectOption(`select[name=${f}]`, '');
    await b.page.selectOption('select[name=outcome]', 'refusal');
    const refusals = await count();
    expect(refusals).toBeGreaterThan(0);
    expect(await b.page.locator('#rows li .reading').first().textContent()).toBe('Read as: refusal: declined');
    await b.page.selectOption('select[name=outcome]', '');
  });

  it('pages forward and back with the keyboard', async () => {
    await b.page.focus('#next');
    await b.page.keyboard.press('Enter');
    await b.page.waitForFunction('document.getElementById("status").textContent.startsWith("Replies 51–100")');
    await b.page.focus('#prev');
    await b.page.keyboard.press('Enter');
    await b.page.waitForFunction('document.getElementById("status").textContent.startsWith("Replies 1–50")');
    expect(await b.page.isDisabled('#prev')).toBe(true);
  });

  it('shows the prompt that was sent, loaded when opened', async () => {
    const first = b.page.locator('#rows li').first();
    await first.locator('details.prompt summary').click();
    await b.page.waitForFunction('document.querySelector("#rows li details.prompt pre").getAttribute("data-loaded") === "1"');
    const prompt = await first.locator('details.prompt pre').textContent();
    expect(prompt).toMatch(/^\[system\]|^\[user\]/);
    expect(prompt).not.toContain('re-rendered');
  });

  it('keeps hostile replies as text', async () => {
    const raws = await b.page.locator('#rows li pre.raw').allTextContents();
    expect(raws).toContain(HOSTILE_REPLY);
    expect(await b.page.evaluate('window.__pwned')).toBeUndefined();
    expect(await b.page.locator('#rows img, #rows script').count()).toBe(0);
  });

  it('fits a 375 px screen and logged no problems', async () => {
    expect(await horizontalOverflow(b.page)).toBeLessThanOrEqual(0);
    expect(b.problems).toEqual([]);
  });
});
