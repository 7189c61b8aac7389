// Headless Chromium for the e2e tests (Debian's chromium, driven by playwright-core): one launch,
// one page that collects its errors, and the dashboard's token sign-in.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails the test (never skips it) when the browser is missing. */
export function assertChromium(): void {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does) or set CHROMIUM_PATH`);
}

export interface OpenPage {
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page's scripts; a test ends with `assert.deepEqual(pageErrors, [])`. */
  pageErrors: string[];
}

/**
 * Launches Chromium (closed through `cleanup`, e.g. the pipeline's or `t.after`) and opens one page.
 * `acceptDialogs`: confirm() prompts (revoke, discharge) are accepted.
 */
export async function openPage(cleanup: (fn: () => Promise<unknown>) => void, opts: {
  viewport?: { width: number; height: number };
  /** Each page wait, in ms. @defaultValue 20_000 */
  timeoutMs?: number;
  acceptDialogs?: boolean;
  extraArgs?: string[];
} = {}): Promise<OpenPage> {
  assertChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...(opts.extraArgs ?? [])] });
  cleanup(() => browser.close());
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : {});
  page.setDefaultTimeout(opts.timeoutMs ?? 20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
  return { browser, page, pageErrors };
}

/** Opens `url` and signs in with a bearer token in the dashboard's token form. */
export async function signInWithToken(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.fill('#token', token);
  await page.click('#login button');
}
