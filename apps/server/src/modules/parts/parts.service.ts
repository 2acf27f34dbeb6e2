import type { CreatePart, Paged, Part, PartListQuery, StockAdjustment, StockMovement, UpdatePart } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';
import { lostRace } from '../work-orders/concurrent-edit';
import { type PartRow, PartsRepository, type StockChange, type StockMovementRow } from './parts.repository';

export const toPart = (row: PartRow): Part => ({
  id: row.id,
  partNumber: row.partNumber,
  name: row.name,
  description: row.description,
  unitCost: row.unitCost,
  onHand: row.onHand,
  reserved: row.reserved,
  available: row.onHand - row.reserved,
  reorderPoint: row.reorderPoint,
  unit: row.unit,
  locationId: row.locationId,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export const toStockMovement = (row: StockMovementRow): StockMovement => ({
  id: row.id,
  partId: row.partId,
  kind: row.kind,
  quantity: row.quantity,
  onHandAfter: row.onHandAfter,
  reservedAfter: row.reservedAfter,
  workOrderId: row.workOrderId,
  reason: row.reason,
  userId: row.userId,
  createdAt: iso(row.createdAt),
});

const duplicatePartNumber = (partNumber: string) =>
  onUniqueViolation(() => new AppError(ErrorCode.Duplicate, `Part number ${partNumber} is already used in your organization`));

@Injectable()
export class PartsService {
  constructor(
    private readonly database: Database,
    private readonly parts: PartsRepository,
  ) {}

  async list(principal: Principal, query: PartListQuery): Promise<Paged<Part>> {
    const { rows, total } = await this.parts.list(principal.organizationId, query);
    return { data: rows.map(toPart), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<Part> {
    return toPart(await this.require(principal, id));
  }

  /** Opening stock is booked as a RECEIPT so the ledger always sums to what is on hand. */
  async create(principal: Principal, input: CreatePart): Promise<Part> {
    await this.assertLocation(principal, input.locationId);
    return this.database
      .transaction(async () => {
        const row = await this.parts.insert({ ...input, onHand: 0, organizationId: principal.organizationId });
        if (input.onHand === 0) return toPart(row);
        const booked = await this.parts.applyStockChange(principal.organizationId, row.id, {
          kind: 'RECEIPT',
          onHandDelta: input.onHand,
          reservedDelta: 0,
          reason: 'opening stock',
          userId: principal.userId,
        });
        return toPart(booked!.part);
      })
      .catch(duplicatePartNumber(input.partNumber));
  }

  async update(principal: Principal, id: string, input: UpdatePart, expectedVersion?: number | readonly number[]): Promise<Part> {
    await this.assertLocation(principal, input.locationId);
    return this.database.transaction(async () => {
      const current = await this.require(principal, id);
      assertVersion(expectedVersion, current.version, 'This part');
      const changes = definedOnly(input);
      if (changesNothing(current, changes)) return toPart(current);
      const updated = await this.parts
        .update(principal.organizationId, id, current.version, changes)
        .catch(duplicatePartNumber(input.partNumber ?? current.partNumber));
      if (!updated) throw lostRace('This part', expectedVersion);
      return toPart(updated);
    });
  }

  /** A signed change of stock on hand; with If-Match, only against the part's version read. */
  async adjust(principal: Principal, id: string, input: StockAdjustment, expectedVersion?: number[]) {
    const result = await this.changeStock(principal, id, {
      kind: input.kind,
      onHandDelta: input.quantity,
      reservedDelta: 0,
      reason: input.reason,
      userId: principal.userId,
      expectedVersion,
    });
    return { part: toPart(result.part), movement: toStockMovement(result.movement) };
  }

  async movements(principal: Principal, id: string, page: number, limit: number): Promise<Paged<StockMovement>> {
    await this.require(principal, id);
    const { rows, total } = await this.parts.movements(principal.organizationId, id, page, limit);
    return { data: rows.map(toStockMovement), total, page, limit };
  }

  /**
   * The one way stock changes (adjustments and work orders): refused with 409 if it would go short,
   * and with 412 if made against a version that is no longer current.
   */
  async changeStock(principal: Principal, partId: string, change: StockChange) {
    // The stock row and its ledger entry commit together or not at all.
    const result = await this.database.transaction(() => this.parts.applyStockChange(principal.organizationId, partId, change));
    if (result) return result;
    const part = await this.require(principal, partId);
    assertVersion(change.expectedVersion, part.version, 'This part');
    const available = part.onHand - part.reserved;
    throw new AppError(
      ErrorCode.InsufficientStock,
      `Not enough stock of ${part.partNumber} (${part.name}): ${part.onHand} on hand, ${part.reserved} reserved, ${available} available`,
      { extensions: { partId, onHand: part.onHand, reserved: part.reserved, available } },
    );
  }

  async require(principal: Principal, id: string): Promise<PartRow> {
    const row = await this.parts.find(principal.organizationId, id);
    if (!row) throw AppError.notFound('Part');
    return row;
  }

  private async assertLocation(principal: Principal, locationId: string | null | undefined) {
    if (locationId && !(await this.parts.locationExists(principal.organizationId, locationId))) {
      throw AppError.validation([{ path: 'locationId', message: 'no such location in your organization' }]);
    }
  }
}
