import type { AnalyticsOverview, DashboardStats } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { DASHBOARD_REFRESH_MS, dashboardRealtime } from '../realtime/dashboard-realtime';
import { DashboardPage } from './DashboardPage';

const TECHNICIAN = '00000000-0000-4000-8000-000000000901';
const PUMP = '00000000-0000-4000-8000-000000000801';
const OPEN = 'OPEN,SCHEDULED,IN_PROGRESS,ON_HOLD,PENDING_APPROVAL';
const GENERATED_AT = new Date('2026-11-29T12:00:00.000Z');
/** The figures' minute as the list's local "due to" (`YYYY-MM-DDTHH:mm` on this machine's clock). */
const localMinute = new Date(GENERATED_AT.getTime() - GENERATED_AT.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const stats = (overrides: Partial<DashboardStats> = {}): DashboardStats => ({
  totalWorkOrders: 544,
  openWorkOrders: 84,
  overdueWorkOrders: 18,
  highPriorityWorkOrders: 27,
  averageCompletionTime: 2.1891,
  topTechnicians: [{ technicianId: TECHNICIAN, name: 'Sophie Hoffmann', completedCount: 105 }],
  equipmentWithMostWorkOrders: [{ equipmentId: PUMP, name: 'Main Air Compressor', workOrderCount: 30 }],
  pmCompliance: { from: '2026-10-30T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z', due: 5, completedInWindow: 4, rate: 80, rule: 'SMRP' },
  ...overrides,
});

const overview = (weeks = 2): AnalyticsOverview => ({
  // Noon, so "yesterday" is the same local day in every time zone the tests may run in.
  generatedAt: '2026-11-29T12:00:00.000Z',
  weeks,
  backlog: {
    openWorkOrders: 84,
    withoutEstimate: 0,
    openEstimatedHours: 175.25,
    weeklyCrewHours: 493.63,
    backlogWeeks: 0.35,
    capacityFrom: '2026-11-29T12:00:00.000Z',
    capacityTo: '2026-12-27T12:00:00.000Z',
  },
  overdueTrend: [
    { at: '2026-11-22T12:00:00.000Z', overdue: 6 },
    { at: '2026-11-29T12:00:00.000Z', overdue: 18 },
  ],
  pmComplianceTrend: [
    { from: '2026-11-15T12:00:00.000Z', to: '2026-11-22T12:00:00.000Z', due: 0, completedInWindow: 0, rate: null },
    { from: '2026-11-22T12:00:00.000Z', to: '2026-11-29T12:00:00.000Z', due: 5, completedInWindow: 4, rate: 80 },
  ],
  utilization: {
    start: '2026-11-29T12:00:00.000Z',
    end: '2026-12-06T12:00:00.000Z',
    technicians: [{ technicianId: TECHNICIAN, name: 'Jan Neumann', scheduledHours: 7, availableHours: 42.5, utilization: 16.47 }],
  },
  reliabilityByType: [{ equipmentType: 'Packaging Machine', equipmentCount: 5, failures: 12, mtbfHours: 4841.65, mttrHours: 3.18 }],
});

function setup() {
  let current = stats();
  const api = fakeApi()
    .on('GET', '/work-orders/dashboard/stats', () => json(current))
    .on('GET', '/analytics/overview', ({ url }) => json(overview(Number(url.searchParams.get('weeks')))));
  const client = fakeRealtimeClient();
  const view = renderScreen(<DashboardPage />, {
    path: '/dashboard',
    user: userWith('manager'),
    realtime: { client, bindings: [dashboardRealtime] },
  });
  return { api, client, view, setStats: (next: Partial<DashboardStats>) => (current = stats(next)) };
}

const tile = (label: string) =>
  within(screen.getByRole('list', { name: 'Key figures' })).getByRole('link', { name: new RegExp(`^${label}`) });

describe('the dashboard', () => {
  it.each(['technician', 'requester'] as const)('opened by a %s by its address: says whose it is and asks the server nothing', (role) => {
    const api = fakeApi();
    renderScreen(<DashboardPage />, { path: '/dashboard', user: userWith(role) });
    expect(screen.getByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByText(/The dashboard is for planners, managers and administrators/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Key figures' })).not.toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it('shows each headline figure as a link to the list behind it', async () => {
    setup();
    await screen.findByText('84');
    const tiles = within(screen.getByRole('list', { name: 'Key figures' }));
    expect(tiles.getAllByRole('link')).toHaveLength(6);

    expect(tile('Open work orders')).toHaveTextContent('84of 544 in total');
    expect(tile('Open work orders')).toHaveAttribute('href', `/work-orders?status=${encodeURIComponent(OPEN)}`);
    expect(tile('Overdue')).toHaveTextContent('18');
    // Open work due by the minute of the figures (12:00 UTC), in local time, as the tile counts it.
    expect(tile('Overdue')).toHaveAttribute(
      'href',
      `/work-orders?status=${encodeURIComponent(OPEN)}&dueTo=${encodeURIComponent(localMinute)}`,
    );
    expect(tile('High priority')).toHaveTextContent('27');
    expect(tile('High priority')).toHaveAttribute('href', `/work-orders?status=${encodeURIComponent(OPEN)}&priority=HIGH%2CCRITICAL`);
    expect(tile('PM compliance')).toHaveTextContent('80 %4 of 5 due in 30 days done in time');
    expect(tile('PM compliance')).toHaveAttribute('href', '/pm-plans');
    expect(tile('Mean time to complete')).toHaveTextContent('2.2 h');
    expect(tile('Mean time to complete')).toHaveAttribute('href', '/work-orders?status=COMPLETED%2CCLOSED&sort=-updatedAt');
    // Backlog comes from the analytics overview.
    await waitFor(() => expect(tile('Backlog')).toHaveTextContent('0.4 wk175.3 h of 493.6 h crew time a week'));
    expect(tile('Backlog')).toHaveAttribute('href', `/work-orders?status=${encodeURIComponent(OPEN)}`);
  });

  it('summarises each chart, links it to its list, and offers its figures as a table with links', async () => {
    setup();
    expect(await screen.findByText('18 work orders overdue now, up from 6 a week ago.')).toBeInTheDocument();
    const overdue = screen.getByRole('region', { name: 'Overdue, week by week' });
    expect(within(overdue).getByRole('link', { name: 'Overdue list' })).toHaveAttribute(
      'href',
      expect.stringContaining(`dueTo=${encodeURIComponent(localMinute)}`),
    );

    const reliability = screen.getByRole('region', { name: 'Reliability by type' });
    expect(within(reliability).getByText(/Packaging Machine, 201.7 days \(MTTR 3.2 h\)/)).toBeInTheDocument();
    await userEvent.click(within(reliability).getByRole('button', { name: 'Table' }));
    const table = within(reliability).getByRole('table', { name: 'Reliability by type' });
    expect(within(table).getByRole('link', { name: 'Packaging Machine' })).toHaveAttribute('href', '/equipment?type=Packaging+Machine');
    // 4,841.65 h of MTBF read as days.
    const cells = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['Packaging Machine', '5', '12', '201.7', '3.2 h']);

    const utilization = screen.getByRole('region', { name: 'Utilization, next 7 days' });
    await userEvent.click(within(utilization).getByRole('button', { name: 'Table' }));
    expect(within(utilization).getByRole('link', { name: 'Jan Neumann' })).toHaveAttribute('href', `/technicians/${TECHNICIAN}`);

    const leaders = screen.getByRole('region', { name: 'Most work' });
    expect(within(leaders).getByRole('link', { name: 'Sophie Hoffmann' })).toHaveAttribute('href', `/technicians/${TECHNICIAN}`);
    expect(within(leaders).getByRole('link', { name: 'Main Air Compressor' })).toHaveAttribute('href', `/equipment/${PUMP}`);
  });

  it('asks for the chosen number of weeks and keeps it in the URL', async () => {
    const { api, view } = setup();
    await screen.findByText('84');
    expect(api.calls('GET', '/analytics/overview')[0]!.url.searchParams.get('weeks')).toBe('8');
    await userEvent.click(screen.getByRole('combobox', { name: 'Trends over' }));
    await userEvent.click(await screen.findByRole('option', { name: '13 weeks' }));
    await waitFor(() => expect(api.calls('GET', '/analytics/overview').at(-1)!.url.searchParams.get('weeks')).toBe('13'));
    expect(view.router.state.location.search).toBe('?weeks=13');
  });

  it('asks for the figures again after a burst of changes, once', async () => {
    const { api, client, setStats } = setup();
    await screen.findByText('84');
    setStats({ overdueWorkOrders: 17 });
    const event = {
      eventId: 9,
      eventType: 'status_change' as const,
      workOrderId: '00000000-0000-4000-8000-000000000111',
      timestamp: '2026-11-29T12:00:00.000Z',
      data: {
        workOrderNumber: 'WO-000111',
        title: 'Seal',
        type: 'CORRECTIVE' as const,
        status: 'COMPLETED' as const,
        priority: 'HIGH' as const,
        equipmentId: PUMP,
        technicianId: null,
        crewTechnicianIds: [],
        requesterId: null,
        dueDate: null,
        scheduledStartTime: null,
        scheduledEndTime: null,
        version: 3,
        updatedAt: '2026-11-29T12:00:00.000Z',
      },
    };
    client.emit('workorder:update', event);
    client.emit('workorder:update', { ...event, eventId: 10 });
    await waitFor(() => expect(tile('Overdue')).toHaveTextContent('17'), { timeout: DASHBOARD_REFRESH_MS + 3000 });
    expect(api.calls('GET', '/work-orders/dashboard/stats')).toHaveLength(2);
  });
});
