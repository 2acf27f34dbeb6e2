import { describe, expect, it } from 'vitest';
import { workOrder } from '@/test/fixtures';
import { compareScores, currentAssignments, planChanges } from './plan-diff';

const ANA = '00000000-0000-4000-8000-0000000000a1';
const BEN = '00000000-0000-4000-8000-0000000000b1';
const OLD = '00000000-0000-4000-8000-0000000000c1';
const t = (hours: number) => `2026-11-16T${String(hours).padStart(2, '0')}:00:00.000Z`;

describe('comparing a proposal with the current plan', () => {
  // Ana has the pump at 09:00 and the gearbox at 14:00; Ben the filter at 08:00; the valve is
  // in the backlog; the fan is booked with a technician who has left.
  const pump = workOrder({ status: 'SCHEDULED', technicianId: ANA, scheduledStartTime: t(9), scheduledEndTime: t(10) });
  const gear = workOrder({ status: 'SCHEDULED', technicianId: ANA, scheduledStartTime: t(14), scheduledEndTime: t(15) });
  const filter = workOrder({ status: 'SCHEDULED', technicianId: BEN, scheduledStartTime: t(8), scheduledEndTime: t(9) });
  const valve = workOrder({ status: 'OPEN' });
  const fan = workOrder({ status: 'SCHEDULED', technicianId: OLD, scheduledStartTime: t(11), scheduledEndTime: t(12) });
  const current = new Map([pump, gear, filter, valve, fan].map((item) => [item.id, item]));
  const run = {
    assignments: [
      { workOrderId: pump.id, technicianIds: [ANA], start: t(10), end: t(11) },
      { workOrderId: filter.id, technicianIds: [ANA, BEN], start: t(8), end: t(9) },
      { workOrderId: valve.id, technicianIds: [BEN], start: t(12), end: t(13) },
      { workOrderId: fan.id, technicianIds: [BEN], start: t(11), end: t(12) },
    ],
    unassigned: [{ workOrderId: gear.id, reasons: ['no technician has gearbox level 3'] }],
  };

  it('names each change: moved in time, another lead, newly booked, taken off the plan', () => {
    expect(planChanges(run, current).map((change) => [change.workOrderId, change.kind])).toEqual([
      [pump.id, 'moved'],
      [filter.id, 'reassigned'],
      [valve.id, 'new'],
      [fan.id, 'reassigned'],
      [gear.id, 'unscheduled'],
    ]);
    expect(planChanges(run, current).at(-1)).toMatchObject({ before: { technicianIds: [ANA], start: t(14) }, after: null });
  });

  it('scores "before" from the current bookings of the run’s work with known technicians only', () => {
    expect(currentAssignments(run, current, new Set([ANA, BEN])).map((a) => [a.workOrderId, a.technicianIds[0], a.start])).toEqual([
      [pump.id, ANA, t(9)],
      [filter.id, BEN, t(8)],
      [gear.id, ANA, t(14)],
    ]);
    expect(currentAssignments(run, current, null)).toHaveLength(4);
  });

  it('compares whole crews, whoever leads: a new member is a change, the same people in another order are not', () => {
    const lift = workOrder({
      status: 'SCHEDULED',
      technicianId: BEN,
      crewTechnicianIds: [ANA],
      scheduledStartTime: t(8),
      scheduledEndTime: t(10),
    });
    const crewed = new Map([[lift.id, lift]]);
    const proposal = (technicianIds: string[]) => ({
      assignments: [{ workOrderId: lift.id, technicianIds, start: t(8), end: t(10) }],
      unassigned: [],
    });
    expect(planChanges(proposal([ANA, BEN]), crewed)).toEqual([]);
    expect(planChanges(proposal([ANA, OLD]), crewed).map((change) => [change.kind, change.before?.technicianIds])).toEqual([
      ['reassigned', [BEN, ANA]],
    ]);
    // "Before" scores the whole crew, less members the solver does not know.
    expect(currentAssignments(proposal([ANA, BEN]), crewed, new Set([ANA, BEN]))[0]?.technicianIds).toEqual([BEN, ANA]);
    expect(currentAssignments(proposal([ANA, BEN]), crewed, new Set([BEN]))[0]?.technicianIds).toEqual([BEN]);
  });

  it('orders scores hard first, then medium, then soft', () => {
    expect(compareScores({ hard: 0, medium: -10, soft: -900 }, { hard: -1, medium: 0, soft: 0 })).toBeGreaterThan(0);
    expect(compareScores({ hard: 0, medium: -2, soft: 0 }, { hard: 0, medium: -1, soft: -500 })).toBeLessThan(0);
    expect(compareScores({ hard: 0, medium: 0, soft: -5 }, { hard: 0, medium: 0, soft: -5 })).toBe(0);
  });
});
