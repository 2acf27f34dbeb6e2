import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type Page as ListPage, type Technician, type WorkOrder } from './support/api';
import {
  PHONE,
  axeReport,
  type Session,
  captureFailure,
  dragAndDrop,
  launchBrowser,
  logIn,
  loggedInSession,
  openContext,
  screenshot,
  seriousViolations,
  settled,
  textOf,
  visible,
} from './support/browser';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

interface Target {
  /** `YYYY-MM-DD` of the day booked, in the plant's time zone. */
  date: string;
  /** The board's slot key for 10:00 that day. */
  slot: string;
  start: string;
  end: string;
}

/** Ten o'clock on the second working day from now, in the browser's (the plant's) time zone. */
const targetIn = (page: Page): Promise<Target> =>
  page.evaluate(() => {
    const pad = (value: number) => String(value).padStart(2, '0');
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() + 2);
    while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
    const start = new Date(day);
    start.setHours(10);
    const date = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    return { date, slot: `${date}T10:00`, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  });

/** The first technician on shift and free for the whole hour (no work, no leave), with a login of their own. */
async function freeTechnician(api: ApiClient, target: Target): Promise<Technician> {
  const { data } = await api.get<ListPage<Technician>>('/technicians?limit=100&active=true');
  const ordered = [...data].sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  for (const technician of ordered) {
    if (!technician.email) continue;
    const window = `start=${encodeURIComponent(target.start)}&end=${encodeURIComponent(target.end)}`;
    const schedule = await api.get<{ totalWorkOrders: number; availableHours: number }>(`/technicians/${technician.id}/schedule?${window}`);
    if (schedule.totalWorkOrders === 0 && schedule.availableHours >= 1) return technician;
  }
  throw new Error(`no technician is free on ${target.slot}`);
}

/** Operational equipment no booked work holds during the hour: a machine takes one job at a time. */
async function freeEquipment(api: ApiClient, target: Target): Promise<string> {
  const { data } = await api.get<ListPage<{ id: string; equipmentNumber: string }>>('/equipment?limit=100&status=OPERATIONAL');
  const [start, end] = [Date.parse(target.start), Date.parse(target.end)];
  for (const machine of data) {
    const booked = await api.get<ListPage<WorkOrder>>(
      `/work-orders?equipmentId=${machine.id}&status=SCHEDULED,IN_PROGRESS,ON_HOLD&limit=100&sort=scheduledStartTime`,
    );
    if (booked.data.length === 100) continue;
    const holds = (workOrder: WorkOrder) =>
      workOrder.scheduledStartTime !== null &&
      workOrder.scheduledEndTime !== null &&
      Date.parse(workOrder.scheduledStartTime) < end &&
      Date.parse(workOrder.scheduledEndTime) > start;
    if (!booked.data.some(holds)) return machine.equipmentNumber;
  }
  throw new Error(`no equipment is free on ${target.slot}`);
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /notifications$/i });
const unreadIn = (label: string | null) => Number(/^(\d+) unread/.exec(label ?? '')?.[1] ?? 0);

/** "Open work orders" and "of N in total" from the dashboard's first tile. */
async function openTile(page: Page): Promise<{ open: number; total: number }> {
  const text =
    (await page
      .getByRole('list', { name: 'Key figures' })
      .getByRole('link', { name: /^Open work orders/ })
      .textContent()) ?? '';
  const match = /Open work orders\s*([\d,.\s]+?)\s*of\s*([\d,.\s]+?)\s*in total/.exec(text);
  if (!match) throw new Error(`unexpected tile text: ${text}`);
  const count = (value: string) => Number(value.replace(/[^\d]/g, ''));
  return { open: count(match[1]!), total: count(match[2]!) };
}

describe.skipIf(Boolean(skipReason))('a work order from request to done, in the browser', () => {
  let browser: Browser;
  let planner: Session;
  let technicianSession: Session;
  let manager: Session;
  let plannerApi: ApiClient;
  let target: Target;
  let technician: Technician;
  let equipmentNumber: string;
  const title = `Replace the guard door seal ${Date.now().toString(36)}`;
  const created = { id: '', number: '' };
  let unreadBefore = 0;
  /** Watched for from before the drop: a toast stays for six seconds only. */
  let toastSeen: Promise<void> = Promise.resolve();
  let dashboardBefore = { open: 0, total: 0 };

  beforeAll(async () => {
    browser = await launchBrowser();
    plannerApi = await ApiClient.logIn(baseUrl, 'planner@example.com');
    planner = await openContext(browser, baseUrl);
    target = await targetIn(planner.page);
    technician = await freeTechnician(plannerApi, target);
    equipmentNumber = await freeEquipment(plannerApi, target);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await captureFailure(task.name, { planner, technician: technicianSession, manager });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a planner logs in, creates a work order through the form and finds it in the list', async () => {
    const { page } = planner;
    await logIn(page, 'planner@example.com');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work orders', exact: true }).click();
    await page.getByRole('link', { name: 'New work order' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('The seal on the guard door leaks coolant; replace it and test the interlock.');
    await page.getByRole('combobox', { name: 'Equipment' }).fill(equipmentNumber);
    await page.getByRole('option', { name: new RegExp(`^${equipmentNumber} `) }).click();
    await page.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'High' }).click();
    await page.getByRole('spinbutton', { name: 'Estimated minutes' }).fill('60');
    await page.getByRole('button', { name: 'Create work order' }).click();

    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    created.id = page.url().split('/').pop()!;
    await textOf(page.getByRole('heading', { level: 1 })).toContain(title);
    const headingText = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    created.number = /^(\S+)/.exec(headingText)![1]!;
    expect(created.number).toMatch(/^WO-\d+$/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work orders', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(title);
    const row = page.getByTestId('work-order-row').filter({ hasText: created.number });
    await visible(row);
    expect(await row.textContent()).toContain(title);
    await settled(page);
    await screenshot(page, 'journey-work-orders-search');
  });

  it('the technician and the manager are logged in on browsers of their own', async () => {
    const techApi = await ApiClient.logIn(baseUrl, technician.email!);
    // The login the board's technician row belongs to: the account linked to that technician.
    expect(techApi.user.technicianId).toBe(technician.id);

    technicianSession = await loggedInSession(browser, baseUrl, technician.email!, PHONE);
    await technicianSession.page.waitForURL(/\/my-work$/);
    await settled(technicianSession.page);
    unreadBefore = unreadIn(await bell(technicianSession.page).getAttribute('aria-label'));

    manager = await loggedInSession(browser, baseUrl, 'manager@example.com');
    await manager.page.waitForURL(/\/dashboard$/);
    await visible(manager.page.getByRole('list', { name: 'Key figures' }));
  });

  it('the planner drags it from the backlog onto the technician’s row on the board', async () => {
    const { page } = planner;
    await page.goto(`/schedule?view=day&date=${target.date}&q=${encodeURIComponent(technician.employeeId)}`);
    await page.getByRole('textbox', { name: 'Search backlog' }).fill(created.number);
    const item = page.getByTestId(`backlog-item-${created.number}`);
    await visible(item);
    await visible(page.getByRole('heading', { name: 'Backlog (1)' }));
    await expect.poll(() => page.getByRole('list', { name: 'Unscheduled work orders' }).getAttribute('aria-busy')).toBe('false');
    const row = page.getByTestId(`board-row-${technician.employeeId}`);
    // The row's booked hours show once its schedule has loaded.
    await textOf(row).toMatch(/ of [\d.,]+ h/);
    await settled(page);
    const slot = page.getByTestId(`board-slot-${technician.employeeId}-${target.slot}`);
    toastSeen = visible(technicianSession.page.getByRole('alert').filter({ hasText: created.number }));
    toastSeen.catch(() => undefined); // awaited (and reported) in the next test
    await dragAndDrop(page, item, slot);

    await visible(row.getByTestId(`board-bar-${created.number}`));
    await expect
      .poll(async () => {
        const workOrder = await plannerApi.get<WorkOrder>(`/work-orders/${created.id}`);
        return { status: workOrder.status, technicianId: workOrder.technicianId, start: workOrder.scheduledStartTime };
      })
      .toEqual({ status: 'SCHEDULED', technicianId: technician.id, start: target.start });
    await expect.poll(() => page.getByTestId(`backlog-item-${created.number}`).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'journey-board-after-drag');
  });

  it('the technician sees the assignment arrive live, opens it, starts and completes it', async () => {
    const { page } = technicianSession;
    // No reload: the toast and the badge come over the real-time channel.
    await toastSeen;
    await expect.poll(async () => unreadIn(await bell(page).getAttribute('aria-label'))).toBe(unreadBefore + 1);
    await visible(page.getByRole('article', { name: new RegExp(`^${created.number} `) }));
    await screenshot(page, 'journey-my-work-phone');

    dashboardBefore = await openTile(manager.page);

    await bell(page).click();
    await page.waitForURL(/\/notifications$/);
    await page
      .getByRole('button', { name: new RegExp(`#${created.number}`) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/work-orders/${created.id}$`));
    await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Start work' }).click();
    await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Complete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Remedy' }).fill('REPLACED SEAL');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(async () => (await plannerApi.get<WorkOrder>(`/work-orders/${created.id}`)).status).toBe('COMPLETED');
    await expect.poll(() => page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Complete' }).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'journey-work-order-completed-phone');
    const findings = await seriousViolations(page);
    expect(findings, axeReport(findings)).toEqual([]);
  });

  it('the manager’s dashboard follows: one open work order fewer, the total unchanged', async () => {
    const { page } = manager;
    await expect
      .poll(() => openTile(page), { timeout: 20_000, interval: 500 })
      .toEqual({
        open: dashboardBefore.open - 1,
        total: dashboardBefore.total,
      });
    await settled(page);
    await screenshot(page, 'journey-dashboard-after-completion');

    await planner.page.goto(`/work-orders/${created.id}`);
    await textOf(planner.page.getByRole('heading', { level: 1 })).toContain(created.number);
    await settled(planner.page);
    await screenshot(planner.page, 'journey-work-order-completed');
  });
});
