import { describe, expect, it } from 'vitest';
import { LoginRequest } from './auth';
import { IsoDateTime, Money, PageQuery } from './common';
import { StockAdjustment } from './parts';
import { MeterTrigger } from './pm-plans';
import { TechnicianAvailability } from './technicians';
import { AssignWorkOrder, ConflictGroups, CreateWorkOrder, WorkOrderIncludeQuery } from './work-orders';
import type { z } from './zod';

const EQUIPMENT = '0b4f7c1e-6a8e-4f7e-9a35-1f3c8f0d2a11';
const TECHNICIAN = '5d7a3c2b-1e4f-4a6b-8c9d-0e1f2a3b4c5d';

/** The issues of a failed parse as `path: message`, for exact assertions. */
function issues(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues;
}

describe('IsoDateTime', () => {
  it('accepts an instant with an offset from the year 1000 to 9999', () => {
    expect(IsoDateTime.parse('1000-01-01T00:00:00Z')).toBe('1000-01-01T00:00:00Z');
    expect(IsoDateTime.parse('9999-12-31T23:59:59+01:00')).toBe('9999-12-31T23:59:59+01:00');
  });

  it('refuses a year before 1000, which a reader could take for the 20th century', () => {
    expect(issues(IsoDateTime, '0050-06-01T00:00:00Z').map((issue) => issue.message)).toEqual([
      'must fall in the years 1000 to 9999 (UTC)',
    ]);
  });

  it('refuses an instant whose offset carries it past 9999 in UTC', () => {
    expect(issues(IsoDateTime, '9999-12-31T23:59:59-14:00').map((issue) => issue.message)).toEqual([
      'must fall in the years 1000 to 9999 (UTC)',
    ]);
  });

  it('does not run the year check on text that is no instant', () => {
    expect(issues(IsoDateTime, 'tomorrow').map((issue) => issue.code)).toEqual(['invalid_format']);
  });
});

describe('CreateWorkOrder', () => {
  it('defaults to a corrective job of medium priority', () => {
    expect(CreateWorkOrder.parse({ title: 'Pump leaks', equipmentId: EQUIPMENT })).toEqual({
      title: 'Pump leaks',
      equipmentId: EQUIPMENT,
      type: 'CORRECTIVE',
      priority: 'MEDIUM',
    });
  });

  it('trims the title', () => {
    expect(CreateWorkOrder.parse({ title: '  Pump leaks  ', equipmentId: EQUIPMENT }).title).toBe('Pump leaks');
  });

  it('accepts required skills as plain names, normalised to lower case at level 1', () => {
    const parsed = CreateWorkOrder.parse({
      title: 'Weld bracket',
      equipmentId: EQUIPMENT,
      requiredSkills: [' Welding ', { skill: 'Electrical', minLevel: 3 }, { skill: 'rigging' }],
    });
    expect(parsed.requiredSkills).toEqual([
      { skill: 'welding', minLevel: 1 },
      { skill: 'electrical', minLevel: 3 },
      { skill: 'rigging', minLevel: 1 },
    ]);
  });

  it('refuses a skill level above 5', () => {
    const [issue] = issues(CreateWorkOrder, {
      title: 'x',
      equipmentId: EQUIPMENT,
      requiredSkills: [{ skill: 'welding', minLevel: 6 }],
    });
    expect(issue!.path).toEqual(['requiredSkills', 0, 'minLevel']);
  });

  it('refuses an unknown field and names it', () => {
    const found = issues(CreateWorkOrder, { title: 'x', equipmentId: EQUIPMENT, colour: 'red' });
    expect(found).toHaveLength(1);
    expect(found[0]!.code).toBe('unrecognized_keys');
    expect(found[0]!.message).toContain('colour');
  });

  it('refuses an empty or blank title', () => {
    for (const title of ['', '   ']) {
      const [issue] = issues(CreateWorkOrder, { title, equipmentId: EQUIPMENT });
      expect(issue!.path).toEqual(['title']);
      expect(issue!.message).toBe('must not be empty');
    }
  });

  it('refuses a title longer than 300 characters', () => {
    const [issue] = issues(CreateWorkOrder, { title: 'x'.repeat(301), equipmentId: EQUIPMENT });
    expect(issue!.path).toEqual(['title']);
  });

  it('refuses an equipment id that is not a UUID', () => {
    const [issue] = issues(CreateWorkOrder, { title: 'x', equipmentId: 'pump-7' });
    expect(issue!.path).toEqual(['equipmentId']);
  });

  it('refuses an unknown priority', () => {
    const [issue] = issues(CreateWorkOrder, { title: 'x', equipmentId: EQUIPMENT, priority: 'URGENT' });
    expect(issue!.path).toEqual(['priority']);
  });

  it('refuses a due date that is not an ISO date-time', () => {
    const [issue] = issues(CreateWorkOrder, { title: 'x', equipmentId: EQUIPMENT, dueDate: '30/11/2026' });
    expect(issue!.path).toEqual(['dueDate']);
  });

  it('accepts a due date with an offset', () => {
    expect(CreateWorkOrder.parse({ title: 'x', equipmentId: EQUIPMENT, dueDate: '2026-11-30T08:00:00+01:00' }).dueDate).toBe(
      '2026-11-30T08:00:00+01:00',
    );
  });

  it('refuses an unknown field inside a task', () => {
    const [issue] = issues(CreateWorkOrder, { title: 'x', equipmentId: EQUIPMENT, tasks: [{ title: 'Drain', owner: 'me' }] });
    expect(issue!.code).toBe('unrecognized_keys');
    expect(issue!.path).toEqual(['tasks', 0]);
  });
});

describe('AssignWorkOrder', () => {
  const assign = { technicianId: TECHNICIAN, scheduledStartTime: '2026-03-02T08:00:00Z', scheduledEndTime: '2026-03-02T10:00:00Z' };

  it('defaults force to false', () => {
    expect(AssignWorkOrder.parse(assign)).toEqual({ ...assign, force: false });
  });

  it('takes a crew of up to two more, each named once and not the technician again', () => {
    const member = '33333333-3333-4333-8333-333333333333';
    const another = '44444444-4444-4444-8444-444444444444';
    expect(AssignWorkOrder.parse({ ...assign, crewTechnicianIds: [member, another] }).crewTechnicianIds).toEqual([member, another]);
    const repeated = issues(AssignWorkOrder, { ...assign, crewTechnicianIds: [member, TECHNICIAN.toUpperCase()] });
    expect(repeated.map((issue) => [issue.path, issue.message])).toEqual([
      [['crewTechnicianIds', 1], 'names the technician or another member twice'],
    ]);
    expect(issues(AssignWorkOrder, { ...assign, crewTechnicianIds: [member, member] }).map((issue) => issue.path)).toEqual([
      ['crewTechnicianIds', 1],
    ]);
    expect(
      issues(AssignWorkOrder, { ...assign, crewTechnicianIds: [member, another, '55555555-5555-4555-8555-555555555555'] }).map(
        (issue) => issue.path,
      ),
    ).toEqual([['crewTechnicianIds']]);
  });

  it('refuses an end before the start, on scheduledEndTime', () => {
    const found = issues(AssignWorkOrder, { ...assign, scheduledEndTime: '2026-03-02T07:00:00Z' });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([
      [['scheduledEndTime'], 'scheduledEndTime must be after scheduledStartTime'],
    ]);
  });

  it('refuses an end equal to the start', () => {
    const [issue] = issues(AssignWorkOrder, { ...assign, scheduledEndTime: assign.scheduledStartTime });
    expect(issue!.path).toEqual(['scheduledEndTime']);
  });

  it('compares instants, not text: 09:00+02:00 is before 08:00Z', () => {
    const [issue] = issues(AssignWorkOrder, { ...assign, scheduledEndTime: '2026-03-02T09:00:00+02:00' });
    expect(issue!.path).toEqual(['scheduledEndTime']);
  });
});

describe('TechnicianAvailability', () => {
  const valid = {
    timezone: 'Europe/Berlin',
    weeklyPattern: [{ weekday: 1, start: '07:00', end: '15:30' }],
    exceptions: [{ start: '2026-03-02T00:00:00Z', end: '2026-03-03T00:00:00Z', reason: 'Training' }],
  };

  it('accepts a weekly pattern with exceptions, defaulting them to unavailable', () => {
    expect(TechnicianAvailability.parse(valid).exceptions[0]).toEqual({
      start: '2026-03-02T00:00:00Z',
      end: '2026-03-03T00:00:00Z',
      reason: 'Training',
      available: false,
      overtime: false,
    });
  });

  it('takes extra time as overtime, and refuses overtime on time taken away', () => {
    const extra = { start: '2026-03-07T08:00:00Z', end: '2026-03-07T12:00:00Z', available: true, overtime: true };
    expect(TechnicianAvailability.parse({ ...valid, exceptions: [extra] }).exceptions[0]).toMatchObject({
      available: true,
      overtime: true,
    });
    const found = issues(TechnicianAvailability, { ...valid, exceptions: [{ ...extra, available: false }] });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([
      [['exceptions', 0, 'overtime'], 'only extra time (available) can be overtime'],
    ]);
  });

  it('defaults the time zone to UTC', () => {
    expect(TechnicianAvailability.parse({ weeklyPattern: [], exceptions: [] }).timezone).toBe('UTC');
  });

  it('accepts a night shift that crosses midnight', () => {
    expect(() => TechnicianAvailability.parse({ ...valid, weeklyPattern: [{ weekday: 5, start: '22:00', end: '06:00' }] })).not.toThrow();
  });

  it.each(['7:00', '24:00', '07:60', '0700'])('refuses the time %s, which is not HH:MM', (start) => {
    const [issue] = issues(TechnicianAvailability, { ...valid, weeklyPattern: [{ weekday: 1, start, end: '15:00' }] });
    expect(issue!.path).toEqual(['weeklyPattern', 0, 'start']);
    expect(issue!.message).toBe('must be HH:MM (24 h)');
  });

  it('refuses a shift that starts and ends at the same time', () => {
    const [issue] = issues(TechnicianAvailability, { ...valid, weeklyPattern: [{ weekday: 1, start: '08:00', end: '08:00' }] });
    expect(issue!.message).toBe('start and end must differ');
  });

  it('refuses weekday 0 and 8', () => {
    for (const weekday of [0, 8]) {
      const [issue] = issues(TechnicianAvailability, { ...valid, weeklyPattern: [{ weekday, start: '08:00', end: '09:00' }] });
      expect(issue!.path).toEqual(['weeklyPattern', 0, 'weekday']);
    }
  });

  it('refuses an unknown time zone', () => {
    const found = issues(TechnicianAvailability, { ...valid, timezone: 'Mars/Olympus_Mons' });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([[['timezone'], 'unknown IANA time zone']]);
  });

  it('refuses an exception that ends before it starts', () => {
    const found = issues(TechnicianAvailability, {
      ...valid,
      exceptions: [{ start: '2026-03-03T00:00:00Z', end: '2026-03-02T00:00:00Z' }],
    });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([[['exceptions', 0, 'end'], 'end must be after start']]);
  });
});

describe('StockAdjustment', () => {
  it('refuses a zero adjustment', () => {
    const found = issues(StockAdjustment, { quantity: 0, reason: 'count' });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([[['quantity'], 'must not be zero']]);
  });

  it('accepts a write-off as a negative quantity, defaulting to an adjustment', () => {
    expect(StockAdjustment.parse({ quantity: -3, reason: 'damaged' })).toEqual({ quantity: -3, reason: 'damaged', kind: 'ADJUSTMENT' });
  });

  it('refuses a fractional quantity', () => {
    expect(issues(StockAdjustment, { quantity: 1.5, reason: 'count' })[0]!.path).toEqual(['quantity']);
  });

  it('requires a reason', () => {
    expect(issues(StockAdjustment, { quantity: 5 })[0]!.path).toEqual(['reason']);
  });

  it('refuses a RECEIPT that takes stock away: a write-off is an ADJUSTMENT', () => {
    const found = issues(StockAdjustment, { quantity: -3, kind: 'RECEIPT', reason: 'miscount' });
    expect(found.map((issue) => issue.path)).toEqual([['quantity']]);
    expect(StockAdjustment.parse({ quantity: 3, kind: 'RECEIPT', reason: 'delivery' }).quantity).toBe(3);
  });
});

describe('MeterTrigger', () => {
  it('counts in steps of at least a thousandth of a unit (finer ones overflow the count of intervals)', () => {
    const meterId = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
    expect(issues(MeterTrigger, { meterId, every: 1e-300 })[0]!.path).toEqual(['every']);
    expect(MeterTrigger.parse({ meterId, every: 0.001 }).every).toBe(0.001);
  });
});

describe('PageQuery', () => {
  it('defaults to page 1 of 20', () => {
    expect(PageQuery.parse({})).toEqual({ page: 1, limit: 20 });
  });

  it('reads numbers from query-string text', () => {
    expect(PageQuery.parse({ page: '3', limit: '100' })).toEqual({ page: 3, limit: 100 });
  });

  it('refuses a limit of 101 with a message saying the maximum', () => {
    const found = issues(PageQuery, { limit: '101' });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([[['limit'], 'limit must be at most 100']]);
  });

  it('refuses page 0 and a limit of 0', () => {
    expect(issues(PageQuery, { page: '0' })[0]!.path).toEqual(['page']);
    expect(issues(PageQuery, { limit: '0' })[0]!.path).toEqual(['limit']);
  });
});

describe('WorkOrderIncludeQuery', () => {
  it('parses a comma-separated list, trimming and dropping duplicates and blanks', () => {
    expect(WorkOrderIncludeQuery.parse({ include: 'tasks, technician,,tasks ,parts' })).toEqual({
      include: ['tasks', 'technician', 'parts'],
    });
  });

  it('no include means no relations', () => {
    expect(WorkOrderIncludeQuery.parse({})).toEqual({});
  });

  it('refuses an unknown relation, naming it and the allowed ones', () => {
    const found = issues(WorkOrderIncludeQuery, { include: 'tasks,history' });
    expect(found.map((issue) => [issue.path, issue.message])).toEqual([
      [['include'], 'unknown relation(s) history; allowed: technician, equipment, tasks, parts'],
    ]);
  });
});

describe('LoginRequest', () => {
  it('lower-cases and trims the email', () => {
    expect(LoginRequest.parse({ email: '  Ana.Silva@Example.COM ', password: 'secret' })).toEqual({
      email: 'ana.silva@example.com',
      password: 'secret',
    });
  });

  it('refuses something that is not an email', () => {
    expect(issues(LoginRequest, { email: 'ana', password: 'secret' })[0]!.path).toEqual(['email']);
  });

  it('refuses an empty password', () => {
    expect(issues(LoginRequest, { email: 'ana@example.com', password: '' })[0]!.path).toEqual(['password']);
  });
});

describe('ConflictGroups', () => {
  it('limits distinct groups, not repeats: eleven spellings of one group are one', () => {
    expect(ConflictGroups.parse(Array.from({ length: 11 }, (_, i) => (i % 2 ? 'Crane' : 'crane')))).toEqual(['crane']);
    const eleven = Array.from({ length: 11 }, (_, i) => `zone-${i}`);
    expect(issues(ConflictGroups, eleven)[0]!.message).toBe('at most 10 distinct conflict groups');
  });
});

describe('Money', () => {
  it('takes whole cents, and no positive amount below one (exponent form included)', () => {
    expect(Money.parse(12.34)).toBe(12.34);
    expect(Money.parse(0)).toBe(0);
    expect(issues(Money, 1e-7).length).toBeGreaterThan(0);
    expect(issues(Money, 1e-300).length).toBeGreaterThan(0);
    expect(issues(Money, 0.005).length).toBeGreaterThan(0);
  });
});
