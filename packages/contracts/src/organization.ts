import { IsoDateTime, Uuid, text } from './common';
import { isValidTimeZone } from './technicians';
import { z } from './zod';

/** An IANA time zone name (`Europe/Berlin`), checked against the runtime's zone data. */
export const TimeZoneName = z
  .string()
  .trim()
  .max(64)
  .refine(isValidTimeZone, { message: 'unknown IANA time zone' })
  .openapi({ example: 'Europe/Berlin' });

/** An ISO 4217 currency code, upper-cased. */
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: 'a three-letter ISO 4217 code' })
  .openapi({ example: 'EUR' });

export const Organization = z
  .object({
    id: Uuid,
    name: z.string(),
    slug: z.string(),
    timezone: z.string().openapi({ description: 'The local days of PM plans (due dates, holidays) and the times notifications name.' }),
    currency: z.string().openapi({ description: 'ISO 4217 code of every money amount (costs, rates, prices).' }),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Organization');
export type Organization = z.infer<typeof Organization>;

export const UpdateOrganization = z
  .object({ name: text(200), timezone: TimeZoneName, currency: CurrencyCode })
  .partial()
  .strict()
  .openapi('UpdateOrganization');
export type UpdateOrganization = z.infer<typeof UpdateOrganization>;
