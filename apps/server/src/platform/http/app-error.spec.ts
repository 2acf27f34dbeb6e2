import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, problemFor, problemType } from './app-error';

/** The status every code answers with, written out from the API documentation. */
const EXPECTED_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.MalformedBody]: 400,
  [ErrorCode.MalformedRequest]: 400,
  [ErrorCode.UriTooLong]: 414,
  [ErrorCode.HeadersTooLarge]: 431,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.ClientClosed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Duplicate]: 409,
  [ErrorCode.TransitionNotAllowed]: 409,
  [ErrorCode.ScheduleConflict]: 409,
  [ErrorCode.InsufficientStock]: 409,
  [ErrorCode.InUse]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

describe('problemFor', () => {
  it.each(Object.values(ErrorCode))('%s maps to an HTTP error status and a title', (code) => {
    const { status, title } = problemFor(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(title.trim().length).toBeGreaterThan(0);
  });

  it('every code answers the documented status', () => {
    const actual = Object.fromEntries(Object.values(ErrorCode).map((code) => [code, problemFor(code).status]));
    expect(actual).toEqual(EXPECTED_STATUS);
  });

  it('only an unreachable database and an internal fault are 5xx', () => {
    expect(Object.values(ErrorCode).filter((code) => problemFor(code).status >= 500)).toEqual([
      ErrorCode.ServiceUnavailable,
      ErrorCode.Internal,
    ]);
  });

  it('no two codes share a title', () => {
    const titles = Object.values(ErrorCode).map((code) => problemFor(code).title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('gives the titles clients show', () => {
    expect(problemFor(ErrorCode.TransitionNotAllowed)).toEqual({ status: 409, title: 'Transition not allowed' });
    expect(problemFor(ErrorCode.Duplicate)).toEqual({ status: 409, title: 'Already exists' });
    expect(problemFor(ErrorCode.PreconditionFailed)).toEqual({ status: 412, title: 'Precondition failed' });
  });
});

describe('problemType', () => {
  it('is a /problems/ path with dashes instead of underscores', () => {
    expect(problemType(ErrorCode.TransitionNotAllowed)).toBe('/problems/transition-not-allowed');
    expect(problemType(ErrorCode.Validation)).toBe('/problems/validation-failed');
    expect(problemType(ErrorCode.Forbidden)).toBe('/problems/forbidden');
  });

  it('is unique per code', () => {
    const types = Object.values(ErrorCode).map(problemType);
    expect(new Set(types).size).toBe(types.length);
  });
});

describe('AppError helpers', () => {
  it('notFound names what was not found', () => {
    const error = AppError.notFound('Work order');
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.message).toBe('Work order not found');
    expect(error.name).toBe('AppError');
    expect(error).toBeInstanceOf(Error);
  });

  it('forbidden has a default message and accepts another', () => {
    expect(AppError.forbidden().message).toBe('Your role does not allow this');
    expect(AppError.forbidden('Only your own work').message).toBe('Only your own work');
    expect(AppError.forbidden().code).toBe(ErrorCode.Forbidden);
  });

  it('validation summarises every field error, calling an empty path "body"', () => {
    const errors = [
      { path: 'title', message: 'must not be empty' },
      { path: '', message: 'unknown field "colour"' },
    ];
    const error = AppError.validation(errors);
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.message).toBe('Invalid input: title: must not be empty; body: unknown field "colour"');
    expect(error.options.errors).toEqual(errors);
  });

  it('an error without options has empty options', () => {
    expect(new AppError(ErrorCode.Conflict, 'x').options).toEqual({});
  });
});
