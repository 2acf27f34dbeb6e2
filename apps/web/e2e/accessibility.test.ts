import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type Page as ListPage, type Technician, type WorkOrder } from './support/api';
import {
  PHONE,
  axeReport,
  type Session,
  captureFailure,
  launchBrowser,
  loggedInSession,
  openContext,
  screenshot,
  seriousViolations,
  settled,
  visible,
} from './support/browser';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

type Person = 'manager' | 'planner' | 'technician';

interface MainPage {
  name: string;
  who: Person | 'nobody';
  path: () => string;
  /** What shows once the page has its data. */
  ready: (page: Page) => Locator;
  /** Only what the window shows (the pictures the README uses). */
  windowOnly?: boolean;
}

describe.skipIf(Boolean(skipReason))('the main pages: no serious or critical axe violations, and a screenshot of each', () => {
  let browser: Browser;
  const sessions: Partial<Record<Person | 'nobody', Session>> = {};
  let current: Session | undefined;
  let pictured = false;
  let detail: WorkOrder;
  let technicianEmail: string;
  /** Equipment with sensors (the demo's digital twins), for the equipment and health pages. */
  let monitored: string;

  const pages: MainPage[] = [
    { name: 'login', who: 'nobody', path: () => '/login', ready: (page) => page.getByRole('button', { name: 'Log in' }) },
    {
      name: 'dashboard',
      who: 'manager',
      path: () => '/dashboard',
      ready: (page) => page.getByRole('list', { name: 'Key figures' }),
      windowOnly: true,
    },
    { name: 'work-orders', who: 'manager', path: () => '/work-orders', ready: (page) => page.getByRole('table', { name: 'Work orders' }) },
    {
      name: 'work-order-detail',
      who: 'manager',
      path: () => `/work-orders/${detail.id}`,
      ready: (page) => page.getByRole('heading', { name: 'History' }),
      windowOnly: true,
    },
    {
      name: 'new-work-order',
      who: 'planner',
      path: () => '/work-orders/new',
      ready: (page) => page.getByRole('form', { name: 'New work order' }),
    },
    { name: 'scheduling-board-day', who: 'planner', path: () => '/schedule?view=day', ready: (page) => page.getByTestId(/^board-row-/) },
    { name: 'scheduling-board-week', who: 'planner', path: () => '/schedule?view=week', ready: (page) => page.getByTestId(/^board-row-/) },
    { name: 'equipment', who: 'manager', path: () => '/equipment', ready: (page) => page.getByRole('table', { name: 'Equipment' }) },
    {
      name: 'equipment-detail',
      who: 'manager',
      path: () => `/equipment/${monitored}`,
      ready: (page) => page.getByRole('heading', { level: 1, name: /^EQ-/ }),
    },
    { name: 'technicians', who: 'manager', path: () => '/technicians', ready: (page) => page.getByRole('table', { name: 'Technicians' }) },
    {
      name: 'travel-times',
      who: 'planner',
      path: () => '/travel-times',
      ready: (page) => page.getByRole('textbox', { name: /^Minutes between/ }).first(),
    },
    { name: 'pm-plans', who: 'planner', path: () => '/pm-plans', ready: (page) => page.getByRole('table', { name: 'PM plans' }) },
    {
      name: 'predictive',
      who: 'manager',
      path: () => '/predictive',
      ready: (page) => page.getByRole('table', { name: 'Equipment ranked by risk' }),
    },
    {
      name: 'predictive-equipment',
      who: 'manager',
      path: () => `/predictive/equipment/${monitored}`,
      ready: (page) => page.getByRole('heading', { level: 1, name: /^EQ-/ }),
    },
    {
      name: 'notifications',
      who: 'technician',
      path: () => '/notifications',
      ready: (page) => page.getByRole('heading', { level: 1, name: 'Notifications' }),
    },
    { name: 'my-work-phone', who: 'technician', path: () => '/my-work', ready: (page) => page.getByRole('article'), windowOnly: true },
  ];

  beforeAll(async () => {
    browser = await launchBrowser();
    const api = await ApiClient.logIn(baseUrl, 'planner@example.com');
    // A job under way (checklist, history) makes the fullest detail page; its technician the phone view.
    const inProgress = await api.get<ListPage<WorkOrder>>('/work-orders?status=IN_PROGRESS&limit=1&sort=-updatedAt');
    detail = inProgress.data[0]!;
    const technician = await api.get<Technician>(`/technicians/${detail.technicianId}`);
    technicianEmail = technician.email!;
    // One more job for them, booked tomorrow: an unread notification and a card "coming up".
    const equipment = await api.get<ListPage<{ id: string }>>('/equipment?limit=1');
    const job = await api.post<WorkOrder>('/work-orders', {
      title: 'Check the guard door interlock',
      type: 'INSPECTION',
      priority: 'MEDIUM',
      equipmentId: equipment.data[0]!.id,
      estimatedDuration: 30,
    });
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    await api.post(`/work-orders/${job.id}/assign`, {
      technicianId: technician.id,
      scheduledStartTime: start.toISOString(),
      scheduledEndTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
      // Whatever else they have then: the point is the notification, not the plan.
      force: true,
    });
    const fleet = await api.get<ListPage<{ equipment: { id: string } }>>('/predictive/fleet?limit=1');
    monitored = fleet.data[0]!.equipment.id;
  });

  afterEach(async ({ task }) => {
    // A page that failed the axe check has its picture already; one that never got ready has not.
    if (task.result?.state === 'fail' && !pictured) await captureFailure(task.name, { page: current });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const sessionOf = async (who: Person | 'nobody'): Promise<Session> => {
    const email = { manager: 'manager@example.com', planner: 'planner@example.com', technician: technicianEmail };
    sessions[who] ??=
      who === 'nobody'
        ? await openContext(browser, baseUrl)
        : await loggedInSession(browser, baseUrl, email[who], who === 'technician' ? PHONE : undefined);
    return sessions[who];
  };

  it.each(pages.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    pictured = false;
    current = await sessionOf(entry.who);
    const { page } = current;
    await page.goto(entry.path());
    await visible(entry.ready(page), 30_000);
    await settled(page);
    await screenshot(page, entry.name, { fullPage: !entry.windowOnly });
    pictured = true;
    const findings = await seriousViolations(page);
    expect(findings, axeReport(findings)).toEqual([]);
  });

  it('gives the keyboard back to the save button once a save ends (it was disabled while sent)', async () => {
    current = await sessionOf('planner');
    const { page } = current;
    await page.goto('/travel-times');
    const minutes = page.getByRole('textbox', { name: /^Minutes between/ }).first();
    await visible(minutes, 30_000);
    await minutes.fill(String(100 + Math.floor(Math.random() * 800)));
    const save = page.getByRole('button', { name: 'Save travel times' });
    await save.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText('Travel times saved.'), 30_000);
    await expect.poll(() => save.evaluate((button) => document.activeElement === button)).toBe(true);
  });

  it('keeps a technician’s work-order page with part lines to the phone’s width (the table scrolls, not the page)', async () => {
    const api = await ApiClient.logIn(baseUrl, 'planner@example.com');
    const parts = await api.get<ListPage<{ id: string; available: number }>>('/parts?limit=100');
    const inStock = parts.data.find((part) => part.available > 0);
    if (!inStock) throw new Error('the demo plant has no part in stock');
    await api.post(`/work-orders/${detail.id}/parts`, { partId: inStock.id, quantity: 1 });
    current = await sessionOf('technician');
    const { page } = current;
    await page.goto(`/work-orders/${detail.id}`);
    await visible(page.getByRole('table', { name: 'Parts for this work order' }), 30_000);
    await settled(page);
    // Not window.innerWidth: a phone's browser widens its layout viewport to content wider than the screen.
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
  });
});
