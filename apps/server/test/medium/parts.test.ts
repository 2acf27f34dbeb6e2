import { CreatePart, PartListQuery, StockAdjustment } from '@msched/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { parts, stockMovements } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, partition, principalOf } from './support';

describe('PartsService over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let services: Services;
  let planner: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'stores');
    other = await createOrganization(database, 'otherstores');
    services = buildServices(database);
    planner = principalOf(org, 'planner');
  });
  afterAll(() => dispose());

  const newPart = (input: Record<string, unknown>) =>
    services.parts.create(planner, CreatePart.parse({ name: 'Bearing', unitCost: 12.3, ...input }));

  const ledger = async (partId: string) =>
    database.db.select().from(stockMovements).where(eq(stockMovements.partId, partId)).orderBy(stockMovements.createdAt);

  const storedPart = async (partId: string) => (await database.db.select().from(parts).where(eq(parts.id, partId)))[0]!;

  /** What the ledger says is on hand: the sum of all movements that change on-hand stock. */
  const ledgerOnHand = async (partId: string) =>
    (await ledger(partId))
      .filter((movement) => movement.kind !== 'RESERVE' && movement.kind !== 'RELEASE')
      .reduce((sum, movement) => sum + movement.quantity, 0);

  describe('create', () => {
    it('books opening stock as one RECEIPT movement', async () => {
      const part = await newPart({ partNumber: 'B-1', onHand: 7, reorderPoint: 2 });
      expect(part).toMatchObject({
        partNumber: 'B-1',
        onHand: 7,
        reserved: 0,
        available: 7,
        reorderPoint: 2,
        unitCost: 12.3,
        unit: 'each',
      });
      const movements = await ledger(part.id);
      expect(movements).toHaveLength(1);
      expect(movements[0]).toMatchObject({
        kind: 'RECEIPT',
        quantity: 7,
        onHandAfter: 7,
        reservedAfter: 0,
        reason: 'opening stock',
        userId: planner.userId,
        workOrderId: null,
        organizationId: org.organizationId,
      });
    });

    it('books nothing for a part created without stock', async () => {
      const part = await newPart({ partNumber: 'B-0' });
      expect(part.onHand).toBe(0);
      expect(await ledger(part.id)).toEqual([]);
    });

    it('refuses a part number already used in the organization, and leaves no half-created part', async () => {
      const error = await appError(newPart({ partNumber: 'P-1', onHand: 3 }), ErrorCode.Duplicate);
      expect(error.message).toBe('Part number P-1 is already used in your organization');
      const page = await services.parts.list(planner, PartListQuery.parse({ search: 'P-1' }));
      expect(page.data.map((part) => part.id)).toEqual([org.partId]);
      const elsewhere = await services.parts.create(principalOf(other, 'planner'), CreatePart.parse({ partNumber: 'B-1', name: 'Same' }));
      expect(elsewhere.partNumber).toBe('B-1');
    });
  });

  describe('adjustments', () => {
    it('receipts and write-offs move stock and each leave one movement', async () => {
      const part = await newPart({ partNumber: 'ADJ-1', onHand: 10 });
      const received = await services.parts.adjust(
        planner,
        part.id,
        StockAdjustment.parse({ quantity: 5, kind: 'RECEIPT', reason: 'delivery' }),
      );
      expect(received.part).toMatchObject({ onHand: 15, available: 15, version: 3 });
      expect(received.movement).toMatchObject({ kind: 'RECEIPT', quantity: 5, onHandAfter: 15, reservedAfter: 0, reason: 'delivery' });
      const written = await services.parts.adjust(planner, part.id, StockAdjustment.parse({ quantity: -4, reason: 'damaged' }));
      expect(written.part).toMatchObject({ onHand: 11, available: 11 });
      expect(written.movement).toMatchObject({ kind: 'ADJUSTMENT', quantity: -4, onHandAfter: 11, reason: 'damaged' });

      const history = await services.parts.movements(planner, part.id, 1, 10);
      expect(history.total).toBe(3);
      expect(history.data.map((movement) => movement.quantity).sort((a, b) => a - b)).toEqual([-4, 5, 10]);
      expect(await ledgerOnHand(part.id)).toBe(11);
    });

    it('refuses an adjustment below zero with the stock figures, and changes nothing', async () => {
      const part = await newPart({ partNumber: 'ADJ-2', onHand: 3 });
      const error = await appError(
        services.parts.adjust(planner, part.id, StockAdjustment.parse({ quantity: -4, reason: 'count' })),
        ErrorCode.InsufficientStock,
      );
      expect(error.options.extensions).toEqual({ partId: part.id, onHand: 3, reserved: 0, available: 3 });
      expect(await storedPart(part.id)).toMatchObject({ onHand: 3, reserved: 0, version: part.version });
      expect(await ledger(part.id)).toHaveLength(1);
      const emptied = await services.parts.adjust(planner, part.id, StockAdjustment.parse({ quantity: -3, reason: 'count' }));
      expect(emptied.part.onHand).toBe(0);
    });

    it("cannot touch another organization's part", async () => {
      await appError(
        services.parts.adjust(planner, other.partId, StockAdjustment.parse({ quantity: -1, reason: 'steal' })),
        ErrorCode.NotFound,
      );
      expect((await storedPart(other.partId)).onHand).toBe(10);
    });
  });

  describe('concurrent issues', () => {
    it('20 concurrent issues of 1 unit against 10 on hand: exactly 10 succeed and stock ends at 0', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          services.parts.changeStock(planner, org.partId, { kind: 'ISSUE', onHandDelta: -1, reservedDelta: 0, userId: planner.userId }),
        ),
      );
      const { values, reasons } = partition(results);
      expect(values).toHaveLength(10);
      expect(reasons).toHaveLength(10);
      expect(reasons.every((reason) => (reason as { code?: unknown }).code === ErrorCode.InsufficientStock)).toBe(true);
      expect(values.map((value) => value.part.onHand).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await storedPart(org.partId)).toMatchObject({ onHand: 0, reserved: 0 });
      const issues = (await ledger(org.partId)).filter((movement) => movement.kind === 'ISSUE');
      expect(issues).toHaveLength(10);
      expect(await ledgerOnHand(org.partId)).toBe(0);
    });
  });

  describe('reservations', () => {
    it('cannot exceed what is available, and reserved stock cannot be issued to someone else', async () => {
      const part = await newPart({ partNumber: 'RES-1', onHand: 10 });
      const reserve = (quantity: number) =>
        services.parts.changeStock(planner, part.id, { kind: 'RESERVE', onHandDelta: 0, reservedDelta: quantity, userId: planner.userId });

      const held = await reserve(8);
      expect(held.part).toMatchObject({ onHand: 10, reserved: 8 });
      expect(held.movement).toMatchObject({ kind: 'RESERVE', quantity: 8, onHandAfter: 10, reservedAfter: 8 });

      const error = await appError(reserve(3), ErrorCode.InsufficientStock);
      expect(error.options.extensions).toEqual({ partId: part.id, onHand: 10, reserved: 8, available: 2 });
      await appError(
        services.parts.changeStock(planner, part.id, { kind: 'ISSUE', onHandDelta: -3, reservedDelta: 0, userId: planner.userId }),
        ErrorCode.InsufficientStock,
      );
      await appError(
        services.parts.adjust(planner, part.id, StockAdjustment.parse({ quantity: -3, reason: 'write-off' })),
        ErrorCode.InsufficientStock,
      );
      expect(await storedPart(part.id)).toMatchObject({ onHand: 10, reserved: 8 });

      await reserve(2);
      expect((await services.parts.get(planner, part.id)).available).toBe(0);
      const released = await services.parts.changeStock(planner, part.id, {
        kind: 'RELEASE',
        onHandDelta: 0,
        reservedDelta: -8,
        userId: planner.userId,
      });
      expect(released.part).toMatchObject({ onHand: 10, reserved: 2 });
      await appError(
        services.parts.changeStock(planner, part.id, { kind: 'RELEASE', onHandDelta: 0, reservedDelta: -3, userId: planner.userId }),
        ErrorCode.InsufficientStock,
      );
      expect(await ledgerOnHand(part.id)).toBe(10);
    });

    it('concurrent reservations never hold more than is on hand', async () => {
      const part = await newPart({ partNumber: 'RES-2', onHand: 5 });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          services.parts.changeStock(planner, part.id, { kind: 'RESERVE', onHandDelta: 0, reservedDelta: 1, userId: planner.userId }),
        ),
      );
      expect(partition(results).values).toHaveLength(5);
      expect(await storedPart(part.id)).toMatchObject({ onHand: 5, reserved: 5 });
    });
  });

  describe('list', () => {
    it('finds parts below their reorder point by available stock', async () => {
      const low = await newPart({ partNumber: 'LOW-1', onHand: 4, reorderPoint: 5 });
      const fine = await newPart({ partNumber: 'LOW-2', onHand: 9, reorderPoint: 5 });
      await services.parts.changeStock(planner, fine.id, { kind: 'RESERVE', onHandDelta: 0, reservedDelta: 3, userId: planner.userId });
      const page = await services.parts.list(planner, PartListQuery.parse({ search: 'LOW-', belowReorderPoint: 'true' }));
      expect(page.data.map((part) => part.partNumber)).toEqual(['LOW-1']);
      expect(page.total).toBe(1);
      expect(low.available).toBe(4);
      await services.parts.changeStock(planner, fine.id, { kind: 'RESERVE', onHandDelta: 0, reservedDelta: 1, userId: planner.userId });
      const after = await services.parts.list(planner, PartListQuery.parse({ search: 'LOW-', belowReorderPoint: 'true' }));
      expect(after.data.map((part) => part.partNumber)).toEqual(['LOW-1', 'LOW-2']);
    });
  });
});
