import type { TechnicianScheduleUpdateEvent, WorkOrder, WorkOrderUpdateEvent } from '@msched/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith, workOrder } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { SchedulingBoardPage } from '../components/SchedulingBoardPage';
import { BOARD_URL, at, boardApi, booked, dataTransfer, technician } from '../testing/board-fixtures';
import { schedulingRealtime } from './scheduling-realtime';

const ana = technician('Ana');
const ben = technician('Ben');

function workOrderEvent(
  source: WorkOrder,
  changes: Partial<WorkOrder>,
  eventType: WorkOrderUpdateEvent['eventType'] = 'assigned',
): WorkOrderUpdateEvent {
  const after = { ...source, ...changes };
  return {
    eventId: 90,
    eventType,
    workOrderId: source.id,
    timestamp: new Date().toISOString(),
    data: {
      workOrderNumber: after.workOrderNumber,
      title: after.title,
      type: after.type,
      status: after.status,
      priority: after.priority,
      equipmentId: after.equipmentId,
      technicianId: after.technicianId,
      crewTechnicianIds: after.crewTechnicianIds,
      requesterId: after.requesterId,
      dueDate: after.dueDate,
      scheduledStartTime: after.scheduledStartTime,
      scheduledEndTime: after.scheduledEndTime,
      version: after.version,
      updatedAt: new Date().toISOString(),
    },
  };
}

function setup() {
  const pump = booked(ana.id, at(9), at(10, 30), { title: 'Replace pump seal', version: 3 });
  const valve = workOrder({ title: 'Inspect valve', version: 2 });
  const client = fakeRealtimeClient();
  const fake = boardApi({ technicians: [ana, ben], work: [pump, valve] });
  renderScreen(<SchedulingBoardPage />, {
    path: '/schedule',
    url: BOARD_URL,
    user: userWith('planner'),
    realtime: { client, bindings: [schedulingRealtime] },
  });
  const scheduleCalls = (technicianId: string) => fake.api.calls('GET', `/technicians/${technicianId}/schedule`).length;
  return { client, pump, valve, scheduleCalls, ...fake };
}

const row = (employeeId: string) => screen.getByTestId(`board-row-${employeeId}`);

describe('the board follows the real-time channel', () => {
  it('joins the rooms of work-order and schedule changes', async () => {
    const { client, pump } = setup();
    await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    expect(client.subscribed).toEqual(expect.arrayContaining(['workorders:all', 'technicians:schedule', 'technicians:updates']));
  });

  it('moves a bar another planner re-assigned: off the old row at once, onto the new one when it is asked again', async () => {
    const { client, pump, store, scheduleCalls } = setup();
    await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    const benBefore = scheduleCalls(ben.id);
    const moved = { technicianId: ben.id, scheduledStartTime: at(12), scheduledEndTime: at(13, 30), version: 4 };
    store.set(pump.id, { ...pump, ...moved });

    act(() => client.emit('workorder:update', workOrderEvent(pump, moved)));
    // In place (next frame), before any request.
    await waitFor(() => expect(within(row(ana.employeeId)).queryByTestId(`board-bar-${pump.workOrderNumber}`)).not.toBeInTheDocument());
    expect(scheduleCalls(ben.id)).toBe(benBefore);
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
    expect(scheduleCalls(ben.id)).toBe(benBefore + 1);
  });

  it('re-times a bar from a schedule event in place, then refreshes that row only', async () => {
    const { client, pump, scheduleCalls } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    const before = { ana: scheduleCalls(ana.id), ben: scheduleCalls(ben.id) };
    const event: TechnicianScheduleUpdateEvent = {
      eventId: 91,
      technicianId: ana.id,
      schedule: {
        change: 'rescheduled',
        workOrderId: pump.id,
        workOrderNumber: pump.workOrderNumber,
        title: pump.title,
        status: 'SCHEDULED',
        priority: 'CRITICAL',
        scheduledStartTime: at(11),
        scheduledEndTime: at(12, 30),
      },
      timestamp: new Date().toISOString(),
    };
    const nameBefore = bar.getAttribute('title');
    act(() => client.emit('technician:schedule_update', event));
    await waitFor(() =>
      expect(within(row(ana.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`)).toHaveAccessibleName(/, CRITICAL, /),
    );
    expect(within(row(ana.employeeId)).getByTestId(`board-bar-${pump.workOrderNumber}`).getAttribute('title')).not.toBe(nameBefore);
    expect(scheduleCalls(ana.id)).toBe(before.ana);
    await waitFor(() => expect(scheduleCalls(ana.id)).toBe(before.ana + 1));
    expect(scheduleCalls(ben.id)).toBe(before.ben);
  });

  it('takes work that someone booked off the backlog at once', async () => {
    const { client, valve, api } = setup();
    await screen.findByTestId(`backlog-item-${valve.workOrderNumber}`);
    const booking = { status: 'SCHEDULED' as const, technicianId: ben.id, scheduledStartTime: at(8), scheduledEndTime: at(9), version: 3 };
    const backlogCalls = () => api.calls('GET', '/work-orders').length;
    const before = backlogCalls();
    act(() => client.emit('workorder:update', workOrderEvent(valve, booking)));
    await waitFor(() => expect(screen.queryByTestId(`backlog-item-${valve.workOrderNumber}`)).not.toBeInTheDocument());
    expect(backlogCalls()).toBe(before);
  });

  it('re-shades a row when the technician’s availability changes', async () => {
    const { client, api, pump } = setup();
    await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    const before = api.calls('GET', `/technicians/${ben.id}/availability`).length;
    act(() =>
      client.emit('technician:update', {
        eventId: 92,
        eventType: 'availability_changed',
        technicianId: ben.id,
        data: { employeeId: ben.employeeId, firstName: ben.firstName, lastName: ben.lastName, active: true, version: 2 },
        timestamp: new Date().toISOString(),
      }),
    );
    await waitFor(() => expect(api.calls('GET', `/technicians/${ben.id}/availability`)).toHaveLength(before + 1));
  });
});

describe('acting on work someone else changed meanwhile', () => {
  it('moves, with the Move dialog, the version the board received while the dialog was open', async () => {
    const { client, pump, api, changeElsewhere } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    act(() => bar.focus());
    await userEvent.keyboard(' ');
    const dialog = await screen.findByRole('dialog', { name: `Move ${pump.workOrderNumber}` });

    const changed = changeElsewhere(pump.id, { title: 'Replace pump seal and gasket' });
    act(() => client.emit('workorder:update', workOrderEvent(pump, changed, 'updated')));
    fireEvent.change(within(dialog).getByLabelText(/Start/), { target: { value: '2026-11-16T12:00' } });
    await waitFor(() => expect(within(dialog).getByText('Replace pump seal and gasket')).toBeInTheDocument());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const [sent] = api.calls('POST', `/work-orders/${pump.id}/assign`);
    expect(sent!.headers.get('if-match')).toBe(`"${changed.version}"`);
  });

  it('assigns anyway, after a refusal, the version the board received since', async () => {
    const { client, pump, api, refuse, changeElsewhere } = setup();
    const bar = await screen.findByTestId(`board-bar-${pump.workOrderNumber}`);
    refuse('Ben Tester lacks welding level 3 (has 0)');
    const transfer = dataTransfer();
    fireEvent.dragStart(bar, { dataTransfer: transfer });
    fireEvent.drop(await screen.findByTestId(`board-slot-${ben.employeeId}-2026-11-16T13:00`), { dataTransfer: transfer });
    const note = await screen.findByTestId(`board-conflict-${pump.workOrderNumber}`);

    const changed = changeElsewhere(pump.id, { title: 'Replace pump seal and gasket' });
    act(() => client.emit('workorder:update', workOrderEvent(pump, changed, 'updated')));
    await waitFor(() => expect(within(row(ana.employeeId)).getByText('Replace pump seal and gasket')).toBeInTheDocument());
    refuse(null);
    await userEvent.click(within(note).getByRole('button', { name: 'Assign anyway' }));

    await waitFor(() => expect(api.calls('POST', `/work-orders/${pump.id}/assign`)).toHaveLength(2));
    expect(api.calls('POST', `/work-orders/${pump.id}/assign`)[1]!.headers.get('if-match')).toBe(`"${changed.version}"`);
    expect(await within(row(ben.employeeId)).findByTestId(`board-bar-${pump.workOrderNumber}`)).toBeInTheDocument();
  });
});
