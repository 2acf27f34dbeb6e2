import type { PublishResult, ScheduleAnalysis, ScheduleRun } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createJobs, type SchedulingOrganization, schedulingOrganization, startRun, waitForRun } from '../support/schedule-fixtures';
import { type ApiResponse, type TestServer, startServer } from '../support/server';

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);
const messages = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((error) => error.message);

/**
 * Precedence (what must be finished before a work order starts) and conflict groups (what two
 * pieces of work must not hold at once) as planners use them: set on the work order, checked on
 * write, respected by a booking by hand, by the optimizer's runs, by an analysis and by a publish.
 */
describe('precedence and conflict groups', () => {
  let server: TestServer;
  let slugs = 0;
  const organization = () => schedulingOrganization(server, `prec-${++slugs}`);

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const create = async (scheduling: SchedulingOrganization, fields: Record<string, unknown> = {}): Promise<ApiResponse> =>
    scheduling.api('planner').post('/api/v1/work-orders', { title: 'Job', equipmentId: scheduling.org.equipmentId, ...fields });

  const created = async (scheduling: SchedulingOrganization, fields: Record<string, unknown> = {}) => {
    const response = await create(scheduling, fields);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; workOrderNumber: string; version: number };
  };

  /** Another machine of the organization: work on different machines is kept apart only by its groups. */
  const machine = async (scheduling: SchedulingOrganization): Promise<string> => {
    const response = await scheduling.api('planner').post('/api/v1/equipment', {
      equipmentNumber: `M-${++slugs}`,
      name: 'Conveyor',
      type: 'Conveyor',
      locationId: scheduling.org.locationId,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };

  const patch = async (scheduling: SchedulingOrganization, id: string, body: Record<string, unknown>) =>
    scheduling.api('planner').patch(`/api/v1/work-orders/${id}`, body);

  describe('on the work order', () => {
    let scheduling: SchedulingOrganization;
    beforeAll(async () => {
      scheduling = await organization();
    });

    it('keeps predecessors and conflict groups (groups lower-cased, each once), on the detail and in lists', async () => {
      const first = await created(scheduling);
      const second = await created(scheduling, {
        predecessorIds: [first.id.toUpperCase()],
        conflictGroups: ['Hot-Work', 'hot-work', 'crane:north'],
      });
      const detail = await scheduling.api('planner').get(`/api/v1/work-orders/${second.id}`);
      expect(detail.body).toMatchObject({ predecessorIds: [first.id], conflictGroups: ['crane:north', 'hot-work'] });
      const listed = await scheduling.api('planner').get(`/api/v1/work-orders?limit=100`);
      const row = (listed.body.data as { id: string }[]).find((entry) => entry.id === second.id);
      expect(row).toMatchObject({ predecessorIds: [first.id], conflictGroups: ['crane:north', 'hot-work'] });
      expect((listed.body.data as { id: string }[]).find((entry) => entry.id === first.id)).toMatchObject({
        predecessorIds: [],
        conflictGroups: [],
      });
    });

    it('refuses a predecessor that is not a work order of the organization, or named twice, and a malformed group (400, nothing written)', async () => {
      const first = await created(scheduling);
      const foreign = await organization();
      const theirs = await created(foreign);
      const refused = await create(scheduling, {
        predecessorIds: [first.id, theirs.id, '11111111-1111-4111-8111-111111111111'],
      });
      expect(refused.status).toBe(400);
      expect(fieldPaths(refused.body)).toEqual(['predecessorIds.1', 'predecessorIds.2']);
      expect(messages(refused.body)).toEqual(['no such work order in your organization', 'no such work order in your organization']);
      const twice = await create(scheduling, { predecessorIds: [first.id, first.id] });
      expect(twice.status).toBe(400);
      expect(fieldPaths(twice.body)).toEqual(['predecessorIds.1']);
      const badGroup = await create(scheduling, { conflictGroups: ['crane north'] });
      expect(badGroup.status).toBe(400);
      expect(fieldPaths(badGroup.body)).toEqual(['conflictGroups.0']);
      const tooMany = await create(scheduling, { conflictGroups: Array.from({ length: 11 }, (_, i) => `g${i}`) });
      expect(tooMany.status).toBe(400);
    });

    it('refuses a requester a predecessor they cannot see, as if it did not exist', async () => {
      const hidden = await created(scheduling);
      const response = await scheduling
        .api('requester')
        .post('/api/v1/work-orders', { title: 'Leak', equipmentId: scheduling.org.equipmentId, predecessorIds: [hidden.id] });
      expect(response.status).toBe(400);
      expect(messages(response.body)).toEqual(['no such work order in your organization']);
    });

    it('refuses itself and a cycle, direct or through others, and names the work order that already waits', async () => {
      const a = await created(scheduling);
      const b = await created(scheduling, { predecessorIds: [a.id] });
      const c = await created(scheduling, { predecessorIds: [b.id] });
      const self = await patch(scheduling, a.id, { predecessorIds: [a.id] });
      expect(self.status).toBe(400);
      expect(messages(self.body)).toEqual(['a work order cannot wait for itself']);
      const direct = await patch(scheduling, a.id, { predecessorIds: [b.id] });
      expect(direct.status).toBe(400);
      expect(fieldPaths(direct.body)).toEqual(['predecessorIds.0']);
      expect(messages(direct.body)[0]).toContain(`${b.workOrderNumber} already waits for this work order`);
      const through = await patch(scheduling, a.id, { predecessorIds: [c.id] });
      expect(through.status).toBe(400);
      expect(messages(through.body)[0]).toContain(c.workOrderNumber);
      // Nothing was written: A still waits for nothing, at its old version.
      const detail = await scheduling.api('planner').get(`/api/v1/work-orders/${a.id}`);
      expect(detail.body).toMatchObject({ predecessorIds: [], version: a.version });
      // A deleted link breaks the chain: with B gone, A may wait for C.
      expect((await scheduling.api('manager').delete(`/api/v1/work-orders/${b.id}`)).status).toBe(204);
      const allowed = await patch(scheduling, a.id, { predecessorIds: [c.id] });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    });

    it('takes back a list read with a predecessor deleted since, dropping that one', async () => {
      const gone = await created(scheduling);
      const kept = await created(scheduling);
      const waiting = await created(scheduling, { predecessorIds: [gone.id] });
      expect((await scheduling.api('manager').delete(`/api/v1/work-orders/${gone.id}`)).status).toBe(204);
      const read = await scheduling.api('planner').get(`/api/v1/work-orders/${waiting.id}`);
      const edited = await patch(scheduling, waiting.id, { predecessorIds: [...(read.body.predecessorIds as string[]), kept.id] });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body.predecessorIds).toEqual([kept.id]);
      // Named anew, a deleted work order is refused.
      const other = await created(scheduling);
      const refused = await patch(scheduling, other.id, { predecessorIds: [gone.id] });
      expect(refused.status).toBe(400);
    });

    it('lets only one of two edits that would together close a cycle through', async () => {
      const a = await created(scheduling);
      const b = await created(scheduling);
      const [one, other] = await Promise.all([
        patch(scheduling, a.id, { predecessorIds: [b.id] }),
        patch(scheduling, b.id, { predecessorIds: [a.id] }),
      ]);
      expect([one.status, other.status].sort()).toEqual([200, 400]);
    });

    it('keeps the version when the same predecessors and groups are sent again, and records a change in the history', async () => {
      const a = await created(scheduling);
      const b = await created(scheduling, { predecessorIds: [a.id], conflictGroups: ['crane'] });
      const same = await patch(scheduling, b.id, { predecessorIds: [a.id], conflictGroups: ['CRANE'] });
      expect(same.body).toMatchObject({ version: b.version });
      const cleared = await patch(scheduling, b.id, { predecessorIds: [] });
      expect(cleared.body).toMatchObject({ version: b.version + 1, predecessorIds: [] });
      const history = await scheduling.api('planner').get(`/api/v1/work-orders/${b.id}/history`);
      const change = (history.body as { kind: string; changes: Record<string, unknown> | null }[]).find(
        (entry) => entry.kind === 'change' && entry.changes?.['predecessorIds'],
      );
      expect(change?.changes?.['predecessorIds']).toEqual({ from: [a.id], to: [] });
    });
  });

  describe('booking by hand (/assign)', () => {
    let scheduling: SchedulingOrganization;
    beforeAll(async () => {
      scheduling = await organization();
    });

    const assign = (id: string, start: string, end: string, technicianId = scheduling.org.technicianId, force = false) =>
      scheduling.api('planner').post(`/api/v1/work-orders/${id}/assign`, {
        technicianId,
        scheduledStartTime: start,
        scheduledEndTime: end,
        ...(force ? { force } : {}),
      });

    it('refuses (409) work booked before its predecessor is booked to end, and a predecessor moved past its successor', async () => {
      const inspection = await created(scheduling);
      const overhaul = await created(scheduling, { predecessorIds: [inspection.id] });
      const unbooked = await assign(overhaul.id, at(0, 12), at(0, 14), scheduling.org.otherTechnicianId);
      expect(unbooked.status).toBe(409);
      expect(unbooked.body.detail).toContain(`it must wait for ${inspection.workOrderNumber}, not booked and not done`);
      expect(unbooked.body.conflicts.precedence).toEqual([
        expect.objectContaining({ workOrderId: inspection.id, relation: 'predecessor', status: 'OPEN', scheduledEndTime: null }),
      ]);
      expect((await assign(inspection.id, at(0, 9), at(0, 13))).status).toBe(200);
      const early = await assign(overhaul.id, at(0, 12), at(0, 14), scheduling.org.otherTechnicianId);
      expect(early.status).toBe(409);
      expect(early.body.detail).toContain('booked to end after it would start');
      expect((await assign(overhaul.id, at(0, 13), at(0, 15), scheduling.org.otherTechnicianId)).status).toBe(200);
      const later = await assign(inspection.id, at(0, 10), at(0, 14));
      expect(later.status).toBe(409);
      expect(later.body.conflicts.precedence).toEqual([expect.objectContaining({ workOrderId: overhaul.id, relation: 'successor' })]);
      // A planner may still insist.
      const forced = await assign(inspection.id, at(0, 10), at(0, 14), scheduling.org.technicianId, true);
      expect(forced.status).toBe(200);
    });

    it('lets work start once its predecessor is cancelled', async () => {
      const first = await created(scheduling);
      const next = await created(scheduling, { predecessorIds: [first.id] });
      expect((await scheduling.api('planner').post(`/api/v1/work-orders/${first.id}/status`, { status: 'CANCELLED' })).status).toBe(200);
      expect((await assign(next.id, at(1, 9), at(1, 10))).status).toBe(200);
    });

    it('checks two bookings made at once of work ordered against each other one after the other', async () => {
      const first = await created(scheduling);
      const next = await created(scheduling, { predecessorIds: [first.id], equipmentId: await machine(scheduling) });
      expect((await assign(first.id, at(3, 8), at(3, 9))).status).toBe(200);
      // Each alone is fine against the other as it stands; together they would put next first.
      const [early, late] = await Promise.all([
        assign(next.id, at(3, 10), at(3, 11), scheduling.org.otherTechnicianId),
        assign(first.id, at(3, 11), at(3, 12)),
      ]);
      expect([early.status, late.status].sort()).toEqual([200, 409]);
    });

    it('refuses (409) giving up a predecessor that booked work still waits for, back to OPEN or reopened', async () => {
      const manager = scheduling.api('manager');
      const status = (id: string, to: string, api = scheduling.api('planner')) =>
        api.post(`/api/v1/work-orders/${id}/status`, { status: to });
      const inspection = await created(scheduling);
      const overhaul = await created(scheduling, { predecessorIds: [inspection.id], equipmentId: await machine(scheduling) });
      expect((await assign(inspection.id, at(4, 8), at(4, 9))).status).toBe(200);
      expect((await assign(overhaul.id, at(4, 10), at(4, 11), scheduling.org.otherTechnicianId)).status).toBe(200);
      const before = await scheduling.api('planner').get(`/api/v1/work-orders/${inspection.id}`);

      const unbooked = await status(inspection.id, 'OPEN');
      expect(unbooked.status).toBe(409);
      expect(unbooked.body.detail).toBe(`${overhaul.workOrderNumber} wait(s) for it and is booked: unbook or move it first`);
      expect(unbooked.body.conflicts.precedence).toEqual([
        expect.objectContaining({ workOrderId: overhaul.id, relation: 'successor', status: 'SCHEDULED', scheduledStartTime: at(4, 10) }),
      ]);
      // Nothing written: still booked, same version.
      const after = await scheduling.api('planner').get(`/api/v1/work-orders/${inspection.id}`);
      expect(after.body).toMatchObject({ status: 'SCHEDULED', version: before.body.version, scheduledStartTime: at(4, 8) });

      // Cancelled, it holds nothing back; reopened, it would again.
      expect((await status(inspection.id, 'CANCELLED')).status).toBe(200);
      const reopened = await status(inspection.id, 'OPEN', manager);
      expect(reopened.status).toBe(409);
      expect(reopened.body.conflicts.precedence).toEqual([expect.objectContaining({ workOrderId: overhaul.id })]);

      // Once the waiting work has started, its order is past: the predecessor may be reopened.
      expect((await status(overhaul.id, 'IN_PROGRESS')).status).toBe(200);
      expect((await status(inspection.id, 'OPEN', manager)).status).toBe(200);
    });

    it('refuses (409) taking done work back into progress while other work was booked in its slot since, or waits for it', async () => {
      const status = (id: string, to: string, api = scheduling.api('planner')) =>
        api.post(`/api/v1/work-orders/${id}/status`, { status: to });
      const repair = await created(scheduling);
      const test = await created(scheduling, { predecessorIds: [repair.id], equipmentId: await machine(scheduling) });
      const other = await created(scheduling, { equipmentId: await machine(scheduling) });
      expect((await assign(repair.id, at(7, 8), at(7, 12))).status).toBe(200);
      expect((await status(repair.id, 'IN_PROGRESS')).status).toBe(200);
      expect((await status(repair.id, 'COMPLETED')).status).toBe(200);
      // Done early: its slot is free again, and the test may follow it.
      expect((await assign(test.id, at(7, 10), at(7, 11), scheduling.org.otherTechnicianId)).status).toBe(200);
      expect((await assign(other.id, at(7, 10), at(7, 11))).status).toBe(200);
      const before = await scheduling.api('planner').get(`/api/v1/work-orders/${repair.id}`);

      const reopened = await status(repair.id, 'IN_PROGRESS', scheduling.api('manager'));
      expect(reopened.status).toBe(409);
      expect(reopened.body.detail).toContain(`${test.workOrderNumber} wait(s) for it but would start before it ends`);
      expect(reopened.body.conflicts.overlaps).toEqual([
        expect.objectContaining({ workOrderId: other.id, technicianId: scheduling.org.technicianId }),
      ]);
      expect(reopened.body.conflicts.precedence).toEqual([expect.objectContaining({ workOrderId: test.id, relation: 'successor' })]);
      const after = await scheduling.api('planner').get(`/api/v1/work-orders/${repair.id}`);
      expect(after.body).toMatchObject({ status: 'COMPLETED', version: before.body.version });

      // Once that work is out of the way (or has started: past its order), it may go back into progress.
      expect((await status(test.id, 'IN_PROGRESS')).status).toBe(200);
      expect((await status(other.id, 'OPEN')).status).toBe(200);
      expect((await status(repair.id, 'IN_PROGRESS', scheduling.api('manager'))).status).toBe(200);
    });

    it('lets a predecessor be given up once the work waiting for it has started, even if that work is on hold', async () => {
      const status = (id: string, to: string) => scheduling.api('planner').post(`/api/v1/work-orders/${id}/status`, { status: to });
      const first = await created(scheduling);
      const next = await created(scheduling, { predecessorIds: [first.id], equipmentId: await machine(scheduling) });
      expect((await assign(first.id, at(8, 8), at(8, 9))).status).toBe(200);
      expect((await assign(next.id, at(8, 10), at(8, 11), scheduling.org.otherTechnicianId)).status).toBe(200);
      expect((await status(next.id, 'IN_PROGRESS')).status).toBe(200);
      expect((await status(next.id, 'ON_HOLD')).status).toBe(200);
      expect((await status(first.id, 'OPEN')).status).toBe(200);
    });

    it('checks an edit of work in progress against what its booking holds, but not its predecessors', async () => {
      const lift = await created(scheduling, { conflictGroups: ['hoist'] });
      const underway = await created(scheduling, { equipmentId: await machine(scheduling) });
      const unplanned = await created(scheduling);
      expect((await assign(lift.id, at(9, 12), at(9, 14))).status).toBe(200);
      expect((await assign(underway.id, at(9, 12), at(9, 14), scheduling.org.otherTechnicianId)).status).toBe(200);
      expect((await scheduling.api('planner').post(`/api/v1/work-orders/${underway.id}/status`, { status: 'IN_PROGRESS' })).status).toBe(
        200,
      );
      const regrouped = await patch(scheduling, underway.id, { conflictGroups: ['hoist'] });
      expect(regrouped.status).toBe(409);
      expect(regrouped.body.conflicts.groupOverlaps).toEqual([expect.objectContaining({ workOrderId: lift.id, groups: ['hoist'] })]);
      const moved = await patch(scheduling, underway.id, { equipmentId: scheduling.org.equipmentId });
      expect(moved.status).toBe(409);
      expect(moved.body.conflicts.equipmentOverlaps).toEqual([expect.objectContaining({ workOrderId: lift.id })]);
      // Work under way no longer waits for anything.
      expect((await patch(scheduling, underway.id, { predecessorIds: [unplanned.id] })).status).toBe(200);
    });

    it('refuses (409) work sharing a conflict group with work booked at the same time, on anyone', async () => {
      const lift = await created(scheduling, { conflictGroups: ['crane'] });
      const other = await created(scheduling, { conflictGroups: ['Crane', 'zone-b'], equipmentId: await machine(scheduling) });
      const elsewhere = await created(scheduling, { conflictGroups: ['zone-c'], equipmentId: await machine(scheduling) });
      expect((await assign(lift.id, at(2, 9), at(2, 11))).status).toBe(200);
      const clash = await assign(other.id, at(2, 10), at(2, 12), scheduling.org.otherTechnicianId);
      expect(clash.status).toBe(409);
      expect(clash.body.conflicts.groupOverlaps).toEqual([expect.objectContaining({ workOrderId: lift.id, groups: ['crane'] })]);
      expect(clash.body.detail).toContain(`${lift.workOrderNumber} hold(s) crane then`);
      expect((await assign(other.id, at(2, 11), at(2, 12), scheduling.org.otherTechnicianId)).status).toBe(200);
      // Booked work may not be given a group another booking holds at its time.
      const third = await created(scheduling, { equipmentId: await machine(scheduling) });
      expect((await assign(third.id, at(2, 13), at(2, 14), scheduling.org.otherTechnicianId)).status).toBe(200);
      expect((await assign(lift.id, at(2, 13), at(2, 14), scheduling.org.technicianId)).status).toBe(200);
      const regrouped = await patch(scheduling, third.id, { conflictGroups: ['crane'] });
      expect(regrouped.status).toBe(409);
      expect(regrouped.body.detail).toContain(`${lift.workOrderNumber} hold(s) crane then`);
      expect((await patch(scheduling, third.id, { conflictGroups: ['zone-q'] })).status).toBe(200);
      // Another group, another machine: no conflict at the same time.
      expect((await assign(elsewhere.id, at(2, 9), at(2, 11), scheduling.org.otherTechnicianId)).status).toBe(200);
    });
  });

  describe('the optimizer', () => {
    it('plans a chain in order and never overlaps work of one group, and an analysis charges a board that does', async () => {
      const scheduling = await organization();
      const [inspect] = await createJobs(scheduling, [{ title: 'Inspect', estimatedDuration: 240 }]);
      const overhaul = await created(scheduling, { title: 'Overhaul', estimatedDuration: 120, predecessorIds: [inspect!.id] });
      const liftA = await created(scheduling, {
        title: 'Lift A',
        estimatedDuration: 120,
        conflictGroups: ['crane'],
        equipmentId: await machine(scheduling),
      });
      const liftB = await created(scheduling, {
        title: 'Lift B',
        estimatedDuration: 120,
        conflictGroups: ['crane'],
        equipmentId: await machine(scheduling),
      });
      const runId = await startRun(scheduling.api('planner'));
      const run = await waitForRun(scheduling.api('planner'), runId);
      expect(run.score?.hard).toBe(0);
      expect(run.unassigned).toEqual([]);
      const placed = new Map(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
      expect(Date.parse(placed.get(overhaul.id)!.start)).toBeGreaterThanOrEqual(Date.parse(placed.get(inspect!.id)!.end));
      const [a, b] = [placed.get(liftA.id)!, placed.get(liftB.id)!];
      expect(Date.parse(a.start) >= Date.parse(b.end) || Date.parse(b.start) >= Date.parse(a.end)).toBe(true);

      // The planner's board: the overhaul at the same time as the inspection, both lifts at once.
      const board = {
        from: at(0, 0),
        to: at(12, 0),
        assignments: [
          { workOrderId: inspect!.id, technicianIds: [scheduling.org.technicianId], start: at(0, 8), end: at(0, 12) },
          { workOrderId: overhaul.id, technicianIds: [scheduling.org.otherTechnicianId], start: at(0, 8), end: at(0, 10) },
          { workOrderId: liftA.id, technicianIds: [scheduling.org.technicianId], start: at(1, 8), end: at(1, 10) },
          { workOrderId: liftB.id, technicianIds: [scheduling.org.otherTechnicianId], start: at(1, 9), end: at(1, 11) },
        ],
      };
      const analysis = await scheduling.api('planner').post<ScheduleAnalysis>('/api/v1/schedules/analyze', board);
      expect(analysis.status, JSON.stringify(analysis.body)).toBe(200);
      const total = (name: string) => analysis.body.analysis.find((entry) => entry.constraint === name);
      // The overhaul starts 240 minutes before the inspection ends; the lifts share an hour.
      expect(total('precedence')).toMatchObject({ total: 240, workOrders: [{ workOrderId: overhaul.id, penalty: 240 }] });
      expect(total('conflictGroup')?.total).toBe(60);
    });

    it('waits for a booked predecessor outside the run, holds back work whose predecessor is not planned at all, and plans around a group held elsewhere', async () => {
      const scheduling = await organization();
      const tess = scheduling.org.technicianId;
      const booked = await created(scheduling, { title: 'Drain tank', estimatedDuration: 120 });
      const unplanned = await created(scheduling, { title: 'Order gasket', estimatedDuration: 60 });
      const afterBooked = await created(scheduling, { title: 'Clean tank', estimatedDuration: 60, predecessorIds: [booked.id] });
      const afterUnplanned = await created(scheduling, { title: 'Fit gasket', estimatedDuration: 60, predecessorIds: [unplanned.id] });
      const chained = await created(scheduling, { title: 'Pressure test', estimatedDuration: 60, predecessorIds: [afterUnplanned.id] });
      const permit = await created(scheduling, { title: 'Weld bracket', estimatedDuration: 480, conflictGroups: ['hot-work'] });
      const needsPermit = await created(scheduling, {
        title: 'Cut pipe',
        estimatedDuration: 60,
        // Due Monday noon: only the held permit keeps it from Otto's free Monday.
        dueDate: at(0, 12),
        conflictGroups: ['hot-work'],
        equipmentId: await machine(scheduling),
      });
      const assign = (id: string, start: string, end: string) =>
        scheduling
          .api('planner')
          .post(`/api/v1/work-orders/${id}/assign`, { technicianId: tess, scheduledStartTime: start, scheduledEndTime: end });
      expect((await assign(booked.id, at(1, 8), at(1, 16))).status).toBe(200);
      expect((await assign(permit.id, at(0, 8), at(0, 16))).status).toBe(200);

      const runId = await startRun(scheduling.api('planner'), {
        workOrderIds: [afterBooked.id, afterUnplanned.id, chained.id, needsPermit.id],
      });
      const run = await waitForRun(scheduling.api('planner'), runId);
      expect(run.score?.hard).toBe(0);
      const placed = new Map(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
      expect(Date.parse(placed.get(afterBooked.id)!.start)).toBeGreaterThanOrEqual(Date.parse(at(1, 16)));
      // The hot-work permit is held all Monday by the welding: the cut waits for Tuesday.
      expect(Date.parse(placed.get(needsPermit.id)!.start)).toBeGreaterThanOrEqual(Date.parse(at(1, 8)));
      expect(run.unassigned).toEqual(
        expect.arrayContaining([
          {
            workOrderId: afterUnplanned.id,
            reasons: [`waits for ${unplanned.workOrderNumber}, which is not done, not booked and not in this run`],
          },
          {
            workOrderId: chained.id,
            reasons: [
              `waits for ${afterUnplanned.workOrderNumber}, which this run cannot plan (it waits for ${unplanned.workOrderNumber}, which is not done, not booked and not in this run)`,
            ],
          },
        ]),
      );
      expect(run.unassigned).toHaveLength(2);

      // A board placing held work is refused with the reason.
      const analysis = await scheduling.api('planner').post('/api/v1/schedules/analyze', {
        workOrderIds: [afterUnplanned.id],
        from: at(0, 0),
        to: at(12, 0),
        assignments: [{ workOrderId: afterUnplanned.id, technicianIds: [tess], start: at(2, 8), end: at(2, 9) }],
      });
      expect(analysis.status).toBe(400);
      expect(messages(analysis.body)[0]).toContain(`cannot be placed: it waits for ${unplanned.workOrderNumber}`);
    });

    it('publishes around held work: booked work waiting for unplanned work is left where it is', async () => {
      const scheduling = await organization();
      const tess = scheduling.org.technicianId;
      const first = await created(scheduling, { title: 'Isolate line', estimatedDuration: 60 });
      const second = await created(scheduling, { title: 'Replace valve', estimatedDuration: 60 });
      const book = (id: string, start: string, end: string) =>
        scheduling
          .api('planner')
          .post(`/api/v1/work-orders/${id}/assign`, { technicianId: tess, scheduledStartTime: start, scheduledEndTime: end });
      // Both booked in order; then the first is taken off the schedule again.
      expect((await book(first.id, at(1, 9), at(1, 10))).status).toBe(200);
      expect((await book(second.id, at(2, 9), at(2, 10))).status).toBe(200);
      // Made to wait while it is booked: refused for a predecessor booked after it, taken for one before.
      const late = await created(scheduling, { title: 'Drain line', estimatedDuration: 60 });
      expect((await book(late.id, at(3, 9), at(3, 10))).status).toBe(200);
      const outOfOrder = await patch(scheduling, second.id, { predecessorIds: [late.id] });
      expect(outOfOrder.status).toBe(409);
      expect(outOfOrder.body.detail).toContain(`it must wait for ${late.workOrderNumber}, booked to end after it would start`);
      expect((await patch(scheduling, second.id, { predecessorIds: [first.id] })).status).toBe(200);
      // Work waiting for it stays booked: the first cannot simply be given up; a planner who
      // unbooks both and then insists on booking the second gets booked work waiting for none.
      const status = (id: string, to: string) => scheduling.api('planner').post(`/api/v1/work-orders/${id}/status`, { status: to });
      expect((await status(first.id, 'OPEN')).status).toBe(409);
      expect((await status(second.id, 'OPEN')).status).toBe(200);
      expect((await status(first.id, 'OPEN')).status).toBe(200);
      const insisted = await scheduling.api('planner').post(`/api/v1/work-orders/${second.id}/assign`, {
        technicianId: tess,
        scheduledStartTime: at(2, 9),
        scheduledEndTime: at(2, 10),
        force: true,
      });
      expect(insisted.status).toBe(200);
      expect((await scheduling.api('planner').post(`/api/v1/work-orders/${late.id}/status`, { status: 'CANCELLED' })).status).toBe(200);
      const runId = await startRun(scheduling.api('planner'), { workOrderIds: [second.id] });
      const run: ScheduleRun = await waitForRun(scheduling.api('planner'), runId);
      expect(run.unassigned.map((entry) => entry.workOrderId)).toEqual([second.id]);
      const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ published: 0, unscheduled: 0 });
      expect(published.body.conflicts).toEqual([
        expect.objectContaining({ workOrderId: second.id, reason: expect.stringContaining(`waits for ${first.workOrderNumber}`) }),
      ]);
      const after = await scheduling.api('planner').get(`/api/v1/work-orders/${second.id}`);
      expect(after.body).toMatchObject({ status: 'SCHEDULED', scheduledStartTime: at(2, 9) });
    });

    it('does not publish work ahead of a predecessor rebooked later since the run', async () => {
      const scheduling = await organization();
      const first = await created(scheduling, { title: 'Isolate line', estimatedDuration: 60 });
      const second = await created(scheduling, { title: 'Replace valve', estimatedDuration: 60, predecessorIds: [first.id] });
      const runId = await startRun(scheduling.api('planner'));
      const run = await waitForRun(scheduling.api('planner'), runId);
      const proposed = new Map(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
      expect(Date.parse(proposed.get(second.id)!.start)).toBeLessThan(Date.parse(at(9, 8)));
      // Meanwhile the predecessor is booked by hand for the second week.
      const moved = await scheduling.api('planner').post(`/api/v1/work-orders/${first.id}/assign`, {
        technicianId: scheduling.org.otherTechnicianId,
        scheduledStartTime: at(9, 8),
        scheduledEndTime: at(9, 9),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body.published).toBe(0);
      expect(published.body.conflicts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ workOrderId: first.id, reason: 'changed since the run started' }),
          expect.objectContaining({
            workOrderId: second.id,
            reason: `would start before ${first.workOrderNumber}, which it waits for, is done`,
          }),
        ]),
      );
      expect((await scheduling.api('planner').get(`/api/v1/work-orders/${second.id}`)).body).toMatchObject({ status: 'OPEN' });
    });

    /**
     * A panel rewire only Tess can do (electrical 2), with Tess booked all Monday on other work,
     * and a test of the panel that waits for the rewire. Bookings are insisted on (force).
     */
    const panelWork = async () => {
      const scheduling = await organization();
      const { technicianId: tess, otherTechnicianId: otto } = scheduling.org;
      const fix = await created(scheduling, {
        title: 'Rewire panel',
        estimatedDuration: 60,
        requiredSkills: [{ skill: 'electrical', minLevel: 2 }],
      });
      const filler = await created(scheduling, {
        title: 'Shutdown support',
        estimatedDuration: 480,
        equipmentId: await machine(scheduling),
      });
      const test = await created(scheduling, {
        title: 'Test panel',
        estimatedDuration: 60,
        predecessorIds: [fix.id],
        equipmentId: await machine(scheduling),
      });
      const book = (id: string, technicianId: string, start: string, end: string) =>
        scheduling
          .api('planner')
          .post(`/api/v1/work-orders/${id}/assign`, { technicianId, scheduledStartTime: start, scheduledEndTime: end, force: true });
      expect((await book(filler.id, tess, at(0, 8), at(0, 16))).status).toBe(200);
      return { scheduling, otto, fix, test, book };
    };

    it('plans work before booked work outside the run that waits for it, or not at all', async () => {
      const { scheduling, otto, fix, test, book } = await panelWork();
      expect((await book(test.id, otto, at(0, 9), at(0, 10))).status).toBe(200);
      const run = await waitForRun(scheduling.api('planner'), await startRun(scheduling.api('planner'), { workOrderIds: [fix.id] }));
      expect(run.assignments).toEqual([]);
      expect(run.unassigned.map((entry) => entry.workOrderId)).toEqual([fix.id]);
    });

    it('does not give up a booking at publish that booked work outside the run still waits for', async () => {
      // The rewire was booked on Otto (insisted on), before the test that waits for it.
      const { scheduling, otto, fix, test, book } = await panelWork();
      expect((await book(fix.id, otto, at(0, 8), at(0, 9))).status).toBe(200);
      expect((await book(test.id, otto, at(0, 10), at(0, 11))).status).toBe(200);
      const runId = await startRun(scheduling.api('planner'), { workOrderIds: [fix.id] });
      const run = await waitForRun(scheduling.api('planner'), runId);
      expect(run.assignments).toEqual([]);
      expect(run.unassigned.map((entry) => entry.workOrderId)).toEqual([fix.id]);
      const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ published: 0, unscheduled: 0 });
      expect(published.body.conflicts).toEqual([
        expect.objectContaining({
          workOrderId: fix.id,
          reason: `${test.workOrderNumber} wait(s) for it and stay(s) booked: left where it is`,
        }),
      ]);
      const after = await scheduling.api('planner').get(`/api/v1/work-orders/${fix.id}`);
      expect(after.body).toMatchObject({ status: 'SCHEDULED', technicianId: otto, scheduledStartTime: at(0, 8) });
    });

    it('publishes no double booking when work dropped for its order keeps a slot the plan gave away', async () => {
      const scheduling = await organization();
      const { technicianId: tess, otherTechnicianId: otto } = scheduling.org;
      const book = (id: string, technicianId: string, start: string, end: string) =>
        scheduling
          .api('planner')
          .post(`/api/v1/work-orders/${id}/assign`, { technicianId, scheduledStartTime: start, scheduledEndTime: end, force: true });
      const electrical = [{ skill: 'electrical', minLevel: 2 }];
      const first = await created(scheduling, { title: 'Isolate feeder', estimatedDuration: 60, equipmentId: await machine(scheduling) });
      const waiting = await created(scheduling, {
        title: 'Swap breaker',
        estimatedDuration: 60,
        requiredSkills: electrical,
        predecessorIds: [first.id],
      });
      const urgent = await created(scheduling, {
        title: 'Restore lighting',
        estimatedDuration: 60,
        requiredSkills: electrical,
        priority: 'CRITICAL',
        dueDate: at(0, 9),
        equipmentId: await machine(scheduling),
      });
      expect((await book(first.id, otto, at(0, 9), at(0, 10))).status).toBe(200);
      // Booked out of order on purpose (forced).
      expect((await book(waiting.id, tess, at(0, 8), at(0, 9))).status).toBe(200);
      const runId = await startRun(scheduling.api('planner'), { workOrderIds: [waiting.id, urgent.id] });
      const run = await waitForRun(scheduling.api('planner'), runId);
      const proposed = new Map(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
      // The plan gives Tess's Monday 08:00 to the urgent work and moves the waiting work after its predecessor.
      expect(proposed.get(urgent.id)).toMatchObject({ technicianIds: [tess], start: at(0, 8) });
      expect(Date.parse(proposed.get(waiting.id)!.start)).toBeGreaterThanOrEqual(Date.parse(at(0, 10)));
      // Meanwhile the predecessor moves to the afternoon: the waiting work cannot move, so it keeps 08:00.
      expect((await book(first.id, otto, at(0, 14), at(0, 15))).status).toBe(200);
      const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body.conflicts.map((conflict) => conflict.workOrderId).sort()).toEqual([urgent.id, waiting.id].sort());
      const booked = await Promise.all([waiting.id, urgent.id].map((id) => scheduling.api('planner').get(`/api/v1/work-orders/${id}`)));
      expect(booked.map((response) => [response.body.status, response.body.scheduledStartTime])).toEqual([
        ['SCHEDULED', at(0, 8)],
        ['OPEN', null],
      ]);
    });

    it('lets a group (and a machine) serve other work between the shifts of work that runs over a night, by hand and at publish', async () => {
      const scheduling = await organization();
      const { technicianId: tess, otherTechnicianId: otto } = scheduling.org;
      // Otto works evenings, 18:00–22:00.
      const evenings = await scheduling.api('planner').put(`/api/v1/technicians/${otto}/availability`, {
        timezone: 'UTC',
        weeklyPattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '18:00', end: '22:00' })),
        exceptions: [],
      });
      expect(evenings.status).toBe(200);
      const crane = await machine(scheduling);
      const long = await created(scheduling, {
        title: 'Rebuild hoist',
        estimatedDuration: 600,
        conflictGroups: ['crane'],
        equipmentId: crane,
      });
      const evening = await created(scheduling, {
        title: 'Lift pallets',
        estimatedDuration: 60,
        conflictGroups: ['crane'],
        equipmentId: crane,
      });
      const book = (id: string, technicianId: string, start: string, end: string) =>
        scheduling
          .api('planner')
          .post(`/api/v1/work-orders/${id}/assign`, { technicianId, scheduledStartTime: start, scheduledEndTime: end });
      // Monday 08:00 to Tuesday 10:00 is Tess's ten hours; the crane is free on Monday evening.
      expect((await book(long.id, tess, at(0, 8), at(1, 10))).status).toBe(200);
      const between = await book(evening.id, otto, at(0, 18), at(0, 19));
      expect(between.status, JSON.stringify(between.body)).toBe(200);
      // While Tess works it, the crane is taken.
      const during = await book(evening.id, otto, at(1, 9), at(1, 10));
      expect(during.status).toBe(409);
      expect(during.body.conflicts.groupOverlaps).toHaveLength(0); // named once, as on the same machine
      expect(during.body.conflicts.equipmentOverlaps).toEqual([expect.objectContaining({ workOrderId: long.id })]);

      // A run's plan with the same shape publishes whole.
      const unbook = (id: string) => scheduling.api('planner').post(`/api/v1/work-orders/${id}/status`, { status: 'OPEN' });
      expect((await unbook(long.id)).status).toBe(200);
      expect((await unbook(evening.id)).status).toBe(200);
      const runId = await startRun(scheduling.api('planner'));
      const run = await waitForRun(scheduling.api('planner'), runId);
      expect(run.score?.hard).toBe(0);
      const proposed = new Map(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
      // Both on time: the pallets in the hoist rebuild's night.
      expect(proposed.get(long.id)).toMatchObject({ start: at(0, 8), end: at(1, 10) });
      expect(proposed.get(evening.id)).toMatchObject({ start: at(0, 18), end: at(0, 19) });
      const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.body).toMatchObject({ published: 2, conflicts: [] });
    });
  });
});
