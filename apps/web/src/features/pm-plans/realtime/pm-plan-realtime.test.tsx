import type { WorkOrderUpdateEvent } from '@msched/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { PmPlansPage } from '../components/PmPlansPage';
import { PUMP_ID, plan, pump } from '../testing/plan-fixtures';
import { pmPlanRealtime } from './pm-plan-realtime';

const event = (type: WorkOrderUpdateEvent['data']['type']): WorkOrderUpdateEvent => ({
  eventId: 3,
  eventType: 'created',
  workOrderId: '00000000-0000-4000-8000-000000000333',
  timestamp: new Date().toISOString(),
  data: {
    workOrderNumber: 'WO-000333',
    title: 'Lubricate the pump bearings',
    type,
    status: 'OPEN',
    priority: 'MEDIUM',
    equipmentId: PUMP_ID,
    technicianId: null,
    crewTechnicianIds: [],
    requesterId: null,
    dueDate: null,
    scheduledStartTime: null,
    scheduledEndTime: null,
    version: 1,
    updatedAt: new Date().toISOString(),
  },
});

describe('plans follow their work orders', { timeout: 30_000 }, () => {
  it('asks for the plans again when a PM work order is made, not for other work', async () => {
    const client = fakeRealtimeClient();
    const api = fakeApi()
      .on('GET', '/pm-plans', () => json({ data: [plan()], total: 1, page: 1, limit: 20 }))
      .on('GET', `/equipment/${PUMP_ID}`, () => json(pump))
      .on('GET', '/equipment', () => json({ data: [pump], total: 1, page: 1, limit: 20 }));
    renderScreen(<PmPlansPage />, { path: '/pm-plans', user: userWith('planner'), realtime: { client, bindings: [pmPlanRealtime] } });
    await screen.findAllByTestId('pm-plan-row');
    expect(client.subscribed).toEqual(['workorders:all']);

    act(() => client.emit('workorder:update', event('CORRECTIVE')));
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)));
    expect(api.calls('GET', '/pm-plans')).toHaveLength(1);

    act(() => client.emit('workorder:update', event('PREVENTIVE')));
    await waitFor(() => expect(api.calls('GET', '/pm-plans')).toHaveLength(2));
  });
});
