import { AddWorkOrderPart, AssignWorkOrder, CreatePart, CreateWorkOrder, type WorkOrder } from '@msched/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { equipment, organizations, stockMovements, workOrders } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, partition, principalOf } from './support';

/** An instant on a day of January 2030, as sent (`…Z`) and as answered (`….000Z`). */
const at = (day: number, hour: number, minute = 0) =>
  `2030-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
const answered = (instant: string) => instant.replace('Z', '.000Z');

describe('WorkOrdersService over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let services: Services;
  let planner: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'works');
    other = await createOrganization(database, 'otherworks');
    services = buildServices(database);
    planner = principalOf(org, 'planner');
  });
  afterAll(() => dispose());

  const create = (principal: Principal, input: Record<string, unknown> = {}, fixture = org) =>
    services.workOrders.create(principal, CreateWorkOrder.parse({ title: 'Inspect', equipmentId: fixture.equipmentId, ...input }));
  const assign = (id: string, technicianId: string, start: string, end: string, force = false, version?: number) =>
    services.workOrders.assign(
      planner,
      id,
      AssignWorkOrder.parse({ technicianId, scheduledStartTime: start, scheduledEndTime: end, force }),
      version,
    );
  const history = (id: string) => services.execution.history(planner, id);

  describe('numbers', () => {
    it('are sequential per organization and independent across organizations', async () => {
      const a = await createOrganization(database, 'numbers-a');
      const b = await createOrganization(database, 'numbers-b');
      const pa = principalOf(a, 'planner');
      const first = await create(pa, {}, a);
      const second = await create(pa, {}, a);
      const inB = await create(principalOf(b, 'requester'), {}, b);
      const third = await create(pa, {}, a);
      expect([first, second, inB, third].map((wo) => wo.workOrderNumber)).toEqual(['WO-000001', 'WO-000002', 'WO-000001', 'WO-000003']);
    });

    it('10 concurrent creates get 10 distinct consecutive numbers', async () => {
      const c = await createOrganization(database, 'numbers-c');
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(principalOf(c, 'planner'), { title: `Job ${i}` }, c)));
      expect(results.map((wo) => wo.workOrderNumber).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `WO-${String(i + 1).padStart(6, '0')}`),
      );
      const [row] = await database.db.select().from(organizations).where(eq(organizations.id, c.organizationId));
      expect(row!.workOrderSeq).toBe(10);
    });

    it('a create records who asked, its checklist and a "created" history entry', async () => {
      const wo = await create(principalOf(org, 'requester'), { title: 'Leak', tasks: [{ title: 'Drain' }, { title: 'Seal' }] });
      expect(wo).toMatchObject({
        status: 'OPEN',
        requesterId: org.users.requester.id,
        technicianId: null,
        version: 1,
        allowedNextStates: ['CANCELLED'],
      });
      expect((await services.execution.tasks(planner, wo.id)).map((task) => [task.position, task.title])).toEqual([
        [1, 'Drain'],
        [2, 'Seal'],
      ]);
      expect(await history(wo.id)).toMatchObject([
        { kind: 'status', fromStatus: null, toStatus: 'OPEN', note: 'created', userId: org.users.requester.id },
      ]);
    });
  });

  describe('assign', () => {
    it('refuses a technician lacking a required skill level, naming the gap, unless forced', async () => {
      const wo = await create(planner, { requiredSkills: [{ skill: 'electrical', minLevel: 3 }, 'mechanical'] });
      const error = await appError(assign(wo.id, org.technicianId, at(2, 8), at(2, 9)), ErrorCode.ScheduleConflict);
      expect(error.options.extensions).toEqual({
        conflicts: {
          skills: [{ skill: 'electrical', requiredLevel: 3, technicianLevel: 2, technicianId: org.technicianId }],
          overlaps: [],
          equipmentOverlaps: [],
          groupOverlaps: [],
          precedence: [],
          maintenanceWindow: null,
        },
      });
      const otto = await appError(assign(wo.id, org.otherTechnicianId, at(2, 8), at(2, 9)), ErrorCode.ScheduleConflict);
      expect(otto.options.extensions).toEqual({
        conflicts: {
          skills: [{ skill: 'electrical', requiredLevel: 3, technicianLevel: 0, technicianId: org.otherTechnicianId }],
          overlaps: [],
          equipmentOverlaps: [],
          groupOverlaps: [],
          precedence: [],
          maintenanceWindow: null,
        },
      });
      expect(await services.workOrderQueries.detail(planner, wo.id, [])).toMatchObject({ status: 'OPEN', technicianId: null, version: 1 });

      const forced = await assign(wo.id, org.technicianId, at(2, 8), at(2, 9), true);
      expect(forced).toMatchObject({
        status: 'SCHEDULED',
        technicianId: org.technicianId,
        scheduledStartTime: answered(at(2, 8)),
        version: 2,
      });
      const change = (await history(wo.id)).find((entry) => entry.kind === 'change');
      expect(change?.note).toBe('assigned despite: Tess Turner lacks electrical level 3 (has 2)');
    });

    it('refuses a window overlapping other booked work of the technician, naming it, unless forced', async () => {
      const booked = await assign((await create(planner)).id, org.technicianId, at(3, 8), at(3, 10));
      const wo = await create(planner);
      const error = await appError(assign(wo.id, org.technicianId, at(3, 9), at(3, 11)), ErrorCode.ScheduleConflict);
      expect(error.options.extensions).toEqual({
        conflicts: {
          skills: [],
          overlaps: [
            {
              workOrderId: booked.id,
              workOrderNumber: booked.workOrderNumber,
              scheduledStartTime: answered(at(3, 8)),
              scheduledEndTime: answered(at(3, 10)),
              technicianId: org.technicianId,
            },
          ],
          equipmentOverlaps: [],
          groupOverlaps: [],
          precedence: [],
          maintenanceWindow: null,
        },
      });
      // Back to back is not an overlap; another technician is free, but not the pump: on another
      // machine he is booked; a forced double booking is allowed.
      expect((await assign(wo.id, org.technicianId, at(3, 10), at(3, 11))).status).toBe('SCHEDULED');
      const onPump = await create(planner);
      const pumpTaken = await appError(assign(onPump.id, org.otherTechnicianId, at(3, 9), at(3, 10)), ErrorCode.ScheduleConflict);
      expect(pumpTaken.message).toBe(`EQ-1 (Feed pump) is booked for ${booked.workOrderNumber} then; send force: true to assign anyway`);
      const [lathe] = await database.db
        .insert(equipment)
        .values({ organizationId: org.organizationId, equipmentNumber: 'EQ-2', name: 'Lathe', type: 'Lathe', locationId: org.locationId })
        .returning();
      const onLathe = await create(planner, { equipmentId: lathe!.id });
      expect((await assign(onLathe.id, org.otherTechnicianId, at(3, 9), at(3, 10))).status).toBe('SCHEDULED');
      expect((await assign((await create(planner)).id, org.technicianId, at(3, 9), at(3, 10), true)).status).toBe('SCHEDULED');
      // Rescheduling work over its own old window does not conflict with itself.
      expect((await assign(booked.id, org.technicianId, at(3, 7), at(3, 9, 30), true)).scheduledEndTime).toBe(answered(at(3, 9, 30)));
    });

    it('books a crew: each member checked like the technician, kept on a move, replaced or cleared when given', async () => {
      const crewOf = (id: string, crewTechnicianIds: string[] | undefined, start: string, end: string, technicianId = org.technicianId) =>
        services.workOrders.assign(
          planner,
          id,
          AssignWorkOrder.parse({ technicianId, crewTechnicianIds, scheduledStartTime: start, scheduledEndTime: end }),
        );
      const wo = await create(planner, { crewSize: 2, requiredSkills: [{ skill: 'mechanical', minLevel: 2 }] });
      // Otto has mechanical 1: a crew member lacking the skill is refused like the technician, by name.
      const gap = await appError(crewOf(wo.id, [org.otherTechnicianId], at(6, 8), at(6, 10)), ErrorCode.ScheduleConflict);
      expect(gap.message).toBe('Otto Olsen lacks mechanical level 2 (has 1); send force: true to assign anyway');
      expect(gap.options.extensions).toEqual({
        conflicts: {
          skills: [{ skill: 'mechanical', requiredLevel: 2, technicianLevel: 1, technicianId: org.otherTechnicianId }],
          overlaps: [],
          equipmentOverlaps: [],
          groupOverlaps: [],
          precedence: [],
          maintenanceWindow: null,
        },
      });
      // No such technician, or another organization's: 400 at the member's position.
      for (const stranger of ['00000000-0000-4000-8000-000000000000', other.technicianId]) {
        const unknown = await appError(crewOf(wo.id, [stranger], at(6, 8), at(6, 10)), ErrorCode.Validation);
        expect(unknown.options.errors).toEqual([{ path: 'crewTechnicianIds.0', message: 'no such technician in your organization' }]);
      }

      const light = await create(planner, { crewSize: 2 });
      const booked = await crewOf(light.id, [org.otherTechnicianId], at(6, 8), at(6, 10));
      expect(booked).toMatchObject({ technicianId: org.technicianId, crewTechnicianIds: [org.otherTechnicianId], status: 'SCHEDULED' });
      // Otto is booked now: other work over that time is refused on his account.
      const solo = await create(planner);
      const overlap = await appError(crewOf(solo.id, [], at(6, 9), at(6, 11), org.otherTechnicianId), ErrorCode.ScheduleConflict);
      expect(overlap.message).toBe(`Otto Olsen overlaps ${light.workOrderNumber}; send force: true to assign anyway`);
      // A move without a crew keeps it; with the member as technician (in any spelling), the crew is the rest.
      expect((await crewOf(light.id, undefined, at(7, 8), at(7, 10))).crewTechnicianIds).toEqual([org.otherTechnicianId]);
      expect(await crewOf(light.id, undefined, at(7, 8), at(7, 10), org.otherTechnicianId.toUpperCase())).toMatchObject({
        technicianId: org.otherTechnicianId,
        crewTechnicianIds: [],
      });
      expect((await crewOf(light.id, [org.technicianId], at(7, 8), at(7, 10), org.otherTechnicianId)).crewTechnicianIds).toEqual([
        org.technicianId,
      ]);
      expect((await crewOf(light.id, [], at(7, 8), at(7, 10), org.otherTechnicianId)).crewTechnicianIds).toEqual([]);
      const change = (await history(light.id)).filter((entry) => entry.kind === 'change').at(-1);
      expect(change?.changes).toMatchObject({ crewTechnicianIds: { from: [org.technicianId], to: [] } });
    });

    it('cancelled work no longer books the technician', async () => {
      const first = await assign((await create(planner)).id, org.technicianId, at(4, 8), at(4, 10));
      await services.workOrders.changeStatus(planner, first.id, { status: 'CANCELLED' });
      expect((await assign((await create(planner)).id, org.technicianId, at(4, 8), at(4, 10))).status).toBe('SCHEDULED');
    });

    it("refuses another organization's technician and work that is already under way", async () => {
      const wo = await create(planner);
      const error = await appError(assign(wo.id, other.technicianId, at(5, 8), at(5, 9)), ErrorCode.Validation);
      expect(error.options.errors).toEqual([{ path: 'technicianId', message: 'no such technician in your organization' }]);
      await assign(wo.id, org.technicianId, at(5, 8), at(5, 9));
      await services.workOrders.changeStatus(planner, wo.id, { status: 'IN_PROGRESS' });
      const started = await appError(assign(wo.id, org.technicianId, at(5, 10), at(5, 11)), ErrorCode.TransitionNotAllowed);
      expect(started.options.allowedNextStates).toEqual(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']);
    });

    it('two concurrent assigns of overlapping windows to the same technician: exactly one succeeds', async () => {
      const [a, b] = await Promise.all([create(planner), create(planner)]);
      const results = await Promise.allSettled([
        assign(a.id, org.otherTechnicianId, at(6, 8), at(6, 10)),
        assign(b.id, org.otherTechnicianId, at(6, 9), at(6, 11)),
      ]);
      const { values, reasons } = partition(results);
      expect(values).toHaveLength(1);
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatchObject({ code: ErrorCode.ScheduleConflict });
      const winner = values[0]!;
      const loser = winner.id === a.id ? b : a;
      expect(reasons[0]).toMatchObject({ options: { extensions: { conflicts: { overlaps: [{ workOrderId: winner.id }] } } } });
      expect(await services.workOrderQueries.detail(planner, loser.id, [])).toMatchObject({ status: 'OPEN', technicianId: null });
    });
  });

  describe('status changes', () => {
    it('refused transitions carry the next states the caller may choose', async () => {
      const wo = await create(principalOf(org, 'requester'));
      const fromOpen = await appError(
        services.workOrders.changeStatus(planner, wo.id, { status: 'IN_PROGRESS' }),
        ErrorCode.TransitionNotAllowed,
      );
      expect(fromOpen.options.allowedNextStates).toEqual(['SCHEDULED', 'CANCELLED']);
      const asRequester = await appError(
        services.workOrders.changeStatus(principalOf(org, 'requester'), wo.id, { status: 'COMPLETED' }),
        ErrorCode.TransitionNotAllowed,
      );
      expect(asRequester.options.allowedNextStates).toEqual(['CANCELLED']);
      // SCHEDULED is only reached through assign, which sets technician and times.
      const unscheduled = await appError(
        services.workOrders.changeStatus(planner, wo.id, { status: 'SCHEDULED' }),
        ErrorCode.TransitionNotAllowed,
      );
      expect(unscheduled.options.allowedNextStates).toEqual(['SCHEDULED', 'CANCELLED']);

      await assign(wo.id, org.technicianId, at(14, 8), at(14, 9));
      const asTechnician = await appError(
        services.workOrders.changeStatus(principalOf(org, 'technician'), wo.id, { status: 'CLOSED' }),
        ErrorCode.TransitionNotAllowed,
      );
      expect(asTechnician.options.allowedNextStates).toEqual(['IN_PROGRESS', 'ON_HOLD']);
      expect(await services.workOrderQueries.detail(planner, wo.id, [])).toMatchObject({ status: 'SCHEDULED', version: 2 });
    });

    it('completing gives back outstanding reservations with a RELEASE movement; issued parts stay used', async () => {
      const part = await services.parts.create(planner, CreatePart.parse({ partNumber: 'WO-P1', name: 'Gasket', onHand: 10 }));
      const tess = principalOf(org, 'technician');
      const wo = await assign((await create(planner)).id, org.technicianId, at(8, 8), at(8, 9));
      await services.workOrders.changeStatus(tess, wo.id, { status: 'IN_PROGRESS' });
      const reserved = await services.workOrderParts.add(
        tess,
        wo.id,
        AddWorkOrderPart.parse({ partId: part.id, quantity: 3, action: 'reserve' }),
      );
      expect([reserved.partOnHand, reserved.partAvailable]).toEqual([10, 7]);
      await services.workOrderParts.add(tess, wo.id, AddWorkOrderPart.parse({ partId: part.id, quantity: 1 }));

      const completed = await services.workOrders.changeStatus(tess, wo.id, { status: 'COMPLETED' });
      expect(completed.status).toBe('COMPLETED');
      expect(await services.parts.get(planner, part.id)).toMatchObject({ onHand: 9, reserved: 0, available: 9 });
      expect((await services.workOrderParts.list(planner, wo.id)).map((line) => [line.quantity, line.status])).toEqual([
        [3, 'RELEASED'],
        [1, 'ISSUED'],
      ]);
      const released = await database.db
        .select()
        .from(stockMovements)
        .where(and(eq(stockMovements.partId, part.id), eq(stockMovements.kind, 'RELEASE')));
      expect(released).toMatchObject([{ quantity: -3, onHandAfter: 9, reservedAfter: 0, workOrderId: wo.id, reason: wo.workOrderNumber }]);
    });

    it('keeps reservations while the work waits for approval, and through a rejection back into progress', async () => {
      const part = await services.parts.create(planner, CreatePart.parse({ partNumber: 'WO-APPROVAL', name: 'Seal kit', onHand: 10 }));
      const tess = principalOf(org, 'technician');
      const manager = principalOf(org, 'manager');
      const wo = await assign((await create(planner)).id, org.technicianId, at(9, 8), at(9, 9));
      await services.workOrders.changeStatus(tess, wo.id, { status: 'IN_PROGRESS' });
      await services.workOrderParts.add(tess, wo.id, AddWorkOrderPart.parse({ partId: part.id, quantity: 4, action: 'reserve' }));
      await services.workOrders.changeStatus(tess, wo.id, { status: 'PENDING_APPROVAL' });
      expect(await services.parts.get(planner, part.id)).toMatchObject({ onHand: 10, reserved: 4 });
      await services.workOrders.changeStatus(manager, wo.id, { status: 'IN_PROGRESS' });
      const lines = await services.workOrderParts.list(planner, wo.id);
      expect(lines.map((line) => [line.quantity, line.status])).toEqual([[4, 'RESERVED']]);
      // Still the job's to issue; approved, what is left goes back.
      await services.workOrderParts.update(tess, wo.id, lines[0]!.id, { status: 'ISSUED' });
      await services.workOrders.changeStatus(tess, wo.id, { status: 'PENDING_APPROVAL' });
      await services.workOrders.changeStatus(manager, wo.id, { status: 'COMPLETED' });
      expect(await services.parts.get(planner, part.id)).toMatchObject({ onHand: 6, reserved: 0 });
    });

    it('refuses a stale version', async () => {
      const wo = await create(planner);
      await services.workOrders.update(planner, wo.id, { title: 'Edited' }, 1);
      await appError(services.workOrders.changeStatus(planner, wo.id, { status: 'CANCELLED' }, 1), ErrorCode.PreconditionFailed);
      await appError(assign(wo.id, org.technicianId, at(9, 8), at(9, 9), false, 1), ErrorCode.PreconditionFailed);
      await appError(services.workOrders.update(planner, wo.id, { title: 'Lost' }, 1), ErrorCode.PreconditionFailed);
      await appError(services.workOrders.remove(planner, wo.id, 1), ErrorCode.PreconditionFailed);
      expect(await services.workOrderQueries.detail(planner, wo.id, [])).toMatchObject({ title: 'Edited', status: 'OPEN', version: 2 });
    });

    describe('a write that loses a race after reading', () => {
      afterEach(() => vi.restoreAllMocks());

      /** The next conditional update finds that someone else's change (a priority edit) committed first. */
      const someoneElseFirst = () => {
        const repository = services.workOrdersRepository;
        const update = repository.update.bind(repository);
        vi.spyOn(repository, 'update').mockImplementationOnce(async (organizationId, id, version, changes) => {
          await update(organizationId, id, version, { priority: 'CRITICAL' });
          return update(organizationId, id, version, changes);
        });
      };

      it('is a conflict (409) when the caller sent no If-Match: no precondition of theirs failed', async () => {
        const wo = await create(planner);
        someoneElseFirst();
        await appError(services.workOrders.update(planner, wo.id, { title: 'Mine' }), ErrorCode.Conflict);
        someoneElseFirst();
        await appError(assign(wo.id, org.technicianId, at(11, 8), at(11, 9)), ErrorCode.Conflict);
        someoneElseFirst();
        await appError(services.workOrders.remove(planner, wo.id), ErrorCode.Conflict);
        // Each losing write rolled back whole (here the competing edit ran in its transaction too).
        expect(await services.workOrderQueries.detail(planner, wo.id, [])).toMatchObject({ title: 'Inspect', status: 'OPEN', version: 1 });
      });

      it('is a failed precondition (412) when the caller sent If-Match with the version it read', async () => {
        const wo = await create(planner);
        someoneElseFirst();
        await appError(services.workOrders.update(planner, wo.id, { title: 'Mine' }, 1), ErrorCode.PreconditionFailed);
        someoneElseFirst();
        await appError(assign(wo.id, org.technicianId, at(12, 8), at(12, 9), false, 1), ErrorCode.PreconditionFailed);
        someoneElseFirst();
        await appError(services.workOrders.remove(planner, wo.id, 1), ErrorCode.PreconditionFailed);
      });
    });
  });

  describe('visibility', () => {
    it('a technician sees only work assigned to them', async () => {
      const forOtto = await assign((await create(planner)).id, org.otherTechnicianId, at(10, 8), at(10, 9));
      const unassigned = await create(planner);
      const tess = principalOf(org, 'technician');
      await appError(services.workOrderQueries.detail(tess, forOtto.id, []), ErrorCode.NotFound);
      await appError(services.workOrderQueries.detail(tess, unassigned.id, []), ErrorCode.NotFound);
      await appError(services.workOrders.changeStatus(tess, forOtto.id, { status: 'IN_PROGRESS' }), ErrorCode.NotFound);
      await appError(services.execution.history(tess, forOtto.id), ErrorCode.NotFound);
      const mine = await services.workOrderQueries.detail(principalOf(org, 'otherTechnician'), forOtto.id, []);
      expect(mine).toMatchObject({ id: forOtto.id, allowedNextStates: ['IN_PROGRESS', 'ON_HOLD'] });
    });

    it('a requester sees their own request only', async () => {
      const own = await create(principalOf(org, 'requester'));
      expect((await services.workOrderQueries.detail(principalOf(org, 'requester'), own.id, [])).id).toBe(own.id);
      await appError(services.workOrderQueries.detail(principalOf(org, 'otherRequester'), own.id, []), ErrorCode.NotFound);
      await appError(
        services.workOrders.changeStatus(principalOf(org, 'otherRequester'), own.id, { status: 'CANCELLED' }),
        ErrorCode.NotFound,
      );
      await appError(services.workOrderQueries.detail(principalOf(org, 'technician'), own.id, []), ErrorCode.NotFound);
      await appError(services.workOrderQueries.detail(principalOf(other, 'admin'), own.id, []), ErrorCode.NotFound);
      expect((await services.workOrders.changeStatus(principalOf(org, 'requester'), own.id, { status: 'CANCELLED' })).status).toBe(
        'CANCELLED',
      );
    });
  });

  describe('update', () => {
    it('records a "change" history entry with from and to of each changed field, and nothing for a no-op', async () => {
      const wo = await create(planner, { title: 'Old title', priority: 'LOW' });
      const updated = await services.workOrders.update(planner, wo.id, { title: 'New title', priority: 'HIGH', description: 'details' }, 1);
      expect(updated).toMatchObject({ title: 'New title', priority: 'HIGH', description: 'details', version: 2 });
      const changes = (await history(wo.id)).filter((entry) => entry.kind === 'change');
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        userId: planner.userId,
        changes: {
          title: { from: 'Old title', to: 'New title' },
          priority: { from: 'LOW', to: 'HIGH' },
          description: { from: null, to: 'details' },
        },
      });
      await services.workOrders.update(planner, wo.id, { title: 'New title' });
      expect((await history(wo.id)).filter((entry) => entry.kind === 'change')).toHaveLength(1);
    });

    it('refuses edits of cancelled work and equipment of another organization', async () => {
      const wo = await create(planner);
      const error = await appError(services.workOrders.update(planner, wo.id, { equipmentId: other.equipmentId }), ErrorCode.Validation);
      expect(error.options.errors).toEqual([{ path: 'equipmentId', message: 'no such equipment in your organization' }]);
      await services.workOrders.changeStatus(planner, wo.id, { status: 'CANCELLED' });
      await appError(services.workOrders.update(planner, wo.id, { title: 'Too late' }), ErrorCode.Conflict);
    });
  });

  describe('delete', () => {
    const deletedAt = async (id: string) =>
      (await database.db.select({ deletedAt: workOrders.deletedAt }).from(workOrders).where(eq(workOrders.id, id)))[0]!.deletedAt;

    it('removes OPEN work (releasing its reservations) and CANCELLED work, keeping the rows as deleted', async () => {
      const part = await services.parts.create(planner, CreatePart.parse({ partNumber: 'WO-P2', name: 'Filter', onHand: 4 }));
      const open = await create(planner);
      await services.workOrderParts.add(planner, open.id, AddWorkOrderPart.parse({ partId: part.id, quantity: 4, action: 'reserve' }));
      await services.workOrders.remove(planner, open.id, 1);
      await appError(services.workOrderQueries.detail(planner, open.id, []), ErrorCode.NotFound);
      expect(await deletedAt(open.id)).toBeInstanceOf(Date);
      expect(await services.parts.get(planner, part.id)).toMatchObject({ onHand: 4, reserved: 0 });

      const cancelled = await create(planner);
      await services.workOrders.changeStatus(planner, cancelled.id, { status: 'CANCELLED' });
      await services.workOrders.remove(planner, cancelled.id);
      await appError(services.workOrderQueries.detail(planner, cancelled.id, []), ErrorCode.NotFound);
    });

    it('refuses work that is scheduled or under way', async () => {
      const wo: WorkOrder = await assign((await create(planner)).id, org.technicianId, at(11, 8), at(11, 9));
      const error = await appError(services.workOrders.remove(planner, wo.id), ErrorCode.Conflict);
      expect(error.message).toBe('Only OPEN or CANCELLED work orders can be deleted; this one is SCHEDULED (cancel it first)');
      await services.workOrders.changeStatus(planner, wo.id, { status: 'IN_PROGRESS' });
      await appError(services.workOrders.remove(planner, wo.id), ErrorCode.Conflict);
      expect(await deletedAt(wo.id)).toBeNull();
    });
  });
});
