import { Injectable } from '@nestjs/common';
import { canExecuteWorkOrder, canSeeWorkOrder } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { type WorkOrderRow, WorkOrdersRepository } from './work-orders.repository';

const TERMINAL = ['CLOSED', 'CANCELLED'] as const;

/** Loads a work order only for a caller who may see (or work on) it. */
@Injectable()
export class WorkOrderAccess {
  constructor(private readonly workOrders: WorkOrdersRepository) {}

  /** Invisible work (another organization's, or not assigned to/requested by the caller) is 404. */
  async requireVisible(principal: Principal, id: string): Promise<WorkOrderRow> {
    const row = await this.workOrders.find(principal.organizationId, id);
    if (!row || !canSeeWorkOrder(principal, row)) throw AppError.notFound('Work order');
    return row;
  }

  /** Tasks and parts: staff, or the technician it is assigned to; and the work must not be over. */
  async requireExecutable(principal: Principal, id: string): Promise<WorkOrderRow> {
    const row = await this.requireVisible(principal, id);
    if (!canExecuteWorkOrder(principal, row))
      throw AppError.forbidden('Only the assigned technician or planning staff may work on this work order');
    if ((TERMINAL as readonly string[]).includes(row.status)) {
      throw new AppError(ErrorCode.Conflict, `The work order is ${row.status}; reopen it to change its work`);
    }
    return row;
  }
}
