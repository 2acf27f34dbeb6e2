import { IsoDateTime, PageQuery, Uuid, optionalText, text } from './common';
import { LocationKind } from './enums';
import { z } from './zod';

export const Location = z
  .object({
    id: Uuid,
    name: z.string(),
    code: z.string().nullable(),
    kind: LocationKind,
    parentId: Uuid.nullable(),
    description: z.string().nullable(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Location');
export type Location = z.infer<typeof Location>;

/** The editable fields, without defaults: a PATCH must never reset what it did not name. */
const LocationFields = z.object({
  name: text(200),
  code: optionalText(50),
  kind: LocationKind,
  parentId: Uuid.nullish(),
  description: optionalText(2000),
});

export const CreateLocation = LocationFields.extend({ kind: LocationKind.default('SITE') })
  .strict()
  .openapi('CreateLocation');
export type CreateLocation = z.infer<typeof CreateLocation>;

export const UpdateLocation = LocationFields.partial().strict().openapi('UpdateLocation');
export type UpdateLocation = z.infer<typeof UpdateLocation>;

export const LocationListQuery = PageQuery.extend({ parentId: Uuid.optional() });
export type LocationListQuery = z.infer<typeof LocationListQuery>;
