import type { EquipmentUpdateEvent, WorkOrderUpdateEvent } from '@msched/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { EquipmentHealthPanel } from '../components/EquipmentHealthPanel';
import { PUMP_ID, WORK_ORDER_ID, health } from '../testing/health-fixtures';
import { predictiveRealtime } from './predictive-realtime';

const now = new Date().toISOString();

const equipmentEvent: EquipmentUpdateEvent = {
  eventId: 7,
  eventType: 'status_change',
  equipmentId: PUMP_ID,
  data: { equipmentNumber: 'EQ-1', name: 'Feed pump', status: 'DOWN', version: 3, oldStatus: 'OPERATIONAL', newStatus: 'DOWN' },
  timestamp: now,
};

const workOrderEvent = (type: WorkOrderUpdateEvent['data']['type']): WorkOrderUpdateEvent => ({
  eventId: 8,
  eventType: 'created',
  workOrderId: WORK_ORDER_ID,
  timestamp: now,
  data: {
    workOrderNumber: 'WO-000099',
    title: 'Predicted failure of Feed pump',
    type,
    status: 'OPEN',
    priority: 'HIGH',
    equipmentId: PUMP_ID,
    technicianId: null,
    crewTechnicianIds: [],
    requesterId: null,
    dueDate: null,
    scheduledStartTime: null,
    scheduledEndTime: null,
    version: 1,
    updatedAt: now,
  },
});

function setup() {
  const client = fakeRealtimeClient();
  let answer = health();
  const api = fakeApi().on('GET', `/equipment/${PUMP_ID}/health`, () => json(answer));
  renderScreen(<EquipmentHealthPanel equipmentId={PUMP_ID} />, {
    user: userWith('planner'),
    realtime: { client, bindings: [predictiveRealtime] },
  });
  return { client, api, answer: (next: typeof answer) => (answer = next) };
}

describe('health follows the real-time channel', { timeout: 30_000 }, () => {
  it('joins the equipment feed and, for staff, the work-order feed', async () => {
    const { client } = setup();
    await screen.findByText('120 h');
    expect(client.subscribed).toEqual(['equipment:updates', 'workorders:all']);
  });

  it('asks again when the equipment changes', async () => {
    const { client, api, answer } = setup();
    await screen.findByText('120 h');
    answer(health({ rul: { estimate: 60, lower: 40, upper: 90, unit: 'h' } }));
    act(() => client.emit('equipment:update', equipmentEvent));
    expect(await screen.findByText('60 h')).toBeInTheDocument();
    expect(api.calls('GET', `/equipment/${PUMP_ID}/health`)).toHaveLength(2);
  });

  it('shows a predictive work order as soon as it is opened, and ignores other work', async () => {
    const { client, api, answer } = setup();
    await screen.findByText('120 h');
    act(() => client.emit('workorder:update', workOrderEvent('CORRECTIVE')));
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)));
    expect(api.calls('GET', `/equipment/${PUMP_ID}/health`)).toHaveLength(1);

    answer(health({ predictiveWorkOrderId: WORK_ORDER_ID }));
    act(() => client.emit('workorder:update', workOrderEvent('PREDICTIVE')));
    expect(await screen.findByRole('link', { name: 'Open predictive work order' })).toHaveAttribute(
      'href',
      `/work-orders/${WORK_ORDER_ID}`,
    );
    await waitFor(() => expect(api.calls('GET', `/equipment/${PUMP_ID}/health`)).toHaveLength(2));
  });
});
