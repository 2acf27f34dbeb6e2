import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PLAN_ID, PUMP_ID, plan, pump } from '../testing/plan-fixtures';
import { forecastRange } from '../utils/forecast-chart';
import { PmPlansPage } from './PmPlansPage';

const week = (weekStart: string, loadHours: number, capacityHours: number) => ({ weekStart, loadHours, capacityHours, bySkill: [] });

function api() {
  return fakeApi()
    .on('GET', '/pm-plans', () => json({ data: [plan()], total: 1, page: 1, limit: 20 }))
    .on('GET', '/equipment', () => json({ data: [pump], total: 1, page: 1, limit: 20 }))
    .on('GET', `/equipment/${PUMP_ID}`, () => json(pump))
    .on('GET', '/pm-plans/forecast', ({ url }) =>
      json({
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        occurrences: [],
        weeks: [week('2026-11-30T00:00:00.000Z', 30, 80), week('2026-12-07T00:00:00.000Z', 96.04, 80)],
        backlogWeeks: 1.5,
      }),
    )
    .on('GET', '/pm-plans/compliance', () =>
      json({ from: '', to: '', due: 40, completedInWindow: 36, rate: 90, rule: 'Due: PM work orders due in the range.' }),
    );
}

describe('the PM screen', { timeout: 40_000 }, () => {
  it('lists plans with their trigger and next due date, and filters by status on the server', async () => {
    const fake = api();
    renderScreen(<PmPlansPage />, { path: '/pm-plans', user: userWith('planner') });
    const row = (await screen.findAllByTestId('pm-plan-row'))[0]!;
    expect(within(row).getByRole('link', { name: 'Pump lubrication' })).toHaveAttribute(
      'href',
      '/pm-plans/00000000-0000-4000-8000-000000000701',
    );
    expect(row).toHaveTextContent(/Every month from .*, fixed dates/);
    expect(await within(row).findByText('EQ-1 · Feed pump')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Paused' }));
    await waitFor(() => expect(fake.calls('GET', '/pm-plans').at(-1)!.url.searchParams.get('status')).toBe('PAUSED'));
  });

  it('charts planned hours against capacity per week and flags the weeks over capacity', async () => {
    const fake = api();
    renderScreen(<PmPlansPage />, { path: '/pm-plans', url: '/pm-plans?tab=forecast&weeks=8', user: userWith('planner') });
    expect(await screen.findByText(/126 h planned against 160 h of technician time/)).toBeInTheDocument();
    expect(Object.fromEntries(fake.calls('GET', '/pm-plans/forecast')[0]!.url.searchParams)).toEqual(forecastRange(8));
    expect(screen.getByRole('alert')).toHaveTextContent('1 week asks for more hours than the technicians have');
    expect(screen.getByText('90 %')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Show the figures as a table' }));
    const rows = within(screen.getByRole('table', { name: 'Planned hours and capacity per week' })).getAllByRole('row');
    expect(rows.slice(1).map((row) => row.textContent)).toEqual([
      expect.stringMatching(/30 h80 h38 %$/),
      expect.stringMatching(/96 h80 h120 % \(over\)$/),
    ]);
  });
});

describe('the plan list by keyboard', { timeout: 40_000 }, () => {
  const SECOND_ID = '00000000-0000-4000-8000-000000000702';
  const second = plan({ id: SECOND_ID, name: 'Fan belt check' });

  it('gives the focus back to Pause, now Resume, once the pause is saved', async () => {
    let stored = plan();
    let answer: () => void = () => undefined;
    const fake = api()
      .on('GET', '/pm-plans', () => json({ data: [stored], total: 1, page: 1, limit: 20 }))
      .on('PATCH', `/pm-plans/${PLAN_ID}`, async () => {
        await new Promise<void>((resolve) => (answer = resolve));
        stored = plan({ status: 'PAUSED', version: 5 });
        return json(stored);
      });
    renderScreen(<PmPlansPage />, { path: '/pm-plans', user: userWith('planner') });
    const pause = await screen.findByRole('button', { name: 'Pause Pump lubrication' });
    pause.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(fake.calls('PATCH', `/pm-plans/${PLAN_ID}`)).toHaveLength(1));
    // Disabled while it is saved, it drops the focus to the page.
    expect(pause).toBeDisabled();
    expect(document.activeElement).toBe(document.body);
    answer();

    const resume = await screen.findByRole('button', { name: 'Resume Pump lubrication' });
    await waitFor(() => expect(resume).toHaveFocus());
  });

  it("moves the focus to the next plan's Delete once a plan is deleted", async () => {
    let stored = [plan(), second];
    const fake = api()
      .on('GET', '/pm-plans', () => json({ data: stored, total: stored.length, page: 1, limit: 20 }))
      .on('DELETE', `/pm-plans/${PLAN_ID}`, () => {
        stored = [second];
        return new Response(null, { status: 204 });
      });
    renderScreen(<PmPlansPage />, { path: '/pm-plans', user: userWith('planner') });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Pump lubrication' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete plan' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: 'Pump lubrication' })).not.toBeInTheDocument());
    expect(fake.calls('DELETE', `/pm-plans/${PLAN_ID}`)).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete Fan belt check' })).toHaveFocus());
  });

  it('moves the focus to the list once its last plan is deleted', async () => {
    let stored = [plan()];
    api()
      .on('GET', '/pm-plans', () => json({ data: stored, total: stored.length, page: 1, limit: 20 }))
      .on('DELETE', `/pm-plans/${PLAN_ID}`, () => {
        stored = [];
        return new Response(null, { status: 204 });
      });
    renderScreen(<PmPlansPage />, { path: '/pm-plans', user: userWith('planner') });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Pump lubrication' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete plan' }));

    expect(await screen.findByText('No PM plans match')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('region', { name: 'PM plans' })).toHaveFocus());
  });
});
