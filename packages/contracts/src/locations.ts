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

/** Minutes to travel between two sites, either way. */
export const SiteTravelTime = z
  .object({
    fromSiteId: Uuid,
    toSiteId: Uuid,
    minutes: z.number().int().min(0).max(1440),
  })
  .strict()
  .refine((pair) => pair.fromSiteId.toLowerCase() !== pair.toSiteId.toLowerCase(), {
    message: 'a site is no travel from itself',
    path: ['toSiteId'],
  })
  .openapi('SiteTravelTime');
export type SiteTravelTime = z.infer<typeof SiteTravelTime>;

/**
 * Every travel time between the organization's sites, replaced as a whole. A pair is named once
 * (in either direction); a pair left out costs the optimizer nothing to travel.
 */
export const SiteTravelTimes = z
  .object({ travelTimes: z.array(SiteTravelTime).max(1000) })
  .strict()
  .superRefine(({ travelTimes }, context) => {
    const seen = new Set<string>();
    travelTimes.forEach((pair, index) => {
      const key = [pair.fromSiteId.toLowerCase(), pair.toSiteId.toLowerCase()].sort().join('|');
      if (seen.has(key)) context.addIssue({ code: 'custom', message: 'this pair of sites is named twice', path: ['travelTimes', index] });
      seen.add(key);
    });
  })
  .openapi('SiteTravelTimes');
export type SiteTravelTimes = z.infer<typeof SiteTravelTimes>;

/**
 * The travel times as answered, with their version as a whole (also the ETag): a replacement
 * sent with `If-Match` is refused (412) when another replacement, or a site taking its pairs
 * with it, came first.
 */
export const SiteTravelTimesState = z
  .object({ version: z.number().int().min(1), travelTimes: z.array(SiteTravelTime) })
  .openapi('SiteTravelTimesState');
export type SiteTravelTimesState = z.infer<typeof SiteTravelTimesState>;
