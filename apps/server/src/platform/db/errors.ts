/** SQLSTATE of a driver error (pg or PGlite), also when Drizzle wrapped it. */
export function sqlStateOf(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';

/** The constraint (or unique index) a driver error names, also when Drizzle wrapped it. */
export function constraintOf(error: unknown): string | undefined {
  let current = error as { constraint?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.constraint === 'string') return current.constraint;
    current = current.cause as typeof current;
  }
  return undefined;
}

/** Rethrows anything but a unique violation, which becomes `conflict(the index it hit)`. */
export function onUniqueViolation(conflict: (constraint: string | undefined) => Error) {
  return (error: unknown): never => {
    throw sqlStateOf(error) === UNIQUE_VIOLATION ? conflict(constraintOf(error)) : error;
  };
}

const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const CLOSED_MESSAGES = [
  /pool after calling end/i,
  /PGlite is closed/i,
  /Connection terminated/i,
  // A statement (a transaction's rollback, say) on a connection that was lost while in use.
  /is not queryable/i,
  // Every connection of the pool busy for the connect timeout, or no answer within the query timeout.
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
];
/** 57014: a statement ended by `statement_timeout` (or an administrator): the database is too busy to answer now. */
const QUERY_CANCELED = '57014';

/** Whether an error means the database could not be reached or answer in time (not that the query was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = typeof current.code === 'string' ? current.code : '';
    // SQLSTATE class 08 (connection exception) and 57P01–57P03 (server shutting down / not ready).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === QUERY_CANCELED || UNREACHABLE_ERRNOS.has(code)) return true;
    if (typeof current.message === 'string' && CLOSED_MESSAGES.some((pattern) => pattern.test(current!.message as string))) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Connection failures worth one more try on a fresh connection (the design brief's list). */
const TRANSIENT_MESSAGES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'connection terminated',
  'Connection terminated unexpectedly',
  'Connection is not established',
  'Connection lost',
  'could not connect to server',
  'timeout exceeded when trying to connect',
];

export function isTransientConnectionError(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    const text = `${typeof current.code === 'string' ? current.code : ''} ${typeof current.message === 'string' ? current.message : ''}`;
    if (TRANSIENT_MESSAGES.some((fragment) => text.toLowerCase().includes(fragment.toLowerCase()))) return true;
    current = current.cause as typeof current;
  }
  return false;
}
