export enum ErrorCode {
  Validation = 'validation_failed',
  MalformedBody = 'malformed_body',
  MalformedRequest = 'malformed_request',
  UriTooLong = 'uri_too_long',
  HeadersTooLarge = 'headers_too_large',
  RequestTimeout = 'request_timeout',
  ClientClosed = 'client_closed',
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Duplicate = 'duplicate',
  TransitionNotAllowed = 'transition_not_allowed',
  ScheduleConflict = 'schedule_conflict',
  InsufficientStock = 'insufficient_stock',
  InUse = 'in_use',
  PreconditionFailed = 'precondition_failed',
  IdempotencyKeyReused = 'idempotency_key_reused',
  RateLimited = 'rate_limited',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  ServiceUnavailable = 'service_unavailable',
  Internal = 'internal_error',
}

export type FieldError = { path: string; message: string };

export interface AppErrorOptions {
  errors?: FieldError[];
  allowedNextStates?: string[];
  retryAfterSeconds?: number;
  /** Extra members of the problem document (e.g. the conflicting work orders). */
  extensions?: Record<string, unknown>;
  /** Thrown before any handler ran (request validation): nothing was written. */
  changedNothing?: boolean;
}

/** The one exception type services throw; the HTTP layer maps its code to a problem document. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NotFound, `${what} not found`);
  }

  static forbidden(message = 'Your role does not allow this'): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }

  /** `changedNothing`: a request refused by its contract before any handler ran. */
  static validation(errors: FieldError[], options: Pick<AppErrorOptions, 'changedNothing'> = {}): AppError {
    const summary = errors.map((error) => `${error.path || 'body'}: ${error.message}`).join('; ');
    return new AppError(ErrorCode.Validation, `Invalid input: ${summary}`, { errors, ...options });
  }
}

export interface ProblemMapping {
  status: number;
  title: string;
}

/** Every code has exactly one status and title; adding a code without a mapping fails to compile. */
export function problemFor(code: ErrorCode): ProblemMapping {
  switch (code) {
    case ErrorCode.Validation:
      return { status: 400, title: 'Invalid input' };
    case ErrorCode.MalformedBody:
      return { status: 400, title: 'Malformed request body' };
    case ErrorCode.MalformedRequest:
      return { status: 400, title: 'Malformed request' };
    case ErrorCode.UriTooLong:
      return { status: 414, title: 'URI too long' };
    case ErrorCode.HeadersTooLarge:
      return { status: 431, title: 'Request header fields too large' };
    case ErrorCode.RequestTimeout:
      return { status: 408, title: 'Request timeout' };
    case ErrorCode.ClientClosed:
      // Nobody reads it: the client went away before its request was whole (nginx logs 499).
      return { status: 400, title: 'Client closed the request' };
    case ErrorCode.Unauthenticated:
      return { status: 401, title: 'Authentication required' };
    case ErrorCode.InvalidCredentials:
      return { status: 401, title: 'Invalid credentials' };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ErrorCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case ErrorCode.Duplicate:
      return { status: 409, title: 'Already exists' };
    case ErrorCode.TransitionNotAllowed:
      return { status: 409, title: 'Transition not allowed' };
    case ErrorCode.ScheduleConflict:
      return { status: 409, title: 'Scheduling conflict' };
    case ErrorCode.InsufficientStock:
      return { status: 409, title: 'Insufficient stock' };
    case ErrorCode.InUse:
      return { status: 409, title: 'Still in use' };
    case ErrorCode.PreconditionFailed:
      return { status: 412, title: 'Precondition failed' };
    case ErrorCode.IdempotencyKeyReused:
      return { status: 422, title: 'Idempotency key reused' };
    case ErrorCode.RateLimited:
      return { status: 429, title: 'Too many requests' };
    case ErrorCode.PayloadTooLarge:
      return { status: 413, title: 'Payload too large' };
    case ErrorCode.UnsupportedMediaType:
      return { status: 415, title: 'Unsupported media type' };
    case ErrorCode.ServiceUnavailable:
      return { status: 503, title: 'Service unavailable' };
    case ErrorCode.Internal:
      return { status: 500, title: 'Internal server error' };
  }
}

/** The `type` URI of a problem: stable and documented per code. */
export const problemType = (code: ErrorCode) => `/problems/${code.replaceAll('_', '-')}`;
