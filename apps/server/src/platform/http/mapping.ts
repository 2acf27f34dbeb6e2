/** Dates leave the API as ISO 8601 UTC strings. */
export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
export const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

const DIGIT_0 = 48;
const DIGIT_9 = 57;
/** "YYYY-MM-DD HH:MM:SS+00", PostgreSQL's shortest text of a timestamptz in UTC (ISO DateStyle). */
const SHORTEST_UTC_TEXT = 22;
/** Up to microseconds: ".ffffff". */
const LONGEST_FRACTION = 7;

/**
 * The API's ISO string of a timestamptz as PostgreSQL writes it, exactly what
 * `new Date(text).toISOString()` answers, without making the Date: lists convert hundreds of
 * instants per request. Only PostgreSQL's ISO text in UTC for years 1000–9999 is rewritten
 * directly ("2026-03-01 08:30:00.5+00" → "2026-03-01T08:30:00.500Z"; JavaScript keeps
 * milliseconds and drops the rest of a fraction). Anything else (another session time zone,
 * another DateStyle, years the Date parser reads its own way, BC, infinity) goes through Date
 * as before, so it answers, or fails, exactly as it did.
 */
export function isoFromPostgres(text: string): string {
  const fraction = text.length - SHORTEST_UTC_TEXT;
  if (fraction < 0 || fraction > LONGEST_FRACTION || fraction === 1 || !isPlainUtcText(text, fraction)) return new Date(text).toISOString();
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millisecondsOf(text, fraction)}Z`;
}

export const isoFromPostgresOrNull = (text: string | null) => (text === null ? null : isoFromPostgres(text));

/** "YYYY-MM-DD HH:MM:SS", then "." and `fraction - 1` digits when `fraction` > 0, then "+00"; the year from 1000. */
function isPlainUtcText(text: string, fraction: number): boolean {
  if (text.charCodeAt(0) === DIGIT_0) return false;
  for (let index = 0; index < SEPARATORS.length; index++) {
    const code = text.charCodeAt(index);
    const separator = SEPARATORS[index];
    if (separator === undefined ? !isDigit(code) : code !== separator) return false;
  }
  if (fraction > 0) {
    if (text.charCodeAt(19) !== DOT) return false;
    for (let index = 20; index < 19 + fraction; index++) if (!isDigit(text.charCodeAt(index))) return false;
  }
  return text.endsWith('+00');
}

const DOT = 46;
const isDigit = (code: number) => code >= DIGIT_0 && code <= DIGIT_9;

/** The separator at each position of "YYYY-MM-DD HH:MM:SS" (undefined where a digit goes). */
const SEPARATORS: readonly (number | undefined)[] = [...'dddd-dd-dd dd:dd:dd'].map((char) =>
  char === 'd' ? undefined : char.charCodeAt(0),
);

/** Three digits of milliseconds from a fraction of 1–6 digits (or none), truncated as Date truncates. */
function millisecondsOf(text: string, fraction: number): string {
  if (fraction === 0) return '000';
  const digits = text.slice(20, 20 + Math.min(fraction - 1, 3));
  return digits.length === 3 ? digits : digits.padEnd(3, '0');
}

/** Keeps only the keys that were present in a PATCH body (undefined = not sent). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
