import type { AddWorkOrderPart, UpdateWorkOrderPart, WorkOrderPartLine } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { WorkOrderEvents } from './work-order-events';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion } from '../../platform/http/concurrency';
import { PartsService } from '../parts/parts.service';
import type { StockChange } from '../parts/parts.repository';
import { lostRace } from './concurrent-edit';
import { WorkOrderAccess } from './work-order-access';
import { type PartLineRow, WorkOrderDetailsRepository } from './work-order-details.repository';
import { toPartLine } from './work-order.mapper';
import type { WorkOrderRow } from './work-orders.repository';

type LineMove = { to: PartLineRow['status']; kind: StockChange['kind']; onHand: number; reserved: number };

/** How each line change moves stock, per unit: issuing a reservation takes it from both counts. */
const LINE_MOVES: Record<PartLineRow['status'], Partial<Record<UpdateWorkOrderPart['status'], LineMove>>> = {
  RESERVED: {
    ISSUED: { to: 'ISSUED', kind: 'ISSUE', onHand: -1, reserved: -1 },
    RELEASED: { to: 'RELEASED', kind: 'RELEASE', onHand: 0, reserved: -1 },
  },
  ISSUED: { RETURNED: { to: 'RETURNED', kind: 'RETURN', onHand: 1, reserved: 0 } },
  RETURNED: {},
  RELEASED: {},
};

export interface PartLineResult {
  line: WorkOrderPartLine;
  partOnHand: number;
  partAvailable: number;
}

/** Parts reserved and used on work orders; every change is a stock movement in the same transaction. */
@Injectable()
export class WorkOrderPartsService {
  constructor(
    private readonly database: Database,
    private readonly access: WorkOrderAccess,
    private readonly details: WorkOrderDetailsRepository,
    private readonly parts: PartsService,
    private readonly events: WorkOrderEvents,
  ) {}

  async list(principal: Principal, workOrderId: string): Promise<WorkOrderPartLine[]> {
    await this.access.requireVisible(principal, workOrderId);
    return (await this.details.partLinesOf([workOrderId])).map(toPartLine);
  }

  async add(principal: Principal, workOrderId: string, input: AddWorkOrderPart): Promise<PartLineResult> {
    return this.database.transaction(async () => {
      const workOrder = await this.access.requireExecutable(principal, workOrderId);
      const part = await this.parts.require(principal, input.partId).catch((error: unknown) => {
        throw error instanceof AppError && error.code === ErrorCode.NotFound
          ? AppError.validation([{ path: 'partId', message: 'no such part in your organization' }])
          : error;
      });
      const reserve = input.action === 'reserve';
      const { part: after } = await this.parts.changeStock(principal, part.id, {
        kind: reserve ? 'RESERVE' : 'ISSUE',
        onHandDelta: reserve ? 0 : -input.quantity,
        reservedDelta: reserve ? input.quantity : 0,
        workOrderId: workOrder.id,
        reason: `${workOrder.workOrderNumber}`,
        userId: principal.userId,
      });
      const lineId = await this.details.insertPartLine({
        organizationId: principal.organizationId,
        workOrderId: workOrder.id,
        partId: part.id,
        quantity: input.quantity,
        status: reserve ? 'RESERVED' : 'ISSUED',
        unitCost: part.unitCost,
      });
      const line = await this.details.findPartLine(workOrder.id, lineId);
      await this.events.updated(principal, workOrder, ['parts']);
      return { line: toPartLine(line!), partOnHand: after.onHand, partAvailable: after.onHand - after.reserved };
    });
  }

  async update(
    principal: Principal,
    workOrderId: string,
    lineId: string,
    input: UpdateWorkOrderPart,
    expectedVersion?: number | readonly number[],
  ): Promise<PartLineResult> {
    return this.database.transaction(async () => {
      const workOrder = await this.access.requireExecutable(principal, workOrderId);
      const line = await this.details.findPartLine(workOrder.id, lineId);
      if (!line) throw AppError.notFound('Part line');
      assertVersion(expectedVersion, line.version, 'This part line');
      const move = LINE_MOVES[line.status][input.status];
      if (!move) throw new AppError(ErrorCode.Conflict, `A ${line.status} part line cannot become ${input.status}`);
      const after = await this.moveLine(principal, workOrder, line, move, expectedVersion);
      const updated = await this.details.findPartLine(workOrder.id, lineId);
      await this.events.updated(principal, workOrder, ['parts']);
      return { line: toPartLine(updated!), partOnHand: after.onHand, partAvailable: after.onHand - after.reserved };
    });
  }

  /**
   * Gives back what is still reserved when the work ends without using it. The parts are locked
   * in id order (not the order they were reserved in), as every writer takes them: two work
   * orders holding the same parts never wait for each other in a cycle.
   */
  async releaseReservations(principal: Principal, workOrder: WorkOrderRow): Promise<void> {
    const lines = await this.details.partLinesOf([workOrder.id]);
    const reserved = lines.filter((candidate) => candidate.status === 'RESERVED').sort(byPartThenLine);
    for (const line of reserved) {
      await this.moveLine(principal, workOrder, line, LINE_MOVES.RESERVED.RELEASED!);
    }
  }

  private async moveLine(
    principal: Principal,
    workOrder: WorkOrderRow,
    line: PartLineRow,
    move: LineMove,
    expectedVersion?: number | readonly number[],
  ) {
    if (!(await this.details.movePartLine(line, move.to))) throw lostRace('This part line', expectedVersion);
    const { part } = await this.parts.changeStock(principal, line.partId, {
      kind: move.kind,
      onHandDelta: move.onHand * line.quantity,
      reservedDelta: move.reserved * line.quantity,
      workOrderId: workOrder.id,
      reason: workOrder.workOrderNumber,
      userId: principal.userId,
    });
    return part;
  }
}

const byPartThenLine = (a: PartLineRow, b: PartLineRow) =>
  a.partId < b.partId ? -1 : a.partId > b.partId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
