/**
 * report.html on a phone (375 px) and a wide screen (1400 px) in headless Chromium: no sideways
 * scroll, every chart drawn within its figure, scatter labels only on outliers, and a link to every
 * file of the run directory. Screenshots go to test-artifacts/report-375.png and report-1400.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { horizontalOverflow, openBrowser } from '@culturebench/leaderboard/testing';
import { writeReportHtml } from './index.js';
import { makeFixture } from './testing/fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'report-responsive-'));
const runDir = join(work, 'run');
let file: string;

beforeAll(() => {
  mkdirSync(runDir, { recursive: true });
  for (const f of ['manifest.json', 'responses.jsonl', 'scores.csv', 'middle-ground-distance.csv', 'web-content-points.csv', 'responses.html'])
    writeFileSync(join(runDir, f), 'x');
  file = writeReportHtml(runDir, makeFixture());
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([375, 1400])('report.html at %i px', (width) => {
  it('has no horizontal scroll, draws every chart inside its figure, links every file', async () => {
    const b = await openBrowser({ width, height: 900 });
    try {
      await b.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await b.page.waitForFunction(
        'Array.from(document.querySelectorAll("figure[data-chart]")).every((f) => f.getAttribute("data-rendered") === "true")',
        null,
        { timeout: 30_000 },
      );
      expect(await horizontalOverflow(b.page)).toBeLessThanOrEqual(0);
      const fit = (await b.page.evaluate(
        'Array.from(document.querySelectorAll("figure[data-chart]")).map((f) => ({ id: f.id, svg: Math.round(f.querySelector("svg.marks").getBoundingClientRect().width), figure: f.clientWidth }))',
      )) as { id: string; svg: number; figure: number }[];
      for (const c of fit) expect({ ...c, fits: c.svg <= c.figure + 1 }).toMatchObject({ fits: true });
      if (width === 1400) {
        // Wide screens keep the designed sizes: nothing is shrunk.
        expect(fit.find((c) => c.id === 'chart-dr-model')!.svg).toBeGreaterThan(600);
      }
      // Scatter: at most 3 country labels per panel (the outliers); the rest on hover.
      const labels = (await b.page.evaluate(
        'Array.from(document.querySelectorAll("#chart-scatter g.mark-text.role-mark text")).filter((t) => /^[A-Z]{2}$/.test(t.textContent)).length',
      )) as number;
      expect(labels).toBeGreaterThan(0);
      expect(labels).toBeLessThanOrEqual(3 * 6);
      const links = (await b.page.$$eval('#files a', (as) => as.map((a) => a.getAttribute('href')))) as string[];
      expect(links).toEqual(
        expect.arrayContaining(['manifest.json', 'responses.jsonl', 'middle-ground-distance.csv', 'web-content-points.csv', 'report.html', 'responses.html']),
      );
      expect(await b.page.locator('nav.toc a[href="responses.html"]').count()).toBe(1);
      // Keyboard: Tab reaches the sort buttons and the chart dropdowns.
      const tabbable = (await b.page.evaluate('document.querySelectorAll("th button, .vega-bindings select").length')) as number;
      expect(tabbable).toBeGreaterThan(5);
      mkdirSync(ARTIFACTS, { recursive: true });
      await b.page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`), fullPage: true });
      expect(b.problems).toEqual([]);
    } finally {
      await b.close();
    }
  }, 60_000);
});
