import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { boardApi, booked, technician } from '../testing/board-fixtures';
import { SchedulingBoardPage } from './SchedulingBoardPage';

// The board works in the device's zone: this file is in Berlin whatever the machine's zone is,
// set before anything (a date formatter, the fixtures) reads it.
vi.hoisted(() => vi.stubEnv('TZ', 'Europe/Berlin'));

const ana = technician('Ana');
const local = (day: number, hours: number, minutes = 0) => new Date(2027, 2, day, hours, minutes).toISOString();

describe('the board on the day the clocks go forward (Berlin, 28 March 2027)', () => {
  it('shows a 23-hour day: no slot for the hour the clocks skip, work across the jump drawn', async () => {
    // 01:30 CET to 03:30 CEST: one real hour.
    const overnight = booked(ana.id, local(28, 1, 30), local(28, 3, 30), { title: 'Overnight pump check' });
    boardApi({ technicians: [ana], work: [overnight, workOrder({ title: 'Inspect valve' })] });
    renderScreen(<SchedulingBoardPage />, { path: '/schedule', url: '/schedule?view=day&date=2027-03-28', user: userWith('planner') });

    const row = await screen.findByTestId(`board-row-${ana.employeeId}`);
    expect(await within(row).findByTestId(`board-bar-${overnight.workOrderNumber}`)).toBeInTheDocument();
    const slots = within(row).getAllByTestId(new RegExp(`^board-slot-${ana.employeeId}-`));
    expect(slots).toHaveLength(23);
    expect(within(row).getByTestId(`board-slot-${ana.employeeId}-2027-03-28T01:00`)).toBeInTheDocument();
    expect(within(row).queryByTestId(`board-slot-${ana.employeeId}-2027-03-28T02:00`)).not.toBeInTheDocument();
    expect(within(row).getByTestId(`board-slot-${ana.employeeId}-2027-03-28T03:00`)).toBeInTheDocument();
  });
});
