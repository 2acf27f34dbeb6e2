import { BadRequestException, ForbiddenException, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode } from './app-error';
import { toProblem } from './problem.filter';

const INSTANCE = '/work-orders/11111111-1111-4111-8111-111111111111';

const fastifyError = (code: string, message: string, statusCode: number) => Object.assign(new Error(message), { code, statusCode });

describe('toProblem', () => {
  let logged: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // 5xx answers are logged; keep the test output clean and observe what is logged.
    logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('maps an AppError to a complete problem document', () => {
    const error = new AppError(ErrorCode.NotFound, 'Work order not found');
    expect(toProblem(error, INSTANCE)).toStrictEqual({
      problem: {
        type: '/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'Work order not found',
        instance: INSTANCE,
        code: 'not_found',
      },
      retryAfter: undefined,
    });
  });

  it('a validation error carries its field errors', () => {
    const { problem } = toProblem(AppError.validation([{ path: 'title', message: 'must not be empty' }]), '/work-orders');
    expect(problem).toStrictEqual({
      type: '/problems/validation-failed',
      title: 'Invalid input',
      status: 400,
      detail: 'Invalid input: title: must not be empty',
      instance: '/work-orders',
      code: 'validation_failed',
      errors: [{ path: 'title', message: 'must not be empty' }],
    });
  });

  it('a refused transition carries the allowed next states', () => {
    const error = new AppError(ErrorCode.TransitionNotAllowed, 'no', { allowedNextStates: ['ON_HOLD', 'COMPLETED'] });
    const { problem } = toProblem(error, INSTANCE);
    expect(problem.status).toBe(409);
    expect(problem.type).toBe('/problems/transition-not-allowed');
    expect(problem.allowedNextStates).toEqual(['ON_HOLD', 'COMPLETED']);
  });

  it('extensions become members of the problem document', () => {
    const error = new AppError(ErrorCode.PreconditionFailed, 'stale', { extensions: { currentVersion: 7 } });
    const { problem } = toProblem(error, INSTANCE);
    expect(problem.status).toBe(412);
    expect(problem.currentVersion).toBe(7);
  });

  it('a rate limit answers the seconds to wait for the Retry-After header', () => {
    const error = new AppError(ErrorCode.RateLimited, 'slow down', { retryAfterSeconds: 30 });
    const result = toProblem(error, '/auth/login');
    expect(result.problem.status).toBe(429);
    expect(result.retryAfter).toBe(30);
  });

  it('a pg unique violation (23505) is a 409 Duplicate', () => {
    const { problem } = toProblem(Object.assign(new Error('duplicate key value'), { code: '23505' }), '/parts');
    expect(problem).toStrictEqual({
      type: '/problems/duplicate',
      title: 'Already exists',
      status: 409,
      detail: 'A record with the same unique value already exists',
      instance: '/parts',
      code: 'duplicate',
    });
  });

  it('a unique violation wrapped by Drizzle (in cause) is a 409 Duplicate too', () => {
    const wrapped = Object.assign(new Error('Failed query: insert into "parts" ...'), { cause: { code: '23505' } });
    const { problem } = toProblem(wrapped, '/parts');
    expect(problem.status).toBe(409);
    expect(problem.code).toBe(ErrorCode.Duplicate);
  });

  it('a check violation (23514, e.g. negative stock) is a 409 Conflict', () => {
    const { problem } = toProblem({ code: '23514' }, '/parts/1/adjustments');
    expect(problem.status).toBe(409);
    expect(problem.code).toBe(ErrorCode.Conflict);
    expect(problem.detail).toBe('The change would break a rule of the data (e.g. negative stock)');
  });

  it('a foreign-key violation (23503) is a 409 Conflict', () => {
    expect(toProblem({ code: '23503' }, '/x').problem.code).toBe(ErrorCode.Conflict);
  });

  it('a malformed value reaching the database (22P02) is a 400', () => {
    const { problem } = toProblem({ cause: { code: '22P02' } }, '/x');
    expect(problem.status).toBe(400);
    expect(problem.code).toBe(ErrorCode.Validation);
  });

  it('a value too long for its index (54000, program_limit_exceeded) is a 400, not a 500', () => {
    const tooLong = Object.assign(new Error('Failed query: insert into "users" ...'), {
      cause: { code: '54000', message: 'index row size 5064 exceeds btree version 4 maximum 2704 for index "users_email_key"' },
    });
    const { problem } = toProblem(tooLong, '/api/v1/users');
    expect(problem).toMatchObject({ status: 400, code: ErrorCode.Validation, detail: 'A value is too long to be stored' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('a body that is too large is a 413', () => {
    const { problem } = toProblem(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large', 413), '/work-orders');
    expect(problem.status).toBe(413);
    expect(problem.code).toBe(ErrorCode.PayloadTooLarge);
    expect(problem.type).toBe('/problems/payload-too-large');
    expect(problem.detail).toBe('Request body is too large');
  });

  it('an unsupported content type is a 415', () => {
    const error = fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', "Unsupported Media Type: 'text/xml'", 415);
    const { problem } = toProblem(error, '/work-orders');
    expect(problem.status).toBe(415);
    expect(problem.code).toBe(ErrorCode.UnsupportedMediaType);
  });

  it('invalid JSON is a 400 malformed body', () => {
    const { problem } = toProblem(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 'Body is not valid JSON', 400), '/work-orders');
    expect(problem.status).toBe(400);
    expect(problem.code).toBe(ErrorCode.MalformedBody);
  });

  it('an unknown route is a 404 "No such route"', () => {
    const { problem } = toProblem(new NotFoundException('Cannot GET /nope'), '/nope');
    expect(problem.status).toBe(404);
    expect(problem.detail).toBe('No such route');
  });

  it('Nest 401 and 403 exceptions keep their meaning', () => {
    expect(toProblem(new UnauthorizedException(), '/x').problem.status).toBe(401);
    expect(toProblem(new ForbiddenException(), '/x').problem.status).toBe(403);
    expect(toProblem(new BadRequestException('bad'), '/x').problem.code).toBe(ErrorCode.Validation);
  });

  it('an unexpected error is a 500 that does not leak its message', () => {
    const error = new Error('connect ECONNREFUSED postgres://admin:hunter2@db:5432');
    const { problem } = toProblem(error, '/work-orders');
    expect(problem).toStrictEqual({
      type: '/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred',
      instance: '/work-orders',
      code: 'internal_error',
    });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('a client hanging up mid-body (the request stream\'s "aborted") is its doing, not a logged fault', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(toProblem(aborted, '/x').problem).toMatchObject({ status: 400, code: 'client_closed' });
    expect(logged).not.toHaveBeenCalled();
    // A reset of another connection (the database's) is no client's doing.
    expect(toProblem(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), '/x').problem.status).toBeGreaterThanOrEqual(500);
  });

  it('a thrown non-error value is a 500 too', () => {
    expect(toProblem('boom', '/x').problem.status).toBe(500);
    expect(toProblem(null, '/x').problem.status).toBe(500);
    expect(toProblem(undefined, '/x').problem.status).toBe(500);
  });

  it('an unmapped database error is a 500, not a client error', () => {
    const { problem } = toProblem(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), '/x');
    expect(problem.status).toBe(500);
    expect(problem.detail).toBe('An unexpected error occurred');
  });

  it('a client error is not logged as a server fault', () => {
    toProblem(AppError.notFound('Part'), '/parts/1');
    expect(logged).not.toHaveBeenCalled();
  });

  it('an error whose code is an Object.prototype member ("constructor") is answered as a 500, not a crash', () => {
    // FRAMEWORK_ERRORS is looked up with `in`, which also finds inherited members such as
    // `constructor`; toProblem promises a document for any thrown value.
    const error = Object.assign(new Error('odd library error'), { code: 'constructor' });
    expect(toProblem(error, '/x').problem.status).toBe(500);
  });
});
