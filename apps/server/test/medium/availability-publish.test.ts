import { CreateWorkOrder, TechnicianAvailability } from '@msched/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { scheduleRuns } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { lockWaits, pauseFirstCall } from './locking';
import { type Services, buildServices, principalOf } from './support';

/** Monday 3 March 2031, 08:00–16:00 UTC: Tess's shift, the proposal's slot and the leave. */
const SHIFT_START = Date.parse('2031-03-03T08:00:00Z');
const SHIFT_END = Date.parse('2031-03-03T16:00:00Z');
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' }));

/**
 * Leave saved while a schedule is published lands wholly before or wholly after the publish:
 * the publish locks the crews it books before it reads their calendars, and saving availability
 * locks the technician too. Without that, a publish could book a technician over leave that
 * committed between its calendar read and its own commit, or over leave not yet committed when
 * it read the calendar.
 *
 * PostgreSQL only: PGlite runs one transaction at a time.
 */
describe.runIf(usingPostgres())('availability saved during a publish (PostgreSQL)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let slugs = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
  });
  afterAll(() => dispose());
  afterEach(() => vi.restoreAllMocks());

  /** Tess's weekday shifts, as before the publish. */
  const weekdays = () => TechnicianAvailability.parse({ weeklyPattern: WEEKDAYS, exceptions: [] });
  /**
   * The two ways Monday's shift can go: leave (an exception row, whose foreign key alone takes a
   * key-share lock on the technician) and a pattern without Monday (no new row at all).
   */
  const changes: [string, TechnicianAvailability][] = [
    [
      'leave entered',
      TechnicianAvailability.parse({
        weeklyPattern: WEEKDAYS,
        exceptions: [{ start: new Date(SHIFT_START).toISOString(), end: new Date(SHIFT_END).toISOString(), reason: 'Sick' }],
      }),
    ],
    ['Monday dropped from the shifts', TechnicianAvailability.parse({ weeklyPattern: WEEKDAYS.slice(1), exceptions: [] })],
  ];

  /** Tess on weekday shifts, one 8-hour job for her, and a finished run proposing it on Monday's shift. */
  const scenario = async (): Promise<{ org: OrganizationFixture; planner: Principal; workOrderId: string; runId: string }> => {
    const org = await createOrganization(database, `leave-publish-${++slugs}`);
    const planner = principalOf(org, 'planner');
    await services.technicians.replaceAvailability(planner, org.technicianId, weekdays());
    const job = await services.workOrders.create(
      planner,
      CreateWorkOrder.parse({
        title: 'Replace bearing',
        equipmentId: org.equipmentId,
        estimatedDuration: 480,
        requiredSkills: [{ skill: 'mechanical', minLevel: 1 }],
      }),
    );
    const [run] = await database.db
      .insert(scheduleRuns)
      .values({
        organizationId: org.organizationId,
        status: 'DONE',
        mode: 'full',
        rangeStart: new Date(SHIFT_START),
        rangeEnd: new Date(SHIFT_END),
        request: {},
        baseline: { [job.id]: job.version },
        score: { hard: 0, medium: 0, soft: 0 },
        progress: { elapsedMs: 0, bestScoreHistory: [] },
        solution: {
          assignments: [{ jobId: job.id, technicianIds: [org.technicianId], start: SHIFT_START, end: SHIFT_END }],
          unassigned: [],
          analysis: [],
        },
      })
      .returning();
    return { org, planner, workOrderId: job.id, runId: run!.id };
  };

  /** A promise with a flag that is set as soon as it settles. */
  const tracked = <T>(promise: Promise<T>) => {
    const state = { settled: false };
    const settled = promise.finally(() => (state.settled = true));
    return { state, settled };
  };

  it.each(changes)('%s after the publish read the calendar waits for the publish, which books the slot', async (_, change) => {
    const { org, planner, workOrderId, runId } = await scenario();
    const pause = pauseFirstCall(services.pmForecastRepository, 'technicianCalendars', 'after');
    const publishing = services.schedulePublisher.publish(planner, runId);
    await pause.reached;

    const leave = tracked(services.technicians.replaceAvailability(planner, org.technicianId, change));
    await lockWaits(database, 1, leave.settled);
    expect(leave.state.settled).toBe(false);
    pause.open();

    expect(await publishing).toEqual({ published: 1, unchanged: 0, unscheduled: 0, conflicts: [] });
    expect(await leave.settled).toMatchObject({ weeklyPattern: change.weeklyPattern, exceptions: change.exceptions });
    const booked = await services.workOrderQueries.detail(planner, workOrderId, []);
    expect([booked.status, booked.technicianId, booked.scheduledStartTime]).toEqual([
      'SCHEDULED',
      org.technicianId,
      new Date(SHIFT_START).toISOString(),
    ]);
  });

  it.each(changes)('a publish waits for %s being saved, then reads it and leaves the work unbooked', async (_, change) => {
    const { org, planner, workOrderId, runId } = await scenario();
    const pause = pauseFirstCall(services.techniciansRepository, 'replaceAvailability', 'after');
    const leave = services.technicians.replaceAvailability(planner, org.technicianId, change);
    await pause.reached;

    const publishing = tracked(services.schedulePublisher.publish(planner, runId));
    await lockWaits(database, 1, publishing.settled);
    expect(publishing.state.settled).toBe(false);
    pause.open();

    expect(await leave).toMatchObject({ weeklyPattern: change.weeklyPattern, exceptions: change.exceptions });
    const result = await publishing.settled;
    expect(result.published).toBe(0);
    expect(result.conflicts).toEqual([
      {
        workOrderId,
        reason: 'Tess Turner no longer has the hours for it then (leave or a shift changed since the run started)',
        status: 'OPEN',
      },
    ]);
    const untouched = await services.workOrderQueries.detail(planner, workOrderId, []);
    expect([untouched.status, untouched.technicianId, untouched.scheduledStartTime]).toEqual(['OPEN', null, null]);
  });
});
