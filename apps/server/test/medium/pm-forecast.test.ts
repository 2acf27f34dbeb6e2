import {
  CreateMeter,
  CreatePmPlan,
  MeterReadingsRequest,
  type PmForecast,
  TechnicianAvailability,
  type WorkOrderStatus,
} from '@msched/contracts';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PM_COMPLIANCE_RULE } from '../../src/modules/pm-plans/pm-forecast';
import { addDays, localDateOf } from '../../src/modules/pm-plans/pm-schedule';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { seedDemoOrganization } from '../../src/platform/db/seed/demo-plant';
import { equipment, holidays, meterReadings, organizations, pmOccurrences, pmPlanTargets, workOrders } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, principalOf } from './support';

const DAY = 86_400_000;

/** The end of a UTC day, as PM work orders of a UTC organization are due. */
const endOfUtcDay = (date: string) => `${date}T23:59:59.999Z`;
const utcDate = (instant: number) => new Date(instant).toISOString().slice(0, 10);

describe('PM forecast and compliance over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let numbers = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
  });
  afterAll(() => dispose());

  const plan = (principal: Principal, input: Record<string, unknown>) => services.pmPlans.create(principal, CreatePmPlan.parse(input));

  async function addEquipment(org: OrganizationFixture, name: string): Promise<string> {
    const [row] = await database.db
      .insert(equipment)
      .values({ organizationId: org.organizationId, equipmentNumber: `EQ-${name}`, name, type: 'Motor', locationId: org.locationId })
      .returning();
    return row!.id;
  }

  async function insertWorkOrder(org: OrganizationFixture, values: Partial<typeof workOrders.$inferInsert> = {}): Promise<string> {
    const number = ++numbers;
    const [row] = await database.db
      .insert(workOrders)
      .values({
        organizationId: org.organizationId,
        number,
        workOrderNumber: `WO-${number}`,
        title: `Work ${number}`,
        type: 'PREVENTIVE',
        priority: 'MEDIUM',
        equipmentId: org.equipmentId,
        ...values,
      })
      .returning();
    return row!.id;
  }

  async function setAvailability(org: OrganizationFixture, technicianId: string, input: Record<string, unknown>) {
    await services.technicians.replaceAvailability(principalOf(org, 'manager'), technicianId, TechnicianAvailability.parse(input));
  }

  const monthlyTemplate = {
    title: 'Lubricate bearings',
    estimatedDuration: 90,
    crewSize: 2,
    requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
  };

  describe('a FIXED monthly plan (UTC organization)', () => {
    let org: OrganizationFixture;
    let manager: Principal;
    let planId: string;
    let motorId: string;
    // Nine weeks, Monday 2030-01-14 to Monday 2030-03-18.
    const range = { from: '2030-01-14T00:00:00.000Z', to: '2030-03-18T00:00:00.000Z' };

    beforeAll(async () => {
      org = await createOrganization(database, 'pmfixed');
      manager = principalOf(org, 'manager');
      motorId = await addEquipment(org, 'Drive motor');
      planId = (
        await plan(manager, {
          name: 'Monthly lubrication',
          equipmentIds: [org.equipmentId, motorId],
          template: monthlyTemplate,
          calendar: { every: 1, unit: 'MONTH', startsOn: '2030-01-15', mode: 'FIXED' },
        })
      ).id;
      // Tess (mechanical 3): Monday to Friday 08:00–16:00 = 40 h a week, on leave Tuesday 2030-02-12.
      await setAvailability(org, org.technicianId, {
        timezone: 'UTC',
        weeklyPattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
        exceptions: [{ start: '2030-02-12T00:00:00Z', end: '2030-02-13T00:00:00Z', available: false, reason: 'Leave' }],
      });
      // Otto (mechanical 1, below the plan's level 2): 08:00–12:00 = 20 h a week, plus Saturday 2030-03-16 08:00–16:00.
      await setAvailability(org, org.otherTechnicianId, {
        timezone: 'UTC',
        weeklyPattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '12:00' })),
        exceptions: [{ start: '2030-03-16T08:00:00Z', end: '2030-03-16T16:00:00Z', available: true, reason: 'Overtime' }],
      });
      // Open work: 240 min × 2 + 600 min × 1 = 18 h. Not counted: finished, cancelled, without an estimate, deleted.
      await insertWorkOrder(org, { status: 'OPEN', estimatedDuration: 240, crewSize: 2 });
      await insertWorkOrder(org, { status: 'IN_PROGRESS', estimatedDuration: 600 });
      await insertWorkOrder(org, { status: 'COMPLETED', estimatedDuration: 600 });
      await insertWorkOrder(org, { status: 'CANCELLED', estimatedDuration: 600 });
      await insertWorkOrder(org, { status: 'OPEN', estimatedDuration: null });
      await insertWorkOrder(org, { status: 'OPEN', estimatedDuration: 600, deletedAt: new Date() });
    });

    it('lists the occurrences of each equipment from the target on, with window end, hours, crew and skills', async () => {
      const forecast = await services.pmForecast.forecast(manager, range);
      const due = ['2030-01-15', '2030-02-15', '2030-03-15'];
      // The compliance window: floor(30.436875 days × 20 %) = 6 days.
      const windowEnds = ['2030-01-21', '2030-02-21', '2030-03-21'];
      const expected = due.flatMap((date, index) =>
        [org.equipmentId, motorId].sort().map((equipmentId) => ({
          planId,
          planName: 'Monthly lubrication',
          equipmentId,
          dueAt: endOfUtcDay(date),
          windowEnd: endOfUtcDay(windowEnds[index]!),
          source: 'calendar',
          estimatedHours: 1.5,
          crewSize: 2,
          requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
        })),
      );
      expect(forecast.from).toBe(range.from);
      expect(forecast.to).toBe(range.to);
      expect(forecast.occurrences).toEqual(expected);
    });

    it('sums load (hours × crew) and shift capacity per ISO week, overall and per skill', async () => {
      const forecast = await services.pmForecast.forecast(manager, range);
      const weeks = forecast.weeks.map((week) => [week.weekStart.slice(0, 10), week.loadHours, week.capacityHours, week.bySkill]);
      const mechanical = (loadHours: number, capacityHours: number) => [{ skill: 'mechanical', loadHours, capacityHours }];
      expect(weeks).toEqual([
        // Two occurrences × 1.5 h × crew 2 = 6 h; 40 h + 20 h; only Tess has mechanical ≥ 2.
        ['2030-01-14', 6, 60, mechanical(6, 40)],
        ['2030-01-21', 0, 60, mechanical(0, 40)],
        ['2030-01-28', 0, 60, mechanical(0, 40)],
        ['2030-02-04', 0, 60, mechanical(0, 40)],
        // Tess on leave for a day: 32 h.
        ['2030-02-11', 6, 52, mechanical(6, 32)],
        ['2030-02-18', 0, 60, mechanical(0, 40)],
        ['2030-02-25', 0, 60, mechanical(0, 40)],
        ['2030-03-04', 0, 60, mechanical(0, 40)],
        // Otto's Saturday overtime: +8 h.
        ['2030-03-11', 6, 68, mechanical(6, 40)],
      ]);
      // 540 h over nine weeks = 60 h a week; 18 h of open work = 0.3 weeks.
      expect(forecast.backlogWeeks).toBe(0.3);
    });

    it('continues from where the target stands, and creates nothing', async () => {
      const before = await counts(org);
      await services.pmPlansRepository.updateTarget(planId, motorId, { sequence: 2, nextDueDate: '2030-03-15' });
      const forecast = await services.pmForecast.forecast(manager, range);
      expect(forecast.occurrences.filter((occurrence) => occurrence.equipmentId === motorId).map((occurrence) => occurrence.dueAt)).toEqual(
        [endOfUtcDay('2030-03-15')],
      );
      expect(forecast.occurrences.filter((occurrence) => occurrence.equipmentId === org.equipmentId)).toHaveLength(3);
      expect(await counts(org)).toEqual(before);
      await services.pmPlansRepository.updateTarget(planId, motorId, { sequence: 0, nextDueDate: '2030-01-15' });
    });

    it('leaves out paused plans, and refuses a range over 366 days', async () => {
      const paused = await plan(manager, {
        name: 'Paused plan',
        equipmentIds: [org.equipmentId],
        template: monthlyTemplate,
        calendar: { every: 1, unit: 'WEEK', startsOn: '2030-01-14' },
        status: 'PAUSED',
      });
      const forecast = await services.pmForecast.forecast(manager, range);
      expect(forecast.occurrences.some((occurrence) => occurrence.planId === paused.id)).toBe(false);
      await appError(
        services.pmForecast.forecast(manager, { from: '2030-01-01T00:00:00Z', to: '2031-01-03T00:00:00Z' }),
        ErrorCode.Validation,
      );
    });

    async function counts(fixture: OrganizationFixture) {
      const [occurrences] = await database.db
        .select({ n: count() })
        .from(pmOccurrences)
        .where(eq(pmOccurrences.organizationId, fixture.organizationId));
      const [orders] = await database.db
        .select({ n: count() })
        .from(workOrders)
        .where(eq(workOrders.organizationId, fixture.organizationId));
      return { occurrences: occurrences!.n, orders: orders!.n };
    }
  });

  describe('a meter plan: every 500 operating hours', () => {
    let org: OrganizationFixture;
    let manager: Principal;
    let planId: string;
    let forecast: PmForecast;
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

    beforeAll(async () => {
      org = await createOrganization(database, 'pmmeter');
      manager = principalOf(org, 'manager');
      const meter = await services.meters.create(manager, org.equipmentId, CreateMeter.parse({ name: 'Operating hours', unit: 'h' }));
      // Daily readings at 12:00 UTC from 20 to 10 days ago: 1000, 1008, … 1080 (8 h a day).
      const readings = Array.from({ length: 11 }, (_, index) => ({
        value: 1000 + 8 * index,
        readAt: new Date(today - (20 - index) * DAY + 12 * 3_600_000).toISOString(),
      }));
      await services.meters.record(manager, meter.id, MeterReadingsRequest.parse({ readings }));
      planId = (
        await plan(manager, {
          name: '500 h service',
          equipmentIds: [org.equipmentId],
          template: { title: 'Service pump', estimatedDuration: 120 },
          meter: { meterId: meter.id, every: 500, startsAt: 1000 },
        })
      ).id;
      forecast = await services.pmForecast.forecast(
        manager,
        { from: now.toISOString(), to: new Date(now.getTime() + 150 * DAY).toISOString() },
        now,
      );
    });

    it('projects the marks from the usage rate of the last 30 days', () => {
      // Last reading 1080 ten days ago at 12:00. 1500: 420 ÷ 8 = 52.5 days later = 43 days from today, 00:00.
      // 2000: 920 ÷ 8 = 115 days later = 105 days from today, 12:00. 2500: 167.5 days later, past the range.
      const first = utcDate(today + 43 * DAY);
      const second = utcDate(today + 105 * DAY);
      expect(forecast.occurrences).toEqual(
        [first, second].map((date) => ({
          planId,
          planName: '500 h service',
          equipmentId: org.equipmentId,
          dueAt: endOfUtcDay(date),
          // A meter-only plan: due + graceMaxDays (28).
          windowEnd: endOfUtcDay(addDays(date, 28)),
          source: 'meter',
          estimatedHours: 2,
          crewSize: 1,
          requiredSkills: [],
        })),
      );
    });

    it('puts the load in the week of each mark; no shifts means no capacity and no backlog weeks', () => {
      const loaded = forecast.weeks.filter((week) => week.loadHours > 0);
      expect(loaded.map((week) => week.loadHours)).toEqual([2, 2]);
      for (const [index, week] of loaded.entries()) {
        const due = Date.parse(forecast.occurrences[index]!.dueAt);
        expect(Date.parse(week.weekStart)).toBeLessThanOrEqual(due);
        expect(due - Date.parse(week.weekStart)).toBeLessThan(7 * DAY);
        expect(new Date(week.weekStart).getUTCDay()).toBe(1); // Monday 00:00 UTC
      }
      expect(forecast.weeks.every((week) => week.capacityHours === 0 && week.bySkill.length === 0)).toBe(true);
      expect(forecast.backlogWeeks).toBe(0);
    });

    it('projects nothing without readings in the last 30 days', async () => {
      const later = new Date(now.getTime() + 25 * DAY);
      const stale = await services.pmForecast.forecast(
        manager,
        { from: later.toISOString(), to: new Date(later.getTime() + 150 * DAY).toISOString() },
        later,
      );
      expect(stale.occurrences).toEqual([]);
    });
  });

  describe('holiday rules and FLOATING plans (Europe/Berlin)', () => {
    let org: OrganizationFixture;
    let manager: Principal;

    beforeAll(async () => {
      org = await createOrganization(database, 'pmholiday');
      manager = principalOf(org, 'manager');
      await database.db.update(organizations).set({ timezone: 'Europe/Berlin' }).where(eq(organizations.id, org.organizationId));
      await database.db.insert(holidays).values({ organizationId: org.organizationId, date: '2030-02-15', name: 'Plant holiday' });
    });

    it('drops a SKIP occurrence on a holiday and moves a NEXT_WORKING_DAY one', async () => {
      const calendar = { every: 1, unit: 'MONTH', startsOn: '2030-01-15', mode: 'FIXED' };
      const skip = await plan(manager, {
        name: 'Skip',
        equipmentIds: [org.equipmentId],
        template: monthlyTemplate,
        calendar,
        holidayRule: 'SKIP',
      });
      const next = await plan(manager, {
        name: 'Next',
        equipmentIds: [org.equipmentId],
        template: monthlyTemplate,
        calendar,
        holidayRule: 'NEXT_WORKING_DAY',
      });
      // January to March 2030 in Berlin (CET, UTC+1, until 31 March).
      const forecast = await services.pmForecast.forecast(manager, { from: '2029-12-31T23:00:00Z', to: '2030-03-31T22:00:00Z' });
      const dueOf = (id: string) =>
        forecast.occurrences.filter((occurrence) => occurrence.planId === id).map((occurrence) => occurrence.dueAt);
      expect(dueOf(skip.id)).toEqual(['2030-01-15T22:59:59.999Z', '2030-03-15T22:59:59.999Z']);
      // 2030-02-15 is a Friday: Saturday is a working day (only listed days are not).
      expect(dueOf(next.id)).toEqual(['2030-01-15T22:59:59.999Z', '2030-02-16T22:59:59.999Z', '2030-03-15T22:59:59.999Z']);
      expect(
        forecast.occurrences.find((occurrence) => occurrence.planId === next.id && occurrence.dueAt.startsWith('2030-02'))?.windowEnd,
      ).toBe('2030-02-22T22:59:59.999Z');
      // Weeks start on Monday 00:00 Berlin time.
      expect(forecast.weeks[0]!.weekStart).toBe('2029-12-30T23:00:00.000Z');
    });

    it('projects a FLOATING plan waiting for its open work order from that due date + interval', async () => {
      const now = new Date();
      const today = localDateOf(now, 'Europe/Berlin');
      const floating = await plan(manager, {
        name: 'Four-weekly inspection',
        equipmentIds: [org.equipmentId],
        template: { title: 'Inspect', type: 'INSPECTION', estimatedDuration: 30 },
        calendar: { every: 4, unit: 'WEEK', startsOn: today, mode: 'FLOATING' },
      });
      const generated = await services.pmGenerator.run(now, org.organizationId);
      expect(generated).toHaveLength(1);
      const [target] = await services.pmPlansRepository.targets([floating.id]);
      expect(target).toMatchObject({ nextDueDate: null, openWorkOrderId: generated[0] });

      const forecast = await services.pmForecast.forecast(
        manager,
        { from: now.toISOString(), to: new Date(now.getTime() + 60 * DAY).toISOString() },
        now,
      );
      const dates = forecast.occurrences
        .filter((occurrence) => occurrence.planId === floating.id)
        .map((occurrence) => localDateOf(new Date(occurrence.dueAt), 'Europe/Berlin'));
      expect(dates).toEqual([addDays(today, 28), addDays(today, 56)]);
    });
  });

  describe('compliance (SMRP)', () => {
    let org: OrganizationFixture;
    let other: OrganizationFixture;
    const planId = '00000000-0000-4000-8000-000000000001';
    const may = { from: '2030-05-01T00:00:00.000Z', to: '2030-06-01T00:00:00.000Z' };
    const pm = (status: WorkOrderStatus, dueDate: string, actualEndTime: string | null, complianceWindowEnd: string | null) => ({
      pmPlanId: planId,
      status,
      dueDate: new Date(dueDate),
      actualEndTime: actualEndTime ? new Date(actualEndTime) : null,
      complianceWindowEnd: complianceWindowEnd ? new Date(complianceWindowEnd) : null,
    });

    beforeAll(async () => {
      org = await createOrganization(database, 'pmcompliance');
      other = await createOrganization(database, 'pmcomplianceother');
      // Due in May and counted:
      await insertWorkOrder(org, pm('COMPLETED', '2030-05-10T12:00:00Z', '2030-05-15T12:00:00Z', '2030-05-20T12:00:00Z')); // in window
      await insertWorkOrder(org, pm('CLOSED', '2030-05-12T12:00:00Z', '2030-05-25T12:00:00Z', '2030-05-20T12:00:00Z')); // late
      await insertWorkOrder(org, pm('OPEN', '2030-05-14T12:00:00Z', null, '2030-05-20T12:00:00Z')); // open
      await insertWorkOrder(org, pm('COMPLETED', '2030-05-18T12:00:00Z', '2030-05-17T12:00:00Z', null)); // no window: by due date
      await insertWorkOrder(org, pm('CLOSED', '2030-05-20T12:00:00Z', '2030-05-27T12:00:00Z', '2030-05-27T12:00:00Z')); // on the last instant
      // Not counted:
      await insertWorkOrder(org, pm('CANCELLED', '2030-05-16T12:00:00Z', null, '2030-05-20T12:00:00Z'));
      await insertWorkOrder(org, {
        ...pm('COMPLETED', '2030-05-10T12:00:00Z', '2030-05-11T12:00:00Z', null),
        pmPlanId: null,
        type: 'CORRECTIVE',
      });
      await insertWorkOrder(org, pm('COMPLETED', '2030-06-01T00:00:00Z', '2030-06-01T00:00:00Z', null)); // due at `to`: outside
      await insertWorkOrder(org, pm('COMPLETED', '2030-04-30T23:59:59Z', '2030-04-30T23:59:59Z', null)); // before `from`
      await insertWorkOrder(org, { ...pm('COMPLETED', '2030-05-10T12:00:00Z', '2030-05-11T12:00:00Z', null), deletedAt: new Date() });
      await insertWorkOrder(other, pm('COMPLETED', '2030-05-10T12:00:00Z', '2030-05-09T12:00:00Z', null));
    });

    it('counts PM work due in the range and what was completed within its window', async () => {
      expect(await services.pmForecast.compliance(principalOf(org, 'planner'), may)).toEqual({
        ...may,
        due: 5,
        completedInWindow: 3,
        rate: 60,
        rule: PM_COMPLIANCE_RULE,
      });
      expect(PM_COMPLIANCE_RULE).toContain('compliance window end');
    });

    it('is organization-wide for every role that may read plans, and null when nothing was due', async () => {
      expect((await services.pmForecast.compliance(principalOf(org, 'technician'), may)).completedInWindow).toBe(3);
      expect(await services.pmForecast.compliance(principalOf(other, 'manager'), may)).toMatchObject({
        due: 1,
        completedInWindow: 1,
        rate: 100,
      });
      const empty = await services.pmForecast.compliance(principalOf(org, 'manager'), {
        from: '2031-01-01T00:00:00.000Z',
        to: '2031-02-01T00:00:00.000Z',
      });
      expect(empty).toMatchObject({ due: 0, completedInWindow: 0, rate: null });
    });

    it('shows the last 30 days on the dashboard, over the work the caller may see', async () => {
      const now = Date.now();
      const ago = (days: number) => new Date(now - days * DAY).toISOString();
      const later = (days: number) => new Date(now + days * DAY).toISOString();
      await insertWorkOrder(org, { ...pm('COMPLETED', ago(5), ago(4), later(1)), technicianId: org.technicianId });
      await insertWorkOrder(org, pm('OPEN', ago(3), null, later(3)));
      await insertWorkOrder(org, pm('COMPLETED', ago(40), ago(40), ago(35))); // older than 30 days
      const stats = await services.workOrderQueries.dashboard(principalOf(org, 'manager'));
      expect(stats.pmCompliance).toMatchObject({ due: 2, completedInWindow: 1, rate: 50, rule: PM_COMPLIANCE_RULE });
      expect(Date.parse(stats.pmCompliance.to) - Date.parse(stats.pmCompliance.from)).toBe(30 * DAY);
      const own = await services.workOrderQueries.dashboard(principalOf(org, 'technician'));
      expect(own.pmCompliance).toMatchObject({ due: 1, completedInWindow: 1, rate: 100 });
    });
  });
  describe('the bound on occurrences', () => {
    it('lists the earliest 5,000 and counts only those in the weeks', async () => {
      const org = await createOrganization(database, 'pmcap');
      const manager = principalOf(org, 'manager');
      const equipmentIds = [org.equipmentId];
      for (let index = 1; index < 14; index++) equipmentIds.push(await addEquipment(org, `Pump ${index}`));
      await plan(manager, {
        name: 'Daily round',
        equipmentIds,
        template: { title: 'Walk-around', estimatedDuration: 60 },
        calendar: { every: 1, unit: 'DAY', startsOn: '2030-01-01' },
      });
      // 14 × 366 = 5,124 daily occurrences in the range: the first 5,000 are those of the first
      // 357 days, 2030-01-01 to 2030-12-23 (14 × 357 = 4,998), and two of 2030-12-24.
      const forecast = await services.pmForecast.forecast(manager, { from: '2030-01-01T00:00:00Z', to: '2031-01-02T00:00:00Z' });
      expect(forecast.occurrences).toHaveLength(5000);
      expect(forecast.occurrences[0]!.dueAt).toBe(endOfUtcDay('2030-01-01'));
      expect(forecast.occurrences.at(-1)!.dueAt).toBe(endOfUtcDay('2030-12-24'));
      expect(forecast.occurrences.filter((occurrence) => occurrence.dueAt === endOfUtcDay('2030-12-24'))).toHaveLength(2);
      expect(forecast.weeks.reduce((sum, week) => sum + week.loadHours, 0)).toBe(5000);
      expect(forecast.weeks.at(-1)!.loadHours).toBe(0);
    });
  });

  describe('the demo plant’s PM data', () => {
    it('seeds plans the generator continues and the forecast projects, once', async () => {
      const now = new Date();
      const seeded = await seedDemoOrganization(database, { now });
      expect(seeded.seeded).toBe(true);
      const organizationId = seeded.organizationId;
      const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, organizationId));
      expect(organization!.timezone).toBe('Europe/Berlin');
      const admin: Principal = { userId: organizationId, organizationId, roles: ['admin'], technicianId: null };

      const plans = await services.pmPlans.list(admin, { page: 1, limit: 50 });
      expect(plans.data.map((row) => row.name).sort()).toEqual([
        'Annual forklift safety inspection',
        'Compressor 500 h service',
        'High bearing temperature – compressor motor',
        'Monthly bearing lubrication – pumps and drive motors',
        'Quarterly conveyor inspection',
      ]);
      const holidaysOfYear = await database.db.select().from(holidays).where(eq(holidays.organizationId, organizationId));
      expect(holidaysOfYear.length).toBe(27);
      const [readings] = await database.db
        .select({ n: count() })
        .from(meterReadings)
        .where(eq(meterReadings.organizationId, organizationId));
      expect(readings!.n).toBeGreaterThan(2000);
      // The PM history: work orders linked to their plans, numbered after the rest.
      const pmHistory = await database.db.select().from(workOrders).where(eq(workOrders.organizationId, organizationId));
      const linked = pmHistory.filter((row) => row.pmPlanId !== null);
      expect(linked.length).toBeGreaterThan(20);
      expect(Math.max(...pmHistory.map((row) => row.number))).toBe(organization!.workOrderSeq);
      expect(linked.every((row) => row.complianceWindowEnd !== null)).toBe(true);
      // Crew work was done by its whole crew: as many distinct people as the plan asks for, none
      // of whom was booked on anything else at the time.
      const crewWork = linked.filter((row) => row.crewSize > 1 && row.technicianId !== null);
      expect(crewWork.length).toBeGreaterThan(0);
      for (const row of linked.filter((candidate) => candidate.technicianId !== null)) {
        const people = [row.technicianId!, ...row.crewTechnicianIds];
        expect(new Set(people).size, row.workOrderNumber).toBe(row.crewSize);
        for (const other of pmHistory) {
          if (other.id === row.id || !other.scheduledStartTime || !other.scheduledEndTime) continue;
          if (![other.technicianId, ...other.crewTechnicianIds].some((person) => person !== null && people.includes(person))) continue;
          const overlaps = other.scheduledStartTime < row.scheduledEndTime! && row.scheduledStartTime! < other.scheduledEndTime;
          expect(overlaps, `${row.workOrderNumber} and ${other.workOrderNumber}`).toBe(false);
        }
      }

      // The dashboard's compliance has the last lubrication round in it.
      const stats = await services.workOrderQueries.dashboard(admin);
      expect(stats.pmCompliance.due).toBeGreaterThan(0);
      expect(stats.pmCompliance.rate).not.toBeNull();

      // The forecast of the next eight weeks has load, and capacity from the crew's shifts.
      const range = { from: now.toISOString(), to: new Date(now.getTime() + 56 * DAY).toISOString() };
      const before = await services.pmForecast.forecast(admin, range, now);
      expect(new Set(before.occurrences.map((occurrence) => occurrence.source))).toEqual(new Set(['calendar', 'meter']));
      expect(before.weeks.filter((week) => week.loadHours > 0).length).toBeGreaterThanOrEqual(4);
      // The first and last weeks hold only part of a week (what is left of the current one; the
      // same hours of the eighth week ahead): no shift at all on a Sunday evening, or in the first
      // hours of a Monday. Every whole week in between has the crew's shifts.
      const wholeWeeks = before.weeks.slice(1, -1);
      expect(wholeWeeks.length).toBeGreaterThanOrEqual(7);
      expect(wholeWeeks.every((week) => week.capacityHours > 0)).toBe(true);
      expect(before.backlogWeeks).toBeGreaterThan(0);

      // The first generator run makes the work due within its lead time: due within a week.
      const generated = await services.pmGenerator.run(now, organizationId);
      expect(generated.length).toBeGreaterThanOrEqual(5);
      const made = await database.db.select().from(workOrders).where(eq(workOrders.organizationId, organizationId));
      for (const row of made.filter((candidate) => generated.includes(candidate.id))) {
        expect(row.dueDate!.getTime()).toBeGreaterThan(now.getTime());
        expect(row.dueDate!.getTime()).toBeLessThan(now.getTime() + 8 * DAY);
      }
      // What was generated leaves the forecast (it is a work order now) and the rest stays.
      const after = await services.pmForecast.forecast(admin, range, now);
      expect(after.occurrences.length).toBe(before.occurrences.length - generated.length);
      // A second run makes nothing more, and the seed does not run twice.
      expect(await services.pmGenerator.run(now, organizationId)).toEqual([]);
      expect((await seedDemoOrganization(database, { now })).seeded).toBe(false);
      const targets = await database.db.select().from(pmPlanTargets).where(eq(pmPlanTargets.organizationId, organizationId));
      expect(targets.length).toBe(plans.data.reduce((sum, row) => sum + row.equipmentIds.length, 0));
    });
  });
});
