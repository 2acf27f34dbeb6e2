import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PUMP_ID, plan, pump } from '../testing/plan-fixtures';
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
