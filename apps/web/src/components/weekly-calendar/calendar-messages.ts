import type { FieldErrors } from '@/lib/form-errors';

/**
 * The contract's messages about a weekly calendar (its schema's, or the server's with the same
 * words) as a form says them: what to do rather than how the schema put it.
 */
export function plainCalendarMessage(message: string): string {
  if (message === 'unknown IANA time zone') return 'Not a time zone: enter a name such as Europe/Berlin or America/New_York';
  const tooLong = /^Too big: expected string to have <=\s*(\d+) characters?$/.exec(message);
  if (tooLong) return `At most ${tooLong[1]} characters`;
  const tooMany = /^Too big: expected array to have <=\s*(\d+) items?$/.exec(message);
  if (tooMany) return `At most ${tooMany[1]} rows`;
  return message;
}

export const plainCalendarErrors = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, plainCalendarMessage(message)]));
