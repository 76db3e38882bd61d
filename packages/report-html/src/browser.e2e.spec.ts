/**
 * The report in a real browser: Debian's chromium driven by playwright-core. Opens report.html
 * from file://, checks that every chart draws, that tables sort and that nothing errors or goes to
 * the network, and saves a full-page screenshot to test-artifacts/report.png.
 *
 * Chromium is required (CI installs it): without /usr/bin/chromium this test fails, it does not skip.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { writeReportHtml } from './index.js';
import { makeFixture } from './testing/fixture.js';

// The functions passed to page.evaluate/$eval run in the browser. These module-local declarations
// type them without adding the DOM library to the whole workspace's type check.
interface PageElement {
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
interface TableRow {
  cells: ArrayLike<PageElement>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; documentElement: { dir: string; scrollHeight: number } };
declare const window: { scrollTo(x: number, y: number): void; __pwned?: number };

const CHROMIUM = process.env.CULTUREBENCH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const CHART_IDS = [
  'chart-skill',
  'chart-bias',
  'chart-dr-model',
  'chart-dr-country',
  'chart-heatmap',
  'chart-scatter',
  'chart-middle-ground',
  'chart-middle-distance',
  'chart-language',
  'chart-web-content',
  // declared by the disattenuated-correlation module itself (analysis registry)
  'chart-disattenuated',
  'chart-reliability',
];

let work: string;
let reportFile: string;
let context: BrowserContext | undefined;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}, which is missing. Install it with \`apt-get install chromium\` ` +
        '(CI does this in .ci/run), or point CULTUREBENCH_CHROMIUM at a Chromium binary.',
    );
  }
  work = mkdtempSync(join(tmpdir(), 'report-html-browser-'));
  const file = (reportFile = writeReportHtml(join(work, 'run'), makeFixture()));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:') && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) problems.push(`network request: ${req.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('figure[data-chart]')).every((f) => f.hasAttribute('data-rendered')), null, {
    timeout: 15_000,
    polling: 50,
  });
}, 30_000);

afterAll(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Number of drawn marks (paths, rects, symbols, lines, text) inside one chart's SVG. */
async function markCount(id: string): Promise<{ rendered: string | null; svgs: number; marks: number; width: number }> {
  return page.$eval(`#${id}`, (figure) => {
    const svg = figure.querySelector('svg');
    const marks = figure.querySelectorAll(
      'svg g[class^="mark-"] > path, svg g[class^="mark-"] > line, svg g[class^="mark-"] > rect, svg g[class^="mark-"] > text',
    ).length;
    return {
      rendered: figure.getAttribute('data-rendered'),
      svgs: figure.querySelectorAll('svg').length,
      marks,
      width: svg ? svg.getBoundingClientRect().width : 0,
    };
  });
}

async function columnValues(tableId: string, column: number): Promise<string[]> {
  return page.$$eval(
    `#${tableId} tbody tr`,
    (rows, i) => rows.map((r) => (r as unknown as TableRow).cells[i].getAttribute('data-sort') ?? (r as unknown as TableRow).cells[i].textContent!.trim()),
    column,
  );
}

describe('report.html in headless Chromium', () => {
  it('draws every chart as a non-empty SVG', async () => {
    const found = await page.$$eval('figure[data-chart]', (fs) => fs.map((f) => f.id));
    expect(found).toEqual(CHART_IDS);
    for (const id of CHART_IDS) {
      const c = await markCount(id);
      expect({ id, ...c, ok: c.rendered === 'true' && c.svgs >= 1 && c.marks > 0 && c.width > 100 }).toMatchObject({ id, ok: true });
    }
  });

  it('sorts a table numerically when a header is clicked', async () => {
    const header = page.locator('#table-countries thead th', { hasText: 'Mean DR' }).locator('button');
    const column = await page.$$eval('#table-countries thead th', (ths) => ths.findIndex((th) => th.textContent!.includes('Mean DR')));
    await header.click();
    expect(await page.getAttribute('#table-countries thead th:nth-child(' + (column + 1) + ')', 'aria-sort')).toBe('ascending');
    const asc = (await columnValues('table-countries', column)).map(Number);
    expect(asc).toHaveLength(20);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBeLessThan(asc[asc.length - 1]);
    await header.click();
    const desc = (await columnValues('table-countries', column)).map(Number);
    expect(desc).toEqual([...asc].reverse());
    // Numbers sort as numbers, not as text: 9600 after 480 in the non-answers table.
    await page.locator('#table-answers thead th', { hasText: 'Asked' }).locator('button').click();
    const asked = (await columnValues('table-answers', 2)).map(Number);
    expect(asked).toEqual([...asked].sort((a, b) => a - b));
    expect(asked.at(-1)).toBe(9600);
  });

  it('sorts a text column alphabetically', async () => {
    await page.locator('#table-countries thead th', { hasText: 'Country' }).locator('button').click();
    const names = await page.$$eval('#table-countries tbody tr', (rows) => rows.map((r) => (r as unknown as TableRow).cells[1].getAttribute('data-sort')!));
    expect(names[0]).toBe('Brazil');
    expect(names.at(-1)).toBe('Vietnam');
  });

  it('redraws the heatmap for another model from the dropdown', async () => {
    const select = page.locator('#chart-heatmap select').first();
    const options = await select.locator('option').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(3);
    const before = await page.$eval('#chart-heatmap svg', (svg) => svg.querySelectorAll('g.mark-text text').length);
    await select.selectOption({ index: 1 });
    await page.waitForTimeout(100);
    const after = await markCount('chart-heatmap');
    expect(after.marks).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    await select.selectOption({ index: 0 });
  });

  it('runs nothing injected through model ids and renders right-to-left names isolated', async () => {
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.$$eval('main img', (imgs) => imgs.length)).toBe(0);
    expect(await page.locator('ol.findings bdi[dir="rtl"]').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });

  it('saves a full-page screenshot (and the page) to test-artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    // Chromium's own capture with fast PNG encoding: about a third quicker than page.screenshot({ fullPage: true }).
    const cdp = await context!.newCDPSession(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const shot = (await cdp.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      optimizeForSpeed: true,
      clip: { x: 0, y: 0, width: 1280, height, scale: 1 },
    })) as { data: string };
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
    copyFileSync(reportFile, join(ARTIFACTS, 'report.html'));
    expect(statSync(file).size).toBeGreaterThan(50_000);
  }, 20_000);

  it('logged no console errors or warnings, no page errors and made no network requests', () => {
    expect(problems).toEqual([]);
  });
});
