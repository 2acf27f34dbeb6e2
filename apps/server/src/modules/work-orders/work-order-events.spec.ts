import { describe, expect, it } from 'vitest';
import { canReceiveEvent } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { workOrderEvent } from './work-order-events';
import type { WorkOrderRow } from './work-orders.repository';

const LEAD = '11111111-1111-4111-8111-111111111111';
const MEMBER = '22222222-2222-4222-8222-222222222222';
const FORMER = '33333333-3333-4333-8333-333333333333';
const OUTSIDER = '44444444-4444-4444-8444-444444444444';

const row = {
  id: '55555555-5555-4555-8555-555555555555',
  organizationId: '66666666-6666-4666-8666-666666666666',
  workOrderNumber: 'WO-000042',
  title: 'Lift gearbox',
  type: 'CORRECTIVE',
  status: 'SCHEDULED',
  priority: 'HIGH',
  equipmentId: '77777777-7777-4777-8777-777777777777',
  technicianId: LEAD,
  crewTechnicianIds: [MEMBER],
  requesterId: null,
  dueDate: null,
  scheduledStartTime: new Date('2031-03-03T08:00:00Z'),
  scheduledEndTime: new Date('2031-03-03T10:00:00Z'),
  version: 3,
  updatedAt: new Date('2031-03-01T00:00:00Z'),
} as WorkOrderRow;

const technician = (technicianId: string): Principal => ({
  userId: `user-${technicianId}`,
  organizationId: row.organizationId,
  roles: ['technician'],
  technicianId,
});

describe('workOrderEvent', () => {
  it('reaches the rooms of the whole crew and of those it was taken from, and each of them may see it', () => {
    const event = workOrderEvent('assigned', row, {}, { technicianIds: [FORMER] });
    expect(event.audience.rooms).toEqual(expect.arrayContaining([`technician:${LEAD}`, `technician:${MEMBER}`, `technician:${FORMER}`]));
    expect(event.payload).toMatchObject({ data: { technicianId: LEAD, crewTechnicianIds: [MEMBER] } });
    for (const id of [LEAD, MEMBER, FORMER]) expect(canReceiveEvent(technician(id), event.audience.scope), id).toBe(true);
    expect(canReceiveEvent(technician(OUTSIDER), event.audience.scope)).toBe(false);
  });

  it('reaches the room of the equipment it was moved from as well as the new one, once each', () => {
    const OLD_PUMP = '88888888-8888-4888-8888-888888888888';
    const moved = workOrderEvent('updated', row, { changedFields: ['equipmentId'] }, { equipmentId: OLD_PUMP });
    const equipmentRooms = moved.audience.rooms.filter((room) => room.startsWith('equipment:'));
    expect(equipmentRooms).toEqual([`equipment:${row.equipmentId}`, `equipment:${OLD_PUMP}`]);
    const unmoved = workOrderEvent('updated', row, { changedFields: ['title'] }, { equipmentId: row.equipmentId });
    expect(unmoved.audience.rooms.filter((room) => room.startsWith('equipment:'))).toEqual([`equipment:${row.equipmentId}`]);
  });
});
