import type { WorkOrderUpdateEvent } from '@msched/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { WorkOrdersPage } from '../components/WorkOrdersPage';
import { workOrderRealtime } from './work-order-realtime';

const leak = workOrder({ title: 'Seal leaking', status: 'OPEN', version: 2 });
const noise = workOrder({ title: 'Bearing noise', status: 'OPEN', version: 1 });

function event(eventType: WorkOrderUpdateEvent['eventType'], data: Partial<WorkOrderUpdateEvent['data']>): WorkOrderUpdateEvent {
  return {
    eventId: 41,
    eventType,
    workOrderId: leak.id,
    timestamp: new Date().toISOString(),
    data: {
      workOrderNumber: leak.workOrderNumber,
      title: leak.title,
      type: leak.type,
      status: leak.status,
      priority: leak.priority,
      equipmentId: leak.equipmentId,
      technicianId: null,
      crewTechnicianIds: [],
      requesterId: null,
      dueDate: leak.dueDate,
      scheduledStartTime: null,
      scheduledEndTime: null,
      version: leak.version,
      updatedAt: new Date().toISOString(),
      ...data,
    },
  };
}

function setup() {
  const client = fakeRealtimeClient();
  let rows = [leak, noise];
  const api = fakeApi().on('GET', '/work-orders', () => json(pageOf(rows)));
  renderScreen(<WorkOrdersPage />, {
    path: '/work-orders',
    user: userWith('planner'),
    realtime: { client, bindings: [workOrderRealtime] },
  });
  return { client, api, setRows: (next: typeof rows) => (rows = next) };
}

const rowOf = (title: string) => screen.getByText(title).closest('tr')!;

describe('the list follows the real-time channel', () => {
  it('shows another user’s change in place at once, then asks the server again', async () => {
    const { client, api, setRows } = setup();
    await screen.findByText('Seal leaking');
    expect(client.subscribed).toEqual(['workorders:all']);
    const fetchesBefore = api.calls('GET', '/work-orders').length;
    setRows([{ ...leak, status: 'IN_PROGRESS', priority: 'CRITICAL', version: 3 }, noise]);

    act(() =>
      client.emit(
        'workorder:update',
        event('status_change', { status: 'IN_PROGRESS', priority: 'CRITICAL', oldStatus: 'OPEN', newStatus: 'IN_PROGRESS', version: 3 }),
      ),
    );

    // In place (next frame), before any request: the event carries the new state.
    expect(await within(rowOf('Seal leaking')).findByText('In progress')).toBeInTheDocument();
    expect(within(rowOf('Seal leaking')).getByText('Critical')).toBeInTheDocument();
    expect(api.calls('GET', '/work-orders')).toHaveLength(fetchesBefore);
    // Then the list is asked again (filters and sort are the server's to apply).
    await waitFor(() => expect(api.calls('GET', '/work-orders').length).toBe(fetchesBefore + 1));
  });

  it('ignores an event older than what is shown, and removes a deleted work order', async () => {
    const { client } = setup();
    await screen.findByText('Seal leaking');
    act(() => client.emit('workorder:update', event('updated', { title: 'Stale title', version: 1 })));
    // Past the frame in which a patch would show: the row still holds the newer version.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(screen.getByText('Seal leaking')).toBeInTheDocument();
    expect(screen.queryByText('Stale title')).not.toBeInTheDocument();
    act(() => client.emit('workorder:update', event('updated', { title: 'Seal leaking (checked)', version: 3 })));
    expect(await screen.findByText('Seal leaking (checked)')).toBeInTheDocument();
    act(() => client.emit('workorder:update', event('deleted', { version: 4 })));
    await waitFor(() => expect(screen.queryByText('Seal leaking (checked)')).not.toBeInTheDocument());
    expect(screen.getByText('Bearing noise')).toBeInTheDocument();
  });
});
