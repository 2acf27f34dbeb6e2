import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { WorkOrderTemplate } from '@msched/contracts';
import {
  availabilityExceptions,
  locations,
  pmPlans,
  siteTravelTimes,
  technicianAvailability,
  technicians,
} from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { insertWorkOrders, utc } from '../support/query-fixtures';
import { scheduleProblemBuilder } from './support';

/** The minutes a run plans for booked work that has no estimate: the working time of its booking. */
describe('planned minutes of booked work without an estimate', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'problem');
    // Tess works Monday to Friday, 08:00–16:00 UTC.
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' }));
    await database.db
      .update(technicianAvailability)
      .set({ weeklyPattern: weekdays })
      .where(eq(technicianAvailability.technicianId, org.technicianId));
  });
  afterAll(() => dispose());

  it('are her working minutes in the booking, and a booking of centuries counts its first 366 days only', async () => {
    const booked = { status: 'SCHEDULED', technicianId: org.technicianId } as const;
    const [threeDays, centuries] = await insertWorkOrders(database, org, [
      // Monday 3 to Wednesday 5 March: three shifts of eight hours.
      { ...booked, number: 1, scheduledStartTime: utc('2031-03-03', 8), scheduledEndTime: utc('2031-03-05', 16) },
      // Written before /assign refused such spans: walking its calendar day by day to the year
      // 9999 held the run (and the event loop) for most of a minute.
      { ...booked, number: 2, scheduledStartTime: utc('2031-03-10', 8), scheduledEndTime: utc('9999-12-31') },
    ]);
    const { problem } = await scheduleProblemBuilder(database).build({
      organizationId: org.organizationId,
      from: utc('2031-03-03'),
      to: utc('2031-03-17'),
      workOrderIds: [threeDays!.id, centuries!.id],
    });
    // Selected by id: work booked across the range's edge is otherwise left where it is.
    const planned = (id: string) => problem.jobs.find((job) => job.id === id)?.durationMinutes;

    expect(planned(threeDays!.id)).toBe(3 * 8 * 60);
    // Monday 10 March 2031 08:00 plus 366 days is Wednesday 10 March 2032 08:00: 52 weeks of five
    // shifts, then Monday 8 and Tuesday 9 March, 262 shifts of eight hours.
    expect(planned(centuries!.id)).toBe(262 * 8 * 60);
  });

  it("plans overtime apart from regular time, priced at the technician's hourly rate; leave still wins", async () => {
    await database.db.insert(availabilityExceptions).values([
      // Saturday 8 March 2031, 08:00–12:00: overtime.
      {
        organizationId: org.organizationId,
        technicianId: org.technicianId,
        startsAt: utc('2031-03-08', 8),
        endsAt: utc('2031-03-08', 12),
        available: true,
        overtime: true,
      },
      // Tuesday 4 March, 14:00–18:00: overtime, the first two hours of it inside her shift.
      {
        organizationId: org.organizationId,
        technicianId: org.technicianId,
        startsAt: utc('2031-03-04', 14),
        endsAt: utc('2031-03-04', 18),
        available: true,
        overtime: true,
      },
      // Sunday 9 March, 08:00–10:00: plain extra time, regular.
      {
        organizationId: org.organizationId,
        technicianId: org.technicianId,
        startsAt: utc('2031-03-09', 8),
        endsAt: utc('2031-03-09', 10),
        available: true,
      },
      // Tuesday 4 March, 17:00–20:00: leave over the end of the overtime.
      {
        organizationId: org.organizationId,
        technicianId: org.technicianId,
        startsAt: utc('2031-03-04', 17),
        endsAt: utc('2031-03-04', 20),
        available: false,
      },
    ]);
    const { problem } = await scheduleProblemBuilder(database).build({
      organizationId: org.organizationId,
      from: utc('2031-03-03'),
      to: utc('2031-03-10'),
    });
    const tess = problem.technicians.find((technician) => technician.id === org.technicianId)!;
    const at = (day: string, hour: number) => utc(day, hour).getTime();
    expect(tess.overtime).toEqual([
      { start: at('2031-03-04', 16), end: at('2031-03-04', 17) },
      { start: at('2031-03-08', 8), end: at('2031-03-08', 12) },
    ]);
    expect(tess.availability).toContainEqual({ start: at('2031-03-09', 8), end: at('2031-03-09', 10) });
    expect(tess.availability.some((interval) => interval.start >= at('2031-03-08', 0) && interval.end <= at('2031-03-09', 0))).toBe(false);
    expect(tess.availability).toContainEqual({ start: at('2031-03-04', 8), end: at('2031-03-04', 16) });
    // The fixture pays Tess 50 an hour; Otto has no overtime and 40.
    expect(tess.hourlyCost).toBe(50);
    const otto = problem.technicians.find((technician) => technician.id === org.otherTechnicianId)!;
    expect(otto).toMatchObject({ hourlyCost: 40 });
    expect(otto.overtime).toBeUndefined();
  });

  it("places work at its equipment's site and technicians at their home's, with the travel times, once the organization has some", async () => {
    const [job] = await insertWorkOrders(database, org, [{ number: 30, status: 'OPEN', estimatedDuration: 60 }]);
    const build = () =>
      scheduleProblemBuilder(database).build({
        organizationId: org.organizationId,
        from: utc('2031-03-03'),
        to: utc('2031-03-10'),
        workOrderIds: [job!.id],
      });
    // No travel times: nothing is placed, travel costs nothing.
    const before = (await build()).problem;
    expect(before.travelMinutes).toBeUndefined();
    expect(before.jobs[0]!.siteId).toBeUndefined();

    // The fixture's pump stands at its site; Tess lives in a hall of another site.
    const [south] = await database.db
      .insert(locations)
      .values({ organizationId: org.organizationId, name: 'South', kind: 'SITE' })
      .returning();
    const [hall] = await database.db
      .insert(locations)
      .values({ organizationId: org.organizationId, name: 'South hall', kind: 'AREA', parentId: south!.id })
      .returning();
    await database.db.update(technicians).set({ homeLocationId: hall!.id }).where(eq(technicians.id, org.technicianId));
    const [siteAId, siteBId] = [org.locationId, south!.id].sort() as [string, string];
    await database.db.insert(siteTravelTimes).values({ organizationId: org.organizationId, siteAId, siteBId, minutes: 50 });

    const { problem } = await build();
    expect(problem.travelMinutes).toEqual({ [siteAId]: { [siteBId]: 50 } });
    expect(problem.jobs.find((candidate) => candidate.id === job!.id)!.siteId).toBe(org.locationId);
    expect(problem.technicians.find((technician) => technician.id === org.technicianId)!.siteId).toBe(south!.id);
    // Otto has no home: he travels from nowhere.
    expect(problem.technicians.find((technician) => technician.id === org.otherTechnicianId)!.siteId).toBeNull();
  });

  it('asks the optimizer not to end work early where its PM plan says so, and only there', async () => {
    const plan = async (name: string, avoidEarly?: boolean) => {
      const template: Partial<WorkOrderTemplate> = WorkOrderTemplate.parse({ title: name, avoidEarly });
      // A template saved before the flag has no such key.
      if (avoidEarly === undefined) delete template.avoidEarly;
      const [row] = await database.db
        .insert(pmPlans)
        .values({
          organizationId: org.organizationId,
          name,
          equipmentIds: [org.equipmentId],
          template: template as WorkOrderTemplate,
          window: { gracePercent: 20, graceMaxDays: 28 },
        })
        .returning();
      return row!.id;
    };
    const [lubrication, inspection, older] = [await plan('Lubrication', true), await plan('Inspection', false), await plan('Older')];
    const due = utc('2031-03-07', 12);
    const rows = await insertWorkOrders(database, org, [
      { number: 40, status: 'OPEN', estimatedDuration: 60, dueDate: due, pmPlanId: lubrication },
      { number: 41, status: 'OPEN', estimatedDuration: 60, dueDate: due, pmPlanId: inspection },
      // Saved before the flag: a template without it does not ask.
      { number: 42, status: 'OPEN', estimatedDuration: 60, dueDate: due, pmPlanId: older },
      { number: 43, status: 'OPEN', estimatedDuration: 60, dueDate: due },
      // No due date, no target: nothing to be early for.
      { number: 44, status: 'OPEN', estimatedDuration: 60, pmPlanId: lubrication },
    ]);
    const { problem } = await scheduleProblemBuilder(database).build({
      organizationId: org.organizationId,
      from: utc('2031-03-03'),
      to: utc('2031-03-10'),
      workOrderIds: rows.map((row) => row.id),
    });
    expect(rows.map((row) => problem.jobs.find((job) => job.id === row.id)!.penalizeEarliness ?? false)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
