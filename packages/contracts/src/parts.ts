import { IsoDateTime, Money, PageQuery, Uuid, optionalText, text } from './common';
import { StockMovementKind } from './enums';
import { z } from './zod';

export const Part = z
  .object({
    id: Uuid,
    partNumber: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    unitCost: z.number(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int().openapi({ description: 'onHand − reserved' }),
    reorderPoint: z.number().int(),
    unit: z.string(),
    locationId: Uuid.nullable(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Part');
export type Part = z.infer<typeof Part>;

const Quantity = z.number().int().min(0).max(1_000_000);

export const CreatePart = z
  .object({
    partNumber: text(50),
    name: text(200),
    description: optionalText(2000),
    unitCost: Money.default(0),
    onHand: Quantity.default(0),
    reorderPoint: Quantity.default(0),
    unit: z.string().trim().min(1).max(20).default('each'),
    locationId: Uuid.nullish(),
  })
  .strict()
  .openapi('CreatePart');
export type CreatePart = z.infer<typeof CreatePart>;

/** Stock changes only through adjustments and work orders, so `onHand` is not editable here. */
export const UpdatePart = z
  .object({
    partNumber: text(50),
    name: text(200),
    description: optionalText(2000),
    unitCost: Money,
    reorderPoint: Quantity,
    unit: z.string().trim().min(1).max(20),
    locationId: Uuid.nullable(),
  })
  .partial()
  .strict()
  .openapi('UpdatePart');
export type UpdatePart = z.infer<typeof UpdatePart>;

export const PartListQuery = PageQuery.extend({
  search: z.string().trim().max(200).optional(),
  belowReorderPoint: z.enum(['true', 'false']).optional(),
});
export type PartListQuery = z.infer<typeof PartListQuery>;

export const StockAdjustment = z
  .object({
    quantity: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((quantity) => quantity !== 0, { message: 'must not be zero' })
      .openapi({ description: 'Signed change of stock on hand: + receipt, − write-off.' }),
    kind: z.enum(['RECEIPT', 'ADJUSTMENT']).default('ADJUSTMENT'),
    reason: text(500),
  })
  .strict()
  // Goods come in: a receipt adds stock; a write-off is an ADJUSTMENT.
  .refine((adjustment) => adjustment.kind !== 'RECEIPT' || adjustment.quantity > 0, {
    message: 'a RECEIPT adds stock: its quantity must be positive (a write-off is an ADJUSTMENT)',
    path: ['quantity'],
  })
  .openapi('StockAdjustment');
export type StockAdjustment = z.infer<typeof StockAdjustment>;

export const StockMovement = z
  .object({
    id: Uuid,
    partId: Uuid,
    kind: StockMovementKind,
    quantity: z.number().int(),
    onHandAfter: z.number().int(),
    reservedAfter: z.number().int(),
    workOrderId: Uuid.nullable(),
    reason: z.string().nullable(),
    userId: Uuid.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi('StockMovement');
export type StockMovement = z.infer<typeof StockMovement>;

export const StockAdjustmentResult = z.object({ part: Part, movement: StockMovement }).openapi('StockAdjustmentResult');
