import type { WorkOrderStatus } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { canExecuteWorkOrder, canSeeWorkOrder } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { type WorkOrderRow, WorkOrdersRepository } from './work-orders.repository';

/** States in which tasks and parts may still change: the work is not finished yet. */
const EXECUTABLE: readonly WorkOrderStatus[] = ['OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD'];

/** Loads a work order only for a caller who may see (or work on) it. */
@Injectable()
export class WorkOrderAccess {
  constructor(private readonly workOrders: WorkOrdersRepository) {}

  /** Invisible work (another organization's, or not assigned to/requested by the caller) is 404. */
  async requireVisible(principal: Principal, id: string, options: { lock?: boolean } = {}): Promise<WorkOrderRow> {
    const row = await this.workOrders.find(principal.organizationId, id, options);
    if (!row || !canSeeWorkOrder(principal, row)) throw AppError.notFound('Work order');
    return row;
  }

  /**
   * Tasks and parts: staff, or the technician it is assigned to; and the work must not be
   * finished. The row stays locked until the transaction ends, so a part added at the same
   * moment as the completion is either in before it (and released by it) or refused after.
   */
  async requireExecutable(principal: Principal, id: string): Promise<WorkOrderRow> {
    const row = await this.requireVisible(principal, id, { lock: true });
    if (!canExecuteWorkOrder(principal, row))
      throw AppError.forbidden('Only the assigned technician or planning staff may work on this work order');
    if (!EXECUTABLE.includes(row.status)) {
      throw new AppError(ErrorCode.Conflict, `The work order is ${row.status}: its tasks and parts can no longer change`);
    }
    return row;
  }
}
