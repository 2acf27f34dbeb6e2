import { AppError, ErrorCode } from '../../platform/http/app-error';
import { concurrentChange } from '../../platform/http/concurrency';

/**
 * A write that lost a race: another change of the same object committed between this write's
 * read and its conditional update. With If-Match the caller's precondition no longer holds
 * (412); without one, nothing the caller sent failed, so the answer is a conflict (409).
 */
export function lostRace(what: string, expectedVersion: number | readonly number[] | undefined): AppError {
  if (expectedVersion !== undefined) return concurrentChange(what);
  return new AppError(ErrorCode.Conflict, `${what} was changed by someone else at the same time: reload it and try again`);
}

/** A value as compared between versions: instants by their ISO text, ids in lower case, absent as null. */
export const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : (value ?? null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether writing `changes` would leave `current` as it is. Such an edit is answered with the
 * row as it stands: no new version (which would make every other editor's If-Match stale for
 * nothing), no event, no history.
 */
export function changesNothing(current: object, changes: object): boolean {
  const before = current as Record<string, unknown>;
  return Object.entries(changes).every(([field, value]) => JSON.stringify(comparable(before[field])) === JSON.stringify(comparable(value)));
}
