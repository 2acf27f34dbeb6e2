import { describe, expect, it } from 'vitest';
import { ErrorCode, problemFor } from './app-error';
import { assertVersion, concurrentChange, parseIfMatch } from './concurrency';
import { thrownAppError } from '../../../test/support/app-error';

describe('parseIfMatch', () => {
  it.each([
    ['a quoted ETag', '"3"', 3],
    ['a weak ETag', 'W/"3"', 3],
    ['a bare number', '3', 3],
    ['an ETag with spaces around it', '  "12"  ', 12],
    ['a large version', '"987654321"', 987_654_321],
    ['a zero version', '"0"', 0],
  ])('reads %s', (_what, header, version) => {
    expect(parseIfMatch(header)).toEqual([version]);
  });

  it('no header, an empty one or * means any version', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    expect(parseIfMatch('   ')).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('a repeated header or a list accepts any of its versions (RFC 9110)', () => {
    expect(parseIfMatch(['"7"', '"8"'])).toEqual([7, 8]);
    expect(parseIfMatch('"3", W/"4"')).toEqual([3, 4]);
  });

  it('a version in the list passes, none in the list is 412', () => {
    expect(() => assertVersion([4, 5], 5, 'This work order')).not.toThrow();
    expect(thrownAppError(() => assertVersion([3, 4], 5, 'This work order')).code).toBe(ErrorCode.PreconditionFailed);
  });

  it('an empty header list means any version', () => {
    expect(parseIfMatch([])).toBeUndefined();
  });

  it.each([
    ['text', 'abc'],
    ['a hash-like ETag', '"a1b2c3"'],
    ['a negative number', '"-1"'],
    ['a decimal', '"3.5"'],
    ['a 10-digit number', '"1234567890"'],
    ['a list with one unreadable ETag', '"3", "x"'],
  ])('refuses %s with a validation error naming If-Match', (_what, header) => {
    const error = thrownAppError(() => parseIfMatch(header));
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.options.errors).toEqual([{ path: 'If-Match', message: 'must be an ETag such as "3" as answered by a GET' }]);
  });
});

describe('assertVersion', () => {
  it('passes when no version was given', () => {
    expect(() => assertVersion(undefined, 5, 'This work order')).not.toThrow();
  });

  it('passes when the given version is the current one', () => {
    expect(() => assertVersion(5, 5, 'This work order')).not.toThrow();
  });

  it('a change made against an older version is refused with 412 and the current version', () => {
    const error = thrownAppError(() => assertVersion(4, 5, 'This work order'));
    expect(error.code).toBe(ErrorCode.PreconditionFailed);
    expect(problemFor(error.code).status).toBe(412);
    expect(error.options.extensions).toEqual({ currentVersion: 5 });
    expect(error.message).toBe('This work order has changed since you read it (your version 4, current 5): reload it and try again');
  });

  it('a version from the future is refused too', () => {
    expect(thrownAppError(() => assertVersion(6, 5, 'This part')).options.extensions).toEqual({ currentVersion: 5 });
  });
});

describe('concurrentChange', () => {
  it('is a 412 telling the user to reload', () => {
    const error = concurrentChange('This work order');
    expect(error.code).toBe(ErrorCode.PreconditionFailed);
    expect(error.message).toBe('This work order was changed by someone else at the same time: reload it and try again');
  });
});
