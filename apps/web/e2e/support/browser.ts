import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { ARTIFACTS_DIR } from './artifacts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export const DEMO_PASSWORD = 'demo-password';
/** The demo plant's own time zone, so shifts and bookings look as they do on site. */
export const TIME_ZONE = 'Europe/Berlin';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

const require = createRequire(__filename);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Waits for the element to show (playwright-core has no assertion library: Playwright's own waits and vitest's poll). */
export const visible = (locator: Locator, timeout = 30_000) => locator.first().waitFor({ state: 'visible', timeout });

/** The element's text, polled until it matches. */
export const textOf = (locator: Locator, timeout = 30_000) =>
  expect.poll(async () => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : ''), { timeout, interval: 250 });

export function launchBrowser(): Promise<Browser> {
  // A fresh user-data-dir comes with every launch.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

/** A new browser context (its own storage, so its own user) at the given size. */
export async function openContext(browser: Browser, baseUrl: string, viewport = DESKTOP): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    timezoneId: TIME_ZONE,
    locale: 'en-GB',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // Generous: the machines that run these tests are often busy with other work.
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}

/** Logs in through the login form, as a person would, and waits for the home page. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await visible(page.getByRole('heading', { level: 1 }));
}

export async function loggedInSession(browser: Browser, baseUrl: string, email: string, viewport = DESKTOP): Promise<Session> {
  const session = await openContext(browser, baseUrl, viewport);
  await logIn(session.page, email);
  return session;
}

/**
 * Drags with the mouse the way a person does: press, a few moves, a pause over the target, release.
 * (The board listens for HTML5 drag events; several `dragover`s give it time to mark the drop target.)
 */
export async function dragAndDrop(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('the drag source is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 6, { steps: 4 });
  await target.scrollIntoViewIfNeeded();
  const to = await target.boundingBox();
  if (!to) throw new Error('the drop target is not visible');
  const [x, y] = [to.x + Math.min(to.width / 2, 20), to.y + to.height / 2];
  await page.mouse.move(x, y, { steps: 12 });
  await page.waitForTimeout(250);
  await page.mouse.move(x + 1, y, { steps: 2 });
  await page.mouse.up();
}

/** Waits until the page shows its heading and nothing says it is still loading. */
export async function settled(page: Page): Promise<void> {
  await visible(page.getByRole('heading', { level: 1 }));
  await expect
    .poll(
      () =>
        page
          .getByRole('status')
          .filter({ hasText: /^Loading/ })
          .count(),
      { timeout: 30_000 },
    )
    .toBe(0);
  // Rows, charts and shading that load on their own: quiet for half a second (the real-time
  // channel is a WebSocket, which does not count). A page that keeps polling is taken as it is.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * A PNG in apps/web/e2e/artifacts/ (kept by CI as a test artifact): the whole page, or only what
 * the window shows. From the top: fixed bars are drawn where the window is scrolled to.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
  return path;
}

/** The findings, one paragraph each, for a failing assertion's message. */
export const axeReport = (findings: readonly AxeFinding[]) =>
  findings.map((finding) => `${finding.rule} (${finding.impact}): ${finding.help}\n    at ${finding.targets.join('\n    at ')}`).join('\n');

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

type AxeRun = (context: Element | Document, options: object) => Promise<unknown>;

/** axe-core on the page as it is now, or on one part of it: the serious and critical violations (none is the goal). */
export async function seriousViolations(page: Page, part?: Locator): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy (script-src 'self')
  // refuses inline scripts, and the check should run against the page as served.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const options = { resultTypes: ['violations'] };
  const results = part
    ? await part.evaluate((element, settings) => (window as unknown as { axe: { run: AxeRun } }).axe.run(element, settings), options)
    : await page.evaluate((settings) => (window as unknown as { axe: { run: AxeRun } }).axe.run(document, settings), options);
  return (results as AxeResults).violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
}

/** Screenshots of every open page, for a test that failed (named after the test and the person). */
export async function captureFailure(testName: string, sessions: Record<string, Session | undefined>): Promise<void> {
  const slug = testName
    .replace(/[^a-z0-9]+/gi, '-')
    .slice(0, 60)
    .toLowerCase();
  for (const [who, session] of Object.entries(sessions)) {
    if (!session || session.page.isClosed()) continue;
    await screenshot(session.page, `failed-${slug}-${who}`).catch(() => undefined);
  }
}
