import { BOOKED_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type Placeholder, type SQL, and, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { Database } from '../../platform/db/database';
import { equipment, organizations, technicians, workOrders } from '../../platform/db/schema';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;

/** An array column holding any of `values` (`&&`, which the column's GIN index serves). */
const holdsAny = (column: AnyPgColumn, values: readonly (string | Placeholder)[], type: 'uuid' | 'text'): SQL =>
  sql`${column} && array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;

/**
 * Work on which any of these technicians is booked: as its technician, or in its crew (the
 * crew's GIN index serves the overlap). Values or named placeholders (prepared list statements).
 */
export const bookedOn = (...technicianIds: (string | Placeholder)[]): SQL =>
  or(inArray(workOrders.technicianId, technicianIds), holdsAny(workOrders.crewTechnicianIds, technicianIds, 'uuid'))!;

/** Work that books its technicians at some moment between `start` and `end`. */
const booking = (start: Date, end: Date) => [
  inArray(workOrders.status, [...BOOKED_WORK_ORDER_STATUSES]),
  isNull(workOrders.deletedAt),
  lt(workOrders.scheduledStartTime, end),
  gt(workOrders.scheduledEndTime, start),
];

/** Ids bound per statement: far below PostgreSQL's 65,535 parameters, whatever a caller collects. */
const CHUNK = 1000;
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

@Injectable()
export class WorkOrdersRepository {
  constructor(private readonly database: Database) {}

  /** Hands out the next per-organization number; the row lock serializes concurrent creates. */
  async nextNumber(organizationId: string): Promise<number> {
    const [row] = await this.database.executor
      .update(organizations)
      .set({ workOrderSeq: sql`${organizations.workOrderSeq} + 1` })
      .where(eq(organizations.id, organizationId))
      .returning({ seq: organizations.workOrderSeq });
    if (!row) throw new Error(`organization ${organizationId} does not exist`);
    return row.seq;
  }

  async insert(values: NewWorkOrder): Promise<WorkOrderRow> {
    const [row] = await this.database.executor.insert(workOrders).values(values).returning();
    return row!;
  }

  /** `lock` holds the row until the transaction ends (only inside one). */
  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<WorkOrderRow | undefined> {
    const query = this.database.executor
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.id, id), isNull(workOrders.deletedAt)));
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  /** The live work orders of the organization among `ids` (in no particular order). */
  async findMany(organizationId: string, ids: readonly string[]): Promise<WorkOrderRow[]> {
    const rows: WorkOrderRow[] = [];
    for (const chunk of chunks([...new Set(ids)]))
      rows.push(
        ...(await this.database.executor
          .select()
          .from(workOrders)
          .where(and(eq(workOrders.organizationId, organizationId), inArray(workOrders.id, chunk), isNull(workOrders.deletedAt)))),
      );
    return rows;
  }

  /** The live work orders that wait for `id` (list it among their predecessors). */
  findSuccessors(organizationId: string, id: string): Promise<WorkOrderRow[]> {
    return this.findSuccessorsOf(organizationId, [id]);
  }

  /** The live work orders that wait for any of `ids`. */
  async findSuccessorsOf(organizationId: string, ids: readonly string[]): Promise<WorkOrderRow[]> {
    const rows = new Map<string, WorkOrderRow>();
    for (const chunk of chunks([...new Set(ids)])) {
      const found = await this.database.executor
        .select()
        .from(workOrders)
        .where(
          and(
            eq(workOrders.organizationId, organizationId),
            holdsAny(workOrders.predecessorIds, chunk, 'uuid'),
            isNull(workOrders.deletedAt),
          ),
        );
      // A successor of work in two chunks is read twice: once is enough.
      for (const row of found) rows.set(row.id, row);
    }
    return [...rows.values()];
  }

  /**
   * Booked work (given a technician) sharing any of these conflict groups between `start` and
   * `end`, other than `excludeId` (at most `limit` rows): what holds those groups then.
   */
  findBookedInGroups(
    organizationId: string,
    groups: readonly string[],
    start: Date,
    end: Date,
    limit: number,
    excludeId?: string,
  ): Promise<WorkOrderRow[]> {
    if (groups.length === 0) return Promise.resolve([]);
    const holding = holdsAny(workOrders.conflictGroups, groups, 'text');
    return this.bookedHolding(organizationId, excludeId ? and(holding, ne(workOrders.id, excludeId))! : holding, start, end, limit);
  }

  /**
   * Booked work on this equipment that needs it down and has not started, ending after `after`,
   * by start: what its maintenance windows must go on holding (a machine takes one job at a time).
   */
  findBookedDowntime(organizationId: string, equipmentId: string, after: Date): Promise<WorkOrderRow[]> {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          eq(workOrders.equipmentId, equipmentId),
          eq(workOrders.requiresDowntime, true),
          inArray(workOrders.status, ['SCHEDULED', 'ON_HOLD']),
          isNull(workOrders.actualStartTime),
          isNull(workOrders.deletedAt),
          isNotNull(workOrders.scheduledStartTime),
          gt(workOrders.scheduledEndTime, after),
        ),
      )
      .orderBy(workOrders.scheduledStartTime);
  }

  /** Booked work (given a technician) of the organization matching `holding` between `start` and `end` (at most `limit` rows). */
  private bookedHolding(organizationId: string, holding: SQL, start: Date, end: Date, limit: number): Promise<WorkOrderRow[]> {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), holding, isNotNull(workOrders.technicianId), ...booking(start, end)))
      .limit(limit);
  }

  /** Writes a change only over `expectedVersion`; undefined when someone else changed it first. */
  async update(
    organizationId: string,
    id: string,
    expectedVersion: number,
    changes: Partial<NewWorkOrder>,
  ): Promise<WorkOrderRow | undefined> {
    const [row] = await this.database.executor
      .update(workOrders)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          eq(workOrders.id, id),
          eq(workOrders.version, expectedVersion),
          isNull(workOrders.deletedAt),
        ),
      )
      .returning();
    return row;
  }

  /** Work that books any of these technicians of the organization between `start` and `end` (at most `limit` rows). */
  findBooked(organizationId: string, technicianIds: readonly string[], start: Date, end: Date, limit?: number): Promise<WorkOrderRow[]> {
    if (technicianIds.length === 0) return Promise.resolve([]);
    const query = this.database.executor
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), bookedOn(...technicianIds), ...booking(start, end)))
      .$dynamic();
    return limit === undefined ? query : query.limit(limit);
  }

  /**
   * Booked work (given a technician) on any of these equipment of the organization between
   * `start` and `end` (at most `limit` rows): what holds the equipment then.
   */
  findBookedOnEquipment(
    organizationId: string,
    equipmentIds: readonly string[],
    start: Date,
    end: Date,
    limit: number,
  ): Promise<WorkOrderRow[]> {
    if (equipmentIds.length === 0) return Promise.resolve([]);
    return this.bookedHolding(organizationId, inArray(workOrders.equipmentId, [...equipmentIds]), start, end, limit);
  }

  /** Work that books the technician (lead or crew) between `start` and `end`, other than `excludeId`. */
  findOverlapping(technicianId: string, start: Date, end: Date, excludeId: string): Promise<WorkOrderRow[]> {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(and(bookedOn(technicianId), ne(workOrders.id, excludeId), ...booking(start, end)));
  }

  /**
   * Locks the equipment row: bookings on one machine are checked one after the other. `no key
   * update`, not `update`: a new work order naming the machine (its foreign key takes `key
   * share`) is not held up, so it never waits on the machine while holding the organization row
   * a booking takes last, which would be a deadlock.
   */
  async lockEquipment(organizationId: string, equipmentId: string): Promise<void> {
    await this.database.executor
      .select({ id: equipment.id })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, equipmentId)))
      .for('no key update');
  }

  /**
   * Locks the technician's row for the rest of the transaction, so two planners assigning
   * overlapping work to the same person are checked one after the other.
   */
  async lockTechnician(organizationId: string, technicianId: string) {
    const [row] = await this.database.executor
      .select()
      .from(technicians)
      .where(and(eq(technicians.organizationId, organizationId), eq(technicians.id, technicianId)))
      .for('update');
    return row;
  }
}
