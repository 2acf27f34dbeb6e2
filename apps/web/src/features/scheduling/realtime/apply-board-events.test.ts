import { describe, expect, it } from 'vitest';
import { workOrder } from '@/test/fixtures';
import { applyScheduleChange } from './apply-board-events';

const ANA = '00000000-0000-4000-8000-0000000000a1';
const BEN = '00000000-0000-4000-8000-0000000000b1';
const t = (hours: number) => `2026-11-16T${String(hours).padStart(2, '0')}:00:00.000Z`;

describe('a schedule change on a cached board row', () => {
  const event = (technicianId: string, id: string) => ({
    eventId: 7,
    technicianId,
    schedule: {
      change: 'rescheduled' as const,
      workOrderId: id,
      workOrderNumber: 'WO-000042',
      title: 'Lift gearbox',
      status: 'SCHEDULED' as const,
      priority: 'HIGH' as const,
      scheduledStartTime: t(10),
      scheduledEndTime: t(12),
    },
    timestamp: t(7),
  });
  const args = (technicianId: string) => ({ technicianId, start: t(0), end: t(23) });

  it('moves the bar of crew work in a member’s row without making the member its technician', () => {
    const lift = workOrder({
      status: 'SCHEDULED',
      technicianId: ANA,
      crewTechnicianIds: [BEN],
      scheduledStartTime: t(8),
      scheduledEndTime: t(10),
    });
    const rows = { workOrders: [lift] };
    expect(applyScheduleChange(rows, args(BEN), event(BEN, lift.id))).toBe(false);
    expect(rows.workOrders[0]).toMatchObject({ technicianId: ANA, crewTechnicianIds: [BEN], scheduledStartTime: t(10) });
  });

  it('in the technician’s own row, records them as its technician', () => {
    const pump = workOrder({ status: 'SCHEDULED', technicianId: BEN, scheduledStartTime: t(8), scheduledEndTime: t(10) });
    const rows = { workOrders: [pump] };
    applyScheduleChange(rows, args(ANA), event(ANA, pump.id));
    expect(rows.workOrders[0]).toMatchObject({ technicianId: ANA, scheduledStartTime: t(10) });
  });
});
