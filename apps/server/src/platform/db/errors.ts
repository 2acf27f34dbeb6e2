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

/** Rethrows anything but a unique violation, which becomes `conflict()`. */
export function onUniqueViolation(conflict: () => Error) {
  return (error: unknown): never => {
    throw sqlStateOf(error) === UNIQUE_VIOLATION ? conflict() : error;
  };
}
