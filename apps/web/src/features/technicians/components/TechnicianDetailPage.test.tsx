import type { TechnicianPerformance, TechnicianSchedule } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { TECHNICIAN_ID, technician, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { TECHNICIAN_REFRESH_MS, technicianRealtime } from '../realtime/technician-realtime';
import { mondayOf } from '../utils/week';
import { TechnicianDetailPage } from './TechnicianDetailPage';

const jan = technician({ email: 'tech4@example.com' });

interface Figures {
  week?: Partial<Pick<TechnicianSchedule, 'totalHoursScheduled' | 'availableHours' | 'utilization'>>;
  performance?: Partial<TechnicianPerformance>;
}

function setup({ week = {}, performance = {} }: Figures = {}) {
  const monday = mondayOf(new Date());
  const tuesdayNine = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 1, 9);
  let booked = [
    workOrder({
      title: 'Replace contactor',
      status: 'SCHEDULED',
      technicianId: TECHNICIAN_ID,
      scheduledStartTime: tuesdayNine.toISOString(),
      scheduledEndTime: new Date(tuesdayNine.getTime() + 2 * 3_600_000).toISOString(),
    }),
  ];
  const schedule = (start: string, end: string): TechnicianSchedule => ({
    technicianId: TECHNICIAN_ID,
    start,
    end,
    workOrders: booked,
    totalWorkOrders: booked.length,
    totalHoursScheduled: 2 * booked.length,
    availableHours: 40,
    utilization: 5 * booked.length,
    ...week,
  });
  const api = fakeApi()
    .on('GET', '/technicians/:id', () => json(jan))
    .on('GET', '/technicians/:id/availability', () =>
      json({
        technicianId: TECHNICIAN_ID,
        timezone: 'UTC',
        weeklyPattern: [{ weekday: 1, start: '08:00', end: '16:00' }],
        exceptions: [],
        version: 1,
      }),
    )
    .on('GET', '/technicians/:id/schedule', ({ url }) => json(schedule(url.searchParams.get('start')!, url.searchParams.get('end')!)))
    .on('GET', '/technicians/:id/performance', ({ url }) =>
      json({
        technicianId: TECHNICIAN_ID,
        start: url.searchParams.get('start'),
        end: url.searchParams.get('end'),
        totalWorkOrders: 6,
        completedWorkOrders: 3,
        onTimeCompletionRate: 66.67,
        averageCompletionTime: 1.7,
        firstTimeFixRate: 33.33,
        utilizationRate: 3,
        topEquipmentTypes: [{ equipmentType: 'CNC Machine', count: 2 }],
        ...performance,
      }),
    );
  const client = fakeRealtimeClient();
  renderScreen(<TechnicianDetailPage />, {
    path: '/technicians/:technicianId',
    url: `/technicians/${TECHNICIAN_ID}`,
    user: userWith('planner'),
    realtime: { client, bindings: [technicianRealtime] },
  });
  const book = () =>
    (booked = [
      ...booked,
      workOrder({
        title: 'Inspect panel',
        status: 'SCHEDULED',
        scheduledStartTime: booked[0]!.scheduledEndTime,
        scheduledEndTime: booked[0]!.scheduledEndTime,
      }),
    ]);
  return { api, client, monday, book };
}

describe('one technician', () => {
  it('shows the week of booked work day by day, and pages by week', async () => {
    const { api, monday } = setup();
    const schedule = await screen.findByRole('region', { name: 'Schedule' });
    expect(await within(schedule).findByText('Replace contactor')).toBeInTheDocument();
    expect(within(schedule).getByText('1 booked · 2 h of 40 h shift time · utilization 5 %')).toBeInTheDocument();
    const first = api.calls('GET', `/technicians/${TECHNICIAN_ID}/schedule`)[0]!.url.searchParams;
    expect(first.get('start')).toBe(monday.toISOString());

    await userEvent.click(within(schedule).getByRole('button', { name: 'Next week' }));
    await waitFor(() =>
      expect(api.calls('GET', `/technicians/${TECHNICIAN_ID}/schedule`).at(-1)!.url.searchParams.get('start')).toBe(
        new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7).toISOString(),
      ),
    );
    // Performance, over the last 30 days by default; a planner edits availability but not skills.
    const performance = screen.getByRole('region', { name: 'Performance' });
    expect(await within(performance).findByText('3 of 6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit availability' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit skills' })).not.toBeInTheDocument();
  });

  it('asks for the schedule again when a booking of this technician changes', async () => {
    const { api, client, book } = setup();
    const schedule = await screen.findByRole('region', { name: 'Schedule' });
    await within(schedule).findByText('Replace contactor');
    book();
    client.emit('technician:schedule_update', {
      eventId: 3,
      technicianId: TECHNICIAN_ID,
      schedule: {
        change: 'assigned',
        workOrderId: '00000000-0000-4000-8000-000000000999',
        workOrderNumber: 'WO-000999',
        title: 'Inspect panel',
        status: 'SCHEDULED',
        priority: 'LOW',
        scheduledStartTime: null,
        scheduledEndTime: null,
      },
      timestamp: '2026-11-29T07:00:00.000Z',
    });
    expect(await within(schedule).findByText('Inspect panel', {}, { timeout: TECHNICIAN_REFRESH_MS + 3000 })).toBeInTheDocument();
    expect(api.calls('GET', `/technicians/${TECHNICIAN_ID}/schedule`)).toHaveLength(2);
  });

  it('rounds its figures to one decimal, as the dashboard does', async () => {
    setup({
      week: { totalHoursScheduled: 13.3333, availableHours: 33.6, utilization: 39.6825 },
      performance: { onTimeCompletionRate: 71.4286, firstTimeFixRate: 33.3333, averageCompletionTime: 4.3333, utilizationRate: 12.05 },
    });
    const schedule = await screen.findByRole('region', { name: 'Schedule' });
    expect(await within(schedule).findByText('1 booked · 13.3 h of 33.6 h shift time · utilization 39.7 %')).toBeInTheDocument();
    expect(within(schedule).getByRole('progressbar', { name: 'Utilization 39.7 %' })).toBeInTheDocument();
    const performance = screen.getByRole('region', { name: 'Performance' });
    await within(performance).findByText('3 of 6');
    const figure = (label: string) => within(performance).getByText(label).nextElementSibling?.textContent;
    expect(figure('On time')).toBe('71.4 %');
    expect(figure('First-time fix')).toBe('33.3 %');
    expect(figure('Mean time to complete')).toBe('4.3 h');
    expect(figure('Utilization (worked ÷ shift)')).toBe('12.1 %');
  });
});
