import { UNDONE_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { canSeeWorkOrder } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { isoOrNull } from '../../platform/http/mapping';
import type { WorkOrderRow } from './work-orders.repository';
import { WorkOrdersRepository } from './work-orders.repository';

/** Whether a predecessor in this state still holds back the work waiting for it. */
export const isUndone = (status: string): boolean => (UNDONE_WORK_ORDER_STATUSES as readonly string[]).includes(status);

/**
 * The lock under which one organization's order of work is checked and changed: edits of
 * predecessors, and bookings (by hand or published) checked against them. Taken after the work
 * order, its people, machines and groups, and before PM targets, parts and the organization row
 * (see WorkOrdersService.crewConflicts and changeStatus).
 */
export const precedenceLock = (organizationId: string): string => `work-order-precedence:${organizationId}`;

/**
 * Whether work waiting for a predecessor is booked and has never started (SCHEDULED or ON_HOLD
 * with a time, no actual start): giving up the predecessor's booking would leave it booked to
 * wait for work planned nowhere. Work that has started (even if on hold or back to SCHEDULED
 * since) is past its order either way.
 */
export const waitsBooked = (row: Pick<WorkOrderRow, 'status' | 'scheduledStartTime' | 'actualStartTime'>): boolean =>
  (row.status === 'SCHEDULED' || row.status === 'ON_HOLD') && row.scheduledStartTime !== null && row.actualStartTime === null;

/** Another work order whose order against this booking is wrong, as a conflict names it. */
export interface PrecedenceConflict {
  workOrderId: string;
  workOrderNumber: string;
  /** `predecessor`: it must be finished first; `successor`: it waits for this one. */
  relation: 'predecessor' | 'successor';
  status: string;
  scheduledStartTime: string | null;
  scheduledEndTime: string | null;
}

/**
 * Precedence between work orders: what must be finished before a work order starts. Checks a
 * new list of predecessors (in the organization, visible to the caller, not itself, no cycle)
 * and what a booking would put out of order.
 */
@Injectable()
export class WorkOrderPrecedence {
  constructor(
    private readonly database: Database,
    private readonly workOrders: WorkOrdersRepository,
  ) {}

  /**
   * The predecessors to store for `current` (null: a new work order, which nothing waits for
   * yet). Refuses (400, at `predecessorIds.N`) a predecessor that is not a live work order the
   * caller can see in their organization, the work order itself, or one that already waits for
   * it, directly or through others (the order would be circular). One the work order already
   * waited for that has been deleted since is dropped without a word: it holds nothing back,
   * and a client sending back the list it read must not be refused for it. Edits of one
   * organization's precedence are checked one after the other (a lock until the transaction
   * ends; the caller holds the work order's row first), so two edits that are each acyclic cannot
   * together close a cycle.
   */
  async checkedPredecessors(principal: Principal, current: WorkOrderRow | null, requested: readonly string[]): Promise<string[]> {
    if (requested.length === 0) return [];
    const workOrderId = current?.id ?? null;
    if (workOrderId) await this.database.lockForTransaction(precedenceLock(principal.organizationId));
    const rows = await this.workOrders.findMany(principal.organizationId, requested);
    const found = new Map(rows.filter((row) => canSeeWorkOrder(principal, row)).map((row) => [row.id, row]));
    const gone = new Set(requested.filter((id) => !rows.some((row) => row.id === id) && current?.predecessorIds.includes(id)));
    const errors = requested.flatMap((id, index) => {
      const path = `predecessorIds.${index}`;
      if (id === workOrderId) return [{ path, message: 'a work order cannot wait for itself' }];
      return found.has(id) || gone.has(id) ? [] : [{ path, message: 'no such work order in your organization' }];
    });
    if (errors.length > 0) throw AppError.validation(errors);
    const ids = requested.filter((id) => !gone.has(id));
    if (!workOrderId || ids.length === 0) return ids;
    const circular = new Set(await this.waitingFor(principal.organizationId, ids, workOrderId));
    const cycles = requested.flatMap((id, index) =>
      circular.has(id)
        ? [
            {
              path: `predecessorIds.${index}`,
              message: `${found.get(id)!.workOrderNumber} already waits for this work order (directly or through others): the order would be circular`,
            },
          ]
        : [],
    );
    if (cycles.length > 0) throw AppError.validation(cycles);
    return ids;
  }

  /**
   * Of `starts`, those that wait for `target` through their predecessors (any number of steps).
   * One recursive query walks up from all of them; deleted work orders break a chain, as they
   * no longer hold anything back.
   */
  private async waitingFor(organizationId: string, starts: readonly string[], target: string): Promise<string[]> {
    const rows = await this.database.rows<{ origin: string }>(sql`
      with recursive reach(origin, id) as (
        select w.id, p.id
          from work_orders w cross join lateral unnest(w.predecessor_ids) as p(id)
         where w.organization_id = ${organizationId} and w.deleted_at is null
           and w.id = any(array[${sql.join(
             starts.map((id) => sql`${id}`),
             sql`, `,
           )}]::uuid[])
        union
        select r.origin, p.id
          from reach r
          join work_orders w on w.id = r.id and w.organization_id = ${organizationId} and w.deleted_at is null
          cross join lateral unnest(w.predecessor_ids) as p(id)
      )
      select distinct origin from reach where id = ${target}`);
    return rows.map((row) => row.origin);
  }

  /**
   * What booking `current` for [start, end) would put out of order: predecessors not done that
   * are not booked to end by `start` (or not booked at all), and work waiting for it, booked and
   * not started (see waitsBooked), booked to start before `end`.
   */
  async bookingConflicts(organizationId: string, current: WorkOrderRow, start: Date, end: Date): Promise<PrecedenceConflict[]> {
    // Two bookings of work ordered against each other, made at once, are checked one after the other.
    await this.database.lockForTransaction(precedenceLock(organizationId));
    const predecessors = (await this.workOrders.findMany(organizationId, current.predecessorIds)).filter(
      (row) => isUndone(row.status) && (row.scheduledEndTime === null || row.scheduledEndTime > start),
    );
    // Work waiting for it that has started is past its order: only work not started yet counts.
    const successors = (await this.workOrders.findSuccessors(organizationId, current.id)).filter(
      (row) => waitsBooked(row) && row.scheduledStartTime! < end,
    );
    return [
      ...predecessors.map((row) => toPrecedenceConflict(row, 'predecessor')),
      ...successors.map((row) => toPrecedenceConflict(row, 'successor')),
    ];
  }

  /**
   * What giving up `current`'s booking (back to OPEN, or reopened from CANCELLED) would put out
   * of order: the work waiting for it that is booked and not started. Read under the precedence
   * lock, so a booking of that work made at the same moment is checked before or after.
   */
  async unbookingConflicts(organizationId: string, current: WorkOrderRow): Promise<PrecedenceConflict[]> {
    await this.database.lockForTransaction(precedenceLock(organizationId));
    return (await this.workOrders.findSuccessors(organizationId, current.id))
      .filter(waitsBooked)
      .map((row) => toPrecedenceConflict(row, 'successor'));
  }
}

const toPrecedenceConflict = (row: WorkOrderRow, relation: PrecedenceConflict['relation']): PrecedenceConflict => ({
  workOrderId: row.id,
  workOrderNumber: row.workOrderNumber,
  relation,
  status: row.status,
  scheduledStartTime: isoOrNull(row.scheduledStartTime),
  scheduledEndTime: isoOrNull(row.scheduledEndTime),
});

/** A sentence about what a booking would put out of order (empty when nothing). */
export function describePrecedence(conflicts: readonly PrecedenceConflict[]): string {
  const first = conflicts.filter((conflict) => conflict.relation === 'predecessor');
  const after = conflicts.filter((conflict) => conflict.relation === 'successor');
  const parts: string[] = [];
  if (first.length > 0) {
    const unbooked = first.filter((conflict) => conflict.scheduledEndTime === null).map((conflict) => conflict.workOrderNumber);
    const late = first.filter((conflict) => conflict.scheduledEndTime !== null).map((conflict) => conflict.workOrderNumber);
    if (late.length > 0) parts.push(`it must wait for ${late.join(', ')}, booked to end after it would start`);
    if (unbooked.length > 0) parts.push(`it must wait for ${unbooked.join(', ')}, not booked and not done`);
  }
  if (after.length > 0)
    parts.push(`${after.map((conflict) => conflict.workOrderNumber).join(', ')} wait(s) for it but would start before it ends`);
  return parts.join('; ');
}
