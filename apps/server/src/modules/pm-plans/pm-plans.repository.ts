import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, arrayContains, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { organizationTimezone } from '../../platform/db/organization-timezone';
import { selectPage } from '../../platform/db/paging';
import { equipment, holidays, meters, pmOccurrences, pmPlanTargets, pmPlans, workOrders } from '../../platform/db/schema';

export type PmPlanRow = typeof pmPlans.$inferSelect;
export type NewPmPlan = typeof pmPlans.$inferInsert;
export type PmTargetRow = typeof pmPlanTargets.$inferSelect;
export type PmOccurrenceRow = typeof pmOccurrences.$inferSelect;

/** Plans, where each stands per piece of equipment, and the occurrences they generated. */
@Injectable()
export class PmPlansRepository {
  constructor(private readonly database: Database) {}

  async insert(values: NewPmPlan): Promise<PmPlanRow> {
    const [row] = await this.database.executor.insert(pmPlans).values(values).returning();
    return row!;
  }

  /**
   * `lock` holds the plan row until the transaction ends, against other edits only: a generation
   * run holding a target lock still inserts its occurrence and work order (their keys refer to
   * the plan), where FOR UPDATE would make it wait for an edit that waits for its target: a
   * deadlock.
   */
  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<PmPlanRow | undefined> {
    const query = this.database.executor
      .select()
      .from(pmPlans)
      .where(and(eq(pmPlans.organizationId, organizationId), eq(pmPlans.id, id), isNull(pmPlans.deletedAt)));
    const [row] = options.lock ? await query.for('no key update') : await query;
    return row;
  }

  list(organizationId: string, query: { page: number; limit: number; equipmentId?: string; status?: PmPlanRow['status'] }) {
    const conditions: SQL[] = [eq(pmPlans.organizationId, organizationId), isNull(pmPlans.deletedAt)];
    if (query.equipmentId) conditions.push(arrayContains(pmPlans.equipmentIds, [query.equipmentId]));
    if (query.status) conditions.push(eq(pmPlans.status, query.status));
    return selectPage(this.database.executor, pmPlans, and(...conditions), [asc(pmPlans.name), asc(pmPlans.id)], query.page, query.limit);
  }

  /** Active plans of every organization (the scheduled run), or of one. */
  activePlans(organizationId?: string): Promise<PmPlanRow[]> {
    const conditions: SQL[] = [isNull(pmPlans.deletedAt), eq(pmPlans.status, 'ACTIVE')];
    if (organizationId) conditions.push(eq(pmPlans.organizationId, organizationId));
    return this.database.executor
      .select()
      .from(pmPlans)
      .where(and(...conditions));
  }

  /** Active plans with a meter trigger on this meter. */
  plansOfMeter(organizationId: string, meterId: string): Promise<PmPlanRow[]> {
    return this.database.executor
      .select()
      .from(pmPlans)
      .where(
        and(
          eq(pmPlans.organizationId, organizationId),
          isNull(pmPlans.deletedAt),
          eq(pmPlans.status, 'ACTIVE'),
          sql`${pmPlans.meter} ->> 'meterId' = ${meterId}`,
        ),
      );
  }

  /** Writes a change only over `expectedVersion`; undefined when someone else changed it first. */
  async update(organizationId: string, id: string, expectedVersion: number, changes: Partial<NewPmPlan>): Promise<PmPlanRow | undefined> {
    const [row] = await this.database.executor
      .update(pmPlans)
      .set({ ...changes, version: sql`${pmPlans.version} + 1`, updatedAt: new Date() })
      .where(and(eq(pmPlans.organizationId, organizationId), eq(pmPlans.id, id), eq(pmPlans.version, expectedVersion)))
      .returning();
    return row;
  }

  targets(planIds: string[]): Promise<PmTargetRow[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    return this.database.executor
      .select()
      .from(pmPlanTargets)
      .where(inArray(pmPlanTargets.planId, planIds))
      .orderBy(asc(pmPlanTargets.equipmentId));
  }

  /** One target, locked until the transaction ends: generation for it runs one at a time. */
  async lockTarget(planId: string, equipmentId: string): Promise<PmTargetRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(pmPlanTargets)
      .where(and(eq(pmPlanTargets.planId, planId), eq(pmPlanTargets.equipmentId, equipmentId)))
      .for('update');
    return row;
  }

  async upsertTargets(rows: (typeof pmPlanTargets.$inferInsert)[]): Promise<void> {
    if (rows.length === 0) return;
    await this.database.executor.insert(pmPlanTargets).values(rows).onConflictDoNothing();
  }

  async updateTarget(planId: string, equipmentId: string, changes: Partial<typeof pmPlanTargets.$inferInsert>): Promise<void> {
    await this.database.executor
      .update(pmPlanTargets)
      .set(changes)
      .where(and(eq(pmPlanTargets.planId, planId), eq(pmPlanTargets.equipmentId, equipmentId)));
  }

  async removeTargetsExcept(planId: string, equipmentIds: string[]): Promise<void> {
    await this.database.executor
      .delete(pmPlanTargets)
      .where(and(eq(pmPlanTargets.planId, planId), sql`not (${pmPlanTargets.equipmentId} = any(${sql.param(equipmentIds)}::uuid[]))`));
  }

  /**
   * The occurrence a work order was made for. Its equipment names the plan's target even after
   * the work order was moved to other equipment (PATCH may change equipmentId).
   */
  async occurrenceOfWorkOrder(
    planId: string,
    workOrderId: string,
  ): Promise<Pick<PmOccurrenceRow, 'equipmentId' | 'occurrenceKey'> | undefined> {
    const [row] = await this.database.executor
      .select({ equipmentId: pmOccurrences.equipmentId, occurrenceKey: pmOccurrences.occurrenceKey })
      .from(pmOccurrences)
      .where(and(eq(pmOccurrences.planId, planId), eq(pmOccurrences.workOrderId, workOrderId)))
      .limit(1);
    return row;
  }

  /**
   * Claims an occurrence: true when this call inserted it, false when it already existed (made
   * by another instance, an earlier run, or a repeated reading). The unique key is the guarantee.
   */
  async claimOccurrence(values: typeof pmOccurrences.$inferInsert): Promise<PmOccurrenceRow | undefined> {
    const [row] = await this.database.executor.insert(pmOccurrences).values(values).onConflictDoNothing().returning();
    return row;
  }

  /**
   * Whether a work order a target waits for is still open; if not (finished, deleted or gone),
   * when it finished: its actual end, else its last change.
   */
  async waitedForState(workOrderId: string): Promise<{ open: true } | { open: false; finishedAt: Date | null; completed: boolean }> {
    const [row] = await this.database.executor
      .select({
        status: workOrders.status,
        deletedAt: workOrders.deletedAt,
        actualEndTime: workOrders.actualEndTime,
        updatedAt: workOrders.updatedAt,
      })
      .from(workOrders)
      .where(eq(workOrders.id, workOrderId));
    if (row && !row.deletedAt && OPEN_WORK_ORDER_STATUSES.includes(row.status)) return { open: true };
    return {
      open: false,
      finishedAt: row ? (row.actualEndTime ?? row.deletedAt ?? row.updatedAt) : null,
      completed: !!row && !row.deletedAt && (row.status === 'COMPLETED' || row.status === 'CLOSED'),
    };
  }

  /** The work order of an occurrence made before, if it is still open. */
  async openWorkOrderOfOccurrence(planId: string, equipmentId: string, key: string): Promise<string | null> {
    const [row] = await this.database.rows<{ id: string }>(sql`
      select w.id from ${pmOccurrences} o join ${workOrders} w on w.id = o.work_order_id
      where o.plan_id = ${planId} and o.equipment_id = ${equipmentId} and o.occurrence_key = ${key}
        and w.deleted_at is null and w.status not in ('COMPLETED', 'CLOSED', 'CANCELLED')`);
    return row?.id ?? null;
  }

  /** Claims many at once (skipped occurrences); those that exist already are left alone. */
  async claimOccurrences(values: (typeof pmOccurrences.$inferInsert)[]): Promise<void> {
    for (let start = 0; start < values.length; start += 1000) {
      await this.database.executor
        .insert(pmOccurrences)
        .values(values.slice(start, start + 1000))
        .onConflictDoNothing();
    }
  }

  async attachWorkOrder(occurrenceId: string, workOrderId: string): Promise<void> {
    await this.database.executor.update(pmOccurrences).set({ workOrderId }).where(eq(pmOccurrences.id, occurrenceId));
  }

  occurrencesOfPlan(planId: string): Promise<PmOccurrenceRow[]> {
    return this.database.executor
      .select()
      .from(pmOccurrences)
      .where(eq(pmOccurrences.planId, planId))
      .orderBy(asc(pmOccurrences.dueAt), asc(pmOccurrences.equipmentId));
  }

  async equipmentExists(organizationId: string, ids: string[]): Promise<string[]> {
    const rows = await this.database.executor
      .select({ id: equipment.id })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), inArray(equipment.id, ids)));
    return rows.map((row) => row.id);
  }

  /** Those of `ids` that are RETIRED: no new work is planned on them. */
  async retiredAmong(organizationId: string, ids: readonly string[]): Promise<{ id: string; equipmentNumber: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.database.executor
      .select({ id: equipment.id, equipmentNumber: equipment.equipmentNumber, name: equipment.name })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), inArray(equipment.id, [...ids]), eq(equipment.status, 'RETIRED')));
  }

  async meterValue(meterId: string): Promise<number | null> {
    const [row] = await this.database.executor.select({ value: meters.lastValue }).from(meters).where(eq(meters.id, meterId));
    return row?.value ?? null;
  }

  /** A meter of the organization on one piece of equipment (plans may only use those). */
  async meterOn(organizationId: string, meterId: string): Promise<{ equipmentId: string; kind: string } | undefined> {
    const [row] = await this.database.executor
      .select({ equipmentId: meters.equipmentId, kind: meters.kind })
      .from(meters)
      .where(and(eq(meters.organizationId, organizationId), eq(meters.id, meterId)));
    return row;
  }

  timezoneOf(organizationId: string): Promise<string> {
    return organizationTimezone(this.database.executor, organizationId);
  }

  async holidayDates(organizationId: string): Promise<Set<string>> {
    const rows = await this.database.executor
      .select({ date: holidays.date })
      .from(holidays)
      .where(eq(holidays.organizationId, organizationId));
    return new Set(rows.map((row) => row.date));
  }
}
