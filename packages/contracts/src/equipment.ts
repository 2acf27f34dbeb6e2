import { IsoDateTime, PageQuery, Uuid, optionalText, text } from './common';
import { Criticality, EquipmentStatus } from './enums';
import { AvailabilityException, ShiftPattern, isValidTimeZone } from './technicians';
import { z } from './zod';

/**
 * When the equipment may be taken down for maintenance: weekly windows in its own time zone
 * (weekday 1 = Monday … 7 = Sunday; an end before the start runs past midnight) and dated
 * exceptions (`available: true` adds a window, e.g. a planned shutdown; `false` removes one,
 * e.g. a weekend the line runs). Work that needs the equipment down is planned only inside them.
 */
export const MaintenanceWindows = z
  .object({
    timezone: z.string().max(64).default('UTC'),
    weeklyPattern: z.array(ShiftPattern).max(21),
    exceptions: z.array(AvailabilityException).max(200).default([]),
  })
  .strict()
  .refine((windows) => isValidTimeZone(windows.timezone), { message: 'unknown IANA time zone', path: ['timezone'] })
  .openapi('MaintenanceWindows');
export type MaintenanceWindows = z.infer<typeof MaintenanceWindows>;

export const Equipment = z
  .object({
    id: Uuid,
    equipmentNumber: z.string(),
    name: z.string(),
    type: z.string(),
    criticality: Criticality,
    status: EquipmentStatus,
    locationId: Uuid.nullable(),
    parentId: Uuid.nullable(),
    ownerId: Uuid.nullable(),
    maintenanceManagerId: Uuid.nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    installDate: IsoDateTime.nullable(),
    description: z.string().nullable(),
    maintenanceWindows: MaintenanceWindows.nullable().openapi({
      description: 'When it may be taken down for maintenance; null: never defined, so work that needs it down has no window to go in.',
    }),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Equipment');
export type Equipment = z.infer<typeof Equipment>;

/** The editable fields, without defaults: a PATCH must never reset what it did not name. */
const EquipmentFields = z.object({
  equipmentNumber: text(50),
  name: text(200),
  type: text(100),
  criticality: Criticality,
  status: EquipmentStatus,
  locationId: Uuid.nullish(),
  parentId: Uuid.nullish(),
  ownerId: Uuid.nullish(),
  maintenanceManagerId: Uuid.nullish(),
  manufacturer: optionalText(200),
  model: optionalText(200),
  serialNumber: optionalText(200),
  installDate: IsoDateTime.nullish(),
  description: optionalText(4000),
  maintenanceWindows: MaintenanceWindows.nullish(),
});

export const CreateEquipment = EquipmentFields.extend({
  criticality: Criticality.default('B'),
  status: EquipmentStatus.default('OPERATIONAL'),
})
  .strict()
  .openapi('CreateEquipment');
export type CreateEquipment = z.infer<typeof CreateEquipment>;

export const UpdateEquipment = EquipmentFields.partial().strict().openapi('UpdateEquipment');
export type UpdateEquipment = z.infer<typeof UpdateEquipment>;

export const EquipmentListQuery = PageQuery.extend({
  status: EquipmentStatus.optional(),
  type: z.string().trim().max(100).optional(),
  locationId: Uuid.optional(),
  parentId: Uuid.optional(),
  search: z.string().trim().max(200).optional(),
});
export type EquipmentListQuery = z.infer<typeof EquipmentListQuery>;
