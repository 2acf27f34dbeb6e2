import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error';
import { decodeCursor, encodeCursor } from './work-order-cursor';

const ID = '0b4f7c1e-6a8e-4f7e-9a35-1f3c8f0d2a11';
/** A cursor written by hand: [sort, value, id] as JSON in base64url, as encodeCursor writes it. */
const raw = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** The field a refusal names, or 'accepted'. */
function verdict(cursor: string, sort: Parameters<typeof decodeCursor>[1]): string {
  try {
    decodeCursor(cursor, sort);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (error.options.errors ?? []).map((entry) => entry.path).join(',');
  }
}

describe('work-order cursors', () => {
  it.each([
    ['dueDate', '2026-11-30T08:00:00.000Z'],
    ['-dueDate', null],
    ['createdAt', '0001-01-01T00:00:00.000Z'],
    ['priority', 'CRITICAL'],
    ['-workOrderNumber', 2 ** 31 - 1],
  ] as const)('reads back what it wrote: %s at %s', (sort, value) => {
    const position = { sort, value, id: ID };
    expect(decodeCursor(encodeCursor(position), sort)).toEqual(position);
  });

  // Each of these reached the database before, which refused it with a 400 naming no field.
  it.each([
    ['an id of 36 hex digits', raw('dueDate', '2026-11-30T08:00:00.000Z', '0123456789abcdef0123456789abcdef0123'), 'dueDate'],
    ['a day that does not exist', raw('dueDate', '2026-02-30T00:00:00.000Z', ID), 'dueDate'],
    ['a bare year', raw('createdAt', '2', ID), 'createdAt'],
    ['a date without a time', raw('createdAt', '2026-11-30', ID), 'createdAt'],
    ['a year past 9999', raw('createdAt', '+010000-01-01T00:00:00.000Z', ID), 'createdAt'],
    ['year 0', raw('createdAt', '0000-06-01T00:00:00.000Z', ID), 'createdAt'],
    ['a priority that is none', raw('priority', 'URGENT', ID), 'priority'],
    ['a number too large for the column', raw('workOrderNumber', 2 ** 31, ID), 'workOrderNumber'],
    ['an empty position where none can be', raw('createdAt', null, ID), 'createdAt'],
    ['another sort', raw('createdAt', '2026-11-30T08:00:00.000Z', ID), 'dueDate'],
    ['not JSON', Buffer.from('not json').toString('base64url'), 'dueDate'],
  ] as const)('refuses %s as the cursor', (_case, cursor, sort) => {
    expect(verdict(cursor, sort)).toBe('cursor');
  });
});
