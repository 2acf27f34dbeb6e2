/** Dates leave the API as ISO 8601 UTC strings. */
export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
export const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** Keeps only the keys that were present in a PATCH body (undefined = not sent). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
