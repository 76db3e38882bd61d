/**
 * Headless Chromium (Debian's, via playwright-core) for the page tests: offline, collecting console
 * errors, page errors and any request that is not a local file. Chromium is required: without it
 * the tests fail with the install command, they do not skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CULTUREBENCH_CHROMIUM ?? '/usr/bin/chromium';
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

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors/warnings, page errors, network requests. */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<OpenBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `This test needs Chromium at ${CHROMIUM}, which is missing. Install it with \`apt-get install chromium\`, or point CULTUREBENCH_CHROMIUM at a Chromium binary.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'culturebench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, offline: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith('about:')) problems.push(`network request: ${url}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page width minus viewport width in CSS pixels (> 0: the page scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
}
