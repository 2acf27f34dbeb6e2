import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, sqlStateOf } from '../db/errors';
import { AppError, ErrorCode, problemFor, problemType } from './app-error';

/** PostgreSQL SQLSTATEs that mean bad input rather than a fault, whichever driver raised them. */
const DATABASE_CONFLICTS: Record<string, { code: ErrorCode; message: string }> = {
  '23505': { code: ErrorCode.Duplicate, message: 'A record with the same unique value already exists' },
  '23503': { code: ErrorCode.Conflict, message: 'A referenced record does not exist or is still referenced' },
  '23514': { code: ErrorCode.Conflict, message: 'The change would break a rule of the data (e.g. negative stock)' },
  '40001': { code: ErrorCode.Conflict, message: 'A concurrent change collided with this one; retry' },
  '40P01': { code: ErrorCode.Conflict, message: 'A concurrent change collided with this one; retry' },
  '22P02': { code: ErrorCode.Validation, message: 'A value has the wrong format' },
  '22P05': { code: ErrorCode.Validation, message: 'A text contains characters that cannot be stored' },
  '22021': { code: ErrorCode.Validation, message: 'A text contains characters that cannot be stored' },
  '22007': { code: ErrorCode.Validation, message: 'A date or time is not valid' },
  '22008': { code: ErrorCode.Validation, message: 'A date or time is out of range' },
  '22009': { code: ErrorCode.Validation, message: 'A date or time is out of range' },
  '22003': { code: ErrorCode.Conflict, message: 'A number would go out of the range that can be stored' },
  // program_limit_exceeded: e.g. a text too long for the unique index over it.
  '54000': { code: ErrorCode.Validation, message: 'A value is too long to be stored' },
};

/** Fastify's own errors (before our handlers run) mapped onto our codes. */
const FRAMEWORK_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MalformedBody,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedBody,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedBody,
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  [extension: string]: unknown;
}

const logger = new Logger('http');

/** Turns any thrown value into an RFC 9457 problem document. */
export function toProblem(error: unknown, instance: string): { problem: ProblemDocument; retryAfter?: number } {
  const appError = asAppError(error);
  const { status, title } = problemFor(appError.code);
  if (status >= 500) logger.error(describeForLog(error));
  const { errors, allowedNextStates, retryAfterSeconds, extensions } = appError.options;
  return {
    problem: {
      type: problemType(appError.code),
      title,
      status,
      detail: appError.message,
      instance,
      code: appError.code,
      ...(errors ? { errors } : {}),
      ...(allowedNextStates ? { allowedNextStates } : {}),
      ...extensions,
    },
    retryAfter: retryAfterSeconds,
  };
}

/**
 * What a 5xx log line says: the query text and the driver's message, never the bound
 * parameters (they hold user text and, for user rows, password hashes).
 */
function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const query = (error as { query?: unknown }).query;
  const cause = (error as { cause?: unknown }).cause;
  if (typeof query === 'string') return `database error: ${cause instanceof Error ? cause.message : error.name} in: ${query}`;
  return error.stack ?? error.message;
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const frameworkCode = (error as { code?: string } | null)?.code;
  if (frameworkCode && Object.hasOwn(FRAMEWORK_ERRORS, frameworkCode)) {
    return new AppError(FRAMEWORK_ERRORS[frameworkCode]!, (error as Error).message);
  }
  // The client hung up before its body was whole (Node's request stream says "aborted"): no fault here.
  if (error instanceof Error && error.message === 'aborted' && (error as { code?: string }).code === 'ECONNRESET') {
    return new AppError(ErrorCode.ClientClosed, 'The connection closed before the request was whole');
  }
  const sqlState = sqlStateOf(error);
  if (sqlState && Object.hasOwn(DATABASE_CONFLICTS, sqlState)) {
    const mapped = DATABASE_CONFLICTS[sqlState]!;
    return new AppError(mapped.code, mapped.message);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new AppError(ErrorCode.NotFound, 'No such route');
    if (status === 401) return new AppError(ErrorCode.Unauthenticated, error.message);
    if (status === 403) return new AppError(ErrorCode.Forbidden, error.message);
    if (status === 413) return new AppError(ErrorCode.PayloadTooLarge, error.message);
    if (status === 415) return new AppError(ErrorCode.UnsupportedMediaType, error.message);
    if (status >= 400 && status < 500) return new AppError(ErrorCode.Validation, error.message);
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  const statusCode = (error as { statusCode?: number } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new AppError(ErrorCode.MalformedBody, (error as Error).message);
  }
  return new AppError(ErrorCode.Internal, 'An unexpected error occurred');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const { problem, retryAfter } = toProblem(error, request.url.split('?')[0] ?? request.url);
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), error);
  }
}
