import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { FAN_ID, GAUGE_ID, PLAN_ID, PUMP_ID, fan, plan, pump, pumpMeters } from '../testing/plan-fixtures';
import { CreatePmPlanPage } from './CreatePmPlanPage';

function api() {
  return fakeApi()
    .on('GET', '/equipment', () => json({ data: [pump, fan], total: 2, page: 1, limit: 20 }))
    .on('GET', `/equipment/${PUMP_ID}`, () => json(pump))
    .on('GET', `/equipment/${FAN_ID}`, () => json(fan))
    .on('GET', `/equipment/${PUMP_ID}/meters`, () => json(pumpMeters))
    .on('GET', '/parts', () => json({ data: [], total: 0, page: 1, limit: 20 }))
    .on('POST', '/pm-plans', () => json(plan(), 201));
}

const open = () => renderScreen(<CreatePmPlanPage />, { path: '/pm-plans/new', user: userWith('planner') });
/** Pasting instead of typing key by key: MUI fields re-render on every key, and two shared cores are slow. */
async function fill(label: string | RegExp, text: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  await userEvent.click(field);
  await userEvent.paste(text);
}

const submit = () => userEvent.click(screen.getByRole('button', { name: 'Create plan' }));

async function fillBasics(...equipment: string[]) {
  await fill(/^plan name/i, 'Pump lubrication');
  for (const name of equipment) {
    await userEvent.click(screen.getByRole('combobox', { name: /^equipment/i }));
    await userEvent.click(await screen.findByRole('option', { name }));
  }
  await fill(/^work order title/i, 'Lubricate the bearings');
}

describe('a new PM plan opened by a technician by its address', () => {
  it('says who makes plans, shows no form and asks the server nothing', () => {
    const api = fakeApi();
    renderScreen(<CreatePmPlanPage />, { path: '/pm-plans/new', user: userWith('technician') });
    expect(screen.getByText('PM plans are made by planners, managers and administrators.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /create/i })).not.toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });
});

describe('the PM plan editor checks triggers with the contract before sending', { timeout: 40_000 }, () => {
  it('names a missing interval, name, equipment and title, and sends nothing', async () => {
    const fake = api();
    open();
    await userEvent.clear(screen.getByLabelText('Every'));
    await submit();

    expect(screen.getByLabelText('Every')).toHaveAccessibleDescription('A whole number from 1 to 1000');
    expect(screen.getByLabelText(/^plan name/i)).toHaveAccessibleDescription('must not be empty');
    expect(screen.getByLabelText(/^work order title/i)).toHaveAccessibleDescription('must not be empty');
    expect(screen.getByRole('combobox', { name: /^equipment/i })).toHaveAccessibleDescription('Choose at least one piece of equipment');
    expect(within(screen.getByRole('form', { name: 'New PM plan' })).getAllByRole('alert')[0]).toHaveTextContent(
      'Some fields need attention.',
    );
    expect(fake.calls('POST', '/pm-plans')).toHaveLength(0);
    await waitFor(() => expect(screen.getByLabelText(/^plan name/i)).toHaveFocus());
  });

  it('refuses an interval over 1000 with the same message', async () => {
    api();
    open();
    await fill('Every', '1001');
    await submit();
    expect(screen.getByLabelText('Every')).toHaveAccessibleDescription('A whole number from 1 to 1000');
  });

  it('checks an RRULE as it is written, then sends it as a fixed calendar trigger', async () => {
    const fake = api();
    const { router } = open();
    await fillBasics('EQ-1 · Feed pump');
    await userEvent.click(screen.getByRole('radio', { name: 'Recurrence rule (RRULE)' }));
    await fill('RRULE', 'FREQ=HOURLY');
    await submit();
    expect(screen.getByLabelText('RRULE')).toHaveAccessibleDescription(/FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY/);
    expect(fake.calls('POST', '/pm-plans')).toHaveLength(0);

    await fill('RRULE', 'FREQ=MONTHLY;BYDAY=1MO');
    await fill(/^starts on/i, '2026-12-01');
    // Lubrication: too early is as bad as too late.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Not well before it is due' }));
    await submit();

    await waitFor(() => expect(router.state.location.pathname).toBe(`/pm-plans/${PLAN_ID}`));
    const [sent] = fake.calls('POST', '/pm-plans');
    expect(sent!.body).toEqual({
      name: 'Pump lubrication',
      description: null,
      equipmentIds: [PUMP_ID],
      template: {
        title: 'Lubricate the bearings',
        description: null,
        type: 'PREVENTIVE',
        priority: 'MEDIUM',
        estimatedDuration: null,
        requiredSkills: [],
        crewSize: 1,
        // Left as they were: no downtime, no groups.
        requiresDowntime: false,
        avoidEarly: true,
        conflictGroups: [],
        tasks: [],
        parts: [],
      },
      calendar: { rrule: 'FREQ=MONTHLY;BYDAY=1MO', startsOn: '2026-12-01', endsOn: null, mode: 'FIXED' },
      meter: null,
      leadDays: 0,
      window: { gracePercent: 20, graceMaxDays: 28 },
      holidayRule: 'NONE',
      catchUp: 'LATEST',
      status: 'ACTIVE',
    });
    expect(sent!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks a meter trigger for a threshold, refuses every-N on a gauge, and sends the meter alone', async () => {
    const fake = api();
    open();
    await fillBasics('EQ-1 · Feed pump');
    await userEvent.click(screen.getByLabelText('Calendar trigger'));
    await userEvent.click(screen.getByLabelText('Meter trigger'));
    await userEvent.click(await screen.findByRole('combobox', { name: /^meter/i }));
    await userEvent.click(await screen.findByRole('option', { name: 'Run hours (h, counter)' }));
    await submit();
    expect(screen.getByLabelText('Every (h)')).toHaveAccessibleDescription('give every, above or below');

    await userEvent.click(screen.getByRole('combobox', { name: /^meter/i }));
    await userEvent.click(await screen.findByRole('option', { name: 'Bearing temperature (°C, gauge)' }));
    await fill('Every (°C)', '100');
    await submit();
    expect(screen.getByLabelText('Every (°C)')).toHaveAccessibleDescription(/need a counter meter/);

    await userEvent.clear(screen.getByLabelText('Every (°C)'));
    await fill('When above (°C)', '80');
    await submit();
    await waitFor(() => expect(fake.calls('POST', '/pm-plans')).toHaveLength(1));
    const body = fake.calls('POST', '/pm-plans')[0]!.body as Record<string, unknown>;
    expect(body.calendar).toBeNull();
    expect(body.meter).toEqual({ meterId: GAUGE_ID, above: 80 });
  });

  it('keeps a meter trigger to one piece of equipment', async () => {
    const fake = api();
    open();
    await fillBasics('EQ-1 · Feed pump', 'EQ-2 · Cooling fan');
    await userEvent.click(screen.getByLabelText('Meter trigger'));
    expect(screen.getByText(/choose exactly one piece of equipment first/)).toBeInTheDocument();
    await submit();
    expect(screen.getByRole('combobox', { name: /^equipment/i })).toHaveAccessibleDescription(
      /A meter trigger belongs to one piece of equipment/,
    );
    expect(fake.calls('POST', '/pm-plans')).toHaveLength(0);
  });
});

describe('the PM plan editor says what is wrong in plain words', { timeout: 40_000 }, () => {
  it('names the allowed range of minutes, days and percentages, and the end before the start', async () => {
    const fake = api();
    open();
    await fillBasics('EQ-1 · Feed pump');
    await fill(/^starts on/i, '2026-12-01');
    await fill(/^ends on/i, '2026-11-30');
    await fill('Estimated minutes', '-15');
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await fill('Task 1', 'Grease the bearings');
    await fill('Minutes for task 1', '7.5');
    await fill(/^lead time \(days\)/i, '400');
    await fill('Compliance grace (% of the interval)', '150');
    await fill('Compliance grace at most (days)', '-1');
    await submit();

    expect(screen.getByLabelText(/^ends on/i)).toHaveAccessibleDescription('Must not be before the start date');
    expect(screen.getByLabelText('Estimated minutes')).toHaveAccessibleDescription('Whole minutes, from 0 to 525,600 (a year)');
    expect(screen.getByLabelText('Minutes for task 1')).toHaveAccessibleDescription('Whole minutes, from 0 to 525,600 (a year)');
    expect(screen.getByLabelText(/^lead time \(days\)/i)).toHaveAccessibleDescription('Whole days, from 0 to 365');
    expect(screen.getByLabelText('Compliance grace (% of the interval)')).toHaveAccessibleDescription('A percentage from 0 to 100');
    expect(screen.getByLabelText('Compliance grace at most (days)')).toHaveAccessibleDescription('Whole days, from 0 to 365');
    expect(screen.getByRole('form', { name: 'New PM plan' })).not.toHaveTextContent(/expected|startsOn/);
    expect(fake.calls('POST', '/pm-plans')).toHaveLength(0);
  });

  it('says once that fields need attention when the server refuses one', async () => {
    const fake = api().on('POST', '/pm-plans', () =>
      problem(400, { title: 'Invalid input', errors: [{ path: 'calendar.rrule', message: 'The rule never occurs' }] }),
    );
    open();
    await fillBasics('EQ-1 · Feed pump');
    await userEvent.click(screen.getByRole('radio', { name: 'Recurrence rule (RRULE)' }));
    await fill('RRULE', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30');
    await fill(/^starts on/i, '2026-12-01');
    await submit();

    await waitFor(() => expect(fake.calls('POST', '/pm-plans')).toHaveLength(1));
    expect(await screen.findByLabelText('RRULE')).toHaveAccessibleDescription('The rule never occurs');
    expect(screen.getAllByText('Some fields need attention.')).toHaveLength(1);
  });
});
