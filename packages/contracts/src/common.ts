import { z } from './zod';

/**
 * Lower-cased on input: PostgreSQL matches a UUID whatever its case, so an id compared as text
 * (`id === principal.userId`) must have the case the database answers with.
 */
export const Uuid = z.uuid().toLowerCase().openapi({ example: '0b4f7c1e-6a8e-4f7e-9a35-1f3c8f0d2a11' });

/** The years an instant may fall in (UTC). Before 1000 some readers take a year such as 0050 for 1950. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

/** ISO 8601 instant; an offset is accepted on input, answers are always UTC with `Z`. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .refine(
    (value) => {
      const year = new Date(value).getUTCFullYear();
      // Text that is no instant at all is the format check's to report.
      return Number.isNaN(year) || (year >= FIRST_YEAR && year <= LAST_YEAR);
    },
    { message: `must fall in the years ${FIRST_YEAR} to ${LAST_YEAR} (UTC)` },
  )
  .openapi({ example: '2026-11-30T08:00:00.000Z' });

/** Money in the organization's currency, as a decimal number (stored as numeric(10,2)). */
export const Money = z
  .number()
  .nonnegative()
  .max(99_999_999.99)
  .multipleOf(0.01)
  // multipleOf reads 1e-7 (exponent form) as a whole number: a positive amount is a cent at least.
  .refine((amount) => amount === 0 || amount >= 0.01, { message: 'must be 0 or at least 0.01' });

export const Minutes = z.number().int().min(0).max(525_600);

export const Problem = z
  .object({
    type: z.string().openapi({ example: '/problems/transition-not-allowed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().openapi({ description: 'Stable machine-readable error code.' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    allowedNextStates: z.array(z.string()).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100, { message: 'limit must be at most 100' }).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  });
}

export type Paged<T> = { data: T[]; total: number; page: number; limit: number };

export const IdParam = z.object({ id: Uuid });

/** A trimmed, non-empty text of at most `max` characters. */
export function text(max: number) {
  return z.string().trim().min(1, { message: 'must not be empty' }).max(max);
}

export const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** Refuses a window whose end comes before its start, on the end; both ends are optional and inclusive. */
export function orderedWindow<From extends string, To extends string>(from: From, to: To) {
  return (query: { [K in From | To]?: string }, context: z.RefinementCtx) => {
    const start = query[from];
    const end = query[to];
    if (start && end && Date.parse(end) < Date.parse(start)) {
      context.addIssue({ code: 'custom', message: `must not be before ${from}`, path: [to], input: end });
    }
  };
}
