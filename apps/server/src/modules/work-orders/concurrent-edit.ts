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
