import { PRIORITIES, Uuid, type WorkOrderSort } from '@msched/contracts';
import { AppError } from '../../platform/http/app-error';

/** The column behind each sort key, and whether it can be empty (dates that may be unset). */
export const SORT_COLUMNS = {
  dueDate: { column: 'due_date', nullable: true, kind: 'date' },
  createdAt: { column: 'created_at', nullable: false, kind: 'date' },
  updatedAt: { column: 'updated_at', nullable: false, kind: 'date' },
  priority: { column: 'priority', nullable: false, kind: 'priority' },
  workOrderNumber: { column: 'number', nullable: false, kind: 'integer' },
  scheduledStartTime: { column: 'scheduled_start_time', nullable: true, kind: 'date' },
} as const;

export type SortField = keyof typeof SORT_COLUMNS;

/**
 * Whether a value is an instant as cursors write it (toISOString, years 0001–9999): anything
 * else, such as 30 February that JavaScript rolls over or a bare year, would fail in the
 * database instead of matching.
 */
function isCursorInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-/.test(value) || value < '0001') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/** Whether a value fits a PostgreSQL `integer` column: one outside it fails in the database instead of matching. */
const fitsInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1;

export function parseSort(sort: WorkOrderSort): { field: SortField; descending: boolean } {
  const descending = sort.startsWith('-');
  return { field: (descending ? sort.slice(1) : sort) as SortField, descending };
}

/** Where the previous page ended: the sort value (null for empty dates) and the row id. */
export interface CursorPosition {
  sort: WorkOrderSort;
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');
}

/** A cursor is only valid for the sort it was made with; anything else is a 400, not a 500. */
export function decodeCursor(cursor: string, sort: WorkOrderSort): CursorPosition {
  const invalid = () =>
    AppError.validation([{ path: 'cursor', message: 'is not a cursor from this list (or was made with another sort)' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) throw invalid();
  const [, value, id] = parsed as [unknown, unknown, unknown];
  if (typeof id !== 'string' || !Uuid.safeParse(id).success) throw invalid();
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw invalid();
  const { kind, nullable } = SORT_COLUMNS[parseSort(sort).field];
  // Only a column that can be empty has an empty position; elsewhere null would match no row.
  if (value === null) {
    if (!nullable) throw invalid();
    return { sort, value, id };
  }
  if (kind === 'date' && !isCursorInstant(value)) throw invalid();
  if (kind === 'integer' && !fitsInteger(value)) throw invalid();
  if (kind === 'priority' && !(PRIORITIES as readonly unknown[]).includes(value)) throw invalid();
  return { sort, value, id };
}
