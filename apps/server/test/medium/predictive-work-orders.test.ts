import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Assessment, triggerOf } from '../../src/modules/predictive/risk';
import type { PredictedEquipment } from '../../src/modules/predictive/predictive-work-orders';
import type { Database } from '../../src/platform/db/database';
import { notifications, predictiveAlerts, workOrders } from '../../src/platform/db/schema';
import { readableTime } from '../../src/platform/time/zoned-clock';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { HOUR, type Predictive, buildPredictive, insertMachine } from './predictive-support';
import { type Services, buildServices, scheduleProblemBuilder } from './support';

/**
 * Predictive work orders over a real database: one per episode however many scoring runs race,
 * none while it is open, a new one once it is finished; made like any other work order (number,
 * history, event, notifications) and picked up by the scheduler.
 */
describe('predictive work orders over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let predictive: Predictive;
  let org: OrganizationFixture;
  let count = 0;
  const settings = { leadHours: 72, riskThreshold: 0.5 };

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    predictive = buildPredictive(database, services);
    org = await createOrganization(database, 'predictive-wo');
  });
  afterAll(() => dispose());

  async function machine(): Promise<PredictedEquipment> {
    const equipmentNumber = `PX-${++count}`;
    const id = await insertMachine(database, org.organizationId, {
      equipmentNumber,
      ownerId: org.users.planner.id,
      maintenanceManagerId: org.users.manager.id,
    });
    return {
      id,
      organizationId: org.organizationId,
      name: `Machine ${equipmentNumber}`,
      equipmentNumber,
      type: 'Pump',
      ownerId: org.users.planner.id,
      maintenanceManagerId: org.users.manager.id,
    };
  }

  /** An assessment whose remaining life is `lower`–`upper` hours. */
  const assessment = (equipment: PredictedEquipment, lower: number, upper = lower + 40): Assessment => ({
    equipmentId: equipment.id,
    organizationId: equipment.organizationId,
    equipmentType: 'Pump',
    rul: {
      estimate: (lower + upper) / 2,
      lower,
      upper,
      unit: 'hours',
      confidence: 64,
      drivers: [
        { sensor: 'vibration', contribution: -31.5 },
        { sensor: 'bearing temperature', contribution: -8.25 },
      ],
    },
    failure: null,
    anomaly: { score: 88, drivers: [] },
    model: { id: '00000000-0000-4000-8000-000000000001', label: 'rul:Pump:v3' },
    asOf: new Date(Date.now() - HOUR),
  });

  const act = (equipment: PredictedEquipment, scored: Assessment, now = new Date()) =>
    predictive.workOrders.act(equipment, scored, triggerOf(scored, settings, now), settings, 180, now);

  const predictiveWorkOrders = (equipmentId: string) =>
    database.db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.equipmentId, equipmentId), eq(workOrders.type, 'PREDICTIVE')));

  it('opens one work order when five scoring runs race on the same prediction', async () => {
    const equipment = await machine();
    const opened = await Promise.all(Array.from({ length: 5 }, () => act(equipment, assessment(equipment, 20))));
    expect(opened.filter((id) => id !== null)).toHaveLength(1);
    expect(await predictiveWorkOrders(equipment.id)).toHaveLength(1);
    const [open] = await database.db.select().from(predictiveAlerts).where(eq(predictiveAlerts.equipmentId, equipment.id));
    expect(open).toMatchObject({ workOrderId: opened.find((id) => id !== null), resolvedAt: null });
  });

  it('makes the work order like any other: OPEN, numbered, due at the lower bound, explained, with history, event and notifications', async () => {
    // Its moments are written in the organization's time zone, as people there read them.
    await database.rows(sql`update organizations set timezone = 'Asia/Tokyo' where id = ${org.organizationId}`);
    const equipment = await machine();
    const now = new Date();
    const id = (await act(equipment, assessment(equipment, 50, 110), now))!;
    const [row] = await predictiveWorkOrders(equipment.id);
    expect(row).toMatchObject({ id, status: 'OPEN', priority: 'HIGH', estimatedDuration: 180, requesterId: null });
    expect(row!.workOrderNumber).toMatch(/^WO-\d{6}$/);
    expect(row!.dueDate!.getTime()).toBe(now.getTime() + 50 * HOUR);
    expect(row!.title).toBe(`Predicted failure of ${equipment.name}: about 80 h of life left`);
    expect(row!.description).toContain('lower bound of the remaining useful life (50 h) is within the 72 h lead time');
    expect(row!.description).toContain('Remaining useful life: 80 h (interval 50–110 h), confidence 64/100, model rul:Pump:v3.');
    expect(row!.description).toContain('Top drivers: vibration (-31.5), bearing temperature (-8.3).');
    const history = await database.rows<{ note: string }>(sql`select note from work_order_history where work_order_id = ${id}`);
    expect(history.map((entry) => entry.note)).toEqual(['opened by predictive maintenance (remaining useful life)']);
    const events = await database.rows<{ name: string; payload: { eventType?: string; workOrderId?: string } }>(
      sql`select name, payload from events where organization_id = ${org.organizationId} order by event_id`,
    );
    expect(
      events.some(
        (event) => event.name === 'workorder:update' && event.payload.eventType === 'created' && event.payload.workOrderId === id,
      ),
    ).toBe(true);
    const notices = await database.db.select().from(notifications).where(eq(notifications.workOrderId, id));
    expect(notices.map((notice) => notice.userId).sort()).toEqual([org.users.manager.id, org.users.planner.id].sort());
    expect(notices[0]!.data).toMatchObject({ kind: 'predictive_work_order', reason: 'rul', modelVersion: 'rul:Pump:v3' });
    const due = readableTime(row!.dueDate!, 'Asia/Tokyo');
    expect(due).toMatch(/\(Asia\/Tokyo\)$/);
    expect(row!.description).toContain(`Due ${due}: before the predicted failure.`);
    expect(notices[0]!.message).toBe(`${row!.workOrderNumber}: ${row!.title}. Due ${due}.`);
    await database.rows(sql`update organizations set timezone = 'UTC' where id = ${org.organizationId}`);
  });

  it('opens nothing more while the work order is open, and a new one once it is finished', async () => {
    const equipment = await machine();
    const first = await act(equipment, assessment(equipment, 30));
    expect(first).not.toBeNull();
    await database.db.update(workOrders).set({ status: 'SCHEDULED' }).where(eq(workOrders.id, first!));
    expect(await act(equipment, assessment(equipment, 10))).toBeNull();
    await database.db
      .update(workOrders)
      .set({ status: 'COMPLETED', actualStartTime: new Date(Date.now() - 2 * HOUR), actualEndTime: new Date() })
      .where(eq(workOrders.id, first!));
    const second = await act(equipment, assessment(equipment, 10));
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    const alerts = await database.db.select().from(predictiveAlerts).where(eq(predictiveAlerts.equipmentId, equipment.id));
    expect(alerts.map((alert) => [alert.workOrderId, alert.resolvedAt !== null]).sort()).toEqual(
      [
        [first, true],
        [second, false],
      ].sort(),
    );
  });

  it('closes the episode of a cancelled work order even when nothing triggers, and opens nothing', async () => {
    const equipment = await machine();
    const first = (await act(equipment, assessment(equipment, 30)))!;
    await database.db.update(workOrders).set({ status: 'CANCELLED' }).where(eq(workOrders.id, first));
    expect(await act(equipment, assessment(equipment, 500))).toBeNull();
    const [alert] = await database.db.select().from(predictiveAlerts).where(eq(predictiveAlerts.equipmentId, equipment.id));
    expect(alert!.resolvedAt).not.toBeNull();
    expect(await predictiveWorkOrders(equipment.id)).toHaveLength(1);
  });

  it('is scheduled like any other open work', async () => {
    const equipment = await machine();
    const id = (await act(equipment, assessment(equipment, 40)))!;
    const from = new Date();
    const { problem } = await scheduleProblemBuilder(database).build({
      organizationId: org.organizationId,
      from,
      to: new Date(from.getTime() + 7 * 24 * HOUR),
    });
    expect(problem.jobs.map((job) => job.id)).toContain(id);
  });
});
