import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PLAN_ID, PUMP_ID, plan, pump, pumpMeters } from '../testing/plan-fixtures';
import { PmPlanDetailPage } from './PmPlanDetailPage';

function api(stored = plan()) {
  return fakeApi()
    .on('GET', `/pm-plans/${PLAN_ID}`, () => json(stored))
    .on('PATCH', `/pm-plans/${PLAN_ID}`, ({ body }) => json({ ...stored, ...(body as object), version: 5 }))
    .on('GET', '/equipment', () => json({ data: [pump], total: 1, page: 1, limit: 20 }))
    .on('GET', `/equipment/${PUMP_ID}`, () => json(pump))
    .on('GET', `/equipment/${PUMP_ID}/meters`, () => json(pumpMeters))
    .on('GET', '/parts', () => json({ data: [], total: 0, page: 1, limit: 20 }));
}

const open = (role: 'planner' | 'technician' = 'planner') =>
  renderScreen(<PmPlanDetailPage />, { path: '/pm-plans/:planId', url: `/pm-plans/${PLAN_ID}`, user: userWith(role) });

async function fill(label: string | RegExp, text: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  await userEvent.click(field);
  await userEvent.paste(text);
}

describe('editing a PM plan', { timeout: 40_000 }, () => {
  it('sends only what changed, against the version opened', async () => {
    const fake = api();
    const { router } = open();
    expect(await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Equipment and next due dates' })).toHaveTextContent('EQ-1 · Feed pump');
    await fill('Every', '3');
    await fill(/^lead time \(days\)/i, '7');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    const [sent] = fake.calls('PATCH', `/pm-plans/${PLAN_ID}`);
    expect(sent!.headers.get('if-match')).toBe('"4"');
    expect(sent!.body).toEqual({
      calendar: { every: 3, unit: 'MONTH', startsOn: '2026-01-05', endsOn: null, mode: 'FIXED' },
      leadDays: 7,
    });
    // It stays on the plan, now at the saved version.
    expect(router.state.location.pathname).toBe(`/pm-plans/${PLAN_ID}`);
    await waitFor(() => expect(screen.getByLabelText('Every')).toHaveValue(3));
  });

  it('keeps what the form does not show of a task (its description) when the template changes', async () => {
    const fake = api();
    open();
    await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 });
    expect(screen.getByLabelText('Minutes for task 1')).toHaveValue(20);
    await fill(/^work order title/i, 'Lubricate both bearings');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    const body = fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)[0]!.body as { template: { title: string; tasks: unknown[] } };
    expect(Object.keys(body)).toEqual(['template']);
    expect(body.template.title).toBe('Lubricate both bearings');
    expect(body.template.tasks).toEqual([
      { title: 'Grease both bearings', description: 'Lithium grease, two shots each', estimatedDuration: 20 },
    ]);
  });

  it('pauses with PATCH status PAUSED', async () => {
    const fake = api();
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Pause Pump lubrication' }));
    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    const [sent] = fake.calls('PATCH', `/pm-plans/${PLAN_ID}`);
    expect(sent!.body).toEqual({ status: 'PAUSED' });
    expect(sent!.headers.get('if-match')).toBe('"4"');
    // Our own change moves the form onto the new version: no "someone else changed it".
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Status' })).toHaveTextContent('Paused'));
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });

  it('shows a technician the plan without ways to change it', async () => {
    api();
    open('technician');
    expect(await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText(/^plan name/i)).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Pause/ })).not.toBeInTheDocument();
  });
});

describe("a PM plan's template: downtime and conflict groups", { timeout: 40_000 }, () => {
  const shutdownWork = () => {
    const stored = plan();
    return plan({ template: { ...stored.template, requiresDowntime: true, conflictGroups: ['crane:north', 'hot-work'] } });
  };
  const patchedTemplate = (fake: ReturnType<typeof api>) =>
    (fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)[0]!.body as { template: Record<string, unknown> }).template;

  it('loads them and sends them back unchanged when another template field changes', async () => {
    const fake = api(shutdownWork());
    open();
    await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 });
    expect(screen.getByRole('checkbox', { name: 'Needs the equipment down' })).toBeChecked();
    expect(screen.getByLabelText('Conflict groups')).toHaveValue('crane:north, hot-work');
    await fill(/^work order title/i, 'Lubricate both bearings');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    expect(patchedTemplate(fake)).toMatchObject({
      title: 'Lubricate both bearings',
      requiresDowntime: true,
      conflictGroups: ['crane:north', 'hot-work'],
    });
  });

  it('sends the box and groups as changed, after naming a group that is not a label', async () => {
    const fake = api(shutdownWork());
    open();
    await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Needs the equipment down' }));
    await fill('Conflict groups', 'crane:north, hot work');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const groups = screen.getByLabelText('Conflict groups');
    expect(groups).toHaveAttribute('aria-invalid', 'true');
    expect(groups).toHaveAccessibleDescription(/^"hot work": a conflict group is a label of letters/);
    expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(0);

    await fill('Conflict groups', 'Crane:North');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    expect(patchedTemplate(fake)).toMatchObject({ requiresDowntime: false, conflictGroups: ['crane:north'] });
  });
});

describe('where a PM plan stands on its equipment', { timeout: 40_000 }, () => {
  const WORK_ORDER_ID = '00000000-0000-4000-8000-000000000901';
  const targetsTable = async () => {
    await screen.findByRole('heading', { name: 'Pump lubrication', level: 1 });
    return screen.getByRole('table', { name: 'Equipment and next due dates' });
  };

  it('says nothing about open work orders for a fixed plan, whose target does not track them', async () => {
    api(plan());
    open();
    const table = await targetsTable();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Equipment', 'Next due', 'Last generated', 'Last completed']);
    expect(table).not.toHaveTextContent(/None|Nothing/);
  });

  it('links a floating plan to the work order it waits for', async () => {
    const floating = plan({ calendar: { every: 1, unit: 'MONTH', startsOn: '2026-01-05', endsOn: null, mode: 'FLOATING' } });
    api(plan({ ...floating, targets: [{ ...floating.targets[0]!, nextDueAt: null, openWorkOrderId: WORK_ORDER_ID }] }));
    open();
    const table = await targetsTable();
    expect(within(table).getByRole('columnheader', { name: 'Waiting for' })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Open work order' })).toHaveAttribute('href', `/work-orders/${WORK_ORDER_ID}`);
  });

  it('says a floating plan waits for nothing once its work order is done', async () => {
    api(plan({ calendar: { every: 1, unit: 'MONTH', startsOn: '2026-01-05', endsOn: null, mode: 'FLOATING' } }));
    open();
    const table = await targetsTable();
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/Nothing$/);
  });
});
