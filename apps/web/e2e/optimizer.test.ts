import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type WorkOrder } from './support/api';
import {
  type Session,
  axeReport,
  captureFailure,
  launchBrowser,
  loggedInSession,
  screenshot,
  seriousViolations,
  settled,
  textOf,
  visible,
} from './support/browser';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

interface Run {
  status: string;
  publishedAt: string | null;
  assignments: { workOrderId: string; technicianIds: string[]; start: string; end: string }[];
}

describe.skipIf(Boolean(skipReason))('the optimizer, run from the scheduling board', () => {
  let browser: Browser;
  let planner: Session | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    browser = await launchBrowser();
    api = await ApiClient.logIn(baseUrl, 'planner@example.com');
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await captureFailure(task.name, { planner });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('plans the next working day with a short time limit, shows its progress, and publishes', async () => {
    planner = await loggedInSession(browser, baseUrl, 'planner@example.com');
    const { page } = planner;
    // The next working day, whole: the run plans the range the board shows, from now on.
    const date = await page.evaluate(() => {
      const day = new Date();
      day.setDate(day.getDate() + 1);
      while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    });
    await page.goto(`/schedule?view=day&date=${date}`);
    await settled(page);

    await page.getByRole('spinbutton', { name: 'Time limit (seconds)' }).fill('3');
    await page.getByRole('button', { name: 'Run optimizer' }).click();
    await visible(page.getByRole('progressbar', { name: 'Optimizer progress' }));
    await page.waitForURL(/[?&]run=[0-9a-f-]{36}/);
    const runId = new URL(page.url()).searchParams.get('run')!;

    // Elapsed time and the best score so far, until the limit ends the run.
    await textOf(page.getByTestId('optimizer-best-score')).toMatch(/ of 3 s · best score: /);
    await textOf(page.getByRole('status').filter({ hasText: /^(Solving…|Done|Stopped|Failed)/ }), 60_000).toMatch(/^Done/);
    await visible(page.getByRole('region', { name: 'Proposal compared with the current plan' }));
    await visible(page.getByRole('heading', { name: /^What moves \(\d+\)$/ }));
    await settled(page);
    await screenshot(page, 'optimizer-proposal');
    const findings = await seriousViolations(page, page.getByRole('region', { name: 'Optimizer' }));
    expect(findings, axeReport(findings)).toEqual([]);

    await page.getByRole('button', { name: 'Publish schedule' }).click();
    await textOf(page.getByRole('status').filter({ hasText: /^Published \d+ work order/ }), 30_000).toMatch(
      /^Published \d+ work orders?; \d+ already as proposed/,
    );

    const run = await api.get<Run>(`/schedules/runs/${runId}`);
    expect(run.status).toBe('DONE');
    expect(run.publishedAt).not.toBeNull();
    // What the run proposed is now the plan.
    for (const assignment of run.assignments.slice(0, 5)) {
      const workOrder = await api.get<WorkOrder>(`/work-orders/${assignment.workOrderId}`);
      expect({ technicianId: workOrder.technicianId, start: workOrder.scheduledStartTime }).toEqual({
        technicianId: assignment.technicianIds[0],
        start: assignment.start,
      });
    }
    await expect.poll(() => page.getByRole('button', { name: 'Publish schedule' }).isDisabled()).toBe(true);
    await settled(page);
    await screenshot(page, 'optimizer-published');
    await screenshot(page, 'scheduling-board', { fullPage: false });
  });
});
