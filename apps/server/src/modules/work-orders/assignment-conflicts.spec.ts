import { describe, expect, it } from 'vitest';
import { assignmentConflicts } from './assignment-conflicts';
import type { WorkOrderRow } from './work-orders.repository';

function booked(number: number, start: string | null, end: string | null): WorkOrderRow {
  const created = new Date('2026-03-01T00:00:00Z');
  return {
    id: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
    organizationId: '22222222-2222-4222-8222-222222222222',
    number,
    workOrderNumber: `WO-${String(number).padStart(6, '0')}`,
    title: 'Other job',
    description: null,
    type: 'PREVENTIVE',
    status: 'SCHEDULED',
    priority: 'LOW',
    dueDate: null,
    requiredSkills: [],
    estimatedDuration: null,
    scheduledStartTime: start ? new Date(start) : null,
    scheduledEndTime: end ? new Date(end) : null,
    actualStartTime: null,
    actualEndTime: null,
    actualDuration: null,
    technicianId: '44444444-4444-4444-8444-444444444444',
    crewTechnicianIds: [],
    equipmentId: '33333333-3333-4333-8333-333333333333',
    requesterId: null,
    pmPlanId: null,
    crewSize: 1,
    predecessorIds: [],
    conflictGroups: [],
    requiresDowntime: false,
    complianceWindowEnd: null,
    completion: null,
    version: 1,
    createdAt: created,
    updatedAt: created,
    deletedAt: null,
  };
}

describe('assignmentConflicts: skills', () => {
  it('a technician without a required skill has level 0 in it', () => {
    const result = assignmentConflicts([{ skill: 'welding', minLevel: 1 }], [{ skill: 'electrical', level: 5 }], []);
    expect(result.skills).toEqual([{ skill: 'welding', requiredLevel: 1, technicianLevel: 0 }]);
  });

  it('a level below the minimum is a gap, the minimum itself or more is not', () => {
    const result = assignmentConflicts(
      [
        { skill: 'welding', minLevel: 3 },
        { skill: 'electrical', minLevel: 2 },
        { skill: 'hydraulics', minLevel: 4 },
      ],
      [
        { skill: 'welding', level: 2 },
        { skill: 'electrical', level: 2 },
        { skill: 'hydraulics', level: 5 },
      ],
      [],
    );
    expect(result.skills).toEqual([{ skill: 'welding', requiredLevel: 3, technicianLevel: 2 }]);
  });

  it('skill names match regardless of case, and the gap is named as the work order requires it', () => {
    const result = assignmentConflicts(
      [
        { skill: 'Welding', minLevel: 2 },
        { skill: 'PLC', minLevel: 3 },
      ],
      [
        { skill: 'WELDING', level: 2 },
        { skill: 'plc', level: 1 },
      ],
      [],
    );
    expect(result.skills).toEqual([{ skill: 'PLC', requiredLevel: 3, technicianLevel: 1 }]);
  });

  it('no required skills means no gaps', () => {
    expect(assignmentConflicts([], [], []).skills).toEqual([]);
  });
});

describe('assignmentConflicts: overlaps', () => {
  it('lists each overlapping work order with its number and ISO times', () => {
    const result = assignmentConflicts(
      [],
      [],
      [booked(41, '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'), booked(42, '2026-03-02T09:30:00+01:00', '2026-03-02T11:00:00+01:00')],
    );
    expect(result.overlaps).toEqual([
      {
        workOrderId: '00000000-0000-4000-8000-000000000041',
        workOrderNumber: 'WO-000041',
        scheduledStartTime: '2026-03-02T08:00:00.000Z',
        scheduledEndTime: '2026-03-02T10:00:00.000Z',
      },
      {
        workOrderId: '00000000-0000-4000-8000-000000000042',
        workOrderNumber: 'WO-000042',
        scheduledStartTime: '2026-03-02T08:30:00.000Z',
        scheduledEndTime: '2026-03-02T10:00:00.000Z',
      },
    ]);
  });

  it('an overlapping work order without times answers null times', () => {
    const [overlap] = assignmentConflicts([], [], [booked(7, null, null)]).overlaps;
    expect(overlap).toEqual({
      workOrderId: '00000000-0000-4000-8000-000000000007',
      workOrderNumber: 'WO-000007',
      scheduledStartTime: null,
      scheduledEndTime: null,
    });
  });
});

describe('assignmentConflicts: describe', () => {
  it('names the technician, the missing skills and the overlapping work', () => {
    const result = assignmentConflicts(
      [
        { skill: 'welding', minLevel: 3 },
        { skill: 'hydraulics', minLevel: 1 },
      ],
      [{ skill: 'welding', level: 2 }],
      [booked(41, '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'), booked(42, '2026-03-02T09:00:00Z', '2026-03-02T12:00:00Z')],
    );
    expect(result.describe('Ana Silva')).toBe(
      'Ana Silva lacks welding level 3 (has 2), hydraulics level 1 (has 0); overlaps WO-000041, WO-000042',
    );
  });

  it('with only a skill gap, mentions only the skill', () => {
    const result = assignmentConflicts([{ skill: 'welding', minLevel: 2 }], [], []);
    expect(result.describe('Ben Okafor')).toBe('Ben Okafor lacks welding level 2 (has 0)');
  });

  it('with only an overlap, names whose work overlaps (a crew has several people)', () => {
    const result = assignmentConflicts([], [], [booked(9, '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z')]);
    expect(result.describe('Ben Okafor')).toBe('Ben Okafor overlaps WO-000009');
  });

  it('with nothing against it, says nothing', () => {
    expect(assignmentConflicts([], [], []).describe('Ben Okafor')).toBe('');
  });
});
