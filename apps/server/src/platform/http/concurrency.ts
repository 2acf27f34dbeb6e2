import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from './app-error';

/**
 * Parses an If-Match header into the expected versions. `*` or no header means "any version";
 * a list (`"3", "4"`) accepts any of them; anything unreadable is a 400 rather than a silent overwrite.
 */
export function parseIfMatch(header: string | string[] | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '' || value === '*') return undefined;
  return value.split(',').map((tag) => {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(tag.trim());
    if (!match?.[1]) {
      throw AppError.validation([{ path: 'If-Match', message: 'must be an ETag such as "3" as answered by a GET' }]);
    }
    return Number(match[1]);
  });
}

/** `@IfMatch() expectedVersion: number[] | undefined` */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** Refuses a change made against a version that is no longer current. */
export function assertVersion(expected: number | readonly number[] | undefined, current: number, what: string): void {
  const accepted = typeof expected === 'number' ? [expected] : expected;
  if (accepted !== undefined && !accepted.includes(current)) {
    throw new AppError(
      ErrorCode.PreconditionFailed,
      `${what} has changed since you read it (your version ${accepted.join(', ')}, current ${current}): reload it and try again`,
      { extensions: { currentVersion: current } },
    );
  }
}

/** A value as compared between versions: instants by their ISO text, ids in lower case, absent as null. */
export const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : (value ?? null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Equal as JSON whatever the key order (jsonb does not keep it) and with absent = undefined =
 * null; instants (Date or ISO text) and UUIDs (any case) compare as comparable() makes them.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    value === null || value === undefined
      ? null
      : Array.isArray(value)
        ? value.map(canonical)
        : value instanceof Date
          ? value.toISOString()
          : typeof value === 'object'
            ? Object.fromEntries(
                Object.entries(value)
                  .filter(([, entry]) => entry !== undefined && entry !== null)
                  .sort(([x], [y]) => x.localeCompare(y))
                  .map(([key, entry]) => [key, canonical(entry)]),
              )
            : value;
  return JSON.stringify(canonical(comparable(a))) === JSON.stringify(canonical(comparable(b)));
}

/**
 * Whether writing `changes` would leave `current` as it is. Such an edit is answered with the
 * row as it stands: no new version (which would make every other editor's If-Match stale for
 * nothing), no event, no history.
 */
export function changesNothing(current: object, changes: object): boolean {
  const before = current as Record<string, unknown>;
  return Object.entries(changes).every(([field, value]) => sameValue(before[field], value));
}

/**
 * Answers every single-resource response with `ETag: "<version>"`. A Fastify hook on the
 * object about to be serialized, not a Nest interceptor: an interceptor puts an rxjs pipeline
 * on every request of every route, including the lists that never carry a version.
 */
export function tagVersionedAnswers(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', async (_request, reply, payload: unknown) => {
    const version = (payload as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && reply.statusCode < 300) reply.header('etag', `"${version}"`);
    return payload;
  });
}

/** The 412 for a write that lost a race against another change of the same object. */
export const concurrentChange = (what: string) =>
  new AppError(ErrorCode.PreconditionFailed, `${what} was changed by someone else at the same time: reload it and try again`);
